package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// placeMessage is a published complaint about a place in 钱塘区, whose
// name a search can find it by.
func placeMessage(f *fixture, place string, i int) *message.Message {
	m := newMessage(f, true, "")
	m.Status = lifecycle.Published
	m.Title = fmt.Sprintf("%s社区第%d号楼旁工地夜间施工噪音扰民", place, i)
	m.Body = fmt.Sprintf("%s社区旁的工地每晚十一点后仍在施工，第%d次反映，请相关部门尽快处理。", place, i)
	m.PublicTitle, m.PublicBody = m.Title, m.Body
	m.CreatedAt = m.CreatedAt.Add(time.Duration(i) * time.Minute)
	m.UpdatedAt = m.CreatedAt
	return m
}

func insertOne(t testing.TB, s *store.Store, m *message.Message) {
	t.Helper()
	ctx := context.Background()
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
		t.Fatal(err)
	}
}

// insertMany stores n messages about place in one transaction: more than
// the writer holds back, so their documents are written with them.
func insertMany(t testing.TB, s *store.Store, f *fixture, place string, n int) {
	t.Helper()
	ctx := context.Background()
	err := s.InTx(ctx, func(tx *store.Tx) error {
		for i := range n {
			if _, err := tx.InsertMessage(ctx, placeMessage(f, place, i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// found lists the IDs a search for text finds, newest first, failing on
// an ID found twice.
func found(t testing.TB, s *store.Store, text string) []int64 {
	t.Helper()
	q, err := search.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.SearchMessages(context.Background(), q, store.Filter{Limit: store.SearchMaxLimit}, 0, store.Viewer{})
	if err != nil {
		t.Fatal(err)
	}
	ids := hitIDs(hits)
	slices.Sort(ids)
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("%s: a message found twice: %v", text, ids)
	}
	return ids
}

// TestSearchFindsHeldDocuments checks that SQLite's writer holds a
// submission's search document back, and that a search finds the message
// all the same, before and after the documents held are written, then
// that they are written once enough are held, or once the oldest has
// waited, and exactly once.
func TestSearchFindsHeldDocuments(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	s.HoldDocsForTest(time.Hour)
	f := setup(t, s)
	indexed := func(id int64) int64 {
		return count(t, s, "SELECT COUNT(*) FROM message_search WHERE rowid = ?", id)
	}

	first := placeMessage(f, "九堡", 0)
	insertOne(t, s, first)
	if n := count(t, s, "SELECT COUNT(*) FROM search_pending WHERE message_id = ?", first.ID); n != 1 || indexed(first.ID) != 0 {
		t.Fatalf("a submission's document: noted %d, indexed %d; want held back", n, indexed(first.ID))
	}
	if got := found(t, s, "九堡"); !slices.Equal(got, []int64{first.ID}) {
		t.Fatalf("九堡 while held: %v, want %d", got, first.ID)
	}
	if err := s.WriteHeldDocs(ctx); err != nil {
		t.Fatal(err)
	}
	if indexed(first.ID) != 1 || count(t, s, "SELECT COUNT(*) FROM search_pending") != 0 {
		t.Fatal("WriteHeldDocs left the document out of the index")
	}
	// One found in the index and one held, in one search.
	second := placeMessage(f, "九堡", 1)
	insertOne(t, s, second)
	if got := found(t, s, "九堡"); !slices.Equal(got, []int64{first.ID, second.ID}) {
		t.Fatalf("九堡, one indexed, one held: %v, want %d, %d", got, first.ID, second.ID)
	}
	if got := found(t, s, "彭埠"); len(got) != 0 {
		t.Fatalf("彭埠 found %v in messages about 九堡", got)
	}

	// Enough held: the submission that makes them pendingDocs writes them all.
	want := []int64{first.ID, second.ID}
	for i := 2; i < store.PendingDocsForTest+1; i++ {
		if i == store.PendingDocsForTest {
			if n := count(t, s, "SELECT COUNT(*) FROM search_pending"); n != store.PendingDocsForTest-1 {
				t.Fatalf("%d documents held, want %d", n, store.PendingDocsForTest-1)
			}
		}
		m := placeMessage(f, "九堡", i)
		insertOne(t, s, m)
		want = append(want, m.ID)
	}
	if n := count(t, s, "SELECT COUNT(*) FROM search_pending"); n != 0 {
		t.Errorf("%d documents still held after %d submissions", n, store.PendingDocsForTest)
	}
	if n := count(t, s, "SELECT COUNT(*) FROM message_search WHERE rowid >= ?", first.ID); n != int64(len(want)) {
		t.Errorf("%d documents in the index for %d messages", n, len(want))
	}
	if got := found(t, s, "九堡"); len(got) != store.SearchMaxLimit {
		t.Errorf("九堡 after the batch: %d hits, want a full page of %d", len(got), store.SearchMaxLimit)
	}

	// A document alone is written once it has waited, with no other write
	// to carry it.
	s.HoldDocsForTest(100 * time.Millisecond)
	last := placeMessage(f, "笕桥", 0)
	insertOne(t, s, last)
	deadline := time.Now().Add(5 * time.Second)
	for indexed(last.ID) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if indexed(last.ID) != 1 || count(t, s, "SELECT COUNT(*) FROM search_pending") != 0 {
		t.Errorf("a document held alone was not written within %v of its wait", 5*time.Second)
	}
	if got := found(t, s, "笕桥"); !slices.Equal(got, []int64{last.ID}) {
		t.Errorf("笕桥: %v, want %d", got, last.ID)
	}
}

// TestHeldDocumentsOutliveTheWriter checks that documents noted but not
// written, as a writer that stopped leaves them, are written by the next
// one, before it stores anything, and found meanwhile.
func TestHeldDocumentsOutliveTheWriter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	f := setup(t, s)
	m := placeMessage(f, "丁兰", 0)
	insertOne(t, s, m)
	if err := s.WriteHeldDocs(ctx); err != nil {
		t.Fatal(err)
	}
	// The state a crash leaves: the message noted, its document not written.
	if err := s.ExecForTest(ctx, "DELETE FROM message_search WHERE rowid = ?", m.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.ExecForTest(ctx, "INSERT INTO search_pending (message_id) VALUES (?)", m.ID); err != nil {
		t.Fatal(err)
	}
	if got := found(t, s, "丁兰"); !slices.Equal(got, []int64{m.ID}) {
		t.Fatalf("丁兰 noted only: %v, want %d", got, m.ID)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := count(t, r, "SELECT COUNT(*) FROM message_search WHERE rowid = ?", m.ID); n != 1 {
		t.Fatalf("the next writer indexed the noted message %d times", n)
	}
	if n := count(t, r, "SELECT COUNT(*) FROM search_pending"); n != 0 {
		t.Errorf("%d notes left after the next writer started", n)
	}
	if got := found(t, r, "丁兰"); !slices.Equal(got, []int64{m.ID}) {
		t.Errorf("丁兰 after a restart: %v, want %d", got, m.ID)
	}
	// A rebuild of a message noted writes its document once.
	if err := r.ExecForTest(ctx, "INSERT INTO search_pending (message_id) VALUES (?)", m.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.ExecForTest(ctx, "DELETE FROM message_search WHERE rowid = ?", m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, r, "SELECT COUNT(*) FROM message_search WHERE rowid = ?", m.ID); n != 1 {
		t.Errorf("a rebuild of a noted message indexed it %d times", n)
	}
	if got := found(t, r, "丁兰"); !slices.Equal(got, []int64{m.ID}) {
		t.Errorf("丁兰 after a rebuild: %v, want %d", got, m.ID)
	}
}

// TestSearchWhileDocumentsAreWritten submits from several writers while
// another searches, with documents written every few milliseconds: each
// search finds every message stored before it began, once, whether its
// document was held, written, or written between the search's two reads.
func TestSearchWhileDocumentsAreWritten(t *testing.T) {
	s := storetest.SQLite(t)
	s.HoldDocsForTest(2 * time.Millisecond)
	f := setup(t, s)
	places := []string{"下沙", "白杨", "九堡", "彭埠", "笕桥", "丁兰", "闸弄口", "四季青"}
	const each = 60
	var mu sync.Mutex
	stored := make([][]int64, len(places)) // by place, as their transactions commit
	var wg sync.WaitGroup
	for p, place := range places {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				m := placeMessage(f, place, p*each+i)
				insertOne(t, s, m)
				mu.Lock()
				stored[p] = append(stored[p], m.ID)
				mu.Unlock()
			}
		}()
	}
	stop := make(chan struct{})
	var searches sync.WaitGroup
	searches.Add(1)
	go func() {
		defer searches.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			p := n % len(places)
			mu.Lock()
			before := slices.Clone(stored[p])
			mu.Unlock()
			got := found(t, s, places[p]) // fails on an ID found twice
			for _, id := range before {
				if !slices.Contains(got, id) {
					t.Errorf("%s: message %d, stored before the search began, not found", places[p], id)
				}
			}
		}
	}()
	wg.Wait()
	close(stop)
	searches.Wait()
	for p, place := range places {
		want := slices.Clone(stored[p])
		slices.Sort(want)
		if got := found(t, s, place); !slices.Equal(got, want) {
			t.Errorf("%s: %d found, want %d", place, len(got), len(want))
		}
	}
}

// TestWaitingPlan: the messages waiting for the index are read from the
// notes, each message looked up by its ID, whatever the statistics say
// of the tables; read the other way, a search walked every message.
func TestWaitingPlan(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	s.HoldDocsForTest(time.Hour)
	f := setup(t, s)
	insertMany(t, s, f, "下沙", 3*store.PendingDocsForTest)
	// Statistics gathered while nothing waits, as a store's are.
	if err := s.ExecForTest(ctx, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	insertOne(t, s, placeMessage(f, "白杨", 0))
	for _, v := range []store.Viewer{{}, {All: true}, {UserID: f.author.ID}} {
		plan, err := s.PlanWaitingForTest(ctx, store.Filter{BoardID: f.board.ID, RegionPrefix: "3301"}, v)
		if err != nil {
			t.Fatal(err)
		}
		steps := strings.Split(plan, "\n")
		if len(steps) < 2 || !strings.HasPrefix(steps[0], "SCAN p") || !strings.HasPrefix(steps[1], "SEARCH m USING INTEGER PRIMARY KEY") {
			t.Errorf("viewer %+v: the waiting messages are read by\n%s", v, plan)
		}
	}
}

// BenchmarkSearchWithHeldDocs prices what the messages waiting for the
// index add to a search: none waiting, and as many as the writer holds
// at most, all of them matches.
//
//	go test -run '^$' -bench BenchmarkSearchWithHeldDocs ./internal/store/
func BenchmarkSearchWithHeldDocs(b *testing.B) {
	ctx := context.Background()
	s := storetest.SQLite(b)
	s.HoldDocsForTest(time.Hour)
	f := setup(b, s)
	insertMany(b, s, f, "下沙", 2000)
	q, err := search.Parse("噪音")
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B) {
		for b.Loop() {
			hits, err := s.SearchMessages(ctx, q, store.Filter{}, 0, store.Viewer{})
			if err != nil || len(hits) == 0 {
				b.Fatalf("%d hits, %v", len(hits), err)
			}
		}
	}
	b.Run("none", run)
	for i := range store.PendingDocsForTest - 1 {
		insertOne(b, s, placeMessage(f, "下沙", 2000+i))
	}
	b.Run("held", run)
}
