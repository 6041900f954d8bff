package store

import "strings"

// where returns the SQL condition (on alias m) that keeps the messages a
// filter lets through, and its arguments; "TRUE" for an empty filter.
// Limit is no condition and is left to the caller. The message list and
// the search share it, so a filter means the same in both.
func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(c string, arg ...any) {
		conds = append(conds, c)
		args = append(args, arg...)
	}
	if f.BoardID != 0 {
		add("m.board_id = ?", f.BoardID)
	}
	if f.RegionPrefix != "" {
		add("m.region_code LIKE ?", f.RegionPrefix+"%")
	}
	if f.Status != "" {
		add("m.status = ?", f.Status)
	}
	if f.Type != "" {
		add("m.type = ?", f.Type)
	}
	if f.Domain != "" {
		add("m.domain = ?", f.Domain)
	}
	if f.UnitID != 0 {
		add("m.unit_id = ?", f.UnitID)
	}
	if f.AuthorID != 0 {
		add("m.author_id = ?", f.AuthorID)
	}
	if len(f.IDs) > 0 {
		ids := make([]any, len(f.IDs))
		for i, id := range f.IDs {
			ids[i] = id
		}
		add("m.id IN ("+placeholders(len(ids))+")", ids...)
	}
	if len(f.Statuses) > 0 {
		sts := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			sts[i] = st
		}
		add("m.status IN ("+placeholders(len(sts))+")", sts...)
	}
	if !f.CreatedFrom.IsZero() {
		add("m.created_at >= ?", f.CreatedFrom.UTC())
	}
	if !f.CreatedTo.IsZero() {
		add("m.created_at < ?", f.CreatedTo.UTC())
	}
	if f.Before != 0 {
		add("m.id < ?", f.Before)
	}
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}
