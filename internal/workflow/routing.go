package workflow

import (
	"context"

	"liuyan/internal/board"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/textmine/route"
)

// RouteCandidates lists the units a message to a board of regionCode may
// be assigned to: the units of that region and everything below it, and
// of the regions above it (a county's message may belong to a city
// bureau). The API's routing endpoint and the office's pages both ask it.
func (d *Desk) RouteCandidates(ctx context.Context, regionCode string) ([]route.Unit, error) {
	units, err := d.Store.UnitsUnder(ctx, region.Prefix(regionCode))
	if err != nil {
		return nil, err
	}
	path := region.Path(regionCode)
	for _, up := range path[:max(0, len(path)-1)] {
		more, err := d.Store.Units(ctx, up.Code)
		if err != nil {
			return nil, err
		}
		units = append(units, more...)
	}
	cands := make([]route.Unit, len(units))
	for i, u := range units {
		cands[i] = route.Unit{ID: u.ID, Name: u.Name, RegionCode: u.RegionCode, Office: u.Kind == board.OfficeUnit}
	}
	return cands, nil
}

// Route ranks the candidates for a message, best first, at most n, each
// with the reasons it was chosen. It reads the text as submitted: only
// staff who may assign the message ask.
func Route(m *message.Message, cands []route.Unit, n int) []route.Suggestion {
	return route.Suggest(m.Title, m.Body, m.Domain, cands, n)
}
