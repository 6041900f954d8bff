package workflow_test

import (
	"context"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/replyscore"
	"liuyan/internal/textmine/segment"
	"liuyan/internal/workflow"
)

// TestTextMiningAtSubmission: the classifier's suggestion is stored, a
// copy-pasted re-post is linked to its original, staff can correct the
// domain (kept in the log for retraining), and a final reply is scored.
func TestTextMiningAtSubmission(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		b.desk.Suggest = classify.Suggest
		sc := replyscore.NewScorer(segment.Default(), calendar.Default(), []string{"电梯故障维修", "物业公司维修电梯"})
		b.desk.ScoreReply = func(m *message.Message, r message.Reply) int {
			return int(sc.Parts(replyscore.Reply{Title: m.Title, Body: m.Body, Asked: m.PublishedAt, Text: r.Body, Answered: r.CreatedAt}).Score(replyscore.DefaultWeights))
		}
		submit := func(title, body string) *message.Message {
			t.Helper()
			m, _, err := b.desk.Submit(ctx, b.author, message.Draft{BoardID: b.board.ID, Type: "投诉/求助", Domain: "城建",
				Title: title, Body: body, Public: true}, "")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		first := submit("梅溪湖小学周边道路拥堵", "每天上学放学时段，梅溪湖小学门口的节庆路严重拥堵，接送车辆乱停，学生过马路很危险，建议交警增派警力并设置临时停车区。")
		if first.SuggestedDomain != "交通" && first.SuggestedDomain != "教育" {
			t.Errorf("suggested %q (%.2f) for a traffic jam at a school", first.SuggestedDomain, first.Confidence)
		}
		if first.DuplicateOf != 0 {
			t.Errorf("a first message is linked to %d", first.DuplicateOf)
		}
		b.clock = b.clock.Add(48 * time.Hour)
		again := submit("梅溪湖小学周边道路拥堵！", "每天上学放学时段，梅溪湖小学门口的节庆路严重拥堵，接送车辆乱停，学生过马路很危险，建议交警增派警力并设置临时停车区。")
		third := submit("再次反映：梅溪湖小学周边道路拥堵", "每天上学放学时段，梅溪湖小学门口的节庆路严重拥堵，接送车辆乱停，学生过马路很危险，建议交警增派警力并设置临时停车区。")
		other := submit("岳麓区某小区垃圾清运不及时", "小区垃圾桶连续三天没有清运，气味很大，夏天蚊蝇滋生，请环卫部门尽快处理。")
		if again.DuplicateOf != first.ID || third.DuplicateOf != first.ID {
			t.Errorf("re-posts linked to %d and %d, want %d", again.DuplicateOf, third.DuplicateOf, first.ID)
		}
		if other.DuplicateOf != 0 {
			t.Errorf("an unrelated message is linked to %d", other.DuplicateOf)
		}
		if ds, _ := s.Duplicates(ctx, first.ID); len(ds) != 2 {
			t.Errorf("duplicates of the original: %v", ds)
		}

		b.do(t, b.mod, first.ID, workflow.Act{Action: lifecycle.Accept})
		m := b.do(t, b.mod, first.ID, workflow.Act{Action: lifecycle.Reclassify, Domain: "交通"})
		if m.Domain != "交通" {
			t.Errorf("domain after correction: %s", m.Domain)
		}
		if _, err := b.desk.Do(ctx, b.mod, first.ID, workflow.Act{Action: lifecycle.Reclassify, Domain: "交通"}); err == nil {
			t.Error("reclassify to the same domain accepted")
		}
		if _, err := b.desk.Do(ctx, b.mod, first.ID, workflow.Act{Action: lifecycle.Reclassify, Domain: "航天"}); err == nil {
			t.Error("reclassify to an unknown domain accepted")
		}
		if _, err := b.desk.Do(ctx, b.author, first.ID, workflow.Act{Action: lifecycle.Reclassify, Domain: "教育"}); !isCode(err, lifecycle.CodeForbidden) {
			t.Errorf("the author reclassified: %v", err)
		}
		es, _ := s.Events(ctx, first.ID)
		if last := es[len(es)-1]; last.Action != lifecycle.Reclassify || last.Note != "城建 → 交通" {
			t.Errorf("last event %+v", last)
		}
		texts, _ := s.TrainingTexts(ctx, 10)
		if len(texts) != 1 || texts[0].Domain != "交通" {
			t.Errorf("training texts %+v", texts)
		}

		b.board.SignoffRequired = false
		b.do(t, b.office, first.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.bureau.ID})
		b.do(t, b.handler, first.ID, workflow.Act{Action: lifecycle.Sign})
		b.do(t, b.handler, first.ID, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！您反映的梅溪湖小学周边道路拥堵问题已收悉。经核查，我局已会同交警大队在上下学时段增派警力，并在节庆路设置临时停车区。如有疑问请致电0731-88888888。感谢您的监督。"})
		rs, _ := s.Replies(ctx, first.ID, true)
		if len(rs) != 1 || rs[0].Quality == nil || *rs[0].Quality < 30 || *rs[0].Quality > 100 {
			t.Errorf("reply quality %+v", rs)
		}
	})
}
