package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body
// under the webhook's secret; receivers recompute it to trust the call.
const SignatureHeader = "X-Liuyan-Signature"

// Sign returns the signature header value for body.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a signature in constant time, for receivers written in Go
// and for tests.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// NewSecret makes a random secret for a new webhook.
func NewSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Deliver POSTs body to url, signed, and returns the HTTP status. Any
// status outside 2xx is an error, so the caller retries.
func Deliver(ctx context.Context, client *http.Client, url, secret string, deliveryID int64, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "liuyan-webhook/1")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	// The same delivery may arrive twice (at least once); receivers
	// deduplicate by this ID.
	req.Header.Set("X-Liuyan-Delivery", strconv.FormatInt(deliveryID, 10))
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("webhook: receiver answered %d", res.StatusCode)
	}
	return res.StatusCode, nil
}

// Backoff is the wait before attempt n+1 after n failures: 10 s doubling,
// at most six hours, and never giving up, since delivery is at least once.
func Backoff(failures int) time.Duration {
	d := 10 * time.Second
	for i := 1; i < failures && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}
