package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// record is an imported message of the 钱塘区 board: published, with its
// two events, from the Zhejiang board's export.
func record(f *fixture, id string, at time.Time) *store.Record {
	return &store.Record{
		Message: message.Message{BoardID: f.board.ID, RegionCode: "330114", Type: "投诉/求助", Domain: "城建",
			Tags: []string{"噪音扰民"}, Title: "开发商占全体业主公共区域用于出租", Body: "钱塘区大江东宝龙广场开发商擅自出租摊位开设露天烧烤。",
			PublicTitle: "开发商占全体业主公共区域用于出租", PublicBody: "钱塘区大江东宝龙广场开发商擅自出租摊位开设露天烧烤。",
			Public: true, Channel: "web", Status: lifecycle.Published, CreatedAt: at, PublishedAt: at, ClockStart: at, UpdatedAt: at},
		Source: "zhejiang", SourceID: id, Likes: 3,
		Author: account.User{Login: "imported:zhejiang", Name: "网友", CreatedAt: at},
		Events: []message.Event{
			{Action: lifecycle.Submit, To: lifecycle.Submitted, At: at},
			{Action: lifecycle.Accept, From: lifecycle.Submitted, To: lifecycle.Published, At: at},
		},
	}
}

func TestImportBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		at := time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC)
		first := []*store.Record{record(f, "25489118", at), record(f, "25489119", at.Add(time.Hour)), record(f, "25489118", at)}
		added, err := s.ImportBatch(ctx, first)
		if err != nil || added != 2 || first[0].Message.ID == 0 || first[2].Message.ID != 0 {
			t.Fatalf("added %d (%v); IDs %d %d %d", added, err, first[0].Message.ID, first[1].Message.ID, first[2].Message.ID)
		}
		m, err := s.Message(ctx, first[0].Message.ID, store.Viewer{})
		if err != nil || !m.PublishedAt.Equal(at) || len(m.Tags) != 1 {
			t.Fatalf("stored message: %+v %v", m, err)
		}
		events, err := s.Events(ctx, m.ID)
		if err != nil || len(events) != 2 || events[0].ActorID != m.AuthorID || events[1].ActorID != 0 || !events[1].At.Equal(at) {
			t.Fatalf("events %+v %v: the author submits, nobody known accepts", events, err)
		}
		author, err := s.User(ctx, m.AuthorID)
		if err != nil || author.PasswordHash != store.ImportedPasswordHash || author.Role != account.Citizen {
			t.Fatalf("author %+v %v", author, err)
		}

		// Importing again adds nothing; an account reused from an earlier
		// batch is taken as given.
		again := []*store.Record{record(f, "25489118", at), record(f, "25489120", at)}
		again[1].Author.ID = author.ID
		if added, err := s.ImportBatch(ctx, again); err != nil || added != 1 || again[1].Message.AuthorID != author.ID {
			t.Fatalf("second batch: %d %v", added, err)
		}

		// A rating the database refuses fails the whole batch, as a data
		// error, and writes nothing.
		bad := record(f, "25489121", at)
		bad.Rating = &message.Rating{Resolution: 6, Attitude: 5, Speed: 5, CreatedAt: at}
		if _, err := s.ImportBatch(ctx, []*store.Record{record(f, "25489122", at), bad}); err == nil || !store.IsDataError(err) {
			t.Fatalf("a rating of 6 stars: %v, want a data error", err)
		}
		if n, _ := s.CountMessages(ctx); n != 3 {
			t.Fatalf("%d messages after a refused batch, want 3", n)
		}

		// A login held by a real account is never taken over.
		stolen := record(f, "25489123", at)
		stolen.Author.Login = f.author.Login
		if _, err := s.ImportBatch(ctx, []*store.Record{stolen}); !errors.Is(err, store.ErrConflict) || store.IsDataError(err) {
			t.Fatalf("import as a real account: %v, want a conflict", err)
		}

		if err := s.BackdateBoard(ctx, f.board.ID, time.Date(2020, 8, 27, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.Board(ctx, f.board.ID); !b.JoinedAt.Equal(time.Date(2020, 8, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("joined %v after backdating", b.JoinedAt)
		}
		if err := s.BackdateBoard(ctx, f.board.ID, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.Board(ctx, f.board.ID); !b.JoinedAt.Equal(time.Date(2020, 8, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("a later date moved the board forward to %v", b.JoinedAt)
		}
	})
}

func TestCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		at := time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC)
		recs := []*store.Record{record(f, "1", at), record(f, "2", at), record(f, "3", at)}
		recs[2].Message.Domain = "交通"
		recs[1].Message.Deadline = at.Add(24 * time.Hour)
		recs[2].Message.Deadline = at.Add(72 * time.Hour)
		if _, err := s.ImportBatch(ctx, recs); err != nil {
			t.Fatal(err)
		}
		byDomain, err := s.CountBy(ctx, store.ByDomain)
		if err != nil || byDomain["城建"] != 2 || byDomain["交通"] != 1 {
			t.Errorf("by domain %v %v", byDomain, err)
		}
		if _, err := s.CountBy(ctx, "title; DROP TABLE messages"); err == nil {
			t.Error("counted by an arbitrary column")
		}
		if n, err := s.CountOverdue(ctx, at.Add(48*time.Hour)); err != nil || n != 1 {
			t.Errorf("overdue %d %v, want 1", n, err)
		}
		run := store.ImportRun{Source: "zhejiang", Format: "board", File: "zhejiang_messages.csv", Rows: 5, Added: 3, Skipped: 1, Rejected: 1,
			Started: at, Finished: at.Add(time.Second)}
		for range 2 {
			if err := s.RecordImport(ctx, run); err != nil {
				t.Fatal(err)
			}
		}
		if a, sk, r, err := s.ImportTotals(ctx); err != nil || a != 6 || sk != 2 || r != 2 {
			t.Errorf("totals %d %d %d %v", a, sk, r, err)
		}
	})
}
