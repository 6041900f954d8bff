package stats_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

var storeAll = store.Viewer{All: true}

// f is a float pointer for expectations; n an int pointer.
func f(v float64) *float64 { return &v }
func n(v int) *int         { return &v }

func sameF(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) < 1e-9
}

func sameI(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// checkFigures compares every figure.
func checkFigures(t *testing.T, what string, got, want stats.Figures) {
	t.Helper()
	ok := got.Messages == want.Messages && got.Replies == want.Replies && sameF(got.ReplyRate, want.ReplyRate) &&
		got.Cohort == want.Cohort && sameF(got.CohortRate, want.CohortRate) && got.Ratings == want.Ratings &&
		got.Good == want.Good && sameF(got.Satisfaction, want.Satisfaction) && sameF(got.MeanGrade, want.MeanGrade) &&
		sameI(got.MedianDays, want.MedianDays) && sameI(got.P90Days, want.P90Days) && got.OnTime == want.OnTime &&
		sameF(got.OnTimeRate, want.OnTimeRate) && got.Followups == want.Followups
	if !ok {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("%s:\n got  %s\n want %s", what, g, w)
	}
}

func h1(t testing.TB) stats.Period {
	p, err := stats.ParsePeriod("2020H1")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFixtureFigures asserts every figure of the hand-computed fixture.
//
// The first final replies of 2020H1, with working days from publication
// (the official calendar: 2020-01-01 off) and whether they met the
// deadline (7 working days for 投诉/求助, 5 for the rest, plus M2's
// approved 3-day extension):
//
//	M10 2019-12-23 → 2020-01-06  9 days, late (due 01-02)  杭州市委书记 城建 投诉/求助
//	M12 2019-12-30 → 2020-01-08  6 days, late (due 01-07)  西湖区长     交通 咨询
//	M1  2020-03-02 → 2020-03-04  2 days, in time           钱塘区委书记 城建 投诉/求助 #疫情防控
//	M2  2020-03-02 → 2020-03-12  8 days, in time (due 03-12 with the extension)
//	M3  2020-03-09 → 2020-03-20  9 days, late (due 03-18)  杭州市长 环保 #疫情防控 #复工复产
//	M4  2020-03-16 → 2020-03-19  3 days, in time (signed off on 03-19)
//	M8  2020-06-01 → 2020-06-02  1 day, in time            岳麓区委书记 (湖南)
//
// Days sorted 1 2 3 6 8 9 9: median (4th of 7) 6, p90 (7th) 9; 4 of 7 in
// time. Published in 2020H1: M1–M6, M8, M9 (M7 was rejected) = 8; of
// those replied by now: M1–M4, M8, M9 = 6. Ratings made in 2020H1: M10
// 5/5/5, M1 5/5/4, M2 2/3/3, M4 4/4/4, M8 1/1/1 — good (> 3): 3 of 5, the
// stars 52 of 15 scores. 2019H1: P1–P3 published and replied in 2 working
// days each, one rating 3/3/3 (not good).
func TestFixtureFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, fixtureNow)
		loadFixture(t, w)
		p := h1(t)

		sum, err := w.svc.Summary(ctx, stats.Scope{}, p)
		if err != nil {
			t.Fatal(err)
		}
		checkFigures(t, "country 2020H1", sum.Figures, stats.Figures{Messages: 8, Replies: 7, ReplyRate: f(7.0 / 8),
			Cohort: 6, CohortRate: f(6.0 / 8), Ratings: 5, Good: 3, Satisfaction: f(3.0 / 5), MeanGrade: f(52.0 / 15),
			MedianDays: n(6), P90Days: n(9), OnTime: 4, OnTimeRate: f(4.0 / 7), Followups: 1})
		checkFigures(t, "country 2019H1", sum.Previous, stats.Figures{Messages: 3, Replies: 3, ReplyRate: f(1),
			Cohort: 3, CohortRate: f(1), Ratings: 1, Good: 0, Satisfaction: f(0), MeanGrade: f(3),
			MedianDays: n(2), P90Days: n(2), OnTime: 3, OnTimeRate: f(1)})
		if sum.Period != "2020H1" || sum.YearBefore != "2019H1" {
			t.Errorf("periods %s and %s", sum.Period, sum.YearBefore)
		}
		wantYoY := map[string]*float64{"messages": f(5.0 / 3), "replies": f(4.0 / 3), "reply_rate": f(-0.125),
			"cohort_rate": f(-0.25), "ratings": f(4), "satisfaction": nil, "median_days": f(2), "p90_days": f(3.5),
			"on_time_rate": f(-3.0 / 7), "followups": nil}
		for k, v := range wantYoY {
			if !sameF(sum.YoY[k], v) {
				t.Errorf("同比 %s = %v, want %v", k, deref(sum.YoY[k]), deref(v))
			}
		}
		if len(sum.YoY) != len(wantYoY) {
			t.Errorf("同比 for %d figures, want %d", len(sum.YoY), len(wantYoY))
		}
		if sum.Overdue != 2 || sum.JoinedUnits != 1 || sum.JoinedTotal != 1 {
			t.Errorf("overdue %d, joined %d of %d; want 2 (M5, M6), 1 of 1", sum.Overdue, sum.JoinedUnits, sum.JoinedTotal)
		}

		for _, c := range []struct {
			what    string
			scope   stats.Scope
			want    stats.Figures
			overdue int64
		}{
			{"浙江省", stats.Scope{Region: "330000"}, stats.Figures{Messages: 7, Replies: 6, ReplyRate: f(6.0 / 7),
				Cohort: 5, CohortRate: f(5.0 / 7), Ratings: 4, Good: 3, Satisfaction: f(0.75), MeanGrade: f(49.0 / 12),
				MedianDays: n(6), P90Days: n(9), OnTime: 3, OnTimeRate: f(0.5), Followups: 1}, 2},
			{"钱塘区委书记", stats.Scope{BoardID: w.boards["钱塘区委书记"].ID}, stats.Figures{Messages: 1, Replies: 1, ReplyRate: f(1),
				Cohort: 1, CohortRate: f(1), Ratings: 1, Good: 1, Satisfaction: f(1), MeanGrade: f(14.0 / 3),
				MedianDays: n(2), P90Days: n(2), OnTime: 1, OnTimeRate: f(1)}, 0},
			{"城建", stats.Scope{Domain: "城建"}, stats.Figures{Messages: 3, Replies: 4, ReplyRate: f(4.0 / 3),
				Cohort: 3, CohortRate: f(1), Ratings: 4, Good: 3, Satisfaction: f(0.75), MeanGrade: f(44.0 / 12),
				MedianDays: n(2), P90Days: n(9), OnTime: 3, OnTimeRate: f(0.75)}, 0},
			{"#疫情防控", stats.Scope{Tag: "疫情防控"}, stats.Figures{Messages: 2, Replies: 2, ReplyRate: f(1),
				Cohort: 2, CohortRate: f(1), Ratings: 1, Good: 1, Satisfaction: f(1), MeanGrade: f(14.0 / 3),
				MedianDays: n(2), P90Days: n(9), OnTime: 1, OnTimeRate: f(0.5), Followups: 1}, 0},
			{"钱塘区住房和城乡建设局", stats.Scope{UnitID: w.units["钱塘区住房和城乡建设局"].ID}, stats.Figures{Messages: 1, Replies: 1,
				ReplyRate: f(1), Ratings: 1, Good: 1, Satisfaction: f(1), MeanGrade: f(14.0 / 3),
				MedianDays: n(2), P90Days: n(2), OnTime: 1, OnTimeRate: f(1)}, 0},
			{"咨询", stats.Scope{Type: "咨询"}, stats.Figures{Messages: 3, Replies: 3, ReplyRate: f(1),
				Cohort: 3, CohortRate: f(1), Ratings: 2, Good: 1, Satisfaction: f(0.5), MeanGrade: f(20.0 / 6),
				MedianDays: n(6), P90Days: n(8), OnTime: 2, OnTimeRate: f(2.0 / 3)}, 0},
			{"宁波市公安局", stats.Scope{UnitID: w.units["宁波市公安局"].ID}, stats.Figures{Messages: 1, ReplyRate: f(0)}, 1},
		} {
			got, err := w.svc.Summary(ctx, c.scope, p)
			if err != nil {
				t.Fatal(err)
			}
			checkFigures(t, c.what, got.Figures, c.want)
			if got.Overdue != c.overdue {
				t.Errorf("%s: overdue %d, want %d", c.what, got.Overdue, c.overdue)
			}
		}

		// Dates that cut months: 2020-01-06..2020-03-04 holds M10, M12 (replied
		// 01-06 and 01-08) and M1, M2 (published 03-02; M1 replied 03-04).
		between, err := stats.Between("2020-01-06", "2020-03-04")
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.svc.Summary(ctx, stats.Scope{}, between)
		if err != nil {
			t.Fatal(err)
		}
		checkFigures(t, "2020-01-06..2020-03-04", got.Figures, stats.Figures{Messages: 2, Replies: 3, ReplyRate: f(1.5),
			Cohort: 2, CohortRate: f(1), Ratings: 1, Good: 1, Satisfaction: f(1), MeanGrade: f(5),
			MedianDays: n(6), P90Days: n(9), OnTime: 1, OnTimeRate: f(1.0 / 3)})
	})
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestFixtureBreakdowns asserts the groups and shares of each dimension.
func TestFixtureBreakdowns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, fixtureNow)
		loadFixture(t, w)
		p := h1(t)
		type g struct {
			key               string
			name              string
			messages, replies int64
			msgShare, rShare  *float64
		}
		for _, c := range []struct {
			scope stats.Scope
			by    stats.Dimension
			want  []g
		}{
			{stats.Scope{}, stats.ByLevel, []g{
				{"county", "县级", 5, 4, f(5.0 / 8), f(4.0 / 7)},
				{"city", "市级", 3, 3, f(3.0 / 8), f(3.0 / 7)},
			}},
			{stats.Scope{}, stats.ByDomain, []g{
				{"城建", "城建", 3, 4, f(3.0 / 8), f(4.0 / 7)},
				{"交通", "交通", 1, 2, f(1.0 / 8), f(2.0 / 7)},
				{"环保", "环保", 1, 1, f(1.0 / 8), f(1.0 / 7)},
				{"企业", "企业", 1, 0, f(1.0 / 8), f(0)},
				{"教育", "教育", 1, 0, f(1.0 / 8), f(0)},
				{"治安", "治安", 1, 0, f(1.0 / 8), f(0)},
			}},
			{stats.Scope{}, stats.ByTag, []g{
				{"疫情防控", "疫情防控", 2, 2, f(0.25), f(2.0 / 7)},
				{"复工复产", "复工复产", 1, 1, f(1.0 / 8), f(1.0 / 7)},
			}},
			{stats.Scope{}, stats.ByRegion, []g{
				{"330000", "浙江省", 7, 6, f(7.0 / 8), f(6.0 / 7)},
				{"430000", "湖南省", 1, 1, f(1.0 / 8), f(1.0 / 7)},
			}},
			{stats.Scope{Region: "330000"}, stats.ByRegion, []g{
				{"330100", "浙江省杭州市", 5, 6, f(5.0 / 7), f(1)},
				{"330200", "浙江省宁波市", 2, 0, f(2.0 / 7), f(0)},
			}},
			{stats.Scope{}, stats.ByMonth, []g{
				{"202001", "2020年1月", 0, 2, f(0), f(2.0 / 7)},
				{"202002", "2020年2月", 0, 0, f(0), f(0)},
				{"202003", "2020年3月", 4, 4, f(0.5), f(4.0 / 7)},
				{"202004", "2020年4月", 1, 0, f(1.0 / 8), f(0)},
				{"202005", "2020年5月", 1, 0, f(1.0 / 8), f(0)},
				{"202006", "2020年6月", 2, 1, f(0.25), f(1.0 / 7)},
			}},
			{stats.Scope{Region: "330100"}, stats.ByUnit, []g{
				{itoa(w.units["杭州市城市管理局"].ID), "杭州市城市管理局", 1, 2, f(1.0 / 5), f(2.0 / 6)},
				{itoa(w.units["钱塘区住房和城乡建设局"].ID), "钱塘区住房和城乡建设局", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.units["钱塘区教育局"].ID), "钱塘区教育局", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.units["西湖区城市管理局"].ID), "西湖区城市管理局", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.units["杭州市住房保障和房产管理局"].ID), "杭州市住房保障和房产管理局", 1, 1, f(1.0 / 5), f(1.0 / 6)},
			}},
			{stats.Scope{Region: "330100"}, stats.ByBoard, []g{
				{itoa(w.boards["杭州市长"].ID), "杭州市长", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.boards["钱塘区委书记"].ID), "钱塘区委书记", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.boards["钱塘区长"].ID), "钱塘区长", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.boards["杭州市住房保障和房产管理局"].ID), "杭州市住房保障和房产管理局", 1, 1, f(1.0 / 5), f(1.0 / 6)},
				{itoa(w.boards["西湖区委书记"].ID), "西湖区委书记", 1, 0, f(1.0 / 5), f(0)},
				{itoa(w.boards["杭州市委书记"].ID), "杭州市委书记", 0, 1, f(0), f(1.0 / 6)},
				{itoa(w.boards["西湖区长"].ID), "西湖区长", 0, 1, f(0), f(1.0 / 6)},
			}},
		} {
			b, err := w.svc.Breakdown(ctx, c.scope, p, c.by)
			if err != nil {
				t.Fatal(err)
			}
			var got []g
			for _, gr := range b.Groups {
				got = append(got, g{gr.Key, gr.Name, gr.Messages, gr.Replies, gr.MessageShare, gr.ReplyShare})
			}
			if len(got) != len(c.want) {
				t.Errorf("%v by %s: %d groups %+v, want %d", c.scope, c.by, len(got), got, len(c.want))
				continue
			}
			for i := range got {
				a, e := got[i], c.want[i]
				if a.key != e.key || a.name != e.name || a.messages != e.messages || a.replies != e.replies ||
					!sameF(a.msgShare, e.msgShare) || !sameF(a.rShare, e.rShare) {
					t.Errorf("%v by %s group %d: got %s %s %d/%d %v/%v, want %s %s %d/%d %v/%v", c.scope, c.by, i,
						a.key, a.name, a.messages, a.replies, deref(a.msgShare), deref(a.rShare),
						e.key, e.name, e.messages, e.replies, deref(e.msgShare), deref(e.rShare))
				}
			}
		}
	})
}

