package stats_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/workflow"
)

// The hand-computed fixture: twelve messages over 2019 and 2020 in every
// state, with replies in and out of 2020H1, an extension, a sign-off, a
// follow-up, ratings good and bad, and two messages overdue at fixtureNow.
// The expected figures in stats_test.go were worked out by hand from this
// history and the official calendar (see the comments there).

// fixtureNow is when the figures are asked for: 2020-07-15 10:00.
var fixtureNow = time.Date(2020, 7, 15, 10, 0, 0, 0, calendar.China)

// step is one action at a China time, "2020-03-02 10:00". who is "mod",
// "office" (the board's office), "handler" (the holding unit's handler),
// "author" or "system" (the nightly closing job).
type step struct {
	at    string
	who   string
	act   lifecycle.Action
	unit  string // assign, transfer
	days  int    // extension
	stars [3]int // rating
}

type story struct {
	name, board, typ, domain string
	tags                     []string
	public                   bool
	steps                    []step // the first is the submission
}

// handled is the common path: submit, accept, assign, sign, final reply.
func handled(day, replyDay, unit string) []step {
	return []step{
		{at: day + " 09:00", who: "author", act: lifecycle.Submit},
		{at: day + " 10:00", who: "mod", act: lifecycle.Accept},
		{at: day + " 11:00", who: "office", act: lifecycle.Assign, unit: unit},
		{at: day + " 14:00", who: "handler", act: lifecycle.Sign},
		{at: replyDay + " 10:00", who: "handler", act: lifecycle.FinalReply},
	}
}

func rate(day string, a, b, c int) step {
	return step{at: day + " 20:00", who: "author", act: lifecycle.Rate, stars: [3]int{a, b, c}}
}

var stories = []story{
	// 2019H1, the year before.
	{name: "P1", board: "钱塘区委书记", typ: "投诉/求助", domain: "城建", public: true,
		steps: append(handled("2019-03-04", "2019-03-06", "钱塘区住房和城乡建设局"), rate("2019-03-07", 3, 3, 3))},
	{name: "P2", board: "杭州市长", typ: "咨询", domain: "环保", public: true,
		steps: handled("2019-03-11", "2019-03-13", "杭州市城市管理局")},
	{name: "P3", board: "杭州市委书记", typ: "建言", domain: "城建", public: true,
		steps: handled("2019-05-06", "2019-05-08", "杭州市交通运输局")},
	// Published in 2019H2, first replied in 2020H1, late (9 and 6 working days).
	{name: "M10", board: "杭州市委书记", typ: "投诉/求助", domain: "城建", public: true,
		steps: append(handled("2019-12-23", "2020-01-06", "杭州市城市管理局"), rate("2020-01-07", 5, 5, 5))},
	{name: "M12", board: "西湖区长", typ: "咨询", domain: "交通", public: false,
		steps: handled("2019-12-30", "2020-01-08", "西湖区城市管理局")},
	// 2020H1.
	{name: "M1", board: "钱塘区委书记", typ: "投诉/求助", domain: "城建", tags: []string{"疫情防控"}, public: true,
		steps: append(handled("2020-03-02", "2020-03-04", "钱塘区住房和城乡建设局"), rate("2020-03-05", 5, 5, 4))},
	{name: "M2", board: "钱塘区长", typ: "咨询", domain: "交通", public: true, steps: []step{
		{at: "2020-03-02 09:30", who: "author", act: lifecycle.Submit},
		{at: "2020-03-02 10:30", who: "mod", act: lifecycle.Accept},
		{at: "2020-03-02 11:30", who: "office", act: lifecycle.Assign, unit: "钱塘区教育局"},
		{at: "2020-03-03 09:00", who: "handler", act: lifecycle.Sign},
		{at: "2020-03-06 09:00", who: "handler", act: lifecycle.RequestExtend, days: 3},
		{at: "2020-03-06 15:00", who: "office", act: lifecycle.ApproveExtend},
		{at: "2020-03-12 10:00", who: "handler", act: lifecycle.FinalReply},
		rate("2020-03-13", 2, 3, 3),
	}},
	{name: "M3", board: "杭州市长", typ: "投诉/求助", domain: "环保", tags: []string{"疫情防控", "复工复产"}, public: true,
		steps: append(handled("2020-03-09", "2020-03-20", "杭州市城市管理局"),
			step{at: "2020-03-23 08:00", who: "author", act: lifecycle.Followup},
			step{at: "2020-03-24 16:00", who: "handler", act: lifecycle.FinalReply},
			step{at: "2020-04-25 02:00", who: "system", act: lifecycle.Close})},
	{name: "M4", board: "杭州市住房保障和房产管理局", typ: "咨询", domain: "城建", public: true, steps: []step{
		{at: "2020-03-16 09:00", who: "author", act: lifecycle.Submit},
		{at: "2020-03-16 10:00", who: "mod", act: lifecycle.Accept},
		{at: "2020-03-16 11:00", who: "office", act: lifecycle.Assign, unit: "杭州市住房保障和房产管理局"},
		{at: "2020-03-17 09:00", who: "handler", act: lifecycle.Sign},
		{at: "2020-03-18 16:00", who: "handler", act: lifecycle.FinalReply}, // waits for sign-off
		{at: "2020-03-19 10:00", who: "office", act: lifecycle.ApproveReply},
		rate("2020-03-20", 4, 4, 4),
	}},
	{name: "M5", board: "宁波市委书记", typ: "建言", domain: "企业", public: true,
		steps: handled("2020-04-01", "", "宁波市公安局")[:4]},
	{name: "M6", board: "海曙区委书记", typ: "投诉/求助", domain: "治安", public: true,
		steps: handled("2020-05-06", "", "")[:2]},
	{name: "M7", board: "钱塘区委书记", typ: "感谢", domain: "其他", public: true, steps: []step{
		{at: "2020-06-01 09:00", who: "author", act: lifecycle.Submit},
		{at: "2020-06-01 10:00", who: "mod", act: lifecycle.Reject},
	}},
	{name: "M8", board: "岳麓区委书记", typ: "投诉/求助", domain: "城建", public: true,
		steps: append(handled("2020-06-01", "2020-06-02", "岳麓区城市管理和综合执法局"), rate("2020-06-03", 1, 1, 1))},
	// Published on the last day of 2020H1, replied in 2020H2.
	{name: "M9", board: "西湖区委书记", typ: "咨询", domain: "教育", public: true,
		steps: handled("2020-06-30", "2020-07-02", "西湖区城市管理局")},
}

