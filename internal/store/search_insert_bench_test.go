package store_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// BenchmarkInsertMessage prices what the search index adds to storing a
// message, on each store: "insert" is InsertMessage, index included, and
// "index" the index step alone, for messages already stored; /1 and /100
// are the messages a transaction. The messages are the TipDM messages;
// see BENCHMARKS.md.
//
//	go test -run '^$' -bench BenchmarkInsertMessage -benchtime 2000x ./internal/store/
func BenchmarkInsertMessage(b *testing.B) {
	texts := benchTexts(b)
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			var s *store.Store
			if backend == "sqlite" {
				s = storetest.SQLite(b)
			} else {
				s = storetest.Postgres(b)
			}
			ctx := context.Background()
			f := setup(b, s)
			at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
			msg := func(i int) *message.Message {
				t := texts[i%len(texts)]
				body := strings.Join(t[1:], "")
				return &message.Message{BoardID: f.board.ID, RegionCode: "330114", AuthorID: f.author.ID, Type: "投诉/求助",
					Domain: "城建", Title: t[0], Body: body, PublicTitle: t[0], PublicBody: body, Public: true, Channel: "web",
					Status: lifecycle.Submitted, CreatedAt: at, UpdatedAt: at}
			}
			i := 0
			// insert/1 is a submission's transaction; insert/100 and
			// index/100 share one commit among a hundred messages, which
			// leaves the work of each step itself.
			for _, per := range []int{1, 100} {
				b.Run(fmt.Sprintf("insert/%d", per), func(b *testing.B) {
					defer reportCPU(b)()
					for done := 0; done < b.N; done += per {
						err := s.InTx(ctx, func(tx *store.Tx) error {
							for range min(per, b.N-done) {
								m := msg(i)
								i++
								if _, err := tx.InsertMessage(ctx, m); err != nil {
									return err
								}
							}
							return nil
						})
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("index/100", func(b *testing.B) {
				// Store b.N messages around InsertMessage first, unindexed.
				cols := []string{"board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title",
					"public_body", "public", "channel", "status", "created_at", "updated_at"}
				var ms []*message.Message
				var rows [][]any
				for range b.N {
					m := msg(i)
					i++
					ms = append(ms, m)
					rows = append(rows, []any{m.BoardID, m.RegionCode, m.AuthorID, m.Type, m.Domain, m.Title, m.Body,
						m.PublicTitle, m.PublicBody, m.Public, m.Channel, m.Status, m.CreatedAt, m.UpdatedAt})
				}
				if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertBatchForTest(ctx, "messages", cols, rows) }); err != nil {
					b.Fatal(err)
				}
				ids, err := s.QueryForTest(ctx, "SELECT id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM message_search x WHERE x."+
					map[store.Dialect]string{store.SQLite: "rowid", store.Postgres: "message_id"}[s.Dialect()]+" = m.id) ORDER BY id")
				if err != nil {
					b.Fatal(err)
				}
				for k := 0; ids.Next(); k++ {
					if err := ids.Scan(&ms[k].ID); err != nil {
						b.Fatal(err)
					}
				}
				ids.Close()
				b.ResetTimer()
				defer reportCPU(b)()
				for done := 0; done < len(ms); done += 100 {
					err := s.InTx(ctx, func(tx *store.Tx) error {
						for _, m := range ms[done:min(done+100, len(ms))] {
							if err := tx.IndexForTest(ctx, m); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// reportCPU starts counting the processor time of the calling thread and
// returns the function that reports it per operation, as cpu-µs/op. On a
// shared machine the wall clock counts the neighbours' work too; this
// counts SQLite's work, done in this thread, but not PostgreSQL's.
func reportCPU(b *testing.B) func() {
	runtime.LockOSThread()
	began := threadCPU()
	return func() {
		b.ReportMetric(float64((threadCPU()-began).Microseconds())/float64(b.N), "cpu-µs/op")
		runtime.UnlockOSThread()
	}
}
