package api_test

import (
	"context"
	"fmt"
	"testing"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestAuthorizationMatrix tries every action on a message assigned to a
// unit, as every kind of person, on a public and a private message, and
// checks the status written out by hand for each cell.
func TestAuthorizationMatrix(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		tokens := map[string]string{}
		for _, p := range storetest.People {
			tokens[p.Who] = w.tokens[p.Login]
		}
		author, _ := s.UserByLogin(context.Background(), "citizen")
		moderator, _ := s.UserByLogin(context.Background(), "moderator")
		office, _ := s.UserByLogin(context.Background(), "office")
		// assigned makes a fresh message assigned to the bureau, through the desk.
		assigned := func(public bool) int64 {
			ctx := context.Background()
			m, _, err := w.desk.Submit(ctx, author, message.Draft{BoardID: w.board.ID, Type: "投诉/求助", Domain: "城建",
				Title: "白杨街道小区外墙瓷砖脱落", Body: "小区6幢外墙瓷砖大面积脱落，砸坏了楼下的车，存在安全隐患。", Public: public}, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, step := range []struct {
				u   *account.User
				act workflow.Act
			}{{moderator, workflow.Act{Action: lifecycle.Accept}}, {office, workflow.Act{Action: lifecycle.Assign, UnitID: w.bureau.ID}}} {
				if _, err := w.desk.Do(ctx, step.u, m.ID, step.act); err != nil {
					t.Fatal(err)
				}
			}
			return m.ID
		}

		type row struct {
			action string
			body   any
			want   [11]int // per storetest.People, for a public message
		}
		reason := map[string]string{"reason": "请核实", "body": "请核实", "note": "请尽快办理"}
		rows := []row{
			{"GET", nil, [11]int{200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
			{"sign", nil, [11]int{401, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403}},
			{"return", reason, [11]int{401, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403}},
			{"transfer", map[string]any{"unit_id": w.other.ID, "reason": "属城管职责"}, [11]int{401, 403, 403, 403, 200, 403, 200, 403, 200, 403, 200}},
			{"accept", nil, [11]int{401, 403, 403, 409, 403, 403, 403, 403, 403, 403, 409}},
			{"reject", reason, [11]int{401, 403, 403, 409, 403, 403, 403, 403, 403, 403, 409}},
			{"assign", map[string]any{"unit_id": w.other.ID}, [11]int{401, 403, 403, 403, 403, 403, 409, 403, 409, 403, 409}},
			{"extend", map[string]any{"days": 3, "reason": "需现场勘查"}, [11]int{401, 403, 403, 403, 409, 403, 403, 403, 403, 403, 403}},
			{"extend/approve", nil, [11]int{401, 403, 403, 403, 403, 403, 409, 403, 403, 403, 409}},
			{"replies", map[string]string{"kind": "final", "body": "已处理"}, [11]int{401, 403, 403, 403, 409, 403, 403, 403, 403, 403, 403}},
			{"replies/approve", nil, [11]int{401, 403, 403, 403, 403, 403, 409, 403, 403, 403, 409}},
			{"followups", reason, [11]int{401, 409, 403, 403, 403, 403, 403, 403, 403, 403, 403}},
			{"rating", map[string]int{"resolution": 5, "attitude": 5, "speed": 5}, [11]int{401, 409, 403, 403, 403, 403, 403, 403, 403, 403, 403}},
			{"urge", reason, [11]int{401, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200}},
			{"supervise", map[string]any{"note": "请于3个工作日内办结", "days": 3}, [11]int{401, 403, 403, 403, 403, 403, 403, 403, 200, 403, 200}},
		}
		for _, public := range []bool{true, false} {
			for _, r := range rows {
				for i, p := range storetest.People {
					who := p.Who
					want := r.want[i]
					// A visitor is asked to sign in before anything is
					// looked up, and reads like anyone who may not see it.
					if !public && storetest.HiddenFromPrivate[who] && (who != "anonymous" || r.action == "GET") {
						want = 404
					}
					id := assigned(public)
					method, path := "POST", fmt.Sprintf("/api/v1/messages/%d/%s", id, r.action)
					if r.action == "GET" {
						method, path = "GET", fmt.Sprintf("/api/v1/messages/%d", id)
					}
					res := w.raw(tokens[who], method, path, r.body)
					res.Body.Close()
					if res.StatusCode != want {
						t.Errorf("public=%v %s by %s: %d, want %d", public, r.action, who, res.StatusCode, want)
					}
				}
			}
		}
		// A private message never shows up in the lists of those who may not see it.
		id := assigned(false)
		for who := range storetest.HiddenFromPrivate {
			var list struct{ Items []struct{ ID int64 } }
			w.call(tokens[who], "GET", "/api/v1/messages?limit=100", nil, 200, &list)
			for _, it := range list.Items {
				if it.ID == id {
					t.Errorf("%s sees private message %d in a list", who, id)
				}
			}
		}
	})
}
