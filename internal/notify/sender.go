package notify

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"os"
	"strings"
	"time"
)

// Sender delivers one notification to an e-mail address.
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// LogSender writes notifications to the log: the default, so that a
// deployment without mail still shows what would have been sent.
type LogSender struct{ Log *slog.Logger }

// Send logs the notification.
func (s LogSender) Send(_ context.Context, to, subject, body string) error {
	s.Log.Info("notification", slog.String("to", to), slog.String("subject", subject), slog.String("body", body))
	return nil
}

// SMTPSender sends mail through an SMTP relay.
type SMTPSender struct {
	Addr     string // host:port
	From     string
	User     string
	Password string
}

// Send sends one plain-text mail in UTF-8.
func (s SMTPSender) Send(ctx context.Context, to, subject, body string) error {
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("notify: bad SMTP address %q: %w", s.Addr, err)
	}
	var auth smtp.Auth
	if s.User != "" {
		auth = smtp.PlainAuth("", s.User, s.Password, host)
	}
	msg := strings.Join([]string{
		"From: " + s.From,
		"To: " + to,
		"Subject: " + mimeWord(subject),
		"Date: " + time.Now().Format(time.RFC1123Z),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
		"",
		body,
	}, "\r\n")
	return smtp.SendMail(s.Addr, auth, s.From, []string{to}, []byte(msg))
}

// mimeWord encodes a Chinese subject line per RFC 2047.
func mimeWord(s string) string {
	return "=?UTF-8?B?" + base64.StdEncoding.EncodeToString([]byte(s)) + "?="
}

// SenderFromEnv returns an SMTPSender when LIUYAN_SMTP_ADDR is set, and a
// LogSender otherwise.
func SenderFromEnv(log *slog.Logger) Sender {
	addr := os.Getenv("LIUYAN_SMTP_ADDR")
	if addr == "" {
		return LogSender{Log: log}
	}
	return SMTPSender{Addr: addr, From: os.Getenv("LIUYAN_SMTP_FROM"),
		User: os.Getenv("LIUYAN_SMTP_USER"), Password: os.Getenv("LIUYAN_SMTP_PASSWORD")}
}
