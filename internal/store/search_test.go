package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// searchWorld is the store fixture with real messages from the TipDM data
// (testdata/search_tipdm.tsv, copied from hotspot_messages.csv): noise and
// refuse-station complaints, and messages that share only a character
// with those words (噪声, 音乐, 垃圾 … 站).
type searchWorld struct {
	*fixture
	west  board.Board // a second board, in another district
	byNo  map[string]*message.Message
	all   []*message.Message
	phone *message.Message // a message whose body holds a masked phone number
}

func loadSearchWorld(t *testing.T, s *store.Store) *searchWorld {
	t.Helper()
	ctx := context.Background()
	// Every document held back by SQLite's writer until a test writes them.
	s.HoldDocsForTest(time.Hour)
	w := &searchWorld{fixture: setup(t, s), byNo: map[string]*message.Message{}}
	f, err := os.Open("testdata/search_tipdm.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err = s.InTx(ctx, func(tx *store.Tx) error {
		w.west = board.Board{Name: "西湖区委书记", RegionCode: "330106", Kind: board.Leader, Title: board.Secretary,
			OfficeUnitID: w.office.ID, JoinedAt: base.AddDate(-2, 0, 0)}
		if err := tx.CreateBoard(ctx, &w.west); err != nil {
			return err
		}
		add := func(no string, m *message.Message) error {
			if _, err := tx.InsertMessage(ctx, m); err != nil {
				return err
			}
			if m.UnitID != 0 {
				if err := tx.UpdateMessage(ctx, m); err != nil {
					return err
				}
			}
			w.byNo[no] = m
			w.all = append(w.all, m)
			return nil
		}
		for i := 0; sc.Scan(); i++ {
			cols := strings.Split(sc.Text(), "\t")
			no, title, body := cols[0], cols[1], cols[2]
			at := base.Add(time.Duration(i) * time.Hour)
			m := &message.Message{BoardID: w.board.ID, RegionCode: w.board.RegionCode, AuthorID: w.author.ID,
				Type: "投诉/求助", Domain: "城建", Title: title, Body: body, PublicTitle: title, PublicBody: body,
				Public: true, Channel: "web", Status: lifecycle.Published, CreatedAt: at, UpdatedAt: at}
			if i%3 == 0 {
				m.BoardID, m.RegionCode = w.west.ID, w.west.RegionCode
			}
			if i%2 == 0 {
				m.Domain = "环保"
			}
			if i%4 == 3 {
				m.Type, m.AuthorID = "建言", w.other.ID
			}
			switch no {
			case "243412": // private, in the hands of the bureau
				m.Public, m.Status, m.UnitID, m.AuthorID = false, lifecycle.Handling, w.bureau.ID, w.author.ID
			case "220502": // not yet accepted by a moderator
				m.Status, m.AuthorID = lifecycle.Submitted, w.author.ID
			case "190196":
				m.Status, m.UnitID = lifecycle.Handling, w.bureau.ID
			}
			if err := add(no, m); err != nil {
				return err
			}
		}
		// The same complaint again, later: equal relevance, so it comes first.
		again := *w.byNo["214756"]
		again.ID, again.CreatedAt, again.UpdatedAt = 0, base.AddDate(0, 1, 0), base.AddDate(0, 1, 0)
		if err := add("214756-again", &again); err != nil {
			return err
		}
		w.phone = newMessage(w.fixture, true, "")
		return add("phone", w.phone)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := sc.Err(); err != nil || len(w.byNo) < 17 {
		t.Fatalf("fixture: %d messages, %v", len(w.byNo), err)
	}
	return w
}

// expected answers a search by other means: the messages whose public
// title or body contains every term as a substring (the queries of the
// tests are Chinese words, where the index promises exactly that), run
// through Messages with the same filter and viewer, so that visibility
// and filters have their one definition.
func (w *searchWorld) expected(t *testing.T, s *store.Store, query string, f store.Filter, v store.Viewer) []int64 {
	t.Helper()
	var ids []int64
	for _, m := range w.all {
		ok := true
		for _, term := range strings.Fields(query) {
			ok = ok && (strings.Contains(m.PublicTitle, term) || strings.Contains(m.PublicBody, term))
		}
		if ok {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	f.IDs, f.Limit = ids, 1000
	ms, err := s.Messages(context.Background(), f, v)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	slices.Sort(out)
	return out
}

func hitIDs(hits []store.Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.Message.ID
	}
	return ids
}

func TestSearchFindsWhatSubstringsFind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := loadSearchWorld(t, s)
		no := func(n string) int64 { return w.byNo[n].ID }
		viewers := map[string]store.Viewer{
			"anonymous":   {},
			"author":      {UserID: w.author.ID},
			"other":       {UserID: w.other.ID},
			"office":      {BoardID: w.board.ID},
			"bureau":      {UnitID: w.bureau.ID},
			"supervisor":  {RegionPrefix: region.Prefix("330106")},
			"moderator":   {All: true},
			"west office": {BoardID: w.west.ID},
		}
		cases := []struct {
			query, viewer string
			filter        store.Filter
			min           int     // at least this many hits, so that the case tests something
			has, hasNot   []int64 // besides the oracle, the point of the case
		}{
			{query: "噪音", viewer: "anonymous", min: 5, has: []int64{no("189950"), no("190196")},
				hasNot: []int64{no("194839"), no("221077"), no("188895"), no("190301")}},
			{query: "垃圾站", viewer: "anonymous", min: 5, has: []int64{no("194595"), no("225748")},
				hasNot: []int64{no("243412"), no("220502"), no("218107"), no("288944")}},
			{query: "垃圾站", viewer: "author", min: 7, has: []int64{no("243412"), no("220502")}},
			{query: "垃圾站", viewer: "other", hasNot: []int64{no("243412"), no("220502")}},
			{query: "垃圾站", viewer: "bureau", has: []int64{no("243412")}, hasNot: []int64{no("220502")}},
			{query: "垃圾站", viewer: "office", has: []int64{no("243412")}, hasNot: []int64{no("220502")}},
			{query: "垃圾站", viewer: "west office", hasNot: []int64{no("243412")}},
			{query: "垃圾站", viewer: "moderator", has: []int64{no("243412"), no("220502")}},
			{query: "噪", viewer: "anonymous", min: 7, has: []int64{no("194839"), no("221077")}},
			{query: "鲸", viewer: "moderator"},
			// Words only the private message holds: found by those who
			// may see it, by nobody else.
			{query: "清运车 拖运", viewer: "anonymous", hasNot: []int64{no("243412")}},
			{query: "清运车 拖运", viewer: "other", hasNot: []int64{no("243412")}},
			{query: "清运车 拖运", viewer: "author", min: 1, has: []int64{no("243412")}},
			{query: "清运车 拖运", viewer: "bureau", min: 1, has: []int64{no("243412")}},
			{query: "清运车 拖运", viewer: "west office", hasNot: []int64{no("243412")}},
			{query: "噪音 扰民", viewer: "anonymous", min: 4, has: []int64{no("192898")}, hasNot: []int64{no("243412")}},
			{query: "搅拌站", viewer: "anonymous", min: 1},
			{query: "垃圾站", viewer: "anonymous", filter: store.Filter{RegionPrefix: region.Prefix("330106")}, min: 1},
			{query: "垃圾站", viewer: "supervisor", min: 1},
			{query: "噪音", viewer: "moderator", filter: store.Filter{Domain: "环保"}, min: 2},
			{query: "噪音", viewer: "moderator", filter: store.Filter{Type: "建言", BoardID: w.board.ID}, min: 1},
			{query: "噪音", viewer: "moderator", filter: store.Filter{Status: lifecycle.Handling}, min: 2,
				has: []int64{no("243412"), no("190196")}},
			{query: "噪音", viewer: "bureau", filter: store.Filter{UnitID: w.bureau.ID}, min: 2},
			{query: "噪音", viewer: "anonymous", filter: store.Filter{UnitID: w.bureau.ID}, min: 1, hasNot: []int64{no("243412")}},
			{query: "噪音", viewer: "anonymous", filter: store.Filter{AuthorID: w.other.ID}, min: 1},
			{query: "垃圾站", viewer: "author", filter: store.Filter{AuthorID: w.author.ID, RegionPrefix: "3301"}, min: 4},
			// A prefix of a length the index does not hold: only the
			// condition on messages narrows.
			{query: "噪音", viewer: "anonymous", filter: store.Filter{RegionPrefix: "33011"}, min: 2},
		}
		// Twice: the second time every filter's scope counts as large, so
		// that on PostgreSQL a search within one probes the blocks rather
		// than reading all its candidates in one query; on SQLite the first
		// time finds the messages among those waiting for the index
		// (search_pending.go), the second in the index.
		for _, large := range []bool{false, true} {
			if large {
				if err := s.WriteHeldDocs(ctx); err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range cases {
				name := c.query + "/" + c.viewer
				if large {
					name += " (large scope)"
					s.LargeScopeForTest(c.filter)
				}
				q, err := search.Parse(c.query)
				if err != nil {
					t.Fatal(err)
				}
				v := viewers[c.viewer]
				c.filter.Limit = 100
				hits, err := s.SearchMessages(ctx, q, c.filter, 0, v)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got := hitIDs(hits)
				slices.Sort(got)
				want := w.expected(t, s, c.query, c.filter, v)
				if !slices.Equal(got, want) {
					t.Errorf("%s %+v: found %v, want %v", name, c.filter, got, want)
				}
				if len(got) < c.min {
					t.Errorf("%s: %d hits, want at least %d", name, len(got), c.min)
				}
				for _, id := range c.has {
					if !slices.Contains(got, id) {
						t.Errorf("%s: message %d missing", name, id)
					}
				}
				for _, id := range c.hasNot {
					if slices.Contains(got, id) {
						t.Errorf("%s: message %d must not be found", name, id)
					}
				}
			}
		}
	})
}

func TestSearchRanksAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := loadSearchWorld(t, s)
		all := store.Viewer{All: true}
		q, _ := search.Parse("噪音")
		hits, err := s.SearchMessages(ctx, q, store.Filter{Limit: 100}, 0, all)
		if err != nil {
			t.Fatal(err)
		}
		ids := hitIDs(hits)
		// A title about the noise, with the word three times in the body,
		// before a body that mentions it once in passing.
		if a, b := slices.Index(ids, w.byNo["196797"].ID), slices.Index(ids, w.byNo["190196"].ID); a < 0 || b < 0 || a > b {
			t.Errorf("196797 at %d, 190196 at %d: the better match must come first", a, b)
		}
		if !strings.Contains(hits[0].Message.PublicTitle, "噪音") {
			t.Errorf("first hit %q lacks the word in its title", hits[0].Message.PublicTitle)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("hit %d scores %v above hit %d's %v", i, hits[i].Score, i-1, hits[i-1].Score)
			}
		}
		// Equal relevance: the newer first.
		q, _ = search.Parse("垃圾站")
		hits, err = s.SearchMessages(ctx, q, store.Filter{Limit: 100}, 0, all)
		if err != nil {
			t.Fatal(err)
		}
		ids = hitIDs(hits)
		older, newer := slices.Index(ids, w.byNo["214756"].ID), slices.Index(ids, w.byNo["214756-again"].ID)
		if newer < 0 || newer+1 != older || hits[newer].Score != hits[older].Score {
			t.Errorf("the repeated complaint at %d, the original at %d: equal scores, newer first", newer, older)
		}
		// Pages of two add up to the whole list.
		var paged []int64
		for offset := 0; ; offset += 2 {
			page, err := s.SearchMessages(ctx, q, store.Filter{Limit: 2}, offset, all)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, hitIDs(page)...)
		}
		if !slices.Equal(paged, ids) {
			t.Errorf("pages give %v, one list %v", paged, ids)
		}
		if past, err := s.SearchMessages(ctx, q, store.Filter{}, store.SearchWindow, all); err != nil || len(past) != 0 {
			t.Errorf("past the window: %d hits, %v", len(past), err)
		}
		var ie *message.InputError
		if _, err := s.SearchMessages(ctx, search.Query{}, store.Filter{}, 0, all); !errors.As(err, &ie) || ie.Key != "error.search_empty" {
			t.Errorf("the zero query: %v", err)
		}
	})
}

