package feed

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// Feeds serves the Atom feeds.
type Feeds struct {
	Store *store.Store
	// BaseURL is the site's public address, such as
	// https://liuyan.example.gov.cn; empty takes it from each request.
	BaseURL string
	// Entries is the number of messages a feed shows; 0 means 50.
	Entries int
	// Lists are the managed lists (the Desk's Lists); nil reads them from
	// Store.
	Lists func(ctx context.Context) (*vocab.Set, error)
}

func (f *Feeds) lists(ctx context.Context) (*vocab.Set, error) {
	if f.Lists != nil {
		return f.Lists(ctx)
	}
	return f.Store.LoadVocab(ctx, lifecycle.DefaultPolicy())
}

// maxAge is how long a reader may keep a feed before asking again.
const maxAge = 5 * time.Minute

// Register adds the feed routes to mux. A path may end in ".atom".
//
//	GET /feeds/boards/{id}              a board's messages
//	GET /feeds/regions/{code}           messages to boards in a region and below
//	GET /feeds/domains/{domain}[?region=CODE]  a domain's messages, optionally in a region
func (f *Feeds) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /feeds/boards/{id}", f.board)
	mux.HandleFunc("GET /feeds/regions/{code}", f.region)
	mux.HandleFunc("GET /feeds/domains/{domain}", f.domain)
}

// scope is one feed: what it selects, what it is called, where it lives.
type scope struct {
	filter store.Filter
	title  string
	page   string // the page the feed follows, a path
	self   string // the feed's own path
}

func segment(r *http.Request, name string) string {
	return strings.TrimSuffix(r.PathValue(name), ".atom")
}

func (f *Feeds) board(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(segment(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		notFound(w, "feed.unknown_board")
		return
	}
	b, err := f.Store.Board(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		notFound(w, "feed.unknown_board")
		return
	}
	if err != nil {
		http.Error(w, catalog.T("error.internal"), http.StatusInternalServerError)
		return
	}
	f.serve(w, r, scope{filter: store.Filter{BoardID: id},
		title: catalog.T("feed.board", region.FullName(b.RegionCode)+b.Name),
		page:  fmt.Sprintf("/boards/%d", id), self: fmt.Sprintf("/feeds/boards/%d", id)})
}

func (f *Feeds) region(w http.ResponseWriter, r *http.Request) {
	code := segment(r, "code")
	if _, ok := region.Get(code); !ok {
		notFound(w, "feed.unknown_region")
		return
	}
	f.serve(w, r, scope{filter: store.Filter{RegionPrefix: region.Prefix(code)},
		title: catalog.T("feed.region", region.FullName(code)),
		page:  "/regions/" + code, self: "/feeds/regions/" + code})
}

func (f *Feeds) domain(w http.ResponseWriter, r *http.Request) {
	d := segment(r, "domain")
	lists, err := f.lists(r.Context())
	if err != nil {
		http.Error(w, catalog.T("error.internal"), http.StatusInternalServerError)
		return
	}
	if !lists.Known(vocab.Domain, d) {
		notFound(w, "feed.unknown_domain")
		return
	}
	sc := scope{filter: store.Filter{Domain: d}, title: catalog.T("feed.domain", d),
		page: "/search?domain=" + url.QueryEscape(d), self: "/feeds/domains/" + url.PathEscape(d)}
	if code := r.URL.Query().Get("region"); code != "" {
		if _, ok := region.Get(code); !ok {
			notFound(w, "feed.unknown_region")
			return
		}
		sc.filter.RegionPrefix = region.Prefix(code)
		sc.title = catalog.T("feed.domain_region", region.FullName(code), d)
		sc.page += "&region=" + code
		sc.self += "?region=" + code
	}
	f.serve(w, r, sc)
}

func notFound(w http.ResponseWriter, key string) {
	http.Error(w, catalog.T(key), http.StatusNotFound)
}

// serve writes one feed, or 304 when the reader's copy is current.
func (f *Feeds) serve(w http.ResponseWriter, r *http.Request, sc scope) {
	sc.filter.Limit = f.Entries
	if sc.filter.Limit <= 0 {
		sc.filter.Limit = 50
	}
	doc, updated, err := f.build(r.Context(), sc, f.base(r))
	if err != nil {
		http.Error(w, catalog.T("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(maxAge.Seconds())))
	if !updated.IsZero() {
		w.Header().Set("Last-Modified", updated.UTC().Format(http.TimeFormat))
		if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !updated.Truncate(time.Second).After(since) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	_ = xml.NewEncoder(w).Encode(doc)
}

// base is the site's address for the links of a feed.
func (f *Feeds) base(r *http.Request) string {
	if f.BaseURL != "" {
		return strings.TrimSuffix(f.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// build reads the scope's newest public messages and their published
// replies, as the anonymous viewer may see them, into an Atom document.
func (f *Feeds) build(ctx context.Context, sc scope, base string) (*feeds.AtomFeed, time.Time, error) {
	ms, err := f.Store.Messages(ctx, sc.filter, store.Viewer{})
	if err != nil {
		return nil, time.Time{}, err
	}
	var updated time.Time
	feed := &feeds.Feed{Title: sc.title, Description: catalog.T("feed.subtitle"), Link: &feeds.Link{Href: base + sc.page}}
	published := make([]time.Time, len(ms))
	for i, m := range ms {
		replies, err := f.Store.Replies(ctx, m.ID, false)
		if err != nil {
			return nil, time.Time{}, err
		}
		link := fmt.Sprintf("%s/messages/%d", base, m.ID)
		feed.Add(&feeds.Item{
			Title:   m.PublicTitle,
			Link:    &feeds.Link{Href: link},
			Id:      link,
			Author:  &feeds.Author{Name: catalog.T("feed.entry_author", mask.Name(m.AuthorName))},
			Content: content(m, replies),
			Created: m.PublishedAt,
			Updated: m.UpdatedAt,
		})
		published[i] = m.PublishedAt
		if m.UpdatedAt.After(updated) {
			updated = m.UpdatedAt
		}
	}
	if updated.IsZero() {
		// Atom wants a time even for an empty feed; nothing in it changed.
		feed.Updated = time.Unix(0, 0).UTC()
	} else {
		feed.Updated = updated
	}
	doc := (&feeds.Atom{Feed: feed}).AtomFeed()
	doc.Id = base + sc.self
	doc.Link = &feeds.AtomLink{Href: base + sc.self, Rel: "self", Type: "application/atom+xml"}
	for i, e := range doc.Entries {
		e.Published = published[i].Format(time.RFC3339)
		e.Links = append(e.Links, feeds.AtomLink{Href: base + sc.page, Rel: "related"})
	}
	return doc, updated, nil
}

// content is an entry's HTML: the masked text, the state, and each
// published reply with its unit and date, personal data masked too.
func content(m *message.Message, replies []message.Reply) string {
	var b strings.Builder
	for _, p := range strings.Split(m.PublicBody, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
	}
	b.WriteString("<p>" + html.EscapeString(catalog.T("feed.status", catalog.T("state."+string(m.Status)))) + "</p>")
	for _, r := range replies {
		head := catalog.T("feed.reply", r.UnitName, r.CreatedAt.In(calendar.China).Format(time.DateOnly))
		b.WriteString("<h4>" + html.EscapeString(head) + "</h4>")
		for _, p := range strings.Split(mask.Text(r.Body), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>" + html.EscapeString(p) + "</p>")
			}
		}
	}
	return b.String()
}
