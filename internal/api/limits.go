package api

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"liuyan/internal/ratelimit"
)

// throttled takes a token from l for key and, when none is left, answers
// 429 with Retry-After and returns true.
func throttled(w http.ResponseWriter, r *http.Request, l *ratelimit.Limiter, key string) bool {
	ok, wait := l.Allow(key, time.Now())
	if ok {
		return false
	}
	secs := int(math.Max(1, wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, r, http.StatusTooManyRequests, "rate_limited", "error.rate_limited", secs)
	return true
}

// limits is the API's set; without one, every limiter is nil and allows all.
func (a *API) limits() *ratelimit.Set {
	if a.Limits == nil {
		return ratelimit.Off()
	}
	return a.Limits
}