// loadFixture plays the stories through the Desk in time order.
func loadFixture(t testing.TB, w *world) {
	t.Helper()
	ctx := context.Background()
	type move struct {
		at    time.Time
		story int
		step  int
	}
	var moves []move
	for i, st := range stories {
		for j, s := range st.steps {
			at, err := time.ParseInLocation("2006-01-02 15:04", s.at, calendar.China)
			if err != nil {
				t.Fatalf("%s step %d: %v", st.name, j, err)
			}
			moves = append(moves, move{at, i, j})
		}
	}
	slices.SortStableFunc(moves, func(a, b move) int { return a.at.Compare(b.at) })
	ids := map[int]int64{}
	for _, mv := range moves {
		st, s := stories[mv.story], stories[mv.story].steps[mv.step]
		w.set(mv.at)
		author := w.citizens[mv.story%len(w.citizens)]
		b := w.boards[st.board]
		if s.act == lifecycle.Submit {
			m, _, err := w.desk.Submit(ctx, author, message.Draft{BoardID: b.ID, Type: st.typ, Domain: st.domain, Tags: st.tags,
				Title: "关于" + st.domain + "问题的反映", Body: "请相关部门核实处理，谢谢。", Public: st.public}, "")
			if err != nil {
				t.Fatalf("%s: submit: %v", st.name, err)
			}
			ids[mv.story] = m.ID
			continue
		}
		if s.who == "system" {
			if _, err := w.desk.CloseUnrated(ctx); err != nil {
				t.Fatal(err)
			}
			continue
		}
		m, err := w.s.Message(ctx, ids[mv.story], storeAll)
		if err != nil {
			t.Fatal(err)
		}
		var who *account.User
		switch s.who {
		case "mod":
			who = w.mod
		case "office":
			who = w.office[b.ID]
		case "handler":
			who = w.handler[m.UnitID]
		case "author":
			who = author
		}
		act := workflow.Act{Action: s.act, Days: s.days, Note: "经核查，已处理。"}
		if s.unit != "" {
			act.UnitID = w.units[s.unit].ID
		}
		if s.act == lifecycle.Rate {
			act.Note = ""
			act.Rating = &message.Rating{Resolution: s.stars[0], Attitude: s.stars[1], Speed: s.stars[2]}
		}
		if s.act == lifecycle.Accept || s.act == lifecycle.Sign || s.act == lifecycle.ApproveExtend || s.act == lifecycle.ApproveReply {
			act.Note = ""
		}
		if _, err := w.desk.Do(ctx, who, m.ID, act); err != nil {
			t.Fatalf("%s: %s at %s: %v", st.name, s.act, s.at, err)
		}
	}
	w.set(fixtureNow)
}
