package metrics_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/metrics"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/transfer"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return string(body)
}

func TestMetrics(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// Two messages of the board's API format, one rated and one in
		// handling past its deadline, and three rows refused.
		sum, err := transfer.Import(ctx, s, filepath.Join("..", "transfer", "testdata", "board.jsonl"),
			transfer.Options{Region: "330000", Policy: lifecycle.DefaultPolicy(), Calendar: calendar.Default()})
		if err != nil {
			t.Fatal(err)
		}
		states := map[lifecycle.State]int{}
		overdue := 0
		err = s.Export(ctx, store.ExportFilter{}, func(r *store.Record) error {
			states[r.Message.Status]++
			if lifecycle.Overdue(r.Message.Status, r.Message.Deadline, time.Now()) {
				overdue++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		pool, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "pool.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer pool.Close()
		pool.SetMaxOpenConns(7)
		m := metrics.New(s, func() map[string]sql.DBStats { return map[string]sql.DBStats{"read": pool.Stats()} })

		mux := http.NewServeMux()
		mux.HandleFunc("GET /api/v1/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
			if r.PathValue("id") == "404" {
				http.Error(w, "留言不存在", http.StatusNotFound)
				return
			}
			fmt.Fprint(w, "{}")
		})
		h := m.Middleware(mux)
		for _, path := range []string{"/api/v1/messages/1", "/api/v1/messages/2", "/api/v1/messages/404", "/wp-login.php", "/.env"} {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
		}
		m.Event(lifecycle.Accept)
		m.Event(lifecycle.Accept)

		text := scrape(t, m)
		want := []string{
			`liuyan_http_requests_total{method="GET",route="GET /api/v1/messages/{id}",status="200"} 2`,
			`liuyan_http_requests_total{method="GET",route="GET /api/v1/messages/{id}",status="404"} 1`,
			`liuyan_http_requests_total{method="GET",route="unmatched",status="404"} 2`,
			`liuyan_http_request_duration_seconds_count{method="GET",route="GET /api/v1/messages/{id}"} 3`,
			`liuyan_lifecycle_events_total{action="accept"} 2`,
			`liuyan_lifecycle_events_total{action="reject"} 0`,
			fmt.Sprintf(`liuyan_messages{state="handling"} %d`, states[lifecycle.Handling]),
			fmt.Sprintf(`liuyan_messages{state="rated"} %d`, states[lifecycle.Rated]),
			`liuyan_messages{state="submitted"} 0`,
			fmt.Sprintf(`liuyan_queue_unassigned %d`, states[lifecycle.Published]),
			fmt.Sprintf(`liuyan_queue_overdue %d`, overdue),
			fmt.Sprintf(`liuyan_import_rows_total{outcome="added"} %d`, sum.Added),
			fmt.Sprintf(`liuyan_import_rows_total{outcome="rejected"} %d`, sum.Rejected),
			`liuyan_store_up 1`,
			`liuyan_db_connections_max{pool="read"} 7`,
			`go_goroutines`,
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("missing %s", w)
			}
		}
		if overdue == 0 || states[lifecycle.Rated] == 0 {
			t.Fatalf("the fixture should have an overdue and a rated message: %v %d", states, overdue)
		}
		if strings.Contains(text, "wp-login") {
			t.Error("a raw path became a label")
		}
	})
}
