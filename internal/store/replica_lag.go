package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// How far behind a read replica may fall.
//
// A streaming replica replays the primary's write-ahead log some time
// after the primary wrote it: usually well under a second, but minutes or
// hours when the replica's disk is slow, a long query holds replay back,
// or the link between them breaks. For that long a visitor would see a
// reply missing, a figure one step behind, or a message that was hidden.
// WatchReplica bounds it: it notes the primary's log position every tick,
// asks the replica how far it has replayed, and while anything the primary
// had written maxLag ago is still not replayed (or the replica does not
// answer), public reads go to the primary. They come back to the replica
// as soon as it has caught up.
//
// Positions in the log are compared, not timestamps: the replica's "time
// of the last replayed transaction" stops while the primary is idle, which
// would look like lag, and timestamps from two machines need their clocks
// to agree.

// DefaultReplicaMaxLag is how far behind the primary a read replica may
// fall before public reads leave it, when none is configured.
const DefaultReplicaMaxLag = 10 * time.Second

// lsnSample is the primary's write-ahead log position at a moment.
type lsnSample struct {
	at  time.Time
	lsn uint64
}

// replicaWatch holds what WatchReplica has seen.
type replicaWatch struct {
	maxLag  time.Duration
	samples []lsnSample // oldest first, covering a little more than maxLag
}

// ReplicaUsable reports whether public reads go to the read replica now:
// one is attached, answers, and lags less than its bound.
func (s *Store) ReplicaUsable() bool { return s.replica != nil && !s.replicaOff.Load() }

// WatchReplica checks the read replica's lag every tick (a quarter of
// maxLag, between 250 ms and 5 s) until ctx ends, and sends public reads
// to the primary while the replica is more than maxLag behind or does not
// answer. It logs each change. Without an attached replica it returns at
// once. A replica that is not a streaming standby (not in recovery: a
// logical copy, say) has no replay position to compare; it is used while
// it answers, and its lag is not bounded.
func (s *Store) WatchReplica(ctx context.Context, maxLag time.Duration, log *slog.Logger) {
	if s.replica == nil {
		return
	}
	if maxLag <= 0 {
		maxLag = DefaultReplicaMaxLag
	}
	tick := min(max(maxLag/4, 250*time.Millisecond), 5*time.Second)
	w := &replicaWatch{maxLag: maxLag}
	warnedStandby := false
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		off, why, standby := w.check(ctx, s.write, s.replica, time.Now())
		if ctx.Err() != nil {
			return
		}
		if !standby && !warnedStandby && !off {
			warnedStandby = true
			log.Warn("the read replica is not a streaming standby: its lag is not measured")
		}
		if was := s.replicaOff.Swap(off); was != off {
			if off {
				log.Warn("public reads go to the primary", slog.String("reason", why), slog.Duration("max_lag", maxLag))
			} else {
				log.Info("public reads go to the read replica again")
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// check samples the primary's position at now, asks the replica how far it
// has replayed, and reports whether the replica must be left out, why, and
// whether it is a streaming standby at all.
func (w *replicaWatch) check(ctx context.Context, primary, replica *sql.DB, now time.Time) (off bool, why string, standby bool) {
	ctx, cancel := context.WithTimeout(ctx, max(w.maxLag, time.Second))
	defer cancel()
	// Without the primary nothing is served anyway: when it does not answer,
	// no sample is taken and the replica is judged by the earlier ones.
	var pos string
	if err := primary.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&pos); err == nil {
		if lsn, err := parseLSN(pos); err == nil {
			w.samples = append(w.samples, lsnSample{at: now, lsn: lsn})
		}
	}
	var recovering bool
	var replayed sql.NullString
	if err := replica.QueryRowContext(ctx, "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text").Scan(&recovering, &replayed); err != nil {
		return true, fmt.Sprintf("the read replica does not answer: %v", err), true
	}
	if !recovering {
		w.samples = nil
		return false, "", false
	}
	done, err := parseLSN(replayed.String)
	if err != nil {
		return true, "the read replica has replayed nothing yet", true
	}
	// Forget what is older than the newest sample past the bound: that one
	// alone decides.
	cut := now.Add(-w.maxLag)
	first := 0
	for i, p := range w.samples {
		if !p.at.After(cut) {
			first = i
		}
	}
	w.samples = w.samples[first:]
	if p := w.samples; len(p) > 0 && !p[0].at.After(cut) && p[0].lsn > done {
		return true, fmt.Sprintf("the read replica is more than %v behind", w.maxLag), true
	}
	return false, "", true
}

// parseLSN reads a PostgreSQL log position written as two hexadecimal
// halves, "16/B374D848".
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	if !ok {
		return 0, fmt.Errorf("store: %q is not a log position", s)
	}
	h, err := strconv.ParseUint(hi, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("store: %q is not a log position", s)
	}
	l, err := strconv.ParseUint(lo, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("store: %q is not a log position", s)
	}
	return h<<32 | l, nil
}