func TestSearchSnippetsAndMasking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := loadSearchWorld(t, s)
		q, _ := search.Parse("噪音")
		hits, err := s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatal("no hits")
		}
		for _, h := range hits {
			m := h.Message
			title, body := search.Highlight(m.PublicTitle, q, 0), search.Highlight(m.PublicBody, q, 60)
			if len(title.Marks)+len(body.Marks) == 0 {
				t.Errorf("message %d: nothing highlighted", m.ID)
			}
			for _, sn := range []search.Snippet{title, body} {
				rs := []rune(sn.Text)
				for _, mk := range sn.Marks {
					if got := string(rs[mk.Start:mk.End]); got != "噪音" {
						t.Errorf("message %d: marked %q", m.ID, got)
					}
				}
			}
			if len([]rune(body.Text)) > 62 {
				t.Errorf("message %d: snippet of %d characters", m.ID, len([]rune(body.Text)))
			}
		}
		// The index holds the public text: a phone number masked in it
		// cannot be found, by anyone, while the masked text can.
		if !strings.Contains(w.phone.Body, "13812345678") {
			t.Fatal("fixture lost its phone number")
		}
		for _, text := range []string{"13812345678", "电话13812345678"} {
			q, _ := search.Parse(text)
			hits, err := s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{All: true})
			if err != nil || len(hits) != 0 {
				t.Errorf("%s: %d hits, %v", text, len(hits), err)
			}
		}
		q, _ = search.Parse("夜间施工噪音")
		hits, err = s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{All: true})
		if err != nil || !slices.Contains(hitIDs(hits), w.phone.ID) {
			t.Errorf("the masked message is not found by its words: %v", err)
		}
	})
}

