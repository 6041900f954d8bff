package vocab

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"liuyan/internal/lifecycle"
)

// Kind is one of the managed lists.
type Kind string

// The lists.
const (
	Type   Kind = "type"   // 留言类型
	Domain Kind = "domain" // 领域
	Tag    Kind = "tag"    // 话题标签
)

// Kinds are the lists in the order the admin page shows them.
var Kinds = []Kind{Type, Domain, Tag}

// Valid says k is one of the lists.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Term is one entry of a list. Messages carry its Name; Code is the
// stable ASCII name Open311 service codes and URLs are made of. A retired
// term is no longer offered or accepted on new messages but still names
// the old ones, in filters and figures.
type Term struct {
	ID       int64  `json:"id"`
	Kind     Kind   `json:"kind"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Position int    `json:"position"`
	// Days is a type's handling time in working days (DESIGN §3); 0 for
	// domains and tags.
	Days    int  `json:"days,omitempty"`
	Retired bool `json:"retired"`
}

// Limits of a term's fields.
const (
	NameMax = 20 // characters
	DaysMax = 60 // working days, for handling and extensions alike
)

var codeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,23}$`)

// Problem is invalid input about a term or a board's rules, with the
// catalogue key that explains it and the form field it belongs to.
type Problem struct {
	Field string
	Key   string
	Args  []any
}

func (p *Problem) Error() string { return "vocab: " + p.Key }

// CheckName checks a term's name: 1–20 characters, no separators that
// tag lists are written with.
func CheckName(name string) error {
	n := utf8.RuneCountInString(name)
	if !utf8.ValidString(name) || n == 0 || n > NameMax || strings.ContainsAny(name, ",，、 \t\n") {
		return &Problem{Field: "name", Key: "error.term_name", Args: []any{NameMax}}
	}
	return nil
}

// CheckCode checks a term's code: 2–24 lowercase letters, digits and
// underscores, starting with a letter.
func CheckCode(code string) error {
	if !codeRE.MatchString(code) {
		return &Problem{Field: "code", Key: "error.term_code"}
	}
	return nil
}

// CheckDays checks a number of working days against its bound.
func CheckDays(field string, days, lo, hi int) error {
	if days < lo || days > hi {
		return &Problem{Field: field, Key: "error.days_range", Args: []any{lo, hi}}
	}
	return nil
}

// BoardRules are a board's own deadlines, overriding the defaults: the
// handling days per type (by the type's ID, so a rename keeps them), the
// longest extension and the number of follow-ups.
type BoardRules struct {
	BoardID      int64         `json:"board_id"`
	TypeDays     map[int64]int `json:"-"`
	MaxExtension int           `json:"max_extension"`
	MaxFollowups int           `json:"max_followups"`
}

// Check validates rules an admin sets.
func (r BoardRules) Check() error {
	for _, d := range r.TypeDays {
		if err := CheckDays("days", d, 1, DaysMax); err != nil {
			return err
		}
	}
	if err := CheckDays("max_extension", r.MaxExtension, 0, DaysMax); err != nil {
		return err
	}
	return CheckDays("max_followups", r.MaxFollowups, 0, 10)
}

// Set is the lists and rules at one moment. It is never changed after
// it is made, so readers share it without locks.
type Set struct {
	terms []Term // by kind, then position
	rules map[int64]BoardRules
	base  lifecycle.Policy
}

// NewSet makes a Set of terms and board rules over the base policy (the
// rules of DESIGN §3 that are not lists: extensions, follow-ups, the
// rating window, the days of a type missing from the list).
func NewSet(terms []Term, rules []BoardRules, base lifecycle.Policy) *Set {
	s := &Set{terms: slices.Clone(terms), rules: map[int64]BoardRules{}, base: base}
	slices.SortStableFunc(s.terms, func(a, b Term) int {
		if a.Kind != b.Kind {
			return slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind)
		}
		return a.Position - b.Position
	})
	for _, r := range rules {
		s.rules[r.BoardID] = r
	}
	return s
}

// Terms lists every term of a kind, retired ones included, in order.
func (s *Set) Terms(k Kind) []Term {
	var out []Term
	for _, t := range s.terms {
		if t.Kind == k {
			out = append(out, t)
		}
	}
	return out
}