// TestFixtureRanking asserts the province heat ranking: 浙江 has more
// activity per board and better satisfaction, 湖南 the better handling.
//
//	浙江: 留言 7 + 回复 6 + 追问 1 + 评价 4 = 18 over 13 boards; reply rate 6/7,
//	      in time 3/6, median 6 days, satisfaction 3/4.
//	湖南: 1 + 1 + 0 + 1 = 3 over 6 boards; reply rate 1, in time 1/1,
//	      median 1 day, satisfaction 0/1.
func TestFixtureRanking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, fixtureNow)
		loadFixture(t, w)
		p := h1(t)
		r, err := w.svc.Rank(ctx, p, stats.RankOptions{Level: region.Province, MinVolume: 1, Weights: stats.DefaultWeights})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Items) != len(region.Provinces()) {
			t.Fatalf("%d provinces listed, want all %d", len(r.Items), len(region.Provinces()))
		}
		zj, hn := r.Items[0], r.Items[1]
		if zj.Code != "330000" || zj.Rank != 1 || hn.Code != "430000" || hn.Rank != 2 {
			t.Fatalf("top two: %s #%d, %s #%d", zj.Code, zj.Rank, hn.Code, hn.Rank)
		}
		for _, c := range []struct {
			it                                   stats.RankItem
			heat, activity, effort, satisfied    float64
			messages, replies, follow, ratings   int64
			boards                               int64
			perBoard, rate, onTime, satisfaction float64
			median                               int
		}{
			{zj, 200.0 / 3, 100, 0, 100, 7, 6, 1, 4, 13, 18.0 / 13, 6.0 / 7, 0.5, 0.75, 6},
			{hn, 100.0 / 3, 0, 100, 0, 1, 1, 0, 1, 6, 0.5, 1, 1, 0, 1},
		} {
			in := c.it.Inputs
			if !sameF(c.it.Heat, &c.heat) || !sameF(c.it.Activity, &c.activity) || !sameF(c.it.Effort, &c.effort) ||
				!sameF(c.it.Satisfaction, &c.satisfied) || in.Messages != c.messages || in.Replies != c.replies ||
				in.Followups != c.follow || in.Ratings != c.ratings || in.Boards != c.boards ||
				!sameF(in.ActivityPerBoard, &c.perBoard) || !sameF(in.ReplyRate, &c.rate) || !sameF(in.OnTimeRate, &c.onTime) ||
				!sameF(in.Satisfaction, &c.satisfaction) || !sameI(in.MedianDays, &c.median) {
				b, _ := json.Marshal(c.it)
				t.Errorf("%s: %s", c.it.Name, b)
			}
		}
		for _, it := range r.Items[2:] {
			if it.Rank != 0 || it.Heat != nil || it.Inputs.Messages != 0 {
				t.Errorf("%s ranked #%d without messages", it.Name, it.Rank)
			}
		}

		// Weights 2:1:1 favour activity; a minimum volume of 2 leaves 湖南 unranked.
		r, err = w.svc.Rank(ctx, p, stats.RankOptions{Level: region.Province, MinVolume: 1, Weights: stats.Weights{Activity: 2, Effort: 1, Satisfaction: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if !sameF(r.Items[0].Heat, f(75)) || !sameF(r.Items[1].Heat, f(25)) {
			t.Errorf("weighted heats %v, %v; want 75, 25", deref(r.Items[0].Heat), deref(r.Items[1].Heat))
		}
		r, err = w.svc.Rank(ctx, p, stats.RankOptions{Level: region.Province, MinVolume: 2, Weights: stats.DefaultWeights})
		if err != nil {
			t.Fatal(err)
		}
		if r.Items[0].Code != "330000" || r.Items[0].Rank != 1 || !sameF(r.Items[0].Heat, f(100)) ||
			r.Items[1].Code != "430000" || r.Items[1].Rank != 0 || r.Items[1].Heat != nil {
			t.Errorf("with minimum volume 2: %+v, %+v", r.Items[0], r.Items[1])
		}

		// Counties of 杭州市: 钱塘区 (M1, M2) against 西湖区 (M9, and M12 replied).
		r, err = w.svc.Rank(ctx, p, stats.RankOptions{Level: region.County, Parent: "330100", MinVolume: 1, Weights: stats.DefaultWeights})
		if err != nil {
			t.Fatal(err)
		}
		if r.Items[0].Code != "330114" || r.Items[0].Rank != 1 || r.Items[1].Code != "330106" || r.Items[1].Rank != 2 {
			t.Errorf("杭州 counties: %s #%d, %s #%d", r.Items[0].Code, r.Items[0].Rank, r.Items[1].Code, r.Items[1].Rank)
		}

		if _, err := w.svc.Rank(ctx, p, stats.RankOptions{Level: "street", Weights: stats.DefaultWeights}); err != stats.ErrBadLevel {
			t.Errorf("level street: %v", err)
		}
		if _, err := w.svc.Rank(ctx, p, stats.RankOptions{Level: region.City, Weights: stats.Weights{Activity: -1, Effort: 1}}); err != stats.ErrBadWeights {
			t.Errorf("negative weight: %v", err)
		}
	})
}

