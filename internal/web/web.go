package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/participation"
	"liuyan/internal/ratelimit"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// Config is what the web site needs from the server that runs it.
type Config struct {
	Store *store.Store
	Desk  *workflow.Desk
	Log   *slog.Logger
	// SecureCookies marks the session cookie Secure on every request, for
	// deployments behind a proxy that terminates TLS; requests that arrive
	// over TLS get a Secure cookie anyway.
	SecureCookies bool
	// Now is the clock for deadlines and the home page's period; nil is
	// the real one.
	Now func() time.Time
	// Limits are the board's rate limits, shared with the API so that a
	// guesser cannot switch between them; nil means none.
	Limits *ratelimit.Set
	// Stats answers the figures of the accountability and performance
	// pages; nil makes one by the Desk's rules.
	Stats *stats.Service
	// Participation carries out campaigns and questionnaires; nil makes
	// one over Store and Desk.
	Participation *participation.Service
	// PageCacheBytes bounds the message and board pages kept rendered for visitors
	// without a session (page_cache.go): zero is DefaultPageCacheBytes,
	// negative keeps none.
	PageCacheBytes int
}

// Web serves the pages. Make it with New.
type Web struct {
	limits *ratelimit.Set
	store  *store.Store
	desk   *workflow.Desk
	stats  *stats.Service
	log    *slog.Logger
	secure bool
	now    func() time.Time
	part   *participation.Service
	pages  *pages
	assets *assets
	// kept holds visitors' message pages as rendered; nil keeps none.
	kept *pageCache
	// origin refuses state-changing requests that a browser says come
	// from another site: the site's CSRF protection.
	origin *http.CrossOriginProtection
}

// New parses the templates and prepares the static files, so that a
// broken template stops the server at start rather than on a page view.
func New(cfg Config) (*Web, error) {
	if cfg.Store == nil || cfg.Desk == nil {
		return nil, errors.New("web: Store and Desk are required")
	}
	w := &Web{store: cfg.Store, desk: cfg.Desk, log: cfg.Log, secure: cfg.SecureCookies, now: cfg.Now, limits: cfg.Limits}
	if w.limits == nil {
		w.limits = ratelimit.Off()
	}
	if w.stats = cfg.Stats; w.stats == nil {
		w.stats = stats.ForDesk(cfg.Desk)
	}
	w.part = cfg.Participation
	if w.part == nil {
		w.part = &participation.Service{Store: cfg.Store, Desk: cfg.Desk, Stats: w.stats, Now: cfg.Now}
	}
	if w.log == nil {
		w.log = slog.Default()
	}
	if w.now == nil {
		w.now = time.Now
	}
	var err error
	if w.assets, err = prepared(); err != nil {
		return nil, err
	}
	w.pages = w.assets.pages
	if cfg.PageCacheBytes == 0 {
		cfg.PageCacheBytes = DefaultPageCacheBytes
	}
	w.kept = newPageCache(cfg.PageCacheBytes)
	w.origin = http.NewCrossOriginProtection()
	w.origin.SetDenyHandler(http.HandlerFunc(w.crossOrigin))
	return w, nil
}

// prepared is the static files and the parsed templates: built from what
// is embedded in the binary alone, so once per process, however many
// sites it serves (tests build hundreds).
var prepared = sync.OnceValues(func() (*assets, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	a.pages, err = parsePages(a)
	return a, err
})

// Prepare draws the icons, checksums the static files and parses the
// templates, which New would otherwise do. The server calls it on a
// goroutine first thing, so this work overlaps opening the database
// rather than following it; New waits for it to finish.
func Prepare() { _, _ = prepared() }

// handler is a page or action: it writes the answer, or returns an error
// for fail to turn into an error page.
type handler func(rw http.ResponseWriter, r *http.Request) error

