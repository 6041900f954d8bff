package transfer

import (
	"context"
	"encoding/csv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func options(region string, create bool) Options {
	return Options{Region: region, CreateBoards: create, Policy: lifecycle.DefaultPolicy(), Calendar: calendar.Default()}
}

// readCSV reads a whole file with encoding/csv, apart from the importer,
// as a list of rows keyed by header name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, row)
	}
}

// counts are a store's or a file's messages per state, type and domain.
// The board's 已办理 covers three of liuyan's states: replied, rated and
// closed (rated or not in time); "已办理" counts them together.
type counts struct {
	status, typ, domain map[string]int
}

func newCounts() counts {
	return counts{status: map[string]int{}, typ: map[string]int{}, domain: map[string]int{}}
}

func storeCounts(t *testing.T, s *store.Store) counts {
	t.Helper()
	c := newCounts()
	for _, by := range []struct {
		col store.CountColumn
		dst map[string]int
	}{{store.ByStatus, c.status}, {store.ByType, c.typ}, {store.ByDomain, c.domain}} {
		got, err := s.CountBy(context.Background(), by.col)
		if err != nil {
			t.Fatal(err)
		}
		maps.Copy(by.dst, got)
	}
	for _, st := range []string{"replied", "rated", "closed"} {
		if n := c.status[st]; n > 0 {
			c.status["已办理"] += n
			delete(c.status, st)
		}
	}
	return c
}

func sameCounts(t *testing.T, what string, got, want counts) {
	t.Helper()
	for _, p := range []struct {
		name      string
		got, want map[string]int
	}{{"status", got.status, want.status}, {"type", got.typ, want.typ}, {"domain", got.domain, want.domain}} {
		if !maps.Equal(p.got, p.want) {
			t.Errorf("%s: per %s %v, want %v", what, p.name, p.got, p.want)
		}
	}
}

// specDomains is the mapping of the TipDM classes to domains,
// written out here so that the test checks the importer against the
// specification rather than against itself.
var specDomains = map[string]string{"城乡建设": "城建", "劳动和社会保障": "就业", "教育文体": "教育", "商贸旅游": "旅游",
	"环境保护": "环保", "卫生计生": "医疗", "交通运输": "交通"}

// tipdmExpected counts a TipDM file: each 留言编号 once (the first row of
// a repeated one), every message 投诉/求助, the class mapped to its domain
// (others 其他), and answered (已办理) when it has a reply.
func tipdmExpected(t *testing.T, path string) (counts, int) {
	c := newCounts()
	seen := map[string]bool{}
	rows := readCSV(t, path)
	for _, r := range rows {
		if seen[r["留言编号"]] {
			continue
		}
		seen[r["留言编号"]] = true
		c.typ["投诉/求助"]++
		d, ok := specDomains[r["一级分类"]]
		if !ok {
			d = "其他"
		}
		c.domain[d]++
		if r["答复意见"] != "" {
			c.status["已办理"]++
		} else {
			c.status["published"]++
		}
	}
	return c, len(rows)
}

func TestImportTipDMFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedData(t, "tipdm"), "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no TipDM files: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			header := readCSV(t, path)
			if _, ok := header[0]["留言编号"]; !ok {
				// taxonomy.csv and train_segmented.csv hold no messages.
				storetest.Each(t, func(t *testing.T, s *store.Store) {
					_, err := Import(context.Background(), s, path, options("430000", true))
					if err == nil || !strings.Contains(err.Error(), "无法识别文件格式") {
						t.Fatalf("import of %s: %v, want an unknown-format error", name, err)
					}
				})
				return
			}
			want, rows := tipdmExpected(t, path)
			storetest.Seeded(t, func(t *testing.T, s *store.Store) {
				ctx := context.Background()
				sum, err := Import(ctx, s, path, options("430000", true))
				if err != nil {
					t.Fatal(err)
				}
				distinct := want.typ["投诉/求助"]
				if sum.Format != TipDM || sum.Rows != rows || sum.Added != distinct || sum.Skipped != rows-distinct || sum.Rejected != 0 {
					t.Fatalf("%s: %+v; want %d rows, %d added", name, sum, rows, distinct)
				}
				sameCounts(t, name, storeCounts(t, s), want)
				boards, err := s.BoardsNamed(ctx, "湖南省问政平台", "430000")
				if err != nil || len(boards) != 1 || boards[0].Kind != board.Department {
					t.Fatalf("default board: %+v, %v", boards, err)
				}
			})
		})
	}
}

// zhejiangStates maps the board's stateInfo to the buckets of counts.
var zhejiangStates = map[string]string{"待回复": "published", "办理中": "handling", "已办理": "已办理"}

