package cli

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/demo"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// replicaMark starts every public title in the stand-in replica, so a
// page shows which database it was read from.
const replicaMark = "【只读副本】"

// TestReadReplica starts a real `liuyan serve` with READ_DATABASE_URL and
// checks over real HTTP which database each request reads. The replica
// here is a second PostgreSQL database (a schema of the test server)
// holding the demo board loaded separately, its public titles marked, so
// that its content differs from the primary's: a streaming replica would
// hold the same rows and could not show where a read went. Anonymous
// pages, API reads and figures come from the replica; signed-in readers
// (API token or web session) and every write use the primary, so a
// message accepted a moment ago is there for its author and not yet on
// the "replica".
func TestReadReplica(t *testing.T) {
	ctx := context.Background()
	primaryURL, replicaURL := storetest.PostgresURL(t), storetest.PostgresURL(t)
	var pass string
	for _, u := range []string{primaryURL, replicaURL} {
		t.Setenv("DATABASE_URL", u)
		c := common{dataDir: t.TempDir()}
		s, d, err := c.openDesk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := demo.Load(ctx, d)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		pass = res.Password
	}
	rdb, err := sql.Open("pgx", replicaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	if _, err := rdb.ExecContext(ctx, "UPDATE messages SET public_title = $1 || public_title", replicaMark); err != nil {
		t.Fatal(err)
	}

	in := startInstance(t, "serve", primaryURL, "READ_DATABASE_URL="+replicaURL, "LIUYAN_RATE_LIMITS=off")
	in.ready(t)

	var list struct {
		Items []struct {
			ID    int64
			Title string
		}
	}
	// The public list and a public message come from the replica.
	in.call(t, "", "GET", "/api/v1/messages?limit=50", nil, http.StatusOK, &list)
	if len(list.Items) == 0 {
		t.Fatal("no public messages")
	}
	for _, m := range list.Items {
		if !strings.HasPrefix(m.Title, replicaMark) {
			t.Fatalf("anonymous list: message %d %q was not read from the replica", m.ID, m.Title)
		}
	}
	id := list.Items[0].ID
	if page := get(t, in.base+fmt.Sprintf("/messages/%d", id), nil); !strings.Contains(page, replicaMark) {
		t.Errorf("anonymous message page was not read from the replica")
	}
	var one struct{ Title string }
	in.call(t, "", "GET", fmt.Sprintf("/api/v1/messages/%d", id), nil, http.StatusOK, &one)
	if !strings.HasPrefix(one.Title, replicaMark) {
		t.Errorf("anonymous API read of %d: %q, want the replica's", id, one.Title)
	}

	// A signed-in reader reads the primary, through the API and the site.
	tok := in.login(t, "citizen01", pass)
	in.call(t, tok, "GET", "/api/v1/messages?limit=50", nil, http.StatusOK, &list)
	for _, m := range list.Items {
		if strings.Contains(m.Title, replicaMark) {
			t.Fatalf("signed-in list: message %d %q was read from the replica", m.ID, m.Title)
		}
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Post(in.base+"/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"login": {"citizen01"}, "password": {pass}}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
		t.Fatalf("web login: %d", res.StatusCode)
	}
	if page := get(t, in.base+fmt.Sprintf("/messages/%d", list.Items[0].ID), res.Cookies()); strings.Contains(page, replicaMark) {
		t.Errorf("signed-in message page was read from the replica")
	}

	// A message written and accepted now is on the primary only: its
	// author sees it at once, an anonymous visitor (reading the replica)
	// does not.
	var boards struct{ Items []struct{ ID int64 } }
	in.call(t, "", "GET", "/api/v1/boards?region=330106&kind=leader", nil, http.StatusOK, &boards)
	var m struct{ ID int64 }
	in.call(t, tok, "POST", "/api/v1/messages", map[string]any{"board_id": boards.Items[0].ID, "type": "咨询", "domain": "交通",
		"title": "文一西路公交站台何时恢复", "body": "文一西路学院路口的公交站台拆除已经三个月，请问什么时候恢复？", "public": true}, http.StatusCreated, &m)
	mod := in.login(t, "moderator", pass)
	in.call(t, mod, "POST", fmt.Sprintf("/api/v1/messages/%d/%s", m.ID, lifecycle.Accept), nil, http.StatusOK, nil)
	var mine struct{ Title, Status string }
	in.call(t, tok, "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusOK, &mine)
	if mine.Title != "文一西路公交站台何时恢复" || mine.Status != string(lifecycle.Published) {
		t.Errorf("the author reads %+v", mine)
	}
	in.call(t, "", "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusNotFound, nil)

	// The figures are read there too: with the stand-in replica's rollups
	// emptied, an anonymous visitor's summary counts nothing, a signed-in
	// reader's counts the primary's messages.
	if _, err := rdb.ExecContext(ctx, "DELETE FROM stats_cells; DELETE FROM stats_months; DELETE FROM stats_province_months; DELETE FROM stats_region_halves; DELETE FROM stats_board_months"); err != nil {
		t.Fatal(err)
	}
	var primary, replica struct{ Figures struct{ Messages int64 } }
	in.call(t, tok, "GET", "/api/v1/stats/summary?period=2026H1", nil, http.StatusOK, &primary)
	in.call(t, "", "GET", "/api/v1/stats/summary?period=2026H1", nil, http.StatusOK, &replica)
	if primary.Figures.Messages == 0 || replica.Figures.Messages != 0 {
		t.Errorf("summary 2026H1: %d messages on the primary, %d on the emptied replica", primary.Figures.Messages, replica.Figures.Messages)
	}
}

// get fetches url with cookies and returns the body of a 200.
func get(t *testing.T, u string, cookies []*http.Cookie) string {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d: %s", u, res.StatusCode, b)
	}
	return string(b)
}

// TestReadReplicaRefused checks that a replica is refused where it cannot
// serve: beside an embedded primary, and with another schema version.
func TestReadReplicaRefused(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	if err := s.AttachReplica(ctx, "postgres://127.0.0.1:1/x"); err == nil {
		t.Error("a replica was attached to an embedded store")
	}
	p := storetest.Postgres(t)
	other := storetest.PostgresURL(t)
	o, err := store.Open(ctx, other, "")
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)"); err != nil {
		t.Fatal(err)
	}
	if err := p.AttachReplica(ctx, other); err == nil || !strings.Contains(err.Error(), "schema version") {
		t.Errorf("a replica one migration behind: %v", err)
	}
}
