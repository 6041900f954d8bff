package stats

import (
	"errors"

	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// Scope is what a figure is about: the whole country or a region subtree,
// narrowed by a board, a unit, a domain, a type or a tag.
type Scope struct {
	Region  string `json:"region,omitempty"` // GB/T 2260 code; "" is the whole country
	BoardID int64  `json:"board,omitempty"`
	UnitID  int64  `json:"unit,omitempty"`
	Domain  string `json:"domain,omitempty"`
	Type    string `json:"type,omitempty"`
	Tag     string `json:"tag,omitempty"`
}

// Scope errors, each with its catalogue sentence in internal/catalog/stats.go.
var (
	ErrUnknownRegion = errors.New("stats: unknown region")
	ErrUnknownDomain = errors.New("stats: unknown domain")
	ErrUnknownType   = errors.New("stats: unknown type")
)

// Validate checks the scope's names against the lists; a retired domain
// or type still names old messages, so it is valid here.
func (s Scope) Validate(lists *vocab.Set) error {
	if _, ok := region.Get(s.Region); s.Region != "" && !ok {
		return ErrUnknownRegion
	}
	if s.Domain != "" && !lists.Known(vocab.Domain, s.Domain) {
		return ErrUnknownDomain
	}
	if s.Type != "" && !lists.Known(vocab.Type, s.Type) {
		return ErrUnknownType
	}
	return nil
}

// prefix is the region subtree as a code prefix.
func (s Scope) prefix() string { return region.Prefix(s.Region) }

func (s Scope) filter(p Period) store.StatsFilter {
	from, to := p.days()
	return store.StatsFilter{From: from, To: to, RegionPrefix: s.prefix(), BoardID: s.BoardID, UnitID: s.UnitID,
		Type: s.Type, Domain: s.Domain, Tag: s.Tag}
}

func (s Scope) overdue() store.OverdueFilter {
	return store.OverdueFilter{RegionPrefix: s.prefix(), BoardID: s.BoardID, UnitID: s.UnitID, Type: s.Type, Domain: s.Domain, Tag: s.Tag}
}

// forUnit says the scope is one unit's work.
func (s Scope) forUnit() bool { return s.UnitID != 0 }
