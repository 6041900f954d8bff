package transfer

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/vocab"
)

// Format is a kind of file that import understands.
type Format string

// The formats, told apart by their headers.
const (
	// TipDM is the 2020 TipDM Cup's message files: 留言编号, 留言用户,
	// 留言主题, 留言时间, 留言详情 and any of 一级分类, 点赞数, 反对数,
	// 答复意见, 答复时间. Places are masked (A市) and no board is named.
	TipDM Format = "tipdm"
	// Board is the field names of 《领导留言板》: tid, forumName, typeName,
	// domainName, subject, content, dateline, stateInfo, answerContent,
	// answerOrganization, answerDateline, favNum, gradeLevel, gradeManner,
	// gradeSpeed, or the short names its scrapers use (forum, type,
	// domain, title, date, status, likes, gManner, gSpeed).
	Board Format = "board"
	// Native is liuyan's own export (see nativeColumns).
	Native Format = "liuyan"
)

// item is one row read, whatever its format: the message and what the
// file says happened to it.
type item struct {
	line       int
	source     string // liuyan's export names each row's source
	sourceID   string
	author     string // the author's ID on the source platform, "" when unknown
	authorName string
	forum      string // the board the file names
	typ        string
	domain     string
	tags       []string
	title      string
	body       string
	created    time.Time
	likes      int
	dislikes   int
	// state is where the file says the message stands: published (待回复),
	// handling (办理中) or replied (已办理); the importer works out the rest.
	state     lifecycle.State
	reply     string
	replyUnit string
	replyAt   time.Time
	// grades are the three star scores: resolution, attitude, speed; 0
	// where the file gives none.
	grades [3]int
	// native is the whole history, for rows of liuyan's own export.
	native *nativeRow
}

// rowReader turns one format's rows into items.
type rowReader interface {
	item(cells []string, line int, l *vocab.Set) (*item, error)
	// namesBoards says whether rows name their board, so that import needs
	// no --board.
	namesBoards() bool
}

// detect picks the format by the header and returns its row reader.
func detect(names []string) (Format, rowReader, error) {
	c := index(names)
	switch {
	case c.has("source_id") && c.has("events"):
		r, err := newNativeReader(c)
		return Native, r, err
	case c.has("tid"):
		r, err := newBoardReader(c)
		return Board, r, err
	case c.has("留言编号"):
		r, err := newTipDMReader(c)
		return TipDM, r, err
	}
	return "", nil, errors.New(catalog.T("transfer.unknown_format", strings.Join(names, ", ")))
}

// columns maps header names to their positions.
type columns map[string]int

func index(names []string) columns {
	c := make(columns, len(names))
	for i, n := range names {
		if _, dup := c[n]; !dup {
			c[n] = i
		}
	}
	return c
}

func (c columns) has(name string) bool { _, ok := c[name]; return ok }

// pick returns the position of the first of names present, or -1.
func (c columns) pick(names ...string) int {
	for _, n := range names {
		if i, ok := c[n]; ok {
			return i
		}
	}
	return -1
}

// require returns the positions of the fields, each given by its names,
// or an error listing the fields missing.
func (c columns) require(fields ...[]string) ([]int, error) {
	pos := make([]int, len(fields))
	var missing []string
	for i, names := range fields {
		if pos[i] = c.pick(names...); pos[i] < 0 {
			missing = append(missing, strings.Join(names, "/"))
		}
	}
	if len(missing) > 0 {
		return nil, errors.New(catalog.T("transfer.missing_columns", strings.Join(missing, ", ")))
	}
	return pos, nil
}

// cell returns the trimmed cell at i; "" past the row's end or for -1.
// NUL characters, which scraped pages carry now and then and PostgreSQL
// refuses to store in text, are dropped.
func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	s := cells[i]
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.TrimSpace(s)
}

// count reads a non-negative whole number; "" is 0.
func count(s string, line int, field string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, rejectf(line, "transfer.bad_count", field, s)
	}
	return n, nil
}