// Register adds the site's routes to mux. The JSON API's /api/, /healthz
// and /readyz, the figures' /stats and /reports/, and the feeds' /feeds/
// are left to their packages; the navigation links to them.
func (w *Web) Register(mux *http.ServeMux) {
	routes := []struct {
		pattern string
		h       handler
	}{
		{"GET /{$}", w.home},
		{"GET /regions", w.regions},
		{"GET /regions/{code}", w.regionPage},
		{"GET /boards/{id}", w.boardPage},
		{"GET /messages/{id}", w.messagePage},
		{"POST /messages/{id}/{action}", w.act},
		{"GET /attachments/{id}", w.attachment},
		{"GET /search", w.search},
		{"GET /register", w.registerForm},
		{"POST /register", w.register},
		{"GET /login", w.loginForm},
		{"POST /login", w.login},
		{"POST /logout", w.logout},
		{"GET /write", w.writeForm},
		{"POST /write", w.write},
		{"GET /mine", w.mine},
		{"GET /review", w.review},
		{"GET /office", w.office},
		{"GET /workbench", w.workbench},
		{"GET /workbench/{id}", w.workbench},
		{"GET /workbench/templates", w.replyTemplateList},
		{"POST /workbench/templates", w.replyTemplateSave},
		{"POST /workbench/templates/{id}", w.replyTemplateSave},
		{"POST /workbench/templates/{id}/delete", w.replyTemplateDelete},
		{"GET /supervision", w.supervision},
		{"GET /notifications", w.notifications},
		{"POST /notifications/read", w.notificationsReadAll},
		{"POST /notifications/{id}/read", w.notificationRead},
		{"GET /supervision/units", w.performance},
		{"GET /accountability", w.accountability},
		{"GET /accountability/{code}", w.accountability},
		{"GET /admin", w.adminHome},
		{"GET /admin/users", w.adminUserList},
		{"POST /admin/users", w.adminUserCreate},
		{"GET /admin/users/{id}", w.adminUserForm},
		{"POST /admin/users/{id}", w.adminUserRole},
		{"GET /admin/directory", w.adminDirectory},
		{"POST /admin/directory/join", w.adminJoin},
		{"POST /admin/directory/units", w.adminAddUnit},
		{"POST /admin/boards/{id}/signoff", w.adminSignoff},
		{"GET /admin/lists", w.adminListPage},
		{"POST /admin/lists", w.adminTermAdd},
		{"POST /admin/lists/{id}/{op}", w.adminTermChange},
		{"GET /admin/boards/{id}/rules", w.adminRulesPage},
		{"POST /admin/boards/{id}/rules", w.adminRulesSave},
		{"POST /admin/boards/{id}/rules/reset", w.adminRulesReset},
		{"GET /admin/words", w.adminWordList},
		{"POST /admin/words", w.adminWordAdd},
		{"POST /admin/words/remove", w.adminWordRemove},
		{"GET /admin/audit", w.adminAudit},
		{"GET /campaigns", w.campaigns},
		{"GET /campaigns/new", w.campaignNew},
		{"POST /campaigns", w.campaignCreate},
		{"GET /campaigns/{id}", w.campaignPage},
		{"POST /campaigns/{id}/suggestions", w.suggest},
		{"POST /suggestions/{id}/{action}", w.suggestionAct},
		{"GET /questionnaires/new", w.questionnaireNew},
		{"POST /questionnaires", w.questionnaireCreate},
		{"GET /questionnaires/{id}", w.questionnairePage},
		{"POST /questionnaires/{id}", w.questionnaireAnswer},
		{"GET /questionnaires/{id}/results", w.questionnaireResults},
		{"GET /questionnaires/{id}/export", w.questionnaireExport},
		{"GET /offline", w.offline},
		{"GET /manifest.webmanifest", w.manifest},
		{"GET /sw.js", w.serviceWorker},
		{"GET /static/{sum}/{name...}", w.static},
		{"/", w.notFound},
	}
	for _, rt := range routes {
		mux.Handle(rt.pattern, w.wrap(rt.h))
	}
}

