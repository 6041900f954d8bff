package transfer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		header string
		want   Format
		err    string
	}{
		{"留言编号,留言用户,留言主题,留言时间,留言详情,一级分类", TipDM, ""},
		{"留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数", TipDM, ""},
		{"留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间", TipDM, ""},
		{"tid,date,fid,forum,level,district,type,domain,status,title,content,hasReply,replyOrg,replyContent,likes,gManner,gSpeed", Board, ""},
		{"tid,fid,forumName,typeName,domainName,subject,content,dateline,stateInfo,answerContent,answerOrganization,answerDateline,favNum,gradeLevel,gradeManner,gradeSpeed", Board, ""},
		{strings.Join(nativeColumns, ","), Native, ""},
		{"留言编号,留言用户,留言时间", TipDM, "缺少列：留言主题, 留言详情"},
		{"tid,forum,content", Board, "缺少列：subject/title, dateline/date"},
		{"label,tokens", "", "无法识别文件格式"},
		{"一级分类,二级分类,三级分类", "", "无法识别文件格式"},
	}
	for _, c := range cases {
		got, _, err := detect(strings.Split(c.header, ","))
		if got != c.want || (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: %q, %v; want %q, %q", c.header, got, err, c.want, c.err)
		}
	}
}

// The board's API field names in JSON lines: dateline as Unix time or
// text, a reply with its unit and time, grades; bad lines are refused
// with their number and reason, the rest goes in.
func TestImportBoardJSONLines(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sum, err := Import(ctx, s, "testdata/board.jsonl", options("330000", false))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Format != Board || sum.Rows != 5 || sum.Added != 2 || sum.Rejected != 3 {
			t.Fatalf("%+v", sum)
		}
		want := []struct {
			line int
			says string
		}{{4, "不是有效的 JSON"}, {5, "昨天下午"}, {6, "办理状态「已撤回」无效"}}
		for i, w := range want {
			if p := sum.Problems[i]; p.Line != w.line || !strings.Contains(p.Reason, w.says) {
				t.Errorf("problem %d: %v, want line %d saying %q", i, p, w.line, w.says)
			}
		}
		var recs []*store.Record
		if err := s.Export(ctx, store.ExportFilter{}, func(r *store.Record) error { recs = append(recs, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 {
			t.Fatalf("%d messages stored", len(recs))
		}
		rated, handling := recs[0], recs[1]
		if rated.SourceID != "25350451" || rated.Message.Status != lifecycle.Rated || rated.Likes != 3 {
			t.Fatalf("first message: %+v", rated)
		}
		posted := time.Date(2026, 5, 23, 7, 41, 12, 0, calendar.China)
		answered := time.Date(2026, 5, 28, 16, 5, 0, 0, calendar.China)
		if !rated.Message.PublishedAt.Equal(posted) || !rated.Message.FirstReplyAt.Equal(answered) {
			t.Errorf("published %v, answered %v; want %v, %v", rated.Message.PublishedAt, rated.Message.FirstReplyAt, posted, answered)
		}
		if len(rated.Replies) != 1 || rated.Replies[0].UnitName != "杭州市钱塘区综合行政执法局" ||
			!strings.HasPrefix(rated.Replies[0].Body, "您好！经核实") {
			t.Errorf("reply %+v", rated.Replies)
		}
		if g := rated.Rating; g == nil || g.Resolution != 4 || g.Attitude != 5 || g.Speed != 5 {
			t.Errorf("rating %+v", g)
		}
		if strings.Contains(rated.Message.PublicBody, "13957112345") || !strings.Contains(rated.Message.Body, "13957112345") {
			t.Errorf("the phone number must be masked in the public text only: %q", rated.Message.PublicBody)
		}
		if handling.Message.Status != lifecycle.Handling || handling.Message.Type != "咨询" || handling.Message.Domain != "交通" {
			t.Errorf("second message: %+v", handling.Message)
		}
		b, err := s.Board(ctx, handling.Message.BoardID)
		if err != nil || b.Name != "钱塘区委书记" || b.RegionCode != "330114" {
			t.Errorf("board %+v %v", b, err)
		}
		if n, _ := s.CountMessages(ctx); n != 2 {
			t.Errorf("%d messages", n)
		}
	})
}

// Rows that cannot be read are reported by line, with the reason; a row
// repeated in the file is skipped; the rest goes in.
func TestImportBadRows(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sum, err := Import(ctx, s, "testdata/tipdm_bad.csv", options("430000", true))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Rows != 8 || sum.Added != 3 || sum.Skipped != 1 || sum.Rejected != 4 {
			t.Fatalf("%+v", sum)
		}
		want := []struct {
			line int
			says string
		}{{3, "2019年13月1日"}, {4, "「留言主题」为空"}, {5, "「点赞数」列的「很多」不是非负整数"}, {10, "不是有效的 CSV"}}
		for i, w := range want {
			if p := sum.Problems[i]; p.Line != w.line || !strings.Contains(p.Reason, w.says) {
				t.Errorf("problem %d: %v, want line %d saying %q", i, p, w.line, w.says)
			}
		}
		if n, _ := s.CountMessages(ctx); n != 3 {
			t.Errorf("%d messages stored, want 3", n)
		}
	})
}

