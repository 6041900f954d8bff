package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// SQLite keeps each commit's pages in its write-ahead log, and a
// checkpoint copies them into the database file, then syncs it. By
// default the connection that commits runs the checkpoint, every thousand
// pages, before its commit returns: at a million messages that sync took
// 30–150 ms, and every submission waiting behind the writer waited for it
// (BENCHMARKS.md, "Session 8"). The writer therefore never checkpoints
// (wal_autocheckpoint(0) in openSQLite), and the checkpointer does, beside
// it, on a connection of its own: a PASSIVE checkpoint copies what no
// reader still needs without holding up the writer.

// checkpointEvery is how often the checkpointer copies the log's new
// pages into the database.
const checkpointEvery = 250 * time.Millisecond

// walRestartFrames bounds the log. SQLite writes the log from its start
// again only when a write transaction begins with every page copied back
// and no reader in the log, which a steady stream of commits and reads
// rarely leaves time for. Past this many pages (16 MiB) the writer itself
// runs a RESTART checkpoint between two groups (committer.restartLog),
// which starts the log over. It does not wait for readers: one in the way
// makes it give up at once, to be tried after a later group. Run from the
// checkpointer's connection, a RESTART took the write lock, and the
// writer, finding it taken, slept in the growing steps of SQLite's busy
// handler: 20–36 ms a restart, at 500 submissions a second.
const walRestartFrames = 4096

// checkpointer runs SQLite's checkpoints in the background until closed.
type checkpointer struct {
	db      *sql.DB     // one connection, which never waits for a lock
	restart atomic.Bool // set when the log has grown past walRestartFrames
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("store: unable to open sqlite: %w", err)
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, quit: make(chan struct{}), stopped: make(chan struct{})}
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
			c.checkpoint(context.Background())
		}
	}()
	return c, nil
}

// close stops the checkpointer once a checkpoint it runs, if any, ends.
// Closing the database's last connection checkpoints what is left.
func (c *checkpointer) close() error {
	c.once.Do(func() { close(c.quit) })
	<-c.stopped
	return c.db.Close()
}

// checkpoint copies the log into the database, and asks the writer to
// start the log over when it has grown past walRestartFrames. It reports
// how many pages the log held and how many of them are in the database.
// A checkpoint that cannot run now (another process's, say) is simply
// tried again at the next tick.
func (c *checkpointer) checkpoint(ctx context.Context) (frames, copied int, err error) {
	var busy int
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return 0, 0, err
	}
	if frames > walRestartFrames {
		c.restart.Store(true)
	}
	return frames, copied, nil
}

// restartLog runs the RESTART checkpoint the checkpointer asked for, on
// the writer's connection between two groups, with no waiting for
// readers: should one still be in the log, it copies what it can and the
// writer asks again after a later group.
func (c *committer) restartLog(ctx context.Context) {
	conn, err := c.s.write.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return
	}
	var busy, frames, copied int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(RESTART)").Scan(&busy, &frames, &copied); err != nil || busy != 0 {
		c.s.checkpoints.restart.Store(true)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = "+sqliteBusyTimeout); err != nil {
		// A writer that would not wait for a lock turns every moment another
		// process holds it into an error: a connection that cannot be set
		// back is not kept.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}
