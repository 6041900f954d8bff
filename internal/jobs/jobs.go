package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
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
	// Instance names this process in job_leases (host:pid when empty), so
	// operators can see which instance ran a job last.
	Instance string
}

func (r *Runner) instance() string {
	if r.Instance != "" {
		return r.Instance
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// The jobs Flush runs again at shutdown, by their names in job_leases.
const (
	webhooksJob      = "webhooks"
	notificationsJob = "notifications"
)

// Run runs every task on its schedule until ctx ends. Each run goes
// through Once, so a task added to the list runs once per period across
// all instances on one database without knowing about the others.
func (r *Runner) Run(ctx context.Context) {
	tasks := []struct {
		every time.Duration
		run   func(context.Context) error
		name  string
	}{
		{2 * time.Second, r.DeliverWebhooks, webhooksJob},
		{5 * time.Second, r.SendNotifications, notificationsJob},
		{10 * time.Minute, r.CloseUnrated, "close-unrated"},
		{time.Minute, r.NoticeDeadlines, "deadline-notices"},
		{15 * time.Minute, r.RefreshHot, "hot-issues"},
		{time.Hour, r.SweepRateBuckets, "rate-buckets"},
	}
	for _, t := range tasks {
		go func() {
			tick := time.NewTicker(t.every)
			defer tick.Stop()
			for {
				if _, err := r.Once(ctx, t.name, t.every, t.run); err != nil && ctx.Err() == nil {
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

// Once runs task as one run of the named job unless another instance is
// running it or ran it less than a period ago (store.RunJob); it reports
// whether the task ran here.
func (r *Runner) Once(ctx context.Context, name string, every time.Duration, task func(context.Context) error) (bool, error) {
	return r.Store.RunJob(ctx, store.JobRun{Name: name, Holder: r.instance(), Now: r.now(), Every: every}, task)
}

// Flush makes one last pass over the outbox and the notifications, for a
// graceful shutdown; what it cannot deliver stays queued for the next start.
// It runs them even if they are not due, but not beside another instance
// running them, which would mail the same notifications twice.
func (r *Runner) Flush(ctx context.Context) error {
	var errs []error
	for _, t := range []struct {
		name string
		run  func(context.Context) error
	}{{webhooksJob, r.DeliverWebhooks}, {notificationsJob, r.SendNotifications}} {
		_, err := r.Store.RunJob(ctx, store.JobRun{Name: t.name, Holder: r.instance(), Now: r.now(), Every: 0, Force: true}, t.run)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
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

// SweepRateBuckets drops the shared rate-limit buckets nobody touched for
// a day: every limit refills within hours, and a missing bucket is full.
func (r *Runner) SweepRateBuckets(ctx context.Context) error {
	_, err := r.Store.SweepBuckets(ctx, r.now().Add(-24*time.Hour))
	return err
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
