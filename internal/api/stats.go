package api

import (
	"errors"
	"net/http"

	"liuyan/internal/account"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// RegisterStats adds the figures of DESIGN §4 under /api/v1/stats. The
// figures are public: private messages count in them, but none is shown.
func (a *API) RegisterStats(mux Mux, svc *stats.Service) {
	h := statsHandlers{a: a, svc: svc}
	mux.HandleFunc("GET /api/v1/stats/summary", h.summary)
	mux.HandleFunc("GET /api/v1/stats/breakdown", h.breakdown)
	mux.HandleFunc("GET /api/v1/stats/ranking", h.ranking)
	mux.HandleFunc("GET /api/v1/stats/lists", h.lists)
	mux.HandleFunc("GET /api/v1/stats/accountability", h.accountability)
	mux.HandleFunc("GET /api/v1/stats/units", h.units)
}

type statsHandlers struct {
	a   *API
	svc *stats.Service
}

// question reads the scope and period every stats endpoint takes, and
// checks that a named board or unit exists.
func (h statsHandlers) question(r *http.Request) (stats.Scope, stats.Period, error) {
	q := r.URL.Query()
	sc, err := stats.ScopeFromQuery(q)
	if err == nil {
		err = h.svc.Check(r.Context(), sc)
	}
	if err != nil {
		return sc, stats.Period{}, err
	}
	if sc.BoardID != 0 {
		if _, err := h.a.Store.Board(r.Context(), sc.BoardID); errors.Is(err, store.ErrNotFound) {
			return sc, stats.Period{}, &message.InputError{Key: "error.unknown_board"}
		} else if err != nil {
			return sc, stats.Period{}, err
		}
	}
	if sc.UnitID != 0 {
		if _, err := h.a.Store.Unit(r.Context(), sc.UnitID); errors.Is(err, store.ErrNotFound) {
			return sc, stats.Period{}, &message.InputError{Key: "error.unknown_unit"}
		} else if err != nil {
			return sc, stats.Period{}, err
		}
	}
	p, err := stats.PeriodFromQuery(q, h.svc.Clock())
	return sc, p, err
}

// summary answers GET /api/v1/stats/summary?region=&board=&unit=&domain=&type=&tag=&period=.
func (h statsHandlers) summary(w http.ResponseWriter, r *http.Request) {
	sc, p, err := h.question(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Summary(r.Context(), sc, p)
	h.answer(w, r, out, err)
}

// breakdown answers GET /api/v1/stats/breakdown?by=domain|type|tag|level|region|board|unit|month&….
func (h statsHandlers) breakdown(w http.ResponseWriter, r *http.Request) {
	sc, p, err := h.question(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Breakdown(r.Context(), sc, p, stats.Dimension(r.URL.Query().Get("by")))
	h.answer(w, r, out, err)
}

// ranking answers GET /api/v1/stats/ranking?level=province|city|county&parent=&period=&min_volume=&w_activity=&w_effort=&w_satisfaction=.
func (h statsHandlers) ranking(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, err := stats.RankOptionsFromQuery(q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := stats.PeriodFromQuery(q, h.svc.Clock())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Rank(r.Context(), p, o)
	h.answer(w, r, out, err)
}

// listQuestion is question with the list options threshold and min_volume.
func (h statsHandlers) listQuestion(r *http.Request) (stats.Scope, stats.Period, stats.ListOptions, error) {
	sc, p, err := h.question(r)
	if err != nil {
		return sc, p, stats.ListOptions{}, err
	}
	o, err := stats.ListOptionsFromQuery(r.URL.Query())
	return sc, p, o, err
}

// lists answers GET /api/v1/stats/lists?kind=zero-reply|low-rate|first-time|overdue|coverage&threshold=&min_volume=&….
func (h statsHandlers) lists(w http.ResponseWriter, r *http.Request) {
	sc, p, o, err := h.listQuestion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.List(r.Context(), stats.ListKind(r.URL.Query().Get("kind")), sc, p, o)
	h.answer(w, r, out, err)
}

// accountability answers GET /api/v1/stats/accountability?region=&period=&threshold=&min_volume=:
// the overdue, zero-reply and low-rate lists of a region at once, for the public.
func (h statsHandlers) accountability(w http.ResponseWriter, r *http.Request) {
	sc, p, o, err := h.listQuestion(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Accountability(r.Context(), sc, p, o)
	h.answer(w, r, out, err)
}

// units answers GET /api/v1/stats/units?region=&period=: the performance
// of the units handling a region's messages, month by month, for the
// supervisors of that region and admins only. A supervisor's region
// defaults to their own.
func (h statsHandlers) units(w http.ResponseWriter, r *http.Request) {
	u, err := h.a.mustUser(r)
	if err != nil {
		h.a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	if u.Role == account.Supervisor && q.Get("region") == "" && u.RegionCode != "" {
		q.Set("region", u.RegionCode)
		r.URL.RawQuery = q.Encode()
	}
	sc, p, err := h.question(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !stats.MaySeePerformance(u, sc.Region) {
		writeError(w, r, http.StatusForbidden, "forbidden", "error.forbidden")
		return
	}
	out, err := h.svc.UnitPerformance(r.Context(), sc, p)
	h.answer(w, r, out, err)
}

func (h statsHandlers) answer(w http.ResponseWriter, r *http.Request, out any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// fail answers the stats package's refusals with their Chinese sentence,
// and hands everything else to the API's error mapping.
func (h statsHandlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	if p, ok := h.svc.Explain(r.Context(), err); ok {
		writeError(w, r, http.StatusUnprocessableEntity, p.Code, p.Key, p.Args...)
		return
	}
	h.a.fail(w, r, err)
}
