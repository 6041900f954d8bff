package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
)

// SQLite's search index (FTS5) writes each transaction's documents as a
// new segment and merges segments as they accumulate, so that a search
// reads a few large segments rather than thousands of small ones. By
// default it merges in bursts, inside the commit that crosses a mark:
// every 64 leaf pages written, it merges 64 pages for each level of the
// index. At a million messages the index has seven levels, and the burst,
// 448 pages, held the writer 50–120 ms once every 30–40 submissions:
// every submission queued behind it waited as long (BENCHMARKS.md,
// "Session 9"). Migration 0029 turns that off ('automerge' 0), and the
// committer merges instead, between two groups, as many pages for each
// level as the groups since wrote (mergeDebt): the same work at the same
// rate, spread over every commit instead of piled on one in thirty.
//
// Merging by less than that rate does not work: merges fall behind, a
// level fills with sixteen segments, and FTS5 then merges all of them at
// once inside a commit ('crisismerge'), for seconds at this size
// (BENCHMARKS.md, "Session 8", the idle merges tried and dropped).

// mergeStep bounds the pages one merge step writes, 15–20 ms of work:
// after a large import, whose segments owe thousands of pages, the debt
// is paid a step after each group, and step after step while no call
// waits, instead of holding the next submissions for seconds.
const mergeStep = 128

// structureRowID is the row of FTS5's data table that holds the index's
// structure: its levels and their segments (SQLite's fts5_index.c).
const structureRowID = 10

// mergeDebt is what the committer owes the search index's merging.
type mergeDebt struct {
	pages int64 // pages of merge work owed
	seen  int64 // the index's leaf pages when last read
	known bool  // seen was read
	// off says the structure could not be read and FTS5 merges by itself
	// again (see payMerges).
	off bool
}

// indexShape is what the committer reads of FTS5's structure record.
type indexShape struct {
	levels   int   // levels of segments, the empty ones within included
	pages    int64 // leaf pages of every segment
	segments []int // segments on each level
}

// errStructure says the structure record is not in a format this code
// reads. Merging then falls back to FTS5's own (see payMerges).
var errStructure = errors.New("store: unknown format of the search index's structure")

// structureV2 marks the structure records of SQLite 3.44 and later, whose
// segments carry five more fields.
var structureV2 = []byte{0xff, 0x00, 0x00, 0x01}

// parseStructure reads the levels and leaf pages of an FTS5 structure
// record: a 4-byte cookie, the V2 mark when present, then varints: the
// levels, the segments, the write counter, and for each level the
// segments being merged and the segments, each its id and first and last
// page (and in V2 two origins, tombstone pages and two entry counts).
func parseStructure(b []byte) (indexShape, error) {
	if len(b) < 4 {
		return indexShape{}, errStructure
	}
	r := varintReader{b: b, i: 4}
	v2 := bytes.HasPrefix(b[4:], structureV2)
	if v2 {
		r.i += len(structureV2)
	}
	var sh indexShape
	sh.levels = int(r.next())
	r.next() // segments
	r.next() // write counter
	for range sh.levels {
		r.next() // segments being merged
		segs := r.next()
		sh.segments = append(sh.segments, int(segs))
		for range segs {
			r.next() // segment id
			first, last := r.next(), r.next()
			if v2 {
				for range 5 {
					r.next()
				}
			}
			if last >= first {
				sh.pages += int64(last - first + 1)
			}
		}
	}
	if r.bad || r.i != len(b) {
		return indexShape{}, errStructure
	}
	return sh, nil
}

// varintReader reads SQLite's varints: big-endian, seven bits a byte with
// the high bit saying another follows, the ninth byte whole.
type varintReader struct {
	b   []byte
	i   int
	bad bool
}

func (r *varintReader) next() uint64 {
	var v uint64
	for k := 0; k < 9; k++ {
		if r.i >= len(r.b) {
			r.bad = true
			return 0
		}
		c := r.b[r.i]
		r.i++
		if k == 8 {
			return v<<8 | uint64(c)
		}
		v = v<<7 | uint64(c&0x7f)
		if c < 0x80 {
			return v
		}
	}
	return v
}

// readStructure reads the search index's structure record on the
// writer's connection.
func (c *committer) readStructure(ctx context.Context) ([]byte, error) {
	var b []byte
	err := c.s.write.QueryRowContext(ctx, "SELECT block FROM message_search_data WHERE id = ?", structureRowID).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // an index never written
	}
	return b, err
}

// payMerges runs merge steps between two groups: it adds the merge work
// owed for the leaf pages written since it last looked (a page for each
// level, for each), then pays one step of it, and more steps for as long
// as no call waits. A step that finds nothing to merge (no level holds
// four segments) clears the debt, as FTS5's own merging would have found
// nothing either. Should the structure be in a format this code does not
// read (a later SQLite), FTS5's own merging is turned back on: slower
// commits, but an index that stays merged.
func (c *committer) payMerges(ctx context.Context) {
	d := &c.merges
	if d.off {
		return
	}
	for {
		b, err := c.readStructure(ctx)
		if err != nil || b == nil {
			return // tried again after the next group
		}
		sh, err := parseStructure(b)
		if err != nil {
			if _, err := c.s.write.ExecContext(ctx, "INSERT INTO message_search (message_search, rank) VALUES ('automerge', 4)"); err == nil {
				d.off = true
			}
			return
		}
		if d.known && sh.pages > d.seen {
			d.pages += (sh.pages - d.seen) * int64(sh.levels)
		}
		d.seen, d.known = sh.pages, true
		if d.pages <= 0 {
			return
		}
		step := min(d.pages, mergeStep)
		if _, err := c.s.write.ExecContext(ctx, "INSERT INTO message_search (message_search, rank) VALUES ('merge', ?)", step); err != nil {
			return
		}
		after, err := c.readStructure(ctx)
		if err != nil {
			return
		}
		if bytes.Equal(after, b) {
			d.pages = 0 // nothing to merge
			return
		}
		d.pages -= step
		if sh, err := parseStructure(after); err == nil {
			d.seen = sh.pages
		}
		if d.pages <= 0 || c.waiting.Load() > 0 {
			return
		}
		select {
		case <-c.quit:
			return
		default:
		}
	}
}
