package campaign

import (
	"errors"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/message"
)

func TestDraftValidate(t *testing.T) {
	opens := time.Date(2020, 2, 10, 0, 0, 0, 0, time.UTC)
	good := func() Draft {
		return Draft{Title: " 战疫情抓复产 意见建议与问题线索征集 ", Description: "面向社会征集意见建议与问题线索。",
			Tags: []string{"复工复产", " 复工复产", ""}, OpensAt: opens, ClosesAt: opens.AddDate(0, 1, 0), BoardIDs: []int64{3, 1, 3}}
	}
	d := good()
	d.Normalize()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if d.Title != "战疫情抓复产 意见建议与问题线索征集" || len(d.Tags) != 1 || len(d.BoardIDs) != 2 || d.BoardIDs[0] != 1 {
		t.Errorf("normalized %+v", d)
	}
	for name, tc := range map[string]struct {
		change func(*Draft)
		want   string
	}{
		"title":       {func(d *Draft) { d.Title = "" }, "error.campaign_title_empty"},
		"description": {func(d *Draft) { d.Description = "" }, "error.campaign_description_empty"},
		"dates":       {func(d *Draft) { d.ClosesAt = d.OpensAt.Add(-time.Hour) }, "error.dates_order"},
		"no dates":    {func(d *Draft) { d.OpensAt = time.Time{} }, "error.dates_missing"},
		"boards":      {func(d *Draft) { d.BoardIDs = nil }, "error.campaign_no_boards"},
		"tags":        {func(d *Draft) { d.Tags = []string{"一", "二", "三", "四", "五", "六"} }, "error.too_many_tags"},
	} {
		d := good()
		tc.change(&d)
		d.Normalize()
		var ie *message.InputError
		if err := d.Validate(); !errors.As(err, &ie) || ie.Key != tc.want {
			t.Errorf("%s: %v, want %s", name, err, tc.want)
		}
	}
}

func TestPhaseAndRoles(t *testing.T) {
	opens := time.Date(2020, 2, 10, 0, 0, 0, 0, time.UTC)
	c := &Campaign{OpensAt: opens, ClosesAt: opens.Add(48 * time.Hour), BoardIDs: []int64{7, 9}}
	for at, want := range map[time.Time]Phase{opens.Add(-time.Second): Upcoming, opens: Open, c.ClosesAt.Add(-time.Second): Open, c.ClosesAt: Closed} {
		if got := c.PhaseAt(at); got != want {
			t.Errorf("phase at %v: %s, want %s", at, got, want)
		}
	}
	admin := &account.User{Role: account.Admin}
	office7 := &account.User{Role: account.Office, BoardID: 7}
	office8 := &account.User{Role: account.Office, BoardID: 8}
	citizen := &account.User{Role: account.Citizen}
	for _, tc := range []struct {
		name string
		got  bool
		want bool
	}{
		{"admin creates", MayCreate(admin, []int64{7, 8}), true},
		{"office creates for its board", MayCreate(office7, []int64{7}), true},
		{"office creates for another board", MayCreate(office7, []int64{7, 8}), false},
		{"citizen creates", MayCreate(citizen, []int64{7}), false},
		{"nobody creates", MayCreate(nil, []int64{7}), false},
		{"office answers its board", MayAnswer(office7, c, 7), true},
		{"office answers another board's suggestion", MayAnswer(office7, c, 9), false},
		{"office of a board outside the campaign", MayAnswer(office8, c, 8), false},
		{"citizen answers", MayAnswer(citizen, c, 7), false},
		{"admin answers", MayAnswer(admin, c, 9), true},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if _, err := ParseOutcome("adopted"); err != nil {
		t.Error(err)
	}
	if _, err := ParseOutcome(""); err == nil {
		t.Error("an empty outcome was accepted")
	}
}