// wrap gives every route the security headers, the cross-origin check
// for state-changing requests, the signed-in user and error pages.
func (w *Web) wrap(h handler) http.Handler {
	serve := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(rw, r)
		u, err := w.sessionUser(r)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
		if err := h(rw, r); err != nil {
			w.fail(rw, r, err)
		}
	})
	return w.origin.Handler(serve)
}

type userKey struct{}

// userOf returns the signed-in account, or nil for a visitor.
func userOf(r *http.Request) *account.User {
	u, _ := r.Context().Value(userKey{}).(*account.User)
	return u
}

// contentSecurityPolicy allows scripts, styles, images and fonts from the
// site itself only, and nothing inline: a message that smuggled markup
// past escaping still could not run or restyle anything.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

func setSecurityHeaders(rw http.ResponseWriter, r *http.Request) {
	h := rw.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// Errors a handler returns for fail to answer with the matching page.
var (
	errForbidden = errors.New("web: forbidden")
	errNotFound  = errors.New("web: not found")
	errTooLarge  = errors.New("web: request too large")
	errBadForm   = errors.New("web: malformed form")
)

// limitedError is a request over one of the board's rate limits.
type limitedError struct{ wait time.Duration }

func (e limitedError) Error() string { return "web: rate limited" }

// throttle takes a token from l for key, or says how long to wait.
func throttle(l *ratelimit.Limiter, key string) error {
	if ok, wait := l.Allow(key, time.Now()); !ok {
		return limitedError{wait}
	}
	return nil
}

// maxFormBytes bounds a form without files: the longest text a form takes
// is a reply of 5,000 characters.
const maxFormBytes = 64 << 10

// fail answers an error from a handler: the sign-in page for a visitor
// who must sign in, 403 and 404 pages, or a 500 page whose cause is only
// logged.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	var status int
	var key string
	switch {
	case errors.Is(err, errSignIn):
		// Come back to the page asked for; a form sent without a session
		// cannot be replayed, so its sender comes back home.
		next := "/"
		if r.Method == http.MethodGet {
			next = r.URL.RequestURI()
		}
		http.Redirect(rw, r, "/login?next="+urlQueryEscape(next), http.StatusSeeOther)
		return
	case errors.Is(err, errForbidden):
		status, key = http.StatusForbidden, "web.error.forbidden"
	case errors.Is(err, errNotFound), errors.Is(err, workflow.ErrNotFound), errors.Is(err, store.ErrNotFound):
		status, key = http.StatusNotFound, "web.error.not_found"
	case errors.Is(err, errTooLarge):
		status, key = http.StatusRequestEntityTooLarge, "web.error.too_large"
	case errors.Is(err, errBadForm):
		status, key = http.StatusBadRequest, "web.error.bad_form"
	case errors.As(err, new(limitedError)):
		var le limitedError
		errors.As(err, &le)
		rw.Header().Set("Retry-After", strconv.Itoa(max(1, int(le.wait.Seconds()))))
		status, key = http.StatusTooManyRequests, "web.error.rate_limited"
	default:
		w.log.Error("page failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		status, key = http.StatusInternalServerError, "web.error.internal"
	}
	w.renderError(rw, r, status, key)
}

// renderError shows an error page; if even that fails, plain text.
func (w *Web) renderError(rw http.ResponseWriter, r *http.Request, status int, key string) {
	p := &errorPage{Status: status, Key: key}
	p.Title = fmt.Sprintf("%d", status)
	if err := w.render(rw, r, status, "error", p); err != nil {
		w.log.Error("error page failed", slog.Any("err", err))
		http.Error(rw, http.StatusText(status), status)
	}
}

type errorPage struct {
	frame
	Status int
	Key    string
}

func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) error {
	return errNotFound
}

// crossOrigin answers a state-changing request that came from another
// site's page: refused, with a page that says so.
func (w *Web) crossOrigin(rw http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(rw, r)
	w.renderError(rw, r, http.StatusForbidden, "web.error.cross_origin")
}
