package open311

import (
	"context"
	"errors"
	"liuyan/internal/catalog"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/session"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

// Server answers /open311/v2.
type Server struct {
	Store *store.Store
	Desk  *workflow.Desk
	Log   *slog.Logger
	// BaseURL is the public address of the site, for discovery; empty means
	// the address the client used.
	BaseURL string
}

// maxRequests is the spec's default cap on a request list.
const maxRequests = 1000

// maxRange is the widest start_date–end_date window a list may ask for.
const maxRange = 90 * 24 * time.Hour

// Register adds the Open311 routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /open311/v2/{name}", s.top)
	mux.HandleFunc("POST /open311/v2/{name}", s.create)
	mux.HandleFunc("GET /open311/v2/services/{code}", s.serviceDefinition)
	mux.HandleFunc("GET /open311/v2/requests/{id}", s.requestGet)
	mux.HandleFunc("GET /open311/v2/tokens/{token}", s.tokenGet)
}

// top serves discovery, services and requests lists by name.
func (s *Server) top(w http.ResponseWriter, r *http.Request) {
	name, f, ok := formatOf(r.PathValue("name"))
	if !ok {
		writeErr(w, "json", http.StatusNotFound, catalog.T("open311.format"))
		return
	}
	switch name {
	case "discovery":
		s.discovery(w, r, f)
	case "services":
		s.serviceList(w, r, f)
	case "requests":
		s.requestList(w, r, f)
	default:
		writeErr(w, f, http.StatusNotFound, catalog.T("open311.no_endpoint"))
	}
}

type endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

type discovery struct {
	Changeset  string     `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

// changeset is when this mapping last changed, as the spec asks.
const changeset = "2026-11-27T00:00:00+08:00"

func (s *Server) discovery(w http.ResponseWriter, r *http.Request, f format) {
	base := s.BaseURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	d := discovery{Changeset: changeset, Contact: catalog.T("open311.contact"), KeyService: catalog.T("open311.key_service"),
		Endpoints: []endpoint{{Specification: "http://wiki.open311.org/GeoReport_v2", URL: strings.TrimSuffix(base, "/") + "/open311/v2",
			Changeset: changeset, Type: "production", Formats: []string{"application/json", "text/xml"}}}}
	write(w, f, http.StatusOK, "discovery", "", d)
}

func (s *Server) serviceList(w http.ResponseWriter, r *http.Request, f format) {
	if j := r.URL.Query().Get("jurisdiction_id"); j != "" {
		if _, ok := region.Get(j); !ok {
			writeErr(w, f, http.StatusNotFound, catalog.T("open311.bad_jurisdiction"))
			return
		}
	}
	lists, ok := s.lists(w, r, f)
	if !ok {
		return
	}
	write(w, f, http.StatusOK, "services", "service", list(services(lists)))
}

type attributeValue struct {
	Key  string `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

type attribute struct {
	Variable            bool             `json:"variable" xml:"variable"`
	Code                string           `json:"code" xml:"code"`
	Datatype            string           `json:"datatype" xml:"datatype"`
	Required            bool             `json:"required" xml:"required"`
	DatatypeDescription string           `json:"datatype_description" xml:"datatype_description"`
	Order               int              `json:"order" xml:"order"`
	Description         string           `json:"description" xml:"description"`
	Values              []attributeValue `json:"values,omitempty" xml:"values>value,omitempty"`
}

type definition struct {
	ServiceCode string      `json:"service_code" xml:"service_code"`
	Attributes  []attribute `json:"attributes" xml:"attributes>attribute"`
}

// attributes every service takes: the board written to, a title, and
// whether the message is public.
var attributes = []attribute{
	{Variable: true, Code: "board_id", Datatype: "number", DatatypeDescription: catalog.T("open311.attr_board_type"), Order: 1,
		Description: catalog.T("open311.attr_board")},
	{Variable: true, Code: "title", Datatype: "string", DatatypeDescription: catalog.T("open311.attr_title_type"), Order: 2,
		Description: catalog.T("open311.attr_title")},
	{Variable: true, Code: "public", Datatype: "singlevaluelist", Order: 3, Description: catalog.T("open311.attr_public"),
		Values: []attributeValue{{Key: "true", Name: catalog.T("open311.public")}, {Key: "false", Name: catalog.T("open311.private")}}},
}

func (s *Server) serviceDefinition(w http.ResponseWriter, r *http.Request) {
	code, f, ok := formatOf(r.PathValue("code"))
	if !ok {
		writeErr(w, "json", http.StatusNotFound, catalog.T("open311.format"))
		return
	}
	lists, ok := s.lists(w, r, f)
	if !ok {
		return
	}
	if _, ok := serviceByCode(lists, code); !ok {
		writeErr(w, f, http.StatusNotFound, catalog.T("open311.bad_service"))
		return
	}
	d := definition{ServiceCode: code, Attributes: attributes}
	write(w, f, http.StatusOK, "service_definition", "", d)
}

// serviceRequest is a message in the spec's words.
type serviceRequest struct {
	ID                string `json:"service_request_id" xml:"service_request_id"`
	Status            string `json:"status" xml:"status"`
	StatusNotes       string `json:"status_notes" xml:"status_notes"`
	ServiceName       string `json:"service_name" xml:"service_name"`
	ServiceCode       string `json:"service_code" xml:"service_code"`
	Description       string `json:"description" xml:"description"`
	AgencyResponsible string `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     string `json:"service_notice" xml:"service_notice"`
	RequestedDatetime string `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  string `json:"expected_datetime" xml:"expected_datetime"`
	Address           string `json:"address" xml:"address"`
	AddressID         string `json:"address_id" xml:"address_id"`
	Zipcode           string `json:"zipcode" xml:"zipcode"`
	Lat               string `json:"lat" xml:"lat"`
	Long              string `json:"long" xml:"long"`
	MediaURL          string `json:"media_url" xml:"media_url"`
}

// openStates are the states Open311 calls open; the rest it may see are closed.
var openStates = []lifecycle.State{lifecycle.Published, lifecycle.Assigned, lifecycle.Handling}

var closedStates = []lifecycle.State{lifecycle.Replied, lifecycle.Rated, lifecycle.Closed}

func statusOf(st lifecycle.State) string {
	for _, o := range openStates {
		if st == o {
			return "open"
		}
	}
	return "closed"
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.China).Format(time.RFC3339)
}