// when reads a time cell; required says an empty cell is an error.
func when(s string, line int, field string, required bool) (time.Time, error) {
	if s == "" {
		if required {
			return time.Time{}, rejectf(line, "transfer.empty_field", field)
		}
		return time.Time{}, nil
	}
	t, err := parseTime(s)
	if err != nil {
		return time.Time{}, &rowError{line: line, reason: catalog.T("transfer.in_field", field) + err.Error()}
	}
	return t, nil
}

// defaultType is the code of the type given to messages whose file names
// none: the TipDM files have no type at all, and a few rows of the
// board's exports lost theirs. It is the type most messages on the real
// board have (投诉/求助).
const defaultType = "complaint"

// typeNamed returns the current name of the type coded code.
func typeNamed(l *vocab.Set, code string) string {
	t, _ := l.ByCode(vocab.Type, code)
	return t.Name
}

// defaultDomain is the domain of a message whose file names none or one
// the board does not have: the board's catch-all (其他).
func defaultDomain(l *vocab.Set) string {
	d, _ := l.DomainFor("")
	return d
}

// boardStates maps the board's stateInfo to the state it stands for.
var boardStates = map[string]lifecycle.State{
	"待回复": lifecycle.Published,
	"办理中": lifecycle.Handling,
	"已办理": lifecycle.Replied,
	"已回复": lifecycle.Replied,
	"已评价": lifecycle.Replied,
	"已关闭": lifecycle.Replied,
}

// boardTypes maps the real board's typeName to the code of a type; the
// board has shown complaints and requests for help apart and together.
// A typeName that is one of the current types' names is that type.
var boardTypes = map[string]string{
	"投诉/求助": "complaint",
	"投诉":    "complaint",
	"求助":    "complaint",
	"咨询":    "inquiry",
	"建言":    "suggestion",
	"建议":    "suggestion",
	"感谢":    "thanks",
}

// text sets the title and body, which every message needs; the field
// names are the file's, for the reason a row is refused.
func text(it *item, title, body, titleField, bodyField string) error {
	it.title, it.body = title, body
	switch {
	case !utf8.ValidString(title) || !utf8.ValidString(body):
		return rejectf(it.line, "transfer.invalid_utf8")
	case it.title == "":
		return rejectf(it.line, "transfer.empty_field", titleField)
	case it.body == "":
		return rejectf(it.line, "transfer.empty_field", bodyField)
	}
	return nil
}

// tipdmReader reads the TipDM task's files.
type tipdmReader struct {
	id, user, title, at, body, label, likes, dislikes, reply, replyAt int
}

func newTipDMReader(c columns) (*tipdmReader, error) {
	pos, err := c.require([]string{"留言编号"}, []string{"留言主题"}, []string{"留言时间"}, []string{"留言详情"})
	if err != nil {
		return nil, err
	}
	return &tipdmReader{id: pos[0], title: pos[1], at: pos[2], body: pos[3], user: c.pick("留言用户"),
		label: c.pick("一级分类"), likes: c.pick("点赞数"), dislikes: c.pick("反对数"),
		reply: c.pick("答复意见"), replyAt: c.pick("答复时间")}, nil
}

func (r *tipdmReader) namesBoards() bool { return false }

func (r *tipdmReader) item(cells []string, line int, l *vocab.Set) (*item, error) {
	it := &item{line: line, sourceID: cell(cells, r.id), author: cell(cells, r.user), typ: typeNamed(l, defaultType),
		domain: defaultDomain(l), state: lifecycle.Published}
	it.authorName = it.author
	if it.sourceID == "" {
		return nil, rejectf(line, "transfer.empty_field", "留言编号")
	}
	if err := text(it, cell(cells, r.title), cell(cells, r.body), "留言主题", "留言详情"); err != nil {
		return nil, err
	}
	var err error
	if it.created, err = when(cell(cells, r.at), line, "留言时间", true); err != nil {
		return nil, err
	}
	if label := cell(cells, r.label); label != "" {
		// A class with no counterpart goes to the catch-all; the class
		// itself is kept as a tag either way.
		it.domain, _ = l.DomainFor(label)
		it.tags = []string{label}
	}
	if it.likes, err = count(cell(cells, r.likes), line, "点赞数"); err != nil {
		return nil, err
	}
	if it.dislikes, err = count(cell(cells, r.dislikes), line, "反对数"); err != nil {
		return nil, err
	}
	if it.reply = cell(cells, r.reply); it.reply != "" {
		it.state = lifecycle.Replied
		if it.replyAt, err = when(cell(cells, r.replyAt), line, "答复时间", false); err != nil {
			return nil, err
		}
	}
	return it, nil
}

