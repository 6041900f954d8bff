package corpus

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"liuyan/internal/calendar"
)

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2019/2/28 11:25:05", time.Date(2019, 2, 28, 11, 25, 5, 0, calendar.China)},
		{"2019-02-28 11:25:05", time.Date(2019, 2, 28, 11, 25, 5, 0, calendar.China)},
		{"2019/2/28 11:25", time.Date(2019, 2, 28, 11, 25, 0, 0, calendar.China)},
		{"2019-08-01", time.Date(2019, 8, 1, 0, 0, 0, 0, calendar.China)},
		{" 2020/1/6 ", time.Date(2020, 1, 6, 0, 0, 0, 0, calendar.China)},
	}
	for _, c := range cases {
		got, err := ParseTime(c.in)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "昨天", "2019/13/1", "28/2/2019"} {
		if _, err := ParseTime(bad); err == nil || !strings.Contains(err.Error(), "时间") {
			t.Errorf("ParseTime(%q) error %v", bad, err)
		}
	}
}

const hotspotSample = "\ufeff留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数\n" +
	"188006,A000102948,A3区一米阳光婚纱艺术摄影是否合法纳税了？,2019/2/28 11:25:05,\"\n\t\t\t\t\t\n\t\t\t\t\t座落在A市A3区联丰路米兰春天G2栋320，\n\t\t\t\t\t一家名叫一米阳光婚纱艺术摄影的影楼。\n\t\t\t\t\t\n\t\t\t\t\t\n\t\t\t\t\",0,2\n" +
	"188007,A00074795,咨询A6区道路命名规划初步成果公示和城乡门牌问题,2019-08-01,A市A6区道路命名规划已经初步成果公示文件。,1,0\n"

func TestReadMessages(t *testing.T) {
	ms, err := ReadMessages(strings.NewReader(hotspotSample), "留言编号", "反对数", "点赞数")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Fatalf("%d messages", len(ms))
	}
	m := ms[0]
	if m.ID != "188006" || m.User != "A000102948" || m.Against != 0 || m.Support != 2 ||
		m.Body != "座落在A市A3区联丰路米兰春天G2栋320，\n一家名叫一米阳光婚纱艺术摄影的影楼。" ||
		!m.Time.Equal(time.Date(2019, 2, 28, 11, 25, 5, 0, calendar.China)) {
		t.Errorf("first message %+v", m)
	}
	if ms[1].Against != 1 || ms[1].Support != 0 || ms[1].Time.Hour() != 0 {
		t.Errorf("second message %+v", ms[1])
	}
	if !strings.HasPrefix(m.Text(), m.Title+"\n") {
		t.Errorf("Text %q", m.Text())
	}

	bad := []struct{ name, csv, want string }{
		{"missing column", "留言编号,留言主题\n1,标题\n", "缺少列：点赞数"},
		{"bad count", "留言编号,点赞数\n1,很多\n", "第 2 行「点赞数」列"},
		{"bad time", "留言编号,留言时间,点赞数\n1,去年,0\n", "不是可识别的时间"},
		{"empty file", "", "表头"},
		{"broken quotes", "留言编号,点赞数\n\"1,0\n", "CSV"},
	}
	for _, c := range bad {
		_, err := ReadMessages(strings.NewReader(c.csv), "留言编号", "点赞数")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to say %q", c.name, err, c.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, []string{"问题ID", "留言详情"}, [][]string{{"1", "噪音，扰民\n严重"}}); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff问题ID,留言详情\r\n1,\"噪音，扰民\r\n严重\"\r\n" // Excel wants CRLF inside cells too
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	back, err := ReadMessages(bytes.NewReader(b.Bytes()))
	if err != nil || len(back) != 1 || back[0].Other["问题ID"] != "1" {
		t.Errorf("reading back: %+v %v", back, err)
	}
}

func TestMatcher(t *testing.T) {
	rows := [][]string{
		strings.Fields("市 西湖 建筑 集团 占 道 施工 安全隐患 A3 区 大道 西行 道"),
		strings.Fields("市 在水一方 大厦 人为 烂尾 多年 安全隐患 严重"),
	}
	m := NewMatcher(rows)
	cases := []struct {
		raw  string
		want int
	}{
		{"A市西湖建筑集团占道施工有安全隐患\nA3区大道西行便道", 0},
		{"A市在水一方大厦人为烂尾多年，安全隐患严重", 1},
		{"A市西湖建筑集团施工", -1},
		{"", -1},
	}
	for _, c := range cases {
		if got := m.Find(c.raw); got != c.want {
			t.Errorf("Find(%q) = %d, want %d", c.raw, got, c.want)
		}
	}
	found, gaps := Align(Squeeze("A市西湖建筑集团占道施工有安全隐患"), rows[0][:8])
	if found != 8 || strings.Join(gaps, "|") != "a|有" {
		t.Errorf("Align: %d %q", found, gaps)
	}
	if got := Squeeze("Ａ３区，大道 西行"); got != "a3区大道西行" {
		t.Errorf("Squeeze = %q", got)
	}
}
