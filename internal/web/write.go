package web

import (
	"crypto/rand"
	"errors"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"liuyan/internal/ratelimit"

	"liuyan/internal/catalog"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

type writePage struct {
	frame
	Region  region.Region // the region chosen so far; zero before any
	Levels  []pickLevel
	Boards  []boardGroup
	Form    *form
	Types   []string
	Domains []string
	Topics  []string // the topic tags the platform follows, offered as examples
	Limits  message.Limits
	Images  int // the most images a message may carry
}

// pickLevel is one select of the region picker.
type pickLevel struct {
	Name     string // province, city or county
	Label    string
	Options  []region.Region
	Selected string
}

// boardGroup are the boards of one region the message may be addressed to.
type boardGroup struct {
	Region string
	Boards []boardCard
}

// writeFields are the fields of the form, besides the images.
var writeFields = []string{"region", "board_id", "type", "domain", "title", "body", "public", "tags", "channel", "key"}

// writeForm shows the form: pick a region (province, then city, then
// county), a board of it or of a region above it, then write.
func (w *Web) writeForm(rw http.ResponseWriter, r *http.Request) error {
	if _, err := need(r); err != nil {
		return err
	}
	q := r.URL.Query()
	f := newForm()
	f.Values["key"] = rand.Text()
	f.Values["public"] = "1"
	f.Values["board_id"] = q.Get("board")
	code := pickRegion(q.Get("province"), q.Get("city"), q.Get("county"))
	if code == "" {
		code = q.Get("region")
	}
	if id, err := strconv.ParseInt(q.Get("board"), 10, 64); err == nil && code == "" {
		if b, err := w.store.Board(r.Context(), id); err == nil {
			code = b.RegionCode
		}
	}
	return w.showWrite(rw, r, http.StatusOK, code, f)
}

// pickRegion resolves the picker's selects to the deepest region chosen
// that lies within the one chosen above it; a city left over from another
// province is ignored.
func pickRegion(province, city, county string) string {
	code := ""
	for _, c := range []string{province, city, county} {
		reg, ok := region.Get(c)
		if !ok || reg.Parent != code {
			break
		}
		code = c
	}
	return code
}

func (w *Web) showWrite(rw http.ResponseWriter, r *http.Request, status int, code string, f *form) error {
	lists, err := w.desk.Lists(r.Context())
	if err != nil {
		return err
	}
	p := &writePage{Form: f, Types: lists.Types(), Domains: lists.Domains(), Topics: lists.Tags(), Limits: w.desk.Limits, Images: maxImages}
	p.Title, p.Nav = catalog.T("web.write.title"), "write"
	path := region.Path(code)
	if len(path) > 0 {
		p.Region = path[len(path)-1]
		f.Values["region"] = p.Region.Code
	}
	names := []string{"province", "city", "county"}
	parent := ""
	for i := 0; i < len(names); i++ {
		options := region.Children(parent)
		if len(options) == 0 {
			break
		}
		lv := pickLevel{Name: names[i], Label: catalog.T("web.write.level." + names[i]), Options: options}
		if i < len(path) {
			lv.Selected = path[i].Code
		}
		p.Levels = append(p.Levels, lv)
		if lv.Selected == "" {
			break
		}
		parent = lv.Selected
	}
	// The chosen region's boards first, then those of the regions above.
	for i := len(path) - 1; i >= 0; i-- {
		bs, err := w.store.Boards(r.Context(), path[i].Code, "")
		if err != nil {
			return err
		}
		cards, err := w.boardCards(r, bs)
		if err != nil {
			return err
		}
		if len(cards) > 0 {
			p.Boards = append(p.Boards, boardGroup{Region: region.FullName(path[i].Code), Boards: cards})
		}
	}
	return w.render(rw, r, status, "write", p)
}

// write submits a message through the Desk with the API's rules, then
// stores its images. The form's key makes a double click one message.
func (w *Web) write(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	if err := errors.Join(throttle(w.limits.PostIP, ratelimit.ClientIP(r)), throttle(w.limits.Post, strconv.FormatInt(u.ID, 10))); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(rw, r.Body, maxImages*maxImageBytes+maxFormBytes)
	// A form without a file input chosen may come url-encoded.
	err = r.ParseMultipartForm(8 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLarge
	}
	if err != nil {
		return errBadForm
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
		files = r.MultipartForm.File["images"]
	}
	f := readForm(r, writeFields...)
	draft := message.Draft{Type: f.V("type"), Domain: f.V("domain"), Title: f.V("title"), Body: f.V("body"),
		Public: f.V("public") != "0", Tags: splitTags(f.V("tags")), Channel: f.V("channel")}
	if draft.Channel != "app" {
		draft.Channel = "web"
	}
	if id, err := strconv.ParseInt(f.V("board_id"), 10, 64); err == nil && id > 0 {
		draft.BoardID = id
	} else {
		f.Errors["board_id"] = catalog.T("web.write.board_missing")
	}
	images, problem := readImages(files)
	if problem != "" {
		f.Errors["images"] = problem
	}
	// Check the text now too, so that every wrong field is marked at once;
	// Submit checks it again with the same rules.
	check := draft
	check.Tags = append([]string(nil), draft.Tags...)
	check.Normalize()
	ctx := r.Context()
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		return err
	}
	if err := check.Validate(w.desk.Limits, lists); err != nil && w.explain(f, err) == 0 {
		return err
	}
	if !f.Failed() {
		m, _, err := w.desk.SubmitWith(ctx, u, draft, f.V("key"), func(tx *store.Tx, m *message.Message) error {
			for _, a := range images {
				a.MessageID = m.ID
			}
			return tx.InsertAttachments(ctx, images)
		})
		if err == nil {
			http.Redirect(rw, r, withDone(messageHref(m), "submit"), http.StatusSeeOther)
			return nil
		}
		if w.explain(f, err) == 0 {
			return err
		}
	}
	code := f.V("region")
	if b, err := w.store.Board(ctx, draft.BoardID); err == nil {
		code = b.RegionCode
	}
	return w.showWrite(rw, r, http.StatusUnprocessableEntity, code, f)
}

// splitTags reads topic tags separated by spaces, commas or 、.
func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；#", r)
	})
}