// TestReindex writes messages around InsertMessage, as an import does,
// and checks Reindex makes them searchable, once.
func TestReindex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		cols := []string{"board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title", "public_body",
			"public", "channel", "status", "created_at", "updated_at"}
		var rows [][]any
		for i, body := range []string{"楼下垃圾站晚上工作太吵，严重影响附近居民休息。", "垃圾站散发恶臭，请有关部门重视。", "小区停车场收费不合理。"} {
			rows = append(rows, []any{f.board.ID, "330114", f.author.ID, "投诉/求助", "城建", "导入的留言", body, "导入的留言", body,
				true, "web", lifecycle.Published, at.Add(time.Duration(i) * time.Minute), at})
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertBatchForTest(ctx, "messages", cols, rows) }); err != nil {
			t.Fatal(err)
		}
		q, _ := search.Parse("垃圾站")
		find := func() int {
			hits, err := s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{})
			if err != nil {
				t.Fatal(err)
			}
			return len(hits)
		}
		if n := find(); n != 0 {
			t.Fatalf("%d hits before Reindex", n)
		}
		for i, want := range []int{3, 0} {
			n, err := s.Reindex(ctx)
			if err != nil || n != want {
				t.Fatalf("Reindex #%d: %d, %v; want %d", i+1, n, err, want)
			}
		}
		if n := find(); n != 2 {
			t.Errorf("%d hits after Reindex, want 2", n)
		}
		// A message stored the usual way is indexed at once.
		m := newMessage(f, true, "")
		m.Status = lifecycle.Published
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
			t.Fatal(err)
		}
		q, _ = search.Parse("噪音扰民")
		hits, err := s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{})
		if err != nil || len(hits) != 1 || hits[0].Message.ID != m.ID {
			t.Errorf("new message: %d hits, %v", len(hits), err)
		}
		if n, err := s.Reindex(ctx); err != nil || n != 0 {
			t.Errorf("Reindex after InsertMessage: %d, %v", n, err)
		}
	})
}

