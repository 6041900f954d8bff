package storetest

import (
	"context"
	"testing"

	"liuyan/internal/message"
	"liuyan/internal/store"
)

// AllMessages lists every message of a store, newest first, page by page
// as the store serves lists, for tests that check a whole store.
func AllMessages(t testing.TB, s *store.Store) []*message.Message {
	t.Helper()
	var ms []*message.Message
	f := store.Filter{Limit: 500}
	for {
		page, err := s.Messages(context.Background(), f, store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, page...)
		if len(page) < f.Limit {
			return ms
		}
		f.Before = page[len(page)-1].ID
	}
}
