package message

import (
	"errors"
	"strings"
	"testing"
)

func TestGrade(t *testing.T) {
	cases := []struct {
		r     Rating
		grade int
		good  bool
	}{
		{Rating{Resolution: 5, Attitude: 5, Speed: 5}, 5, true},
		{Rating{Resolution: 4, Attitude: 5, Speed: 4}, 5, true}, // 4.33 > 4
		{Rating{Resolution: 4, Attitude: 4, Speed: 4}, 4, true}, // exactly 4 is 满意
		{Rating{Resolution: 3, Attitude: 4, Speed: 3}, 4, true}, // 3.33
		{Rating{Resolution: 3, Attitude: 3, Speed: 3}, 3, false},
		{Rating{Resolution: 1, Attitude: 3, Speed: 2}, 2, false}, // 2 is 不满意
		{Rating{Resolution: 1, Attitude: 1, Speed: 1}, 1, false},
	}
	for _, c := range cases {
		if g := c.r.Grade(); g != c.grade || c.r.Good() != c.good {
			t.Errorf("%+v: grade %d good %v, want %d %v", c.r, g, c.r.Good(), c.grade, c.good)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := Draft{BoardID: 1, Type: "投诉/求助", Domain: "交通", Title: "  文一西路公交站台破损  ",
		Body: "站台顶棚破了一个大洞，下雨天无法候车。", Tags: []string{" 公交 ", "公交", ""}}
	ok.Normalize()
	if err := ok.Validate(DefaultLimits, seeded); err != nil {
		t.Fatalf("good draft refused: %v", err)
	}
	if ok.Title != "文一西路公交站台破损" || len(ok.Tags) != 1 || ok.Channel != "api" {
		t.Errorf("normalize: %+v", ok)
	}
	cases := []struct {
		name string
		edit func(*Draft)
		key  string
	}{
		{"50 characters is fine", func(d *Draft) { d.Title = strings.Repeat("站", 50) }, ""},
		{"51 characters", func(d *Draft) { d.Title = strings.Repeat("站", 51) }, "error.title_too_long"},
		{"empty body", func(d *Draft) { d.Body = "" }, "error.body_empty"},
		{"invalid UTF-8", func(d *Draft) { d.Body = "站台\xc3\x28" }, "error.invalid_utf8"},
		{"unknown domain", func(d *Draft) { d.Domain = "航天" }, "error.unknown_domain"},
		{"six tags", func(d *Draft) { d.Tags = []string{"一", "二", "三", "四", "五", "六"} }, "error.too_many_tags"},
		{"long tag", func(d *Draft) { d.Tags = []string{strings.Repeat("标", 21)} }, "error.tag_too_long"},
	}
	for _, c := range cases {
		d := ok
		c.edit(&d)
		err := d.Validate(DefaultLimits, seeded)
		var ie *InputError
		switch {
		case c.key == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.key != "" && (!errors.As(err, &ie) || ie.Key != c.key):
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	if err := ValidateStars(1, 5, 3); err != nil {
		t.Error(err)
	}
	if err := ValidateStars(1, 0, 3); err == nil {
		t.Error("0 stars accepted")
	}
	if err := ValidateNote(strings.Repeat("答", DefaultLimits.NoteMax+1), DefaultLimits); err == nil {
		t.Error("over-long note accepted")
	}
}

// lists are fixed lists for the tests; the real ones are data
// (internal/vocab), seeded with these.
type lists struct{ types, domains []string }

func (l lists) Types() []string   { return l.types }
func (l lists) Domains() []string { return l.domains }

var seeded = lists{types: []string{"投诉/求助", "咨询", "建言", "感谢"}, domains: []string{"城建", "交通", "环保", "其他"}}
