package vocab

import (
	"errors"
	"slices"
	"testing"

	"liuyan/internal/lifecycle"
)

func seed() []Term {
	return []Term{
		{ID: 1, Kind: Type, Code: "complaint", Name: "投诉/求助", Position: 1, Days: 7},
		{ID: 2, Kind: Type, Code: "inquiry", Name: "咨询", Position: 2, Days: 5},
		{ID: 3, Kind: Type, Code: "thanks", Name: "感谢", Position: 3, Days: 5, Retired: true},
		{ID: 11, Kind: Domain, Code: "urban", Name: "城乡建设", Position: 1},
		{ID: 12, Kind: Domain, Code: "environment", Name: "环保", Position: 2, Retired: true},
		{ID: 13, Kind: Domain, Code: "other", Name: "其他", Position: 3},
		{ID: 21, Kind: Tag, Code: "epidemic", Name: "疫情防控", Position: 1},
	}
}

func TestSet(t *testing.T) {
	s := NewSet(seed(), []BoardRules{{BoardID: 9, TypeDays: map[int64]int{1: 3}, MaxExtension: 4, MaxFollowups: 1}}, lifecycle.DefaultPolicy())
	if got := s.Types(); !slices.Equal(got, []string{"投诉/求助", "咨询"}) {
		t.Errorf("types in use %v", got)
	}
	if got := s.Names(Type); len(got) != 3 {
		t.Errorf("every type %v", got)
	}
	if s.Allowed(Domain, "环保") || !s.Known(Domain, "环保") || s.Known(Domain, "航天") {
		t.Error("a retired domain is known, not allowed; an unknown one neither")
	}
	def := s.Policy(1)
	if def.HandlingDays("投诉/求助") != 7 || def.HandlingDays("咨询") != 5 || def.MaxExtension != 10 {
		t.Errorf("default policy %+v", def)
	}
	own := s.Policy(9)
	if own.HandlingDays("投诉/求助") != 3 || own.HandlingDays("咨询") != 5 || own.MaxExtension != 4 || own.MaxFollowups != 1 {
		t.Errorf("board 9's policy %+v", own)
	}
	if def.HandlingDays("投诉/求助") != 7 {
		t.Error("a board's rules leaked into the default")
	}
	// Classifier labels: a domain in use is itself; a foreign class maps by
	// code, so the rename of 城建 does not break it; a retired or unknown
	// one goes to the catch-all.
	for label, want := range map[string]string{"城乡建设": "城乡建设", "城乡建设 ": "其他", "环境保护": "其他", "航天": "其他"} {
		if got, _ := s.DomainFor(label); got != want {
			t.Errorf("DomainFor(%q) = %q, want %q", label, got, want)
		}
	}
	if got, ok := s.DomainFor("城乡建设"); got != "城乡建设" || !ok {
		t.Errorf("DomainFor of a domain: %q %v", got, ok)
	}
}

func TestChecks(t *testing.T) {
	var p *Problem
	for _, name := range []string{"", "城 建", "城建,交通", "一二三四五六七八九十一二三四五六七八九十一"} {
		if err := CheckName(name); !errors.As(err, &p) || p.Field != "name" {
			t.Errorf("name %q: %v", name, err)
		}
	}
	if CheckName("住房保障") != nil || CheckCode("old_estates") != nil {
		t.Error("good name or code refused")
	}
	for _, code := range []string{"", "a", "Housing", "1abc", "住房", "has-dash"} {
		if CheckCode(code) == nil {
			t.Errorf("code %q accepted", code)
		}
	}
	if err := (BoardRules{TypeDays: map[int64]int{1: 0}, MaxExtension: 1}).Check(); !errors.As(err, &p) || p.Field != "days" {
		t.Errorf("zero days: %v", err)
	}
	if err := (BoardRules{MaxExtension: 61}).Check(); !errors.As(err, &p) || p.Field != "max_extension" {
		t.Errorf("long extension: %v", err)
	}
}
