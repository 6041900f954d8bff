package workflow

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// The administration of the managed lists and of boards' deadlines. The
// admin pages and the admin API both change them here: each change is
// checked, written with its audit entry in one transaction, and the
// registry reloaded, so that the next request reads the new lists.

// TermChange is what an admin asks of a term: Op is "add" (Kind, Code,
// Name, Days), "rename" (Name), "days" (Days, for a type), "retire",
// "restore" or "delete".
type TermChange struct {
	Op   string
	ID   int64
	Kind vocab.Kind
	Code string
	Name string
	Days int
}

// TermOps are the operations ChangeTerm knows, besides "add".
var TermOps = []string{"rename", "days", "retire", "restore", "delete"}

// ChangeTerm applies an admin's change to a list. It returns the term as
// it is after the change (as it was, for a deletion). Errors are
// *vocab.Problem for invalid input, a term taken or in use, and
// store.ErrNotFound for an unknown term.
func (d *Desk) ChangeTerm(ctx context.Context, admin *account.User, c TermChange) (vocab.Term, error) {
	c.Name, c.Code = strings.TrimSpace(c.Name), strings.TrimSpace(c.Code)
	if err := checkChange(c); err != nil {
		return vocab.Term{}, err
	}
	var term vocab.Term
	err := d.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		var detail string
		switch c.Op {
		case "add":
			term = vocab.Term{Kind: c.Kind, Code: c.Code, Name: c.Name, Days: c.Days}
			err = tx.AddTerm(ctx, &term)
			detail = term.Code
		case "rename":
			var old string
			if old, err = tx.RenameTerm(ctx, c.ID, c.Name); err == nil {
				detail = old + " → " + c.Name
			}
		case "days":
			if term, err = tx.Term(ctx, c.ID); err == nil && term.Kind != vocab.Type {
				return &vocab.Problem{Field: "days", Key: "error.term_days_type"}
			} else if err == nil {
				err = tx.SetTypeDays(ctx, c.ID, c.Days)
				detail = fmt.Sprintf("%d → %d", term.Days, c.Days)
			}
		case "retire", "restore":
			err = tx.SetTermRetired(ctx, c.ID, c.Op == "retire")
		case "delete":
			term, err = tx.DeleteTerm(ctx, c.ID)
		}
		if err != nil {
			return termError(err)
		}
		if c.Op != "add" && c.Op != "delete" {
			if term, err = tx.Term(ctx, c.ID); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, admin.ID, "term_"+c.Op, catalog.T("vocab.kind."+string(term.Kind))+"："+term.Name, detail)
	})
	if err != nil {
		return vocab.Term{}, err
	}
	return term, nil
}

func checkChange(c TermChange) error {
	switch c.Op {
	case "add":
		if !c.Kind.Valid() {
			return &vocab.Problem{Field: "kind", Key: "error.term_kind"}
		}
		if err := vocab.CheckName(c.Name); err != nil {
			return err
		}
		if err := vocab.CheckCode(c.Code); err != nil {
			return err
		}
		if c.Kind == vocab.Type {
			return vocab.CheckDays("days", c.Days, 1, vocab.DaysMax)
		}
	case "rename":
		return vocab.CheckName(c.Name)
	case "days":
		return vocab.CheckDays("days", c.Days, 1, vocab.DaysMax)
	case "retire", "restore", "delete":
	default:
		return &vocab.Problem{Field: "op", Key: "error.term_op"}
	}
	return nil
}

// termError turns the store's refusals into problems to show.
func termError(err error) error {
	switch {
	case errors.Is(err, store.ErrConflict):
		return &vocab.Problem{Field: "name", Key: "error.term_taken"}
	case errors.Is(err, store.ErrInUse):
		return &vocab.Problem{Field: "id", Key: "error.term_in_use"}
	}
	return err
}

// SetBoardRules gives a board its own deadlines, or with nil rules puts
// it back on the defaults, with the audit entry, and reloads the lists.
// Type days name types by ID; a type missing from them keeps its own.
func (d *Desk) SetBoardRules(ctx context.Context, admin *account.User, boardID int64, rules *vocab.BoardRules) error {
	lists, err := d.Lists(ctx)
	if err != nil {
		return err
	}
	if rules != nil {
		rules.BoardID = boardID
		if err := rules.Check(); err != nil {
			return err
		}
		for id := range rules.TypeDays {
			if t, ok := lists.ByID(id); !ok || t.Kind != vocab.Type {
				return &vocab.Problem{Field: "days", Key: "error.term_days_type"}
			}
		}
	}
	err = d.Store.InTx(ctx, func(tx *store.Tx) error {
		b, err := tx.Board(ctx, boardID)
		if err != nil {
			return err
		}
		target := strconv.FormatInt(b.ID, 10) + " " + b.Name
		if rules == nil {
			if err := tx.ClearBoardRules(ctx, boardID); err != nil {
				return err
			}
			return tx.Audit(ctx, admin.ID, "board_rules_reset", target, "")
		}
		if err := tx.SetBoardRules(ctx, *rules); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "board_rules_set", target, rulesDetail(lists, *rules))
	})
	return err
}

// rulesDetail writes rules for the audit log, types in the list's order.
func rulesDetail(lists *vocab.Set, r vocab.BoardRules) string {
	var parts []string
	for _, t := range lists.Terms(vocab.Type) {
		if days, ok := r.TypeDays[t.ID]; ok {
			parts = append(parts, catalog.T("audit.rules_type", t.Name, days))
		}
	}
	parts = append(parts, catalog.T("audit.rules_limits", r.MaxExtension, r.MaxFollowups))
	return strings.Join(parts, "；")
}