// searchIDs runs a search as the public and returns the IDs found, sorted.
func searchIDs(t *testing.T, s *store.Store, text string) []int64 {
	t.Helper()
	q, err := search.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.SearchMessages(context.Background(), q, store.Filter{Limit: 100}, 0, store.Viewer{})
	if err != nil {
		t.Fatal(err)
	}
	ids := hitIDs(hits)
	slices.Sort(ids)
	return ids
}

// TestSearchFindsImports checks that an import batch is searchable when it
// commits, and that importing it again adds nothing to the index either.
func TestSearchFindsImports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		at := time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC)
		batch := func() []*store.Record {
			rs := []*store.Record{record(f, "25489118", at), record(f, "25489119", at.Add(time.Hour))}
			rs[1].Message.Title, rs[1].Message.PublicTitle = "地铁站出口的共享单车堆放", "地铁站出口的共享单车堆放"
			rs[1].Message.Body, rs[1].Message.PublicBody = "每天早高峰共享单车堆满出口，行人无法通过。", "每天早高峰共享单车堆满出口，行人无法通过。"
			return rs
		}
		recs := batch()
		if added, err := s.ImportBatch(ctx, recs); err != nil || added != 2 {
			t.Fatalf("import: %d, %v", added, err)
		}
		if got := searchIDs(t, s, "露天烧烤"); !slices.Equal(got, []int64{recs[0].Message.ID}) {
			t.Errorf("露天烧烤 finds %v, want the first import", got)
		}
		if got := searchIDs(t, s, "共享单车 出口"); !slices.Equal(got, []int64{recs[1].Message.ID}) {
			t.Errorf("共享单车 出口 finds %v, want the second import", got)
		}
		if added, err := s.ImportBatch(ctx, batch()); err != nil || added != 0 {
			t.Fatalf("import again: %d, %v", added, err)
		}
		if got := searchIDs(t, s, "开发商"); len(got) != 1 {
			t.Errorf("开发商 after importing twice finds %v, want one message", got)
		}
		if n, err := s.Reindex(ctx); err != nil || n != 0 {
			t.Errorf("Reindex after imports: %d, %v; want nothing missing", n, err)
		}
	})
}

// TestMigrationIndexesStoredMessages puts a store back to the schema
// before the search index, with messages in it, and migrates it: every
// message must be searchable when Migrate returns.
func TestMigrationIndexesStoredMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		loadSearchWorld(t, s)
		before, noise := searchIDs(t, s, "垃圾站"), searchIDs(t, s, "噪音 扰民")
		if len(before) < 5 || len(noise) < 4 {
			t.Fatalf("垃圾站 finds %d messages, 噪音 扰民 %d, before the test", len(before), len(noise))
		}
		for _, q := range []string{"DROP TABLE message_search", "DELETE FROM schema_migrations WHERE version = 8"} {
			if err := s.ExecForTest(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got := searchIDs(t, s, "垃圾站"); !slices.Equal(got, before) {
			t.Errorf("after migrating: %v, want %v", got, before)
		}
		if got := searchIDs(t, s, "噪音 扰民"); !slices.Equal(got, noise) {
			t.Errorf("噪音 扰民 after migrating: %v, want %v", got, noise)
		}
		if n, err := s.Reindex(ctx); err != nil || n != 0 {
			t.Errorf("Reindex after migrating: %d, %v; want nothing missing", n, err)
		}
	})
}