// describe turns public messages into service requests, with their latest
// reply and the unit responsible.
func (s *Server) describe(ctx context.Context, ms []*message.Message) ([]serviceRequest, error) {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	replies, err := s.Store.LatestReplies(ctx, ids, "")
	if err != nil {
		return nil, err
	}
	lists, err := s.Desk.Lists(ctx)
	if err != nil {
		return nil, err
	}
	units := map[int64]string{}
	out := make([]serviceRequest, 0, len(ms))
	for _, m := range ms {
		pub := workflow.Masked(m)
		svc := serviceOf(lists, m.Type, m.Domain)
		sr := serviceRequest{ID: strconv.FormatInt(m.ID, 10), Status: statusOf(m.Status), ServiceName: svc.Name, ServiceCode: svc.Code,
			Description: pub.Title + "\n" + pub.Body, RequestedDatetime: stamp(m.PublishedAt), UpdatedDatetime: stamp(m.UpdatedAt),
			ExpectedDatetime: stamp(m.Deadline), Address: region.FullName(m.RegionCode), AddressID: m.RegionCode}
		if r, ok := replies[m.ID]; ok {
			sr.StatusNotes, sr.AgencyResponsible = r.Body, r.UnitName
		} else if m.UnitID != 0 {
			if _, ok := units[m.UnitID]; !ok {
				u, err := s.Store.Unit(ctx, m.UnitID)
				if err != nil {
					return nil, err
				}
				units[m.UnitID] = u.Name
			}
			sr.AgencyResponsible = units[m.UnitID]
		}
		out = append(out, sr)
	}
	return out, nil
}

// parseTime reads the spec's W3C datetimes, with or without a zone.
func parseTime(v string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, v, calendar.China); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad time")
}

