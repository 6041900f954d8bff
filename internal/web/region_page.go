package web

import (
	"net/http"
	"strings"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/region"
)

type regionPage struct {
	frame
	Region   region.Region
	Path     []region.Region // from the province down to the parent
	Leaders  []boardCard
	Depts    []boardCard
	Children []region.Region
}

// boardCard is a board in the directory, with its count of messages.
type boardCard struct {
	board.Board
	Messages int
	Initial  string // the first character of its name, for the avatar
}

// regionPage shows one region: its leaders' and departments' boards, and
// the regions below it.
func (w *Web) regionPage(rw http.ResponseWriter, r *http.Request) error {
	reg, ok := region.Get(r.PathValue("code"))
	if !ok {
		return errNotFound
	}
	bs, err := w.store.Boards(r.Context(), reg.Code, "")
	if err != nil {
		return err
	}
	cards, err := w.boardCards(r, bs)
	if err != nil {
		return err
	}
	path := region.Path(reg.Code)
	p := &regionPage{Region: reg, Path: path[:len(path)-1], Children: region.Children(reg.Code)}
	for _, c := range cards {
		if c.Kind == board.Leader {
			p.Leaders = append(p.Leaders, c)
		} else {
			p.Depts = append(p.Depts, c)
		}
	}
	p.Title, p.Nav = region.FullName(reg.Code), "regions"
	p.Feed = &feedLink{Title: catalog.T("web.feed.region"), URL: "/feeds/regions/" + reg.Code}
	return w.render(rw, r, http.StatusOK, "region", p)
}

func (w *Web) boardCards(r *http.Request, bs []board.Board) ([]boardCard, error) {
	ids := make([]int64, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	counts, err := w.store.BoardMessageCounts(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	cards := make([]boardCard, len(bs))
	for i, b := range bs {
		cards[i] = boardCard{Board: b, Messages: counts[b.ID], Initial: initial(b)}
	}
	return cards, nil
}

// initial is the character on a board's avatar: 党 or 政 for the party
// secretary's and the government head's boards, and for a department the
// first character of its name once the region names are cut.
func initial(b board.Board) string {
	if b.Kind == board.Leader {
		return catalog.T("web.board.avatar." + string(b.Title))
	}
	name := b.Name
	for _, reg := range region.Path(b.RegionCode) {
		name = strings.TrimPrefix(name, reg.Name)
	}
	for _, c := range name {
		return string(c)
	}
	return ""
}
