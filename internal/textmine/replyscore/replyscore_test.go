package replyscore

import (
	"math"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

// Floors a little under the AUCs measured on the 100 hand-labelled replies
// (0.851 for completeness, 0.839 for interpretability; internal/textmine/README.md).
const (
	completenessFloor     = 0.83
	interpretabilityFloor = 0.82
)

func TestAgainstHandLabels(t *testing.T) {
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(t, "replies_quality_labels.csv"), "答复意见", "完整性指标", "可解释性指标")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text(), m.Reply)
	}
	s := NewScorer(nil, nil, texts)
	var comp, interp []float64
	var compLabel, interpLabel []bool
	for _, m := range msgs {
		c, i := m.Other["完整性指标"], m.Other["可解释性指标"]
		if c == "" || i == "" {
			continue
		}
		p := s.Parts(Reply{Title: m.Title, Body: m.Body, Asked: m.Time, Text: m.Reply, Answered: m.ReplyTime})
		comp = append(comp, p.Completeness)
		interp = append(interp, p.Interpretability)
		compLabel = append(compLabel, c == "1")
		interpLabel = append(interpLabel, i == "1")
	}
	if len(comp) != 100 {
		t.Fatalf("%d labelled replies, want 100", len(comp))
	}
	ac, ai := AUC(comp, compLabel), AUC(interp, interpLabel)
	t.Logf("AUC completeness %.3f, interpretability %.3f", ac, ai)
	if ac < completenessFloor || ai < interpretabilityFloor {
		t.Errorf("AUC completeness %.3f (floor %.2f), interpretability %.3f (floor %.2f)", ac, completenessFloor, ai, interpretabilityFloor)
	}
}

func TestAUC(t *testing.T) {
	cases := []struct {
		scores []float64
		labels []bool
		want   float64
	}{
		{[]float64{0.1, 0.2, 0.8, 0.9}, []bool{false, false, true, true}, 1},
		{[]float64{0.9, 0.8, 0.2, 0.1}, []bool{false, false, true, true}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []bool{false, true, false, true}, 0.5},
		{[]float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.75},
		{[]float64{0.3, 0.6}, []bool{true, true}, 0.5},
	}
	for _, c := range cases {
		if got := AUC(c.scores, c.labels); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("AUC(%v, %v) = %v, want %v", c.scores, c.labels, got, c.want)
		}
	}
}

func TestParts(t *testing.T) {
	asked := time.Date(2019, 4, 25, 9, 32, 0, 0, calendar.China) // a Thursday
	title := "A2区景蓉华苑物业管理有问题"
	body := "景蓉华苑小区物业公司要征收停车费，业委会未召开业主大会就制定收费方案，投票不公开。"
	full := "网友您好！关于您反映“A2区景蓉华苑物业管理有问题”的情况，经调查核实，景蓉华苑业委会于2019年4月以意见收集方式召开了业主大会，" +
		"超过三分之二的业主同意收取停车管理费。根据《物业管理条例》第十一条规定，业主大会有权决定小区共有部分的管理事项，" +
		"因此收费方案程序合法。由于部分业主对投票方式有异议，街道已责令业委会下一步公开计票过程。如有疑问，请致电街道办0000-00000000。感谢您对我们工作的支持！"
	s := NewScorer(nil, nil, []string{title + body, full, "公交线路调整方案已公示", "学校补课收费问题已转教育局"})
	cases := []struct {
		name     string
		reply    string
		answered time.Time
		check    func(Parts) bool
	}{
		// Thursday 25 April to Wednesday 1 May 2019: 26, 28 (a worked Sunday),
		// 29 and 30 April are working days, 1 May a holiday.
		{"full reply in four working days", full, asked.AddDate(0, 0, 6), func(p Parts) bool {
			return p.Workdays == 4 && p.Timeliness == 1 && p.Completeness > 0.85 && p.Interpretability > 0.6 && p.Relevance > 0.6 && p.Score(DefaultWeights) > 75
		}},
		{"a line that says nothing", "已收悉。", asked.AddDate(0, 0, 6), func(p Parts) bool {
			return p.Completeness < 0.2 && p.Interpretability < 0.1 && p.Relevance < 0.1 && p.Score(DefaultWeights) < 30
		}},
		{"full reply after three months", full, asked.AddDate(0, 3, 0), func(p Parts) bool {
			return p.Workdays > 50 && p.Timeliness < 0.2
		}},
		{"no reply time", full, time.Time{}, func(p Parts) bool { return p.Workdays == -1 && p.Timeliness == 0 }},
	}
	for _, c := range cases {
		p := s.Parts(Reply{Title: title, Body: body, Asked: asked, Text: c.reply, Answered: c.answered})
		if !c.check(p) || len(p.Found) != len(Elements) {
			t.Errorf("%s: %+v, score %.1f", c.name, p, p.Score(DefaultWeights))
		}
	}
	for _, c := range []struct {
		days int
		want float64
	}{{0, 1}, {7, 1}, {12, 0.75}, {17, 0.5}, {37, 0.25}} {
		if got := timeliness(c.days); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("timeliness(%d) = %v, want %v", c.days, got, c.want)
		}
	}
}