// names lists the names of a kind's terms in use (not retired).
func (s *Set) names(k Kind) []string {
	var out []string
	for _, t := range s.terms {
		if t.Kind == k && !t.Retired {
			out = append(out, t.Name)
		}
	}
	return out
}

// Names lists the names of every term of a kind, retired ones included:
// the choices of a filter over old and new messages alike.
func (s *Set) Names(k Kind) []string {
	var out []string
	for _, t := range s.Terms(k) {
		out = append(out, t.Name)
	}
	return out
}

// Types are the message types a new message may have.
func (s *Set) Types() []string { return s.names(Type) }

// Domains are the domains a new message may have.
func (s *Set) Domains() []string { return s.names(Domain) }

// Tags are the topic tags offered to authors and in filters. Authors may
// add tags of their own: the list is what the platform follows.
func (s *Set) Tags() []string { return s.names(Tag) }

// Term finds a term by kind and name, retired or not.
func (s *Set) Term(k Kind, name string) (Term, bool) {
	for _, t := range s.terms {
		if t.Kind == k && t.Name == name {
			return t, true
		}
	}
	return Term{}, false
}

// ByID finds a term by its ID.
func (s *Set) ByID(id int64) (Term, bool) {
	for _, t := range s.terms {
		if t.ID == id {
			return t, true
		}
	}
	return Term{}, false
}

// ByCode finds a term by kind and code, retired or not.
func (s *Set) ByCode(k Kind, code string) (Term, bool) {
	for _, t := range s.terms {
		if t.Kind == k && t.Code == code {
			return t, true
		}
	}
	return Term{}, false
}

// Allowed says a new message may carry the name: a term of the kind that
// is not retired.
func (s *Set) Allowed(k Kind, name string) bool {
	t, ok := s.Term(k, name)
	return ok && !t.Retired
}

// Known says the name is a term of the kind, retired or not: old messages
// may still be filtered and counted by it.
func (s *Set) Known(k Kind, name string) bool {
	_, ok := s.Term(k, name)
	return ok
}

// Default is the policy of a board without rules of its own: the base
// with each type's handling days from the list.
func (s *Set) Default() lifecycle.Policy {
	p := s.base
	p.Days = map[string]int{}
	for _, t := range s.Terms(Type) {
		p.Days[t.Name] = t.Days
	}
	return p
}

// Policy is a board's deadline rules: the default, overridden by what
// the board sets.
func (s *Set) Policy(boardID int64) lifecycle.Policy {
	p := s.Default()
	r, ok := s.rules[boardID]
	if !ok {
		return p
	}
	for id, d := range r.TypeDays {
		if t, ok := s.ByID(id); ok {
			p.Days[t.Name] = d
		}
	}
	p.MaxExtension, p.MaxFollowups = r.MaxExtension, r.MaxFollowups
	return p
}

// Rules returns a board's own rules; ok is false when it follows the
// defaults.
func (s *Set) Rules(boardID int64) (BoardRules, bool) {
	r, ok := s.rules[boardID]
	return r, ok
}

// foreignDomains maps the first-level classes of other platforms'
// taxonomies (the TipDM provincial platform's, which the default
// classifier is trained on) to the codes of the board's domains, so that
// the mapping survives a rename.
var foreignDomains = map[string]string{
	"城乡建设":    "urban",
	"劳动和社会保障": "employment",
	"教育文体":    "education",
	"商贸旅游":    "tourism",
	"环境保护":    "environment",
	"卫生计生":    "health",
	"交通运输":    "transport",
}

// DomainFor returns the domain for a label from a classifier or an
// imported file: the label itself when it is a domain in use, its
// counterpart for a known foreign class, and the domain coded "other"
// (其他) otherwise, with ok false.
func (s *Set) DomainFor(label string) (domain string, ok bool) {
	if s.Allowed(Domain, label) {
		return label, true
	}
	if code, found := foreignDomains[label]; found {
		if t, ok := s.ByCode(Domain, code); ok && !t.Retired {
			return t.Name, true
		}
	}
	if t, ok := s.ByCode(Domain, "other"); ok {
		return t.Name, false
	}
	return "其他", false
}