// TestMigrationRewritesOldDocuments puts a PostgreSQL index back to the
// documents before migration 0016 (no ID blocks), which searches no
// longer find, and migrates it: every message must be found again.
func TestMigrationRewritesOldDocuments(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	loadSearchWorld(t, s)
	before := searchIDs(t, s, "垃圾站")
	if len(before) < 5 {
		t.Fatalf("垃圾站 finds %d messages before the test", len(before))
	}
	for _, q := range []string{"UPDATE message_search SET doc = ts_delete(doc, ARRAY['#k' || (message_id / 8192)])",
		"DELETE FROM schema_migrations WHERE version = 16"} {
		if err := s.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchIDs(t, s, "垃圾站"); len(got) != 0 {
		t.Fatalf("documents without blocks still found: %v", got)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, s, "垃圾站"); !slices.Equal(got, before) {
		t.Errorf("after migrating: %v, want %v", got, before)
	}
}

// TestRebuild writes the whole index again and checks that searches
// answer as before and no message is indexed twice.
func TestRebuild(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := loadSearchWorld(t, s)
		queries := []string{"噪音", "垃圾站", "噪音 扰民", "噪"}
		before := map[string][]int64{}
		for _, q := range queries {
			before[q] = searchIDs(t, s, q)
		}
		n, err := s.Rebuild(ctx)
		if err != nil || n != len(w.all) {
			t.Fatalf("Rebuild: %d, %v; want %d", n, err, len(w.all))
		}
		for _, q := range queries {
			if got := searchIDs(t, s, q); !slices.Equal(got, before[q]) {
				t.Errorf("%s after Rebuild: %v, want %v", q, got, before[q])
			}
		}
		if indexed := count(t, s, "SELECT COUNT(*) FROM message_search"); indexed != int64(len(w.all)) {
			t.Errorf("%d index rows for %d messages", indexed, len(w.all))
		}
	})
}

// TestSubmittedDocument: the search document a submission writes (on
// PostgreSQL in the message's own INSERT, its block lexeme computed by the
// database from the new ID) is the one a rebuild writes for it, and a
// search finds it.
func TestSubmittedDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		if s.Dialect() == store.Postgres {
			// The next ID is in block 3, not the first.
			rows, err := s.QueryForTest(ctx, fmt.Sprintf("SELECT setval('messages_id_seq', %d)", 3*search.IDBlock+5))
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
		}
		m := newMessage(f, true, "doc-1")
		m.Status = lifecycle.Published
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
			t.Fatal(err)
		}
		if s.Dialect() == store.Postgres { // SQLite's index keeps no document to read back
			doc := func() string {
				rows, err := s.QueryForTest(ctx, "SELECT doc::text FROM message_search WHERE message_id = ?", m.ID)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var d string
				for rows.Next() {
					if err := rows.Scan(&d); err != nil {
						t.Fatal(err)
					}
				}
				return d
			}
			submitted := doc()
			if block := fmt.Sprintf("'#k%d'", search.Block(m.ID)); search.Block(m.ID) != 3 || !strings.Contains(submitted, block) {
				t.Errorf("message %d's document lacks its block %s: %q", m.ID, block, submitted)
			}
			if _, err := s.Rebuild(ctx); err != nil {
				t.Fatal(err)
			}
			if rebuilt := doc(); rebuilt != submitted {
				t.Errorf("submitted document\n%s\nrebuilt\n%s", submitted, rebuilt)
			}
		}
		if got := searchIDs(t, s, "噪音 扰民"); !slices.Equal(got, []int64{m.ID}) {
			t.Errorf("search found %v, want [%d]", got, m.ID)
		}
	})
}

