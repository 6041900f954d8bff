package stats_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// compareOverdue checks "overdue now" and the overdue count per unit,
// which read the kept counts of open messages and their log, against the
// messages themselves, for scopes of every kind and for moments before,
// at and after the world's clock (so that deadlines lie on both sides).
// It returns the number of overdue messages it saw in the whole country
// at the latest moment, so a caller can tell the mix made some.
func compareOverdue(t *testing.T, w *world) int64 {
	t.Helper()
	ctx := context.Background()
	ms := storetest.AllMessages(t, w.s)
	filters := []store.OverdueFilter{{}, {RegionPrefix: "33"}, {RegionPrefix: "3301"}, {RegionPrefix: "330114"},
		{Type: "投诉/求助"}, {Domain: "城建"}, {RegionPrefix: "33", Domain: "城建"}, {Tag: "噪音扰民"}}
	for _, b := range w.boards {
		filters = append(filters, store.OverdueFilter{BoardID: b.ID}, store.OverdueFilter{BoardID: b.ID, Type: "咨询"})
	}
	for _, u := range w.units {
		filters = append(filters, store.OverdueFilter{UnitID: u.ID})
	}
	in := func(f store.OverdueFilter, m *message.Message) bool {
		switch {
		case len(m.RegionCode) < len(f.RegionPrefix) || m.RegionCode[:len(f.RegionPrefix)] != f.RegionPrefix,
			f.BoardID != 0 && m.BoardID != f.BoardID, f.UnitID != 0 && m.UnitID != f.UnitID,
			f.Type != "" && m.Type != f.Type, f.Domain != "" && m.Domain != f.Domain:
			return false
		case f.Tag != "":
			for _, tag := range m.Tags {
				if tag == f.Tag {
					return true
				}
			}
			return false
		}
		return true
	}
	var country int64
	for _, now := range []time.Time{w.now().AddDate(0, 0, -20), w.now(), w.now().AddDate(0, 0, 30)} {
		for _, f := range filters {
			var want int64
			wantUnits := map[int64]int64{}
			for _, m := range ms {
				if m.Status.Open() && !m.Deadline.IsZero() && m.Deadline.Before(now) && in(f, m) {
					want++
					wantUnits[m.UnitID]++
				}
			}
			what := fmt.Sprintf("%+v at %s", f, now.Format(time.DateTime))
			got, err := w.s.StatsOverdue(ctx, f, now)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: overdue %d, the messages say %d", what, got, want)
			}
			units, err := w.s.OverdueByUnit(ctx, f, now)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(units) != fmt.Sprint(wantUnits) {
				t.Errorf("%s: overdue by unit %v, the messages say %v", what, units, wantUnits)
			}
			if f == (store.OverdueFilter{}) {
				country = want
			}
		}
	}
	return country
}