// boardReader reads files in the field names of 《领导留言板》.
type boardReader struct {
	id, forum, typ, domain, title, body, at, status, reply, replyUnit, replyAt, likes, author int
	grades                                                                                    [3]int
}

func newBoardReader(c columns) (*boardReader, error) {
	pos, err := c.require([]string{"tid"}, []string{"subject", "title"}, []string{"content"}, []string{"dateline", "date"})
	if err != nil {
		return nil, err
	}
	return &boardReader{id: pos[0], title: pos[1], body: pos[2], at: pos[3],
		forum: c.pick("forumName", "forum"), typ: c.pick("typeName", "type"), domain: c.pick("domainName", "domain"),
		status:    c.pick("stateInfo", "status"),
		reply:     c.pick("answerContent", "replyContent"),
		replyUnit: c.pick("answerOrganization", "replyOrg"),
		replyAt:   c.pick("answerDateline", "replyDateline"),
		likes:     c.pick("favNum", "likes"),
		author:    c.pick("nickName", "userName", "author"),
		grades:    [3]int{c.pick("gradeLevel"), c.pick("gradeManner", "gManner"), c.pick("gradeSpeed", "gSpeed")},
	}, nil
}

func (r *boardReader) namesBoards() bool { return r.forum >= 0 }

func (r *boardReader) item(cells []string, line int, l *vocab.Set) (*item, error) {
	it := &item{line: line, sourceID: cell(cells, r.id), forum: cell(cells, r.forum), author: cell(cells, r.author)}
	it.authorName = it.author
	if it.sourceID == "" {
		return nil, rejectf(line, "transfer.empty_field", "tid")
	}
	if err := text(it, cell(cells, r.title), cell(cells, r.body), "subject", "content"); err != nil {
		return nil, err
	}
	var err error
	if it.created, err = when(cell(cells, r.at), line, "dateline", true); err != nil {
		return nil, err
	}
	it.typ = typeNamed(l, defaultType)
	if t := cell(cells, r.typ); t != "" {
		if l.Allowed(vocab.Type, t) {
			it.typ = t
		} else if code, ok := boardTypes[t]; ok && l.Allowed(vocab.Type, typeNamed(l, code)) {
			it.typ = typeNamed(l, code)
		} else {
			return nil, rejectf(line, "transfer.bad_type", t)
		}
	}
	it.domain = defaultDomain(l)
	if d := cell(cells, r.domain); d != "" {
		if l.Known(vocab.Domain, d) {
			it.domain = d
		} else {
			it.tags = []string{d}
		}
	}
	if it.likes, err = count(cell(cells, r.likes), line, "favNum"); err != nil {
		return nil, err
	}
	it.reply, it.replyUnit = cell(cells, r.reply), cell(cells, r.replyUnit)
	if it.replyAt, err = when(cell(cells, r.replyAt), line, "answerDateline", false); err != nil {
		return nil, err
	}
	switch s := cell(cells, r.status); {
	case s == "" && (it.reply != "" || !it.replyAt.IsZero()):
		it.state = lifecycle.Replied
	case s == "":
		it.state = lifecycle.Published
	default:
		var ok bool
		if it.state, ok = boardStates[s]; !ok {
			return nil, rejectf(line, "transfer.bad_status", s)
		}
	}
	for i, name := range []string{"gradeLevel", "gradeManner", "gradeSpeed"} {
		g, err := count(cell(cells, r.grades[i]), line, name)
		if err != nil {
			return nil, err
		}
		if g > 5 {
			return nil, rejectf(line, "transfer.bad_grade", name, g)
		}
		it.grades[i] = g
	}
	return it, nil
}