func (s *Server) requestList(w http.ResponseWriter, r *http.Request, f format) {
	q := r.URL.Query()
	filter := store.Filter{Limit: maxRequests}
	if ids := splitList(q.Get("service_request_id")); len(ids) > 0 {
		// The spec: a list of IDs overrides every other parameter.
		for _, v := range ids {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_request_id", v))
				return
			}
			filter.IDs = append(filter.IDs, id)
		}
	} else {
		if code := q.Get("service_code"); code != "" {
			lists, ok := s.lists(w, r, f)
			if !ok {
				return
			}
			svc, ok := serviceByCode(lists, code)
			if !ok {
				writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_service"))
				return
			}
			filter.Type, filter.Domain = svc.msgType, svc.domain
		}
		if j := q.Get("jurisdiction_id"); j != "" {
			if _, ok := region.Get(j); !ok {
				writeErr(w, f, http.StatusNotFound, catalog.T("open311.bad_jurisdiction"))
				return
			}
			filter.RegionPrefix = region.Prefix(j)
		}
		end, start := time.Now(), time.Now().Add(-maxRange)
		var err error
		if v := q.Get("end_date"); v != "" {
			if end, err = parseTime(v); err != nil {
				writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_end"))
				return
			}
			start = end.Add(-maxRange)
		}
		if v := q.Get("start_date"); v != "" {
			if start, err = parseTime(v); err != nil {
				writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_start"))
				return
			}
			if q.Get("end_date") == "" {
				end = start.Add(maxRange)
			}
		}
		if end.Sub(start) > maxRange || end.Before(start) {
			writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_range"))
			return
		}
		filter.CreatedFrom, filter.CreatedTo = start, end
		for _, st := range splitList(q.Get("status")) {
			switch st {
			case "open":
				filter.Statuses = append(filter.Statuses, openStates...)
			case "closed":
				filter.Statuses = append(filter.Statuses, closedStates...)
			default:
				writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_status"))
				return
			}
		}
	}
	ms, err := s.Store.Messages(r.Context(), filter, store.Viewer{})
	if err != nil {
		s.fail(w, f, err)
		return
	}
	srs, err := s.describe(r.Context(), ms)
	if err != nil {
		s.fail(w, f, err)
		return
	}
	write(w, f, http.StatusOK, "service_requests", "request", list(srs))
}

func (s *Server) requestGet(w http.ResponseWriter, r *http.Request) {
	v, f, ok := formatOf(r.PathValue("id"))
	if !ok {
		writeErr(w, "json", http.StatusNotFound, catalog.T("open311.format"))
		return
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		writeErr(w, f, http.StatusNotFound, catalog.T("open311.no_request"))
		return
	}
	m, err := s.Store.Message(r.Context(), id, store.Viewer{})
	if errors.Is(err, store.ErrNotFound) {
		writeErr(w, f, http.StatusNotFound, catalog.T("open311.no_request"))
		return
	}
	if err != nil {
		s.fail(w, f, err)
		return
	}
	srs, err := s.describe(r.Context(), []*message.Message{m})
	if err != nil {
		s.fail(w, f, err)
		return
	}
	write(w, f, http.StatusOK, "service_requests", "request", list(srs))
}

// tokenPrefix marks the tokens POST returns; a token names the message it
// created, so tokens/{token} needs no table of its own.
const tokenPrefix = "ly-"

type tokenAnswer struct {
	ID    string `json:"service_request_id" xml:"service_request_id"`
	Token string `json:"token" xml:"token"`
}

func (s *Server) tokenGet(w http.ResponseWriter, r *http.Request) {
	token, f, ok := formatOf(r.PathValue("token"))
	if !ok {
		writeErr(w, "json", http.StatusNotFound, catalog.T("open311.format"))
		return
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(token, tokenPrefix), 10, 64)
	if err != nil || !strings.HasPrefix(token, tokenPrefix) {
		writeErr(w, f, http.StatusNotFound, catalog.T("open311.bad_token"))
		return
	}
	// Until a moderator accepts it the message is not public; the token
	// still answers, as the spec's tokens exist for exactly that wait.
	write(w, f, http.StatusOK, "service_requests", "request", []any{tokenAnswer{ID: strconv.FormatInt(id, 10), Token: token}})
}

type created struct {
	ID            string `json:"service_request_id" xml:"service_request_id"`
	Token         string `json:"token" xml:"token"`
	ServiceNotice string `json:"service_notice" xml:"service_notice"`
	AccountID     string `json:"account_id" xml:"account_id"`
}

