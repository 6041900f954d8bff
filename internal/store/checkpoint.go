package store

import (
	"context"
	"database/sql"
	"fmt"
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
// it, on a connection of its own: a PASSIVE checkpoint copies what no
// reader still needs without holding up the writer.

// checkpointEvery is how often the checkpointer copies the log's new
// pages into the database.
const checkpointEvery = 250 * time.Millisecond

// walRestartFrames bounds the log. SQLite writes the log from its start
// again only when a write transaction begins with every page copied back
// and no reader in the log, which a steady stream of commits and reads
// rarely leaves time for; past this many pages (16 MiB) the checkpointer
// also tries a RESTART checkpoint, which starts the log over. It tries
// without waiting: a RESTART that waits for readers holds the writer back
// meanwhile, and SQLite's busy handler waits in growing steps (a stall of
// 35 ms at every restart, at 500 submissions a second). One that finds a
// reader in the way gives up at once and is tried again at the next tick.
const walRestartFrames = 4096

// checkpointer runs SQLite's checkpoints in the background until closed.
type checkpointer struct {
	db      *sql.DB // one connection, which never waits for a lock
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

// checkpoint copies the log into the database, and tries to start the
// log over when it has grown past walRestartFrames. It reports how many
// pages the log held and how many of them are in the database: after a
// restart, none. A checkpoint that cannot run now (another process's,
// say) is simply tried again at the next tick.
func (c *checkpointer) checkpoint(ctx context.Context) (frames, copied int, err error) {
	var busy int
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return 0, 0, err
	}
	if frames > walRestartFrames {
		err = c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(RESTART)").Scan(&busy, &frames, &copied)
	}
	return frames, copied, err
}