// TipDM rows written into a workbook, with the time as a real date cell,
// and as CSV in GB18030, as Excel saves it on a Chinese Windows, import
// like the UTF-8 CSV.
func TestImportXLSXAndGB18030(t *testing.T) {
	rows := readCSV(t, sharedData(t, "tipdm/sample_raw.csv"))[:40]
	header := []string{"留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类"}
	dir := t.TempDir()

	book := excelize.NewFile()
	sheet := book.GetSheetName(0)
	dateStyle, err := book.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	put := func(col, row int, v any) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := book.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range header {
		put(i+1, 1, h)
	}
	var gb strings.Builder
	gb.WriteString(strings.Join(header, ",") + "\n")
	for r, row := range rows {
		at, err := parseTime(row["留言时间"])
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range header {
			var v any = row[h]
			if h == "留言时间" {
				// A date cell holds a civil date and time, no zone.
				v = time.Date(at.Year(), at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second(), 0, time.UTC)
			}
			put(i+1, r+2, v)
		}
		ref, _ := excelize.CoordinatesToCellName(4, r+2)
		book.SetCellStyle(sheet, ref, ref, dateStyle)
		cells := make([]string, len(header))
		for i, h := range header {
			cells[i] = `"` + strings.ReplaceAll(row[h], `"`, `""`) + `"`
		}
		gb.WriteString(strings.Join(cells, ",") + "\n")
	}
	xlsx := filepath.Join(dir, "sample.xlsx")
	if err := book.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	encoded, err := simplifiedchinese.GB18030.NewEncoder().String(gb.String())
	if err != nil {
		t.Fatal(err)
	}
	gbPath := filepath.Join(dir, "sample_gb.csv")
	if err := os.WriteFile(gbPath, []byte(encoded), 0o600); err != nil {
		t.Fatal(err)
	}

	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, path := range []string{xlsx, gbPath} {
			o := options("430000", true)
			o.Source = "sample"
			sum, err := Import(ctx, s, path, o)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Format != TipDM || sum.Rejected != 0 || sum.Added+sum.Skipped != len(rows) {
				t.Fatalf("%s: %+v %v", path, sum, sum.Problems)
			}
		}
		var titles []string
		err := s.Export(ctx, store.ExportFilter{}, func(r *store.Record) error {
			i := slices.IndexFunc(rows, func(row map[string]string) bool { return row["留言编号"] == r.SourceID })
			if i < 0 {
				t.Fatalf("unknown message %s", r.SourceID)
			}
			at, _ := parseTime(rows[i]["留言时间"])
			if !r.Message.CreatedAt.Equal(at) || r.Message.Title != rows[i]["留言主题"] {
				t.Errorf("%s: %v %q, want %v %q", r.SourceID, r.Message.CreatedAt, r.Message.Title, at, rows[i]["留言主题"])
			}
			titles = append(titles, r.Message.Title)
			return nil
		})
		if err != nil || len(titles) != len(rows) {
			t.Fatalf("%d messages (%v), want %d: the second file must add nothing", len(titles), err, len(rows))
		}
	})
}

// --board puts every row on one board, whatever region or name the file
// gives; without it a file that names no board needs a default one.
func TestImportToBoard(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := Import(ctx, s, "testdata/tipdm_bad.csv", Options{}); err == nil || !strings.Contains(err.Error(), "--board") {
			t.Fatalf("no board: %v", err)
		}
		bs, err := s.BoardsNamed(ctx, "钱塘区委书记", "330114")
		if err != nil || len(bs) != 1 {
			t.Fatal(bs, err)
		}
		sum, err := Import(ctx, s, "testdata/tipdm_bad.csv", Options{BoardID: bs[0].ID})
		if err != nil || sum.Added != 3 {
			t.Fatalf("%+v %v", sum, err)
		}
		ms, err := s.Messages(ctx, store.Filter{BoardID: bs[0].ID}, store.Viewer{All: true})
		if err != nil || len(ms) != 3 || ms[0].RegionCode != "330114" {
			t.Fatalf("%d messages on the board (%v)", len(ms), err)
		}
		if _, err := Import(ctx, s, "testdata/tipdm_bad.csv", Options{BoardID: 99999999}); err == nil || !strings.Contains(err.Error(), "99999999") {
			t.Fatalf("unknown board: %v", err)
		}
	})
}