// create files a message for the holder of api_key (a liuyan API token).
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	name, f, ok := formatOf(r.PathValue("name"))
	if !ok || name != "requests" {
		writeErr(w, "json", http.StatusNotFound, catalog.T("open311.no_endpoint"))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_form"))
		return
	}
	key := r.PostForm.Get("api_key")
	if key == "" {
		key = r.URL.Query().Get("api_key")
	}
	if key == "" {
		writeErr(w, f, http.StatusForbidden, catalog.T("open311.no_key"))
		return
	}
	u, err := s.Store.UserByToken(r.Context(), session.Hash(key), store.TokenAPI, time.Now())
	if errors.Is(err, store.ErrNotFound) {
		writeErr(w, f, http.StatusForbidden, catalog.T("open311.bad_key"))
		return
	}
	if err != nil {
		s.fail(w, f, err)
		return
	}
	lists, ok := s.lists(w, r, f)
	if !ok {
		return
	}
	svc, ok := serviceByCode(lists, r.PostForm.Get("service_code"))
	if !ok || svc.retired {
		writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_service_code"))
		return
	}
	b, problem := s.target(r.Context(), r.PostForm.Get("jurisdiction_id"), r.PostForm.Get("attribute[board_id]"))
	if problem != "" {
		writeErr(w, f, http.StatusBadRequest, problem)
		return
	}
	body := strings.TrimSpace(r.PostForm.Get("description"))
	if addr := strings.TrimSpace(r.PostForm.Get("address_string")); addr != "" {
		body += "\n" + catalog.T("open311.address", addr)
	}
	if lat, long, given, ok := location(r.PostForm.Get("lat"), r.PostForm.Get("long")); !ok {
		writeErr(w, f, http.StatusBadRequest, catalog.T("open311.bad_location"))
		return
	} else if given {
		body += "\n" + catalog.T("open311.location", lat, long)
	}
	title := strings.TrimSpace(r.PostForm.Get("attribute[title]"))
	if title == "" {
		title = firstRunes(strings.TrimSpace(r.PostForm.Get("description")), 30)
	}
	draft := message.Draft{BoardID: b.ID, Type: svc.msgType, Domain: svc.domain, Title: title, Body: body,
		Public: r.PostForm.Get("attribute[public]") != "false", Channel: "open311"}
	m, _, err := s.Desk.Submit(r.Context(), u, draft, r.Header.Get("Idempotency-Key"))
	if err != nil {
		if p, ok := s.Desk.Explain(err); ok {
			writeErr(w, f, http.StatusBadRequest, p.Message())
			return
		}
		s.fail(w, f, err)
		return
	}
	id := strconv.FormatInt(m.ID, 10)
	write(w, f, http.StatusOK, "service_requests", "request", []any{created{ID: id, Token: tokenPrefix + id,
		ServiceNotice: catalog.T("open311.notice"), AccountID: strconv.FormatInt(u.ID, 10)}})
}

// target finds the board a new request is addressed to: the one named by
// attribute[board_id], or the head (省长, 市长, 县长 …) of the jurisdiction.
func (s *Server) target(ctx context.Context, jurisdiction, boardID string) (*board.Board, string) {
	if boardID != "" {
		id, err := strconv.ParseInt(boardID, 10, 64)
		if err != nil {
			return nil, catalog.T("open311.bad_board")
		}
		b, err := s.Store.Board(ctx, id)
		if err != nil {
			return nil, catalog.T("open311.no_board")
		}
		return b, ""
	}
	if _, ok := region.Get(jurisdiction); !ok {
		return nil, catalog.T("open311.no_target")
	}
	bs, err := s.Store.Boards(ctx, jurisdiction, board.Leader)
	if err != nil {
		return nil, catalog.T("open311.board_error")
	}
	for _, b := range bs {
		if b.Title == board.Head {
			return &b, ""
		}
	}
	return nil, catalog.T("open311.no_leader")
}

// location reads the spec's lat and long (WGS84 degrees) as numbers in
// range, written back plainly, so that the message never carries a
// "location" that is text of the sender's choosing. Neither given is no
// location; one without the other, or either not a coordinate, is bad.
func location(lat, long string) (y, x string, given, ok bool) {
	lat, long = strings.TrimSpace(lat), strings.TrimSpace(long)
	if lat == "" && long == "" {
		return "", "", false, true
	}
	fy, err1 := strconv.ParseFloat(lat, 64)
	fx, err2 := strconv.ParseFloat(long, 64)
	if err1 != nil || err2 != nil || !(fy >= -90 && fy <= 90) || !(fx >= -180 && fx <= 180) {
		return "", "", true, false
	}
	return strconv.FormatFloat(fy, 'f', -1, 64), strconv.FormatFloat(fx, 'f', -1, 64), true, true
}

func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// lists reads the current types and domains the services are made of,
// answering the failure itself.
func (s *Server) lists(w http.ResponseWriter, r *http.Request, f format) (*vocab.Set, bool) {
	l, err := s.Desk.Lists(r.Context())
	if err != nil {
		s.fail(w, f, err)
		return nil, false
	}
	return l, true
}

func (s *Server) fail(w http.ResponseWriter, f format, err error) {
	s.Log.Error("open311 request failed", slog.Any("err", err))
	writeErr(w, f, http.StatusInternalServerError, catalog.T("error.internal"))
}