func TestImportZhejiang(t *testing.T) {
	path := sharedData(t, "liuyan/zhejiang_messages.csv")
	rows := readCSV(t, path)
	want := newCounts()
	rated, likes := 0, 0
	forums := map[string]int{}
	for _, r := range rows {
		want.status[zhejiangStates[r["status"]]]++
		typ, domain := r["type"], r["domain"]
		if typ == "" {
			typ = "投诉/求助" // the package's documented default for a lost type
		}
		if domain == "" {
			domain = "其他"
		}
		want.typ[typ]++
		want.domain[domain]++
		manner, _ := strconv.Atoi(r["gManner"])
		speed, _ := strconv.Atoi(r["gSpeed"])
		if r["status"] == "已办理" && manner+speed > 0 {
			rated++
		}
		n, _ := strconv.Atoi(r["likes"])
		likes += n
		forums[r["forum"]]++
	}
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sum, err := Import(ctx, s, path, options("330000", true))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Format != Board || sum.Added != len(rows) || sum.Rejected != 0 {
			t.Fatalf("%+v; want all %d rows added: %v", sum, len(rows), sum.Problems)
		}
		got := storeCounts(t, s)
		sameCounts(t, "zhejiang", got, want)
		byState, _ := s.CountBy(ctx, store.ByStatus)
		if byState["rated"] != rated {
			t.Errorf("%d rated, want the %d answered rows with grades", byState["rated"], rated)
		}

		// The forums are the leader boards of 330000's regions, whatever
		// the leader's own name after the title.
		for _, c := range []struct {
			region, board string
			rows          int
		}{
			{"330114", "钱塘区委书记", forums["钱塘区委书记"]},
			{"330110", "余杭区委书记", forums["余杭区委书记"]},
			{"330100", "杭州市委书记", forums["杭州市委书记刘捷"]},
			{"330100", "杭州市长", forums["杭州市市长姚高员"]},
			{"330000", "浙江省委书记", forums["浙江省委书记王浩"]},
			{"330100", "杭州市", forums["杭州市"]},
		} {
			bs, err := s.BoardsNamed(ctx, c.board, c.region)
			if err != nil || len(bs) != 1 {
				t.Fatalf("board %s: %v %v", c.board, bs, err)
			}
			ms, err := s.Messages(ctx, store.Filter{BoardID: bs[0].ID, Limit: 10000}, store.Viewer{All: true})
			if err != nil || len(ms) != c.rows || c.rows == 0 {
				t.Errorf("board %s has %d messages (%v), want %d", c.board, len(ms), err, c.rows)
			}
		}

		// Every log follows the lifecycle; likes and grades are kept.
		sumLikes := 0
		err = s.Export(ctx, store.ExportFilter{}, func(r *store.Record) error {
			sumLikes += r.Likes
			if err := checkHistory(r.Events, r.Message.Status); err != nil {
				t.Errorf("message %s: %v", r.SourceID, err)
			}
			if r.Message.Status == lifecycle.Rated && (r.Rating == nil || r.Rating.Attitude < 1) {
				t.Errorf("message %s is rated without a rating: %+v", r.SourceID, r.Rating)
			}
			if !strings.HasPrefix(r.Author.Login, "imported:") {
				t.Errorf("author %q is not marked as imported", r.Author.Login)
			}
			return nil
		})
		if err != nil || sumLikes != likes {
			t.Errorf("likes %d (%v), want %d", sumLikes, err, likes)
		}
		u, err := s.UserByLogin(ctx, ImportedLogin("zhejiang_messages", ""))
		if err != nil || u.PasswordHash != store.ImportedPasswordHash {
			t.Errorf("the anonymous author: %+v %v", u, err)
		}

		again, err := Import(ctx, s, path, options("330000", true))
		if err != nil || again.Added != 0 || again.Skipped != len(rows) {
			t.Fatalf("second import: %+v, %v; want nothing added", again, err)
		}
		sameCounts(t, "after the second import", storeCounts(t, s), want)
	})
}

// Without --create-boards, rows for boards that do not exist are refused
// one by one, with their line, and the rest goes in.
func TestImportZhejiangWithoutCreating(t *testing.T) {
	path := sharedData(t, "liuyan/zhejiang_messages.csv")
	rows := readCSV(t, path)
	missing := 0
	for _, r := range rows {
		// 浙江省 and 杭州市 name a region alone: boards of that name are
		// not made without --create-boards; the leaders' boards exist.
		if r["forum"] == "浙江省" || r["forum"] == "杭州市" {
			missing++
		}
	}
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		sum, err := Import(context.Background(), s, path, options("330000", false))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Rejected != missing || sum.Added != len(rows)-missing || len(sum.Problems) != min(missing, maxProblems) {
			t.Fatalf("%d added, %d rejected; want %d rejected", sum.Added, sum.Rejected, missing)
		}
		p := sum.Problems[0]
		if p.Line < 2 || !strings.Contains(p.Reason, "找不到留言对象") || !strings.Contains(p.String(), "第 "+strconv.Itoa(p.Line)+" 行") {
			t.Errorf("first problem %q", p)
		}
		if n, _ := s.CountMessages(context.Background()); n != len(rows)-missing {
			t.Errorf("%d messages stored", n)
		}
	})
}