// TestSearchHashSize: on SQLite the index keeps up to 128 MB of tokens in
// memory before writing a segment (migration 0020), so that a bulk write
// makes one segment a transaction rather than one every 300 messages.
func TestSearchHashSize(t *testing.T) {
	s := storetest.SQLite(t)
	rows, err := s.QueryForTest(context.Background(), "SELECT v FROM message_search_config WHERE k = 'hashsize'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var v int64
	if !rows.Next() {
		t.Fatal("no hashsize in the index's configuration")
	}
	if err := rows.Scan(&v); err != nil || v != 128<<20 {
		t.Errorf("hashsize %d (%v), want %d", v, err, 128<<20)
	}
}

// TestSearchWindowAcrossBlocks stores more matches than a search ranks,
// with IDs spread over many of the index's ID blocks (which PostgreSQL
// reads newest first, a few blocks at a time), among messages holding the
// phrase's characters apart and private ones: the pages of a search are
// exactly the newest SearchWindow messages holding the phrase that the
// viewer may see.
func TestSearchWindowAcrossBlocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		cols := []string{"id", "board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title", "public_body",
			"public", "channel", "status", "created_at", "updated_at"}
		const phrase = "菜市场门口占道经营，早上车辆无法通行。"
		var rows [][]any
		var want []int64 // newest first
		for i := range SearchWindowCases {
			id := int64(1000 + i*3499) // about two a block, over 180 blocks: past the last probe of blocks
			body, public := phrase, true
			switch {
			case i%7 == 3: // the pairs of 占道经营, apart
				body = "菜市场门口占道，经营户早上把车停在路边。"
			case i%11 == 5:
				public = false
			}
			rows = append(rows, []any{id, f.board.ID, "330114", f.author.ID, "投诉/求助", "城建", "门口的问题", body, "门口的问题", body,
				public, "web", lifecycle.Published, at.Add(time.Duration(i) * time.Minute), at})
			if body == phrase && public {
				want = append([]int64{id}, want...)
			}
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertBatchForTest(ctx, "messages", cols, rows) }); err != nil {
			t.Fatal(err)
		}
		if n, err := s.Reindex(ctx); err != nil || n != len(rows) {
			t.Fatalf("Reindex: %d, %v", n, err)
		}
		if len(want) <= store.SearchWindow {
			t.Fatalf("only %d matches: the window is not full", len(want))
		}
		q, _ := search.Parse("占道经营")
		got := everyPage(ctx, t, s, q)
		// Equal text, equal scores: newest first.
		if !slices.Equal(got, want[:store.SearchWindow]) {
			t.Errorf("found %d messages %v…, want the newest %d %v…", len(got), got[:min(5, len(got))], store.SearchWindow, want[:5])
		}
		// Narrowed to messages older than most, the oldest matches come.
		before := want[len(want)-10]
		hits, err := s.SearchMessages(ctx, q, store.Filter{Limit: store.SearchMaxLimit, Before: before}, 0, store.Viewer{})
		if err != nil || !slices.Equal(hitIDs(hits), want[len(want)-9:]) {
			t.Errorf("before %d: found %v, want %v (%v)", before, hitIDs(hits), want[len(want)-9:], err)
		}
		// Once PostgreSQL's statistics list the phrase's tokens as common
		// (every message holds them), its probes are capped at a block
		// each and walk every block: the same pages come.
		span, capped, err := s.AnalyzeSearchForTest(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if s.Dialect() == store.Postgres && (!capped || span != 1) {
			t.Fatalf("after ANALYZE, probes of %d blocks, capped %v: want capped at 1", span, capped)
		}
		got = everyPage(ctx, t, s, q)
		if !slices.Equal(got, want[:store.SearchWindow]) {
			t.Errorf("capped probes found %d messages %v…, want the newest %d %v…", len(got), got[:min(5, len(got))], store.SearchWindow, want[:5])
		}
		hits, err = s.SearchMessages(ctx, q, store.Filter{Limit: store.SearchMaxLimit, Before: before}, 0, store.Viewer{})
		if err != nil || !slices.Equal(hitIDs(hits), want[len(want)-9:]) {
			t.Errorf("capped, before %d: found %v, want %v (%v)", before, hitIDs(hits), want[len(want)-9:], err)
		}
	})
}

// everyPage is the IDs of every page of the public's search for q, in
// order.
func everyPage(ctx context.Context, t *testing.T, s *store.Store, q search.Query) []int64 {
	t.Helper()
	var got []int64
	for offset := 0; ; offset += store.SearchMaxLimit {
		hits, err := s.SearchMessages(ctx, q, store.Filter{Limit: store.SearchMaxLimit}, offset, store.Viewer{})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			return got
		}
		got = append(got, hitIDs(hits)...)
	}
}

// SearchWindowCases is how many messages TestSearchWindowAcrossBlocks
// stores: enough that the matches the public may see overflow the window.
const SearchWindowCases = 420
