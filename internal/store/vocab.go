package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"liuyan/internal/lifecycle"
	"liuyan/internal/vocab"
)

// ErrInUse is returned for deleting a term that messages or a board's
// rules still carry: such a term can only be retired.
var ErrInUse = errors.New("store: term in use")

// Vocab returns the managed lists and every board's own rules as one Set
// over the base policy (the Desk's; one per process), kept in memory until
// a change is heard (see changes): every form, filter, validation and fold
// asks for them. Callers must not modify the Set.
func (s *Store) Vocab(ctx context.Context, base lifecycle.Policy) (*vocab.Set, error) {
	return load(s, &s.vocab, TopicVocab, func() (*vocab.Set, error) { return s.LoadVocab(ctx, base) })
}

// LoadVocab reads the lists and the boards' rules from the tables, for
// Vocab and for tools that read a store once.
func (s *Store) LoadVocab(ctx context.Context, base lifecycle.Policy) (*vocab.Set, error) {
	c := s.reader()
	terms, err := collect(ctx, c, scanTerm, "SELECT "+termColumns+" FROM vocab ORDER BY kind, position, id")
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the lists: %w", err)
	}
	rules, err := collect(ctx, c, func(r scanner) (vocab.BoardRules, error) {
		var b vocab.BoardRules
		err := r.Scan(&b.BoardID, &b.MaxExtension, &b.MaxFollowups)
		b.TypeDays = map[int64]int{}
		return b, err
	}, "SELECT board_id, max_extension, max_followups FROM board_rules")
	if err != nil {
		return nil, fmt.Errorf("store: unable to read board rules: %w", err)
	}
	type dayRow struct {
		board, typ int64
		days       int
	}
	days, err := collect(ctx, c, func(r scanner) (dayRow, error) {
		var d dayRow
		return d, r.Scan(&d.board, &d.typ, &d.days)
	}, "SELECT board_id, type_id, days FROM board_type_days")
	if err != nil {
		return nil, fmt.Errorf("store: unable to read board deadlines: %w", err)
	}
	byBoard := map[int64]*vocab.BoardRules{}
	for i := range rules {
		byBoard[rules[i].BoardID] = &rules[i]
	}
	for _, d := range days {
		if b := byBoard[d.board]; b != nil {
			b.TypeDays[d.typ] = d.days
		}
	}
	return vocab.NewSet(terms, rules, base), nil
}

const termColumns = "id, kind, code, name, position, days, retired"

func scanTerm(r scanner) (vocab.Term, error) {
	var t vocab.Term
	err := r.Scan(&t.ID, &t.Kind, &t.Code, &t.Name, &t.Position, &t.Days, &t.Retired)
	return t, err
}

// Term reads one term inside the transaction, locked for a change.
func (t *Tx) Term(ctx context.Context, id int64) (vocab.Term, error) {
	term, err := scanTerm(t.queryRow(ctx, "SELECT "+termColumns+" FROM vocab WHERE id = ?"+t.forUpdate(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return vocab.Term{}, ErrNotFound
	}
	if err != nil {
		return vocab.Term{}, fmt.Errorf("store: unable to read term: %w", err)
	}
	return term, nil
}

// AddTerm appends a term to the end of its list and sets its ID and
// position. ErrConflict when the list has the name or the code already.
func (t *Tx) AddTerm(ctx context.Context, term *vocab.Term) error {
	var pos int
	if err := t.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM vocab WHERE kind = ?", term.Kind).Scan(&pos); err != nil {
		return fmt.Errorf("store: unable to place term: %w", err)
	}
	id, err := t.insertID(ctx, "INSERT INTO vocab (kind, code, name, position, days, retired) VALUES (?, ?, ?, ?, ?, ?)",
		term.Kind, term.Code, term.Name, pos, term.Days, false)
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to add term: %w", err)
	}
	term.ID, term.Position = id, pos
	// Every board page lists the terms in its filters.
	if err := t.touchAllPages(ctx); err != nil {
		return err
	}
	return t.changed(ctx, TopicVocab)
}

