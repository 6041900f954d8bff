package web_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestPagesShowTheFigures publishes two messages on a board, rejects a
// third and replies to one, then wants the board page and the home page
// to show the figures' own counts and rates (internal/stats, from the
// rollups) — 留言量 2, 回复量 1, 回复率 50.0% — the moment they change.
func TestPagesShowTheFigures(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		ctx := context.Background()
		submit := func(title string) *message.Message {
			m, _, err := site.desk.Submit(ctx, site.cast.Users["citizen"], message.Draft{BoardID: site.board.ID, Type: "投诉/求助", Domain: "城建",
				Title: title, Public: true, Body: "钱塘区下沙街道的小区门口道路坑洼积水，雨天行人只能绕行，希望有关部门尽快修补路面。"}, "")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		do := func(who string, id int64, act workflow.Act) {
			if _, err := site.desk.Do(ctx, site.cast.Users[who], id, act); err != nil {
				t.Fatalf("%s %s: %v", who, act.Action, err)
			}
		}
		first, second, third := submit("下沙街道小区门口道路坑洼积水"), submit("下沙街道小区门口道路积水请修补"), submit("重复提交的道路积水问题")
		do("moderator", first.ID, workflow.Act{Action: lifecycle.Accept})
		do("moderator", second.ID, workflow.Act{Action: lifecycle.Accept})
		do("moderator", third.ID, workflow.Act{Action: lifecycle.Reject, Note: "与已受理的留言重复"})
		do("office", first.ID, workflow.Act{Action: lifecycle.Assign, UnitID: site.bureau.ID})
		do("handler", first.ID, workflow.Act{Action: lifecycle.Sign})
		do("handler", first.ID, workflow.Act{Action: lifecycle.FinalReply,
			Note: "经核查，该路段积水系排水口堵塞所致，我局已于本周疏通排水口并修补坑洼路面。如有疑问请拨打12345。"})

		svc := stats.ForDesk(site.desk)
		board, err := svc.Totals(ctx, stats.Scope{BoardID: site.board.ID}, stats.SinceStart(time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		if board.Messages != 2 || board.Replies != 1 {
			t.Fatalf("the board's figures: %d messages, %d replies; want 2 and 1", board.Messages, board.Replies)
		}
		v := site.visitor()
		v.get("/boards/"+strconv.FormatInt(site.board.ID, 10)).want(t, 200, "<dd>2</dd>", "<dd>1</dd>", "<dd>50.0%</dd>")
		now := time.Now().In(calendar.China)
		if now.Month() == time.January && now.Day() == 1 || now.Month() == time.July && now.Day() == 1 {
			return // the home page's half-year may have begun after the messages (a day's boundary)
		}
		v.get("/").want(t, 200, "<dd>2</dd>", "<dd>1</dd>", "<dd>50.0%</dd>")
	})
}