// TestFixtureLists asserts the supervision lists.
func TestFixtureLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, fixtureNow)
		loadFixture(t, w)
		p := h1(t)
		list := func(kind stats.ListKind, sc stats.Scope, o stats.ListOptions) *stats.List {
			t.Helper()
			l, err := w.svc.List(ctx, kind, sc, p, o)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		names := func(bs []stats.ListedBoard) []string {
			var out []string
			for _, b := range bs {
				out = append(out, b.Name)
			}
			return out
		}
		same := func(what string, got, want []string) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("%s: %v, want %v", what, got, want)
				return
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: %v, want %v", what, got, want)
					return
				}
			}
		}

		z := list(stats.ZeroReply, stats.Scope{}, stats.ListOptions{MinVolume: 1})
		same("zero-reply boards", names(z.Boards), []string{"西湖区委书记", "宁波市委书记", "海曙区委书记"})
		if len(z.Regions) != 0 {
			t.Errorf("zero-reply provinces: %+v", z.Regions)
		}
		z = list(stats.ZeroReply, stats.Scope{Region: "330000"}, stats.ListOptions{MinVolume: 2})
		if len(z.Boards) != 0 || len(z.Regions) != 1 || z.Regions[0].Code != "330200" || z.Regions[0].Messages != 2 {
			t.Errorf("zero-reply in 浙江 with at least 2 messages: %+v %+v", z.Boards, z.Regions)
		}

		low := list(stats.LowRate, stats.Scope{Region: "330000"}, stats.ListOptions{Threshold: 0.8, MinVolume: 2})
		if len(low.Boards) != 0 || len(low.Regions) != 1 || low.Regions[0].Name != "浙江省宁波市" || !sameF(low.Regions[0].ReplyRate, f(0)) {
			t.Errorf("low rate in 浙江: %+v %+v", low.Boards, low.Regions)
		}
		low = list(stats.LowRate, stats.Scope{}, stats.ListOptions{Threshold: 1, MinVolume: 1})
		same("boards under 100%", names(low.Boards), []string{"西湖区委书记", "宁波市委书记", "海曙区委书记"})
		if len(low.Regions) != 1 || low.Regions[0].Name != "浙江省" || !sameF(low.Regions[0].ReplyRate, f(6.0/7)) {
			t.Errorf("provinces under 100%%: %+v, want 浙江 at 6/7", low.Regions)
		}

		first := list(stats.FirstTime, stats.Scope{}, stats.ListOptions{})
		// 西湖区长's first reply ever is M12's, on 2020-01-08; 杭州市委书记 and
		// 杭州市长 replied first in 2019, 钱塘区委书记 too.
		same("first-time responders", names(first.Boards), []string{"西湖区长", "钱塘区长", "岳麓区委书记"})

		over := list(stats.Overdue, stats.Scope{}, stats.ListOptions{})
		if len(over.Units) != 2 || over.Units[0].Name != "未交办" || over.Units[0].Overdue != 1 ||
			over.Units[1].Name != "宁波市公安局" || over.Units[1].Overdue != 1 {
			t.Errorf("overdue units: %+v", over.Units)
		}

		cov := list(stats.Coverage, stats.Scope{Region: "330000"}, stats.ListOptions{})
		if len(cov.Coverage) != 1 {
			t.Fatalf("coverage of 浙江: %+v", cov.Coverage)
		}
		c := cov.Coverage[0]
		if c.Cities != 11 || c.CitiesReplied != 1 || !sameF(c.CityShare, f(1.0/11)) ||
			c.Counties != 90 || c.CountiesReplied != 2 || !sameF(c.CountyShare, f(2.0/90)) {
			t.Errorf("coverage of 浙江: %+v", c)
		}
		cov = list(stats.Coverage, stats.Scope{}, stats.ListOptions{})
		for _, c := range cov.Coverage {
			if c.Code == "430000" && (c.Cities != 14 || c.CitiesReplied != 0 || c.Counties != 122 || c.CountiesReplied != 1) {
				t.Errorf("coverage of 湖南: %+v", c)
			}
		}
		if len(cov.Coverage) != 31 {
			t.Errorf("coverage for %d provinces", len(cov.Coverage))
		}
	})
}
