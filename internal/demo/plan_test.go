package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestDrawIsDeterministic draws the demo twice on one store (the second
// draw finds the departments and units of the first) and wants the same
// messages, steps and times. Running the plans through the Desk adds no
// randomness.
func TestDrawIsDeterministic(t *testing.T) {
	t.Parallel()
	s := storetest.SQLite(t)
	ctx := context.Background()
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		t.Fatal(err)
	}
	d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	draw := func() string {
		plans, err := newGenerator(d).draw(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range plans {
			fmt.Fprintf(&b, "%v %s %d %q %q\n", p.at, p.author.Login, p.draft.BoardID, p.draft.Title, p.draft.Body)
			for _, st := range p.steps {
				fmt.Fprintf(&b, "  %v %s %s %d %q\n", st.at, st.who.Login, st.act.Action, st.act.UnitID, st.act.Note)
			}
		}
		return b.String()
	}
	if first, second := draw(), draw(); first != second {
		t.Error("two draws made different demos")
	}
}

// TestStoriesFill fills every story, title and reply with the slots of
// every area as seen from a province, and wants no placeholder left and
// titles within the limit.
func TestStoriesFill(t *testing.T) {
	t.Parallel()
	g := newGenerator(&workflow.Desk{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()})
	unit := &unitInfo{}
	unit.Name = "杭州市钱塘区住房和城乡建设局"
	for _, a := range areas {
		place := &area{code: a.code, streets: a.streets, roads: a.roads}
		g.furnish(place)
		r, _ := region.Get(a.code)
		sl := g.slots(&boardInfo{level: region.Province}, place, demoEnd)
		for _, tp := range topics {
			for _, st := range tp.stories {
				texts := []string{sl.fill(st.body), g.reply(st, sl, unit, demoEnd), g.interim(st, sl, unit)}
				for _, title := range st.titles {
					title = sl.fill(title)
					if n := utf8.RuneCountInString(title); n > message.DefaultLimits.TitleMax {
						t.Errorf("%s: title of %d characters: %s", r.Name, n, title)
					}
					texts = append(texts, title)
				}
				for _, o := range openings {
					texts = append(texts, sl.fill(o))
				}
				for _, c := range closings {
					texts = append(texts, sl.fill(c))
				}
				for _, text := range texts {
					if strings.ContainsAny(text, "{}") {
						t.Errorf("%s: unfilled placeholder: %s", r.Name, text)
					}
				}
			}
		}
	}
}
