package store

import (
	"context"
	"sync"
	"time"
)

// SQLite keeps each commit's pages in its write-ahead log, and a
// checkpoint copies them into the database file, then syncs it. By
// default the connection that commits runs the checkpoint, every thousand
// pages, before its commit returns: at a million messages that sync took
// 30–150 ms, and every submission waiting behind the writer waited for it
// (BENCHMARKS.md, "Session 8"). The writer therefore never checkpoints
// (wal_autocheckpoint(0) in openSQLite), and the checkpointer does, beside
// it, from a reader's connection: a PASSIVE checkpoint copies what no
// reader still needs without holding up the writer.

// checkpointEvery is how often the checkpointer copies the log's new
// pages into the database.
const checkpointEvery = 250 * time.Millisecond

// walRestartFrames bounds the log. SQLite writes the log from its start
// again only when a write transaction begins with every page copied back,
// which a steady stream of commits may never leave time for; past this
// many pages (64 MiB) the checkpointer runs a RESTART checkpoint, which
// holds new writers back for the little the PASSIVE one left to copy.
const walRestartFrames = 16384

// checkpointer runs SQLite's checkpoints in the background until closed.
type checkpointer struct {
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

func startCheckpointer(s *Store) *checkpointer {
	c := &checkpointer{quit: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(c.stopped)
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-c.quit:
				return
			case <-tick.C:
			}
			s.checkpoint(context.Background())
		}
	}()
	return c
}

// close stops the checkpointer once a checkpoint it runs, if any, ends.
// Closing the database's last connection checkpoints what is left.
func (c *checkpointer) close() {
	c.once.Do(func() { close(c.quit) })
	<-c.stopped
}

// checkpoint copies the log into the database, and starts the log over
// when it has grown past walRestartFrames. It reports how many pages the
// log held and how many of them are in the database. A checkpoint that
// cannot run now (another process's, say) is simply tried again at the
// next tick.
func (s *Store) checkpoint(ctx context.Context) (frames, copied int, err error) {
	var busy int
	if err := s.read.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return 0, 0, err
	}
	if frames > walRestartFrames {
		err = s.read.QueryRowContext(ctx, "PRAGMA wal_checkpoint(RESTART)").Scan(&busy, &frames, &copied)
	}
	return frames, copied, err
}
