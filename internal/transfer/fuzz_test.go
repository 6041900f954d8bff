package transfer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
)

// The fuzz targets of import: whatever a file holds, reading it must
// never panic or hang, a row is either an item that keeps import's
// promises or a refusal with a line number and a reason, and the log
// import writes for an item is one the lifecycle allows.

// fuzzNow is the importer's "now" in the fuzz targets: fixed, so that a
// crasher replays the same way.
var fuzzNow = time.Date(2026, 11, 27, 12, 0, 0, 0, calendar.China)

// headLines returns the first n lines of a real file of the shared data,
// as seeds; quoted cells spanning lines are kept whole by reading records.
func headLines(t testing.TB, rel string, n int) []byte {
	t.Helper()
	f, err := os.Open(sharedData(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for i := 0; i < n; i++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// fuzzLists are the types, domains and tags a new store starts with.
func fuzzLists(f *testing.F) *vocab.Set {
	l, err := storetest.SQLite(f).LoadVocab(context.Background(), lifecycle.DefaultPolicy())
	if err != nil {
		f.Fatal(err)
	}
	return l
}

// FuzzParseTime feeds any cell to the time reader: it must not panic, a
// time it accepts is written back by the export in a form it reads again
// as the same instant.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2019/2/28 11:25:05", "2019-02-28 11:25:05", "2020/1/6 12:09", "2026-06-12",
		"2019年4月25日 9:32:09", "2019年13月1日", "1779493272", "1779493272000", "43831.5", "99999.99999",
		"2026-05-16T09:12:40+08:00", "0000-00-00", "", "  2020/1/6  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := parseTime(s)
		if err != nil {
			if tm != (time.Time{}) {
				t.Fatalf("%q refused with a time %v", s, tm)
			}
			return
		}
		back, err := parseTime(formatTime(tm))
		if tm.IsZero() {
			return // formatTime writes no time as ""
		}
		if err != nil || !back.Equal(tm) {
			t.Fatalf("%q read as %v, written %q, read back %v (%v)", s, tm, formatTime(tm), back, err)
		}
	})
}

// fuzzHeaders are the three formats' headers the row fuzzer reads cells
// under: the TipDM task's, the board's and liuyan's own.
var fuzzHeaders = [][]string{
	{"留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类", "点赞数", "反对数", "答复意见", "答复时间"},
	{"tid", "forumName", "typeName", "domainName", "subject", "content", "dateline", "stateInfo", "answerContent",
		"answerOrganization", "answerDateline", "favNum", "gradeLevel", "gradeManner", "gradeSpeed"},
	nativeColumns,
}

// FuzzRowItems reads any cells as a row of each format: each must be an
// item or a refusal, an item's text is valid UTF-8 with no NUL, its counts
// and grades are in range, and for the TipDM and board formats the log
// import builds for it passes the same check import applies.
func FuzzRowItems(f *testing.F) {
	f.Add(uint8(0), "2549\x1fA00045581\x1fA2区景蓉华苑物业管理有问题\x1f2019/4/25 9:32:09\x1f位于A市A2区桂花坪街道的A2区公安分局宿舍区出现了一番乱象\x1f城乡建设\x1f2\x1f0\x1f您好！经调查核实……\x1f2019/5/10 14:56:53")
	f.Add(uint8(1), "25489118\x1f钱塘区委书记\x1f投诉/求助\x1f城建\x1f开发商占全体业主公共区域用于出租\x1f钱塘区大江东宝龙广场开发商在钱塘区核心区域宝龙广场公共用地擅自出租摊位开设露天烧烤\x1f2026-06-12\x1f已办理\x1f您好！已责令整改。\x1f杭州市钱塘区综合行政执法局\x1f1779955500\x1f3\x1f0\x1f5\x1f4")
	f.Add(uint8(1), "25412625\x1f钱塘区委书记\x1f投诉\x1f政务\x1f业委会违规招标\x1f业委会对沿街商铺进行公开投标，但开标未公开公正\x1f2026-06-01\x1f待回复")
	f.Add(uint8(2), "1\x1fliuyan\x1f1\x1f330114\x1f钱塘区委书记\x1fcitizen\x1f下沙居民\x1f咨询\x1f教育\x1f[\"学区\"]\x1f学区划分\x1f请问何时公布？\x1ftrue\x1fweb\x1freplied\x1f已办理\x1f钱塘区教育局\x1f330114\x1f0\x1f0\x1f2026-05-16T09:12:40+08:00\x1f\x1f\x1f\x1f\x1f\x1f0\x1f0\x1f0\x1ffalse\x1f\x1f\x1f4\x1f5\x1f5\x1f很满意\x1f2026-05-20T09:00:00+08:00\x1f[]\x1f[]\x1f[{\"action\":\"submit\"}]")
	lists := fuzzLists(f)
	f.Fuzz(func(t *testing.T, format uint8, row string) {
		names := fuzzHeaders[int(format)%len(fuzzHeaders)]
		_, r, err := detect(names)
		if err != nil {
			t.Fatalf("header %v: %v", names, err)
		}
		cells := strings.Split(row, "\x1f")
		it, err := r.item(cells, 7, lists)
		if err != nil {
			var re *rowError
			if !errors.As(err, &re) || re.line != 7 || re.reason == "" {
				t.Fatalf("refused without a line and a reason: %v", err)
			}
			return
		}
		checkItem(t, it)
		if it.native != nil {
			return
		}
		h := &historian{lists: lists, cal: calendar.Default(), now: fuzzNow}
		b := &board.Board{ID: 1, Name: "钱塘区委书记", RegionCode: "330114", OfficeUnitID: 1}
		rec, err := h.build(it, b, 1)
		if err != nil {
			var re *rowError
			if !errors.As(err, &re) || re.reason == "" {
				t.Fatalf("build refused without a reason: %v", err)
			}
			return
		}
		if err := checkHistory(rec.Events, rec.Message.Status); err != nil {
			t.Fatalf("import built a log the lifecycle refuses: %v; events %+v", err, rec.Events)
		}
	})
}