// RenameTerm gives a term a new name and rewrites every message, tag
// and rollup cell that carries the old one, so that filters, figures and
// exports read the new name at once. ErrConflict when the list has the
// name already, or, for a tag, when messages carry it as a free tag (the
// two would merge).
func (t *Tx) RenameTerm(ctx context.Context, id int64, name string) (old string, err error) {
	term, err := t.Term(ctx, id)
	if err != nil {
		return "", err
	}
	if term.Name == name {
		return name, nil
	}
	if term.Kind == vocab.Tag {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM message_tags WHERE tag = ? LIMIT 1) x", name).Scan(&n); err != nil {
			return "", fmt.Errorf("store: unable to look for the tag: %w", err)
		}
		if n > 0 {
			return "", ErrConflict
		}
	}
	if _, err := t.exec(ctx, "UPDATE vocab SET name = ? WHERE id = ?", name, id); isUnique(err) {
		return "", ErrConflict
	} else if err != nil {
		return "", fmt.Errorf("store: unable to rename term: %w", err)
	}
	if err := t.changed(ctx, TopicVocab); err != nil {
		return "", err
	}
	// The messages' pages show the name, and the boards' filters list
	// it: every kept copy is stale.
	if err := t.touchAllPages(ctx); err != nil {
		return "", err
	}
	var rewrites []string
	switch term.Kind {
	case vocab.Type:
		rewrites = []string{"UPDATE messages SET type = ? WHERE type = ?", "UPDATE stats_cells SET type = ? WHERE type = ?"}
	case vocab.Domain:
		rewrites = []string{"UPDATE messages SET domain = ? WHERE domain = ?",
			"UPDATE messages SET suggested_domain = ? WHERE suggested_domain = ?",
			"UPDATE messages SET filed_domain = ? WHERE filed_domain = ?",
			"UPDATE stats_cells SET domain = ? WHERE domain = ?"}
	case vocab.Tag:
		rewrites = []string{"UPDATE message_tags SET tag = ? WHERE tag = ?", "UPDATE stats_cells SET tag = ? WHERE tag = ?"}
	}
	for _, q := range rewrites {
		if _, err := t.exec(ctx, q, name, term.Name); err != nil {
			return "", fmt.Errorf("store: unable to carry the rename: %w", err)
		}
	}
	return term.Name, nil
}

// SetTermRetired retires a term or brings it back.
func (t *Tx) SetTermRetired(ctx context.Context, id int64, retired bool) error {
	if err := t.updateTerm(ctx, "UPDATE vocab SET retired = ? WHERE id = ?", retired, id); err != nil {
		return err
	}
	// Every board page lists the terms in use in its filters.
	return t.touchAllPages(ctx)
}

// SetTypeDays sets a type's own handling days, the default of every
// board without its own.
func (t *Tx) SetTypeDays(ctx context.Context, id int64, days int) error {
	return t.updateTerm(ctx, "UPDATE vocab SET days = ? WHERE id = ? AND kind = 'type'", days, id)
}

func (t *Tx) updateTerm(ctx context.Context, q string, args ...any) error {
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: unable to change term: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return t.changed(ctx, TopicVocab)
}

// TermInUse says whether any message, or any board's rules, carries the
// term.
func (t *Tx) TermInUse(ctx context.Context, term vocab.Term) (bool, error) {
	var q string
	args := []any{term.Name}
	switch term.Kind {
	case vocab.Type:
		q = `SELECT 1 FROM messages WHERE type = ? UNION ALL SELECT 1 FROM board_type_days WHERE type_id = ?`
		args = append(args, term.ID)
	case vocab.Domain:
		q = "SELECT 1 FROM messages WHERE domain = ?"
	default:
		q = "SELECT 1 FROM message_tags WHERE tag = ?"
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM ("+q+" LIMIT 1) x", args...).Scan(&n); err != nil {
		return false, fmt.Errorf("store: unable to tell whether a term is in use: %w", err)
	}
	return n > 0, nil
}

// DeleteTerm removes a term nothing carries; ErrInUse otherwise.
func (t *Tx) DeleteTerm(ctx context.Context, id int64) (vocab.Term, error) {
	term, err := t.Term(ctx, id)
	if err != nil {
		return term, err
	}
	used, err := t.TermInUse(ctx, term)
	if err != nil {
		return term, err
	}
	if used {
		return term, ErrInUse
	}
	if _, err := t.exec(ctx, "DELETE FROM vocab WHERE id = ?", id); err != nil {
		return term, fmt.Errorf("store: unable to delete term: %w", err)
	}
	if err := t.touchAllPages(ctx); err != nil {
		return term, err
	}
	return term, t.changed(ctx, TopicVocab)
}

// SetBoardRules replaces a board's own rules. ErrNotFound for an unknown
// board.
func (t *Tx) SetBoardRules(ctx context.Context, r vocab.BoardRules) error {
	if _, err := t.Board(ctx, r.BoardID); err != nil {
		return err
	}
	if err := t.ClearBoardRules(ctx, r.BoardID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO board_rules (board_id, max_extension, max_followups) VALUES (?, ?, ?)",
		r.BoardID, r.MaxExtension, r.MaxFollowups); err != nil {
		return fmt.Errorf("store: unable to set board rules: %w", err)
	}
	for typ, days := range r.TypeDays {
		if _, err := t.exec(ctx, "INSERT INTO board_type_days (board_id, type_id, days) VALUES (?, ?, ?)", r.BoardID, typ, days); err != nil {
			return fmt.Errorf("store: unable to set board deadlines: %w", err)
		}
	}
	return nil
}

// ClearBoardRules returns a board to the defaults.
func (t *Tx) ClearBoardRules(ctx context.Context, boardID int64) error {
	for _, q := range []string{"DELETE FROM board_type_days WHERE board_id = ?", "DELETE FROM board_rules WHERE board_id = ?"} {
		if _, err := t.exec(ctx, q, boardID); err != nil {
			return fmt.Errorf("store: unable to clear board rules: %w", err)
		}
	}
	return t.changed(ctx, TopicVocab)
}
