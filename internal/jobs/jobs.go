package jobs

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"liuyan/internal/catalog"
	"liuyan/internal/notify"
	"liuyan/internal/store"
	"liuyan/internal/webhook"
	"liuyan/internal/workflow"
)

// Runner holds what the tasks need.
type Runner struct {
	Store  *store.Store
	Desk   *workflow.Desk
	Sender notify.Sender
	Client *http.Client
	Log    *slog.Logger
	Now    func() time.Time
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Run runs every task on its schedule until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	tasks := []struct {
		every time.Duration
		run   func(context.Context) error
		name  string
	}{
		{2 * time.Second, r.DeliverWebhooks, "webhooks"},
		{5 * time.Second, r.SendNotifications, "notifications"},
		{10 * time.Minute, r.CloseUnrated, "close-unrated"},
		{time.Minute, r.NoticeDeadlines, "deadline-notices"},
		{15 * time.Minute, r.RefreshHot, "hot-issues"},
	}
	for _, t := range tasks {
		go func() {
			tick := time.NewTicker(t.every)
			defer tick.Stop()
			for {
				if err := t.run(ctx); err != nil && ctx.Err() == nil {
					r.Log.Error("job failed", slog.String("job", t.name), slog.Any("err", err))
				}
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		}()
	}
	<-ctx.Done()
}

// Flush makes one last pass over the outbox and the notifications, for a
// graceful shutdown; what it cannot deliver stays queued for the next start.
func (r *Runner) Flush(ctx context.Context) error {
	return errors.Join(r.DeliverWebhooks(ctx), r.SendNotifications(ctx))
}

// DeliverWebhooks attempts every due delivery once.
func (r *Runner) DeliverWebhooks(ctx context.Context) error {
	items, err := r.Store.ClaimOutbox(ctx, r.now(), 100)
	if err != nil {
		return err
	}
	for _, it := range items {
		status, err := webhook.Deliver(ctx, r.Client, it.URL, it.Secret, it.ID, []byte(it.Payload))
		at := r.now()
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if err := r.Store.RecordDelivery(ctx, it.ID, at, status, errText, err == nil, at.Add(webhook.Backoff(it.Attempts+1))); err != nil {
			return err
		}
	}
	return nil
}

// SendNotifications hands unsent notifications to the sender. A send
// failure leaves the batch unsent, to be tried again.
func (r *Runner) SendNotifications(ctx context.Context) error {
	ids, mail, err := r.Store.UnsentMail(ctx, 200)
	if err != nil || len(ids) == 0 {
		return err
	}
	for _, m := range mail {
		subject := catalog.T("notify."+string(m.Kind), m.Title)
		body := subject + "\n\n" + catalog.T("notify.footer")
		if err := r.Sender.Send(ctx, m.To, subject, body); err != nil {
			return err
		}
	}
	return r.Store.MarkSent(ctx, ids, r.now())
}

// NoticeDeadlines reminds units of deadlines coming up and tells them of
// deadlines passed, once per message and deadline.
func (r *Runner) NoticeDeadlines(ctx context.Context) error {
	reminded, overdue, err := r.Desk.NoticeDeadlines(ctx)
	if reminded+overdue > 0 {
		r.Log.Info("deadline notices", slog.Int("reminded", reminded), slog.Int("overdue", overdue))
	}
	return err
}

// CloseUnrated closes replied messages past the rating window.
func (r *Runner) CloseUnrated(ctx context.Context) error {
	_, err := r.Desk.CloseUnrated(ctx)
	return err
}
