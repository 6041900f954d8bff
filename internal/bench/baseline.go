package bench

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
)

// Bare is the baseline server: handlers that do only what a hand-written
// Go service would, with no checks, no masking, no classifier, no
// duplicate search, no log, no sessions, no templates, over the same
// store. The board's own handlers are measured against it.
func Bare(s *store.Store, authorID int64) http.Handler {
	mux := http.NewServeMux()
	// The same messages row a submission writes, in one transaction.
	mux.HandleFunc("POST /bare/messages", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			BoardID    int64  `json:"board_id"`
			RegionCode string `json:"region_code"`
			Type       string `json:"type"`
			Domain     string `json:"domain"`
			Title      string `json:"title"`
			Body       string `json:"body"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		now := time.Now().UTC()
		m := &message.Message{BoardID: in.BoardID, RegionCode: in.RegionCode, AuthorID: authorID, Type: in.Type, Domain: in.Domain,
			Title: in.Title, Body: in.Body, PublicTitle: in.Title, PublicBody: in.Body, Public: true, Channel: "api",
			Status: lifecycle.Submitted, CreatedAt: now, UpdatedAt: now}
		if err := s.InTx(r.Context(), func(tx *store.Tx) error { _, err := tx.InsertMessage(r.Context(), m); return err }); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]int64{"id": m.ID})
	})
	// The row a public message page shows, as JSON.
	mux.HandleFunc("GET /bare/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		m, err := s.Message(r.Context(), id, store.Viewer{})
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(m)
	})
	// The board row and its first page of messages, as a board page shows.
	mux.HandleFunc("GET /bare/boards/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		b, err := s.Board(r.Context(), id)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		ms, err := s.Messages(r.Context(), store.Filter{BoardID: id, Limit: 20}, store.Viewer{})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"board": b, "messages": ms})
	})
	return mux
}
