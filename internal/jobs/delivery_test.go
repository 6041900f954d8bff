package jobs_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/jobs"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/webhook"
	"liuyan/internal/workflow"
)

// receiver is an integration that fails its first `failures` calls.
type receiver struct {
	mu       sync.Mutex
	failures int
	got      []map[string]any
	badSig   int
	secret   string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if !webhook.Verify(rc.secret, body, r.Header.Get(webhook.SignatureHeader)) {
		rc.badSig++
	}
	if rc.failures > 0 {
		rc.failures--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	var p map[string]any
	_ = json.Unmarshal(body, &p)
	rc.got = append(rc.got, p)
}

// sentMail collects what would have been mailed.
type sentMail struct {
	mu   sync.Mutex
	sent []string
}

func (s *sentMail) Send(_ context.Context, to, subject, _ string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, to+" "+subject)
	return nil
}

func TestWebhooksAndNotifications(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)
		desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(),
			Limits: message.DefaultLimits, Now: func() time.Time { return clock }}
		b, err := directory.Join(ctx, s, "330106", "西湖区城市管理局", clock)
		if err != nil {
			t.Fatal(err)
		}
		bureau, _ := directory.AddUnit(ctx, s, "330106", "西湖区市场监督管理局")
		users := map[string]*account.User{
			"author":  {Login: "xihu_citizen", Role: account.Citizen, Email: "citizen@example.org"},
			"mod":     {Login: "mod", Role: account.Moderator},
			"office":  {Login: "office", Role: account.Office, BoardID: b.ID},
			"handler": {Login: "handler", Role: account.Handler, UnitID: bureau.ID, Email: "shichangju@example.org"},
		}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			for _, u := range users {
				u.Name, u.PasswordHash = u.Login, "unused"
				if err := tx.CreateUser(ctx, u); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rc := &receiver{failures: 2, secret: ""}
		srv := httptest.NewServer(rc)
		defer srv.Close()
		hook := &store.Webhook{RegionCode: "330100", URL: srv.URL, Secret: webhook.NewSecret()}
		rc.secret = hook.Secret
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateWebhook(ctx, hook) }); err != nil {
			t.Fatal(err)
		}
		elsewhere := &store.Webhook{RegionCode: "430000", URL: srv.URL + "/hunan", Secret: "x"}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateWebhook(ctx, elsewhere) }); err != nil {
			t.Fatal(err)
		}

		m, _, err := desk.Submit(ctx, users["author"], message.Draft{BoardID: b.ID, Type: "投诉/求助", Domain: "城建",
			Title: "文三路共享单车乱停放", Body: "文三路地铁站口共享单车堆满人行道，轮椅和婴儿车无法通过。", Public: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			who string
			act workflow.Act
		}{
			{"mod", workflow.Act{Action: lifecycle.Accept}},
			{"office", workflow.Act{Action: lifecycle.Assign, UnitID: bureau.ID}},
			{"handler", workflow.Act{Action: lifecycle.Sign}},
			{"handler", workflow.Act{Action: lifecycle.FinalReply, Note: "您好！已协调运营企业清理并增设停放区。"}},
		} {
			clock = clock.Add(time.Hour)
			if _, err := desk.Do(ctx, users[step.who], m.ID, step.act); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.OutboxPending(ctx); n != 5 {
			t.Fatalf("%d deliveries queued, want 5 (one per event, only for the 杭州 webhook)", n)
		}

		// A restart loses nothing: a new runner over the same store
		// delivers. The receiver fails twice; backoff brings them back.
		mail := &sentMail{}
		runner := &jobs.Runner{Store: s, Desk: desk, Sender: mail, Client: srv.Client(),
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return clock }}
		for range 6 {
			if err := runner.DeliverWebhooks(ctx); err != nil {
				t.Fatal(err)
			}
			clock = clock.Add(time.Hour)
		}
		if n, _ := s.OutboxPending(ctx); n != 0 {
			t.Errorf("%d deliveries still pending", n)
		}
		if len(rc.got) != 5 || rc.badSig != 0 {
			t.Fatalf("received %d, %d with bad signatures", len(rc.got), rc.badSig)
		}
		var actions []string
		for _, p := range rc.got {
			actions = append(actions, p["event"].(map[string]any)["action"].(string))
		}
		// The first attempt failed, so submit arrives after the others; at least once, not in order.
		if got := map[string]bool{}; true {
			for _, a := range actions {
				got[a] = true
			}
			for _, a := range []string{"submit", "accept", "assign", "sign", "reply_final"} {
				if !got[a] {
					t.Errorf("no delivery of %s: %v", a, actions)
				}
			}
		}
		log, _ := s.Deliveries(ctx, hook.ID, 100)
		if len(log) != 7 || log[len(log)-1].Status != 503 {
			t.Errorf("delivery log has %d attempts (want 7: two failures, five successes): %+v", len(log), log)
		}

		// Notifications: the unit heard of the assignment, the author of the reply.
		if err := runner.SendNotifications(ctx); err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{
			"shichangju@example.org 新交办留言：「文三路共享单车乱停放」，请及时签收": true,
			"citizen@example.org 您的留言「文三路共享单车乱停放」已有正式回复，欢迎评价": true,
		}
		if len(mail.sent) != 2 || !want[mail.sent[0]] || !want[mail.sent[1]] {
			t.Errorf("mail sent: %q", mail.sent)
		}
		if err := runner.SendNotifications(ctx); err != nil || len(mail.sent) != 2 {
			t.Errorf("notifications sent twice: %q %v", mail.sent, err)
		}
		ns, _ := s.Notifications(ctx, users["handler"].ID, bureau.ID, 10)
		if len(ns) != 1 || ns[0].Kind != lifecycle.Assign || ns[0].Read {
			t.Errorf("handler's notifications: %+v", ns)
		}
		if err := s.MarkRead(ctx, ns[0].ID, users["handler"].ID, users["handler"].UnitID); err != nil {
			t.Fatal(err)
		}
		ns, _ = s.Notifications(ctx, users["handler"].ID, bureau.ID, 10)
		if !ns[0].Read {
			t.Error("mark read did not stick")
		}
	})
}
