package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/ratelimit"
	"liuyan/internal/session"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// maxBody bounds a JSON request; a message is at most a few kilobytes.
const maxBody = 1 << 20

// API holds what the handlers need.
type API struct {
	Store *store.Store
	Desk  *workflow.Desk
	Log   *slog.Logger
	// Limits bounds registration, login, posting and follow-ups; nil turns
	// them off.
	Limits *ratelimit.Set
}

// Mux is where the API's routes are registered: an *http.ServeMux when
// serving; the tests register on a recorder that lists every route, so that
// a route missing from the OpenAPI document fails a test.
type Mux interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Register adds every API route to mux.
func (a *API) Register(mux Mux) {
	mux.HandleFunc("GET /healthz", a.healthz)
	mux.HandleFunc("GET /readyz", a.readyz)

	mux.HandleFunc("POST /api/v1/auth/register", a.register)
	mux.HandleFunc("POST /api/v1/auth/login", a.login)
	mux.HandleFunc("POST /api/v1/auth/logout", a.logout)
	mux.HandleFunc("GET /api/v1/me", a.me)

	mux.HandleFunc("GET /api/v1/regions", a.regionList)
	mux.HandleFunc("GET /api/v1/regions/{code}", a.regionGet)
	mux.HandleFunc("GET /api/v1/boards", a.boardList)
	mux.HandleFunc("GET /api/v1/boards/{id}", a.boardGet)
	mux.HandleFunc("GET /api/v1/units", a.unitList)

	mux.HandleFunc("POST /api/v1/messages", a.messageCreate)
	mux.HandleFunc("GET /api/v1/messages", a.messageList)
	mux.HandleFunc("GET /api/v1/messages/{id}", a.messageGet)
	for path, act := range actionRoutes {
		mux.HandleFunc("POST /api/v1/messages/{id}/"+path, a.messageAction(act))
	}
	mux.HandleFunc("GET /api/v1/hot", a.hotList)
	mux.HandleFunc("GET /api/v1/messages/{id}/routing", a.routing)
	mux.HandleFunc("GET /api/v1/notifications", a.notificationList)
	mux.HandleFunc("POST /api/v1/notifications/{id}/read", a.notificationRead)
	mux.HandleFunc("POST /api/v1/webhooks", a.webhookCreate)
	mux.HandleFunc("GET /api/v1/webhooks", a.webhookList)
	mux.HandleFunc("GET /api/v1/webhooks/{id}/deliveries", a.webhookDeliveries)
	mux.HandleFunc("GET /api/v1/admin/sensitive-words", a.sensitiveWordList)
	mux.HandleFunc("POST /api/v1/admin/sensitive-words", a.sensitiveWordAdd)
	mux.HandleFunc("DELETE /api/v1/admin/sensitive-words/{word}", a.sensitiveWordRemove)
	mux.HandleFunc("GET /api/v1/admin/audit", a.auditLog)
	mux.HandleFunc("GET /api/v1/vocab", a.vocabulary)
	mux.HandleFunc("GET /api/v1/admin/terms", a.termList)
	mux.HandleFunc("POST /api/v1/admin/terms", a.termCreate)
	mux.HandleFunc("PATCH /api/v1/admin/terms/{id}", a.termUpdate)
	mux.HandleFunc("DELETE /api/v1/admin/terms/{id}", a.termDelete)
	mux.HandleFunc("GET /api/v1/admin/boards/{id}/rules", a.boardRules)
	mux.HandleFunc("PUT /api/v1/admin/boards/{id}/rules", a.boardRulesSet)
	mux.HandleFunc("DELETE /api/v1/admin/boards/{id}/rules", a.boardRulesReset)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
	})
}

// user returns the account behind the request's bearer token, or nil for
// an anonymous request. A token that is present but invalid is an error,
// so that a client with an expired token learns it instead of silently
// seeing the public view.
func (a *API) user(r *http.Request) (*account.User, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return nil, errUnauthorized
	}
	u, err := a.Store.UserByToken(r.Context(), session.Hash(token), store.TokenAPI, time.Now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, errUnauthorized
	}
	return u, err
}

var errUnauthorized = errors.New("api: unauthorized")

// messageTarget reads who asks and which message {id} they ask about;
// required says the endpoint needs a login. On failure it has answered.
func (a *API) messageTarget(w http.ResponseWriter, r *http.Request, required bool) (*account.User, int64, bool) {
	get := a.user
	if required {
		get = a.mustUser
	}
	u, err := get(r)
	if err != nil {
		a.fail(w, r, err)
		return nil, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, workflow.ErrNotFound)
		return nil, 0, false
	}
	return u, id, true
}

// mustUser is user for endpoints that need a login.
func (a *API) mustUser(r *http.Request) (*account.User, error) {
	u, err := a.user(r)
	if err == nil && u == nil {
		err = errUnauthorized
	}
	return u, err
}

// decode reads a JSON body into v: at most maxBody bytes, valid UTF-8
// (encoding/json would silently replace invalid bytes, and we refuse
// rather than store mangled text), and no unknown fields.
func decode(r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLarge
	}
	if err != nil {
		return errBadJSON
	}
	if !utf8.Valid(body) {
		return errInvalidUTF8
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errBadJSON
	}
	return nil
}

var (
	errTooLarge    = errors.New("api: body too large")
	errBadJSON     = errors.New("api: bad json")
	errInvalidUTF8 = errors.New("api: invalid utf-8")
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func (a *API) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only when the database answers, so a load balancer
// stops sending traffic to an instance that lost its database.
func (a *API) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		w.Header().Set("Retry-After", "5")
		writeError(w, r, http.StatusServiceUnavailable, "unavailable", "error.unavailable")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