// checkItem checks what an accepted row promises the rest of import.
func checkItem(t *testing.T, it *item) {
	t.Helper()
	if !utf8.ValidString(it.title) || !utf8.ValidString(it.body) {
		t.Fatalf("accepted text that is not UTF-8: %q %q", it.title, it.body)
	}
	for _, s := range []string{it.sourceID, it.title, it.body, it.reply, it.forum, it.author} {
		if strings.IndexByte(s, 0) >= 0 {
			t.Fatalf("accepted a NUL: %q", s)
		}
	}
	if it.sourceID == "" || it.title == "" || it.body == "" || it.created.IsZero() {
		t.Fatalf("accepted a row without ID, title, body or time: %+v", it)
	}
	if it.likes < 0 || it.dislikes < 0 {
		t.Fatalf("negative counts: %+v", it)
	}
	for _, g := range it.grades {
		if g < 0 || g > 5 {
			t.Fatalf("grade out of range: %+v", it)
		}
	}
	if it.native == nil && !it.state.Valid() {
		t.Fatalf("state %q", it.state)
	}
}

// within fails the test when f takes more than a few seconds: the fuzzer
// has no timeout of its own for one input, and a file that makes import
// hang is a finding like a crash.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("reading the file did not finish in 5 s")
	}
}

// readAll opens path as import does and reads every row; it returns how
// many rows became items.
func readAll(t *testing.T, path string, lists *vocab.Set) int {
	t.Helper()
	tb, err := openTable(path)
	if err != nil {
		return 0 // refused as a whole, with the catalogue's reason
	}
	defer tb.close()
	_, r, unknown := detect(tb.header())
	items := 0
	for i := 0; ; i++ {
		if i > 1<<16 {
			t.Fatal("a small file gave more rows than it can hold")
		}
		cells, line, err := tb.next()
		if err == io.EOF {
			return items
		}
		var re *rowError
		if errors.As(err, &re) {
			if re.line != line || re.reason == "" {
				t.Fatalf("row refused without its line (%d) and a reason: %v", line, err)
			}
			continue
		}
		if err != nil {
			return items // the rest of the file is unreadable, and said so
		}
		if unknown != nil {
			continue
		}
		if it, err := r.item(cells, line, lists); err == nil {
			checkItem(t, it)
			items++
		}
	}
}

// FuzzTable feeds any bytes as an import file: CSV in UTF-8 or GB18030,
// or JSON lines, told apart as import tells them.
func FuzzTable(f *testing.F) {
	f.Add(headLines(f, "tipdm/sample_raw.csv", 3))
	f.Add(headLines(f, "tipdm/replies.csv", 2))
	f.Add(headLines(f, "liuyan/zhejiang_messages.csv", 4))
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(headLines(f, "tipdm/sample_raw.csv", 2))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(gb)
	for _, name := range []string{"board.jsonl", "tipdm_bad.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("\uFEFF{\"tid\": 1, \"subject\": \"学区\", \"content\": \"请问\", \"dateline\": \"2026-05-16\"}\n{\"tid\": 2}\n{"))
	lists := fuzzLists(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "import")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		within(t, func() { readAll(t, path, lists) })
	})
}

// FuzzXLSXSheet writes any cells into the first sheet of a real workbook
// under a header of one of the formats, then reads it as import does: the
// raw cell values of a sheet are outside input too.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(uint8(0), "45581\x1fA00063477\x1fC4市2019年廉租房什么时候分下来\x1f43558.4496\x1f你好，2019年C4市的廉租房什么时候分下来\x1f\x1f2\x1f0\x1e2694\x1fA000113116\x1f西地省职业技能鉴定个人网上报名系统何时开通？\x1f2019年13月1日\x1f西地省职业技能鉴定个人网上报名什么时候开通？")
	f.Add(uint8(1), "25473685\x1f杭州市委书记刘捷\x1f投诉/求助\x1f政务\x1f无证非法经营收购木材\x1f一、举报点位基本信息 详细地址：杭州市钱塘区文海北路\x1f2026-06-10\x1f待回复")
	lists := fuzzLists(f)
	f.Fuzz(func(t *testing.T, format uint8, rows string) {
		if len(rows) > 4096 {
			return // a sheet of a few rows is enough; excelize is slow on big ones
		}
		x := excelize.NewFile()
		sheet := x.GetSheetName(0)
		put := func(r int, cells []string) bool {
			vals := make([]any, len(cells))
			for i, c := range cells {
				vals[i] = c
			}
			cellName, _ := excelize.CoordinatesToCellName(1, r)
			return x.SetSheetRow(sheet, cellName, &vals) == nil
		}
		if !put(1, fuzzHeaders[int(format)%len(fuzzHeaders)]) {
			t.Fatal("cannot write the header")
		}
		for i, row := range strings.Split(rows, "\x1e") {
			if !put(i+2, strings.Split(row, "\x1f")) {
				return // excelize refuses such a cell; no file to read
			}
		}
		path := filepath.Join(t.TempDir(), "import.xlsx")
		if err := x.SaveAs(path); err != nil {
			return
		}
		within(t, func() { readAll(t, path, lists) })
	})
}
