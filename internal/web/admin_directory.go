package web

import (
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/directory"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// adminDir is one region's boards and units, with the forms that let a
// department join it and add a handling unit.
type adminDir struct {
	Region region.Region // zero until one is picked
	Levels []pickLevel
	Boards []board.Board
	Units  []board.Unit
	Join   *form
	Unit   *form
}

// Names of departments and units, in characters.
const (
	orgNameMin = 2
	orgNameMax = 40
)

// adminDirectory shows a region picked as on the write page (province,
// city, county; or ?region=) with its boards and units.
func (w *Web) adminDirectory(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	q := r.URL.Query()
	code := pickRegion(q.Get("province"), q.Get("city"), q.Get("county"))
	if code == "" {
		if _, ok := region.Get(q.Get("region")); ok {
			code = q.Get("region")
		}
	}
	return w.showDirectory(rw, r, http.StatusOK, code, nil, nil)
}

func (w *Web) showDirectory(rw http.ResponseWriter, r *http.Request, status int, code string, join, unit *form) error {
	if join == nil {
		join = newForm()
		join.Values["joined"] = inChina(w.now(), "2006-01-02")
	}
	if unit == nil {
		unit = newForm()
	}
	d := &adminDir{Levels: pickerLevels(code), Join: join, Unit: unit}
	if reg, ok := region.Get(code); ok {
		d.Region = reg
		var err error
		if d.Boards, err = w.store.Boards(r.Context(), code, ""); err != nil {
			return err
		}
		if d.Units, err = w.store.Units(r.Context(), code); err != nil {
			return err
		}
	}
	return w.showAdmin(rw, r, status, &adminPage{Tab: "directory", Dir: d})
}

// pickerLevels are the selects of a region picker standing at code:
// the provinces, then the regions under each level chosen so far.
func pickerLevels(code string) []pickLevel {
	path := region.Path(code)
	var levels []pickLevel
	parent := ""
	for i, name := range []string{"province", "city", "county"} {
		options := region.Children(parent)
		if len(options) == 0 {
			break
		}
		lv := pickLevel{Name: name, Label: catalog.T("web.write.level." + name), Options: options}
		if i < len(path) {
			lv.Selected = path[i].Code
		}
		levels = append(levels, lv)
		if lv.Selected == "" {
			break
		}
		parent = lv.Selected
	}
	return levels
}

// checkOrgName marks a department's or unit's name that is too short,
// too long or holds control characters.
func checkOrgName(f *form) {
	name := f.V("name")
	n := utf8.RuneCountInString(name)
	if n < orgNameMin || n > orgNameMax || strings.IndexFunc(name, unicode.IsControl) >= 0 || !utf8.ValidString(name) {
		f.Errors["name"] = catalog.T("web.admin.dir.name_invalid", orgNameMin, orgNameMax)
	}
}

// formRegion is the region a directory form was sent for; an unknown one
// is a form no page of ours made.
func formRegion(f *form) (string, error) {
	code := f.V("region")
	if _, ok := region.Get(code); !ok {
		return "", errBadForm
	}
	return code, nil
}

// adminJoin lets a department join a region on a date: its unit and its
// board, with the audit entry, in one transaction.
func (w *Web) adminJoin(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "region", "name", "joined")
	code, err := formRegion(f)
	if err != nil {
		return err
	}
	checkOrgName(f)
	joined, err := time.ParseInLocation("2006-01-02", f.V("joined"), calendar.China)
	if err != nil || joined.Before(directory.LeadersJoined) || joined.After(w.now()) {
		f.Errors["joined"] = catalog.T("web.admin.dir.joined_invalid", inChina(directory.LeadersJoined, "2006-01-02"))
	}
	ctx := r.Context()
	if !f.Failed() {
		err = w.store.InTx(ctx, func(tx *store.Tx) error {
			b, err := tx.JoinDepartment(ctx, code, f.V("name"), joined)
			if err != nil {
				return err
			}
			return tx.Audit(ctx, admin.ID, "department_join", b.Name, code+" "+f.V("joined"))
		})
		if err == nil {
			http.Redirect(rw, r, withDone("/admin/directory?region="+code, "department_join"), http.StatusSeeOther)
			return nil
		}
		if !errors.Is(err, store.ErrConflict) {
			return err
		}
		f.Errors["name"] = catalog.T("web.admin.dir.name_taken")
	}
	return w.showDirectory(rw, r, http.StatusUnprocessableEntity, code, f, nil)
}

// adminAddUnit adds a handling unit to a region, with its audit entry.
func (w *Web) adminAddUnit(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "region", "name")
	code, err := formRegion(f)
	if err != nil {
		return err
	}
	checkOrgName(f)
	if f.Failed() {
		return w.showDirectory(rw, r, http.StatusUnprocessableEntity, code, nil, f)
	}
	ctx := r.Context()
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		u := &board.Unit{Name: f.V("name"), RegionCode: code, Kind: board.DepartmentUnit}
		if err := tx.CreateUnit(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "unit_add", u.Name, code)
	})
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/directory?region="+code, "unit_add"), http.StatusSeeOther)
	return nil
}

// adminSignoff turns a board's sign-off on or off: with it on, final
// replies to the board wait for its office's approval.
func (w *Web) adminSignoff(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	var on bool
	switch r.PostFormValue("on") {
	case "1":
		on = true
	case "0":
	default:
		return errBadForm
	}
	ctx := r.Context()
	var b *board.Board
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		found, err := tx.Board(ctx, id)
		if err != nil {
			return err
		}
		b = found
		if err := tx.SetSignoffRequired(ctx, id, on); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, signoffAction(on), b.Name, "board "+r.PathValue("id"))
	})
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/directory?region="+b.RegionCode, signoffAction(on)), http.StatusSeeOther)
	return nil
}

// signoffAction names turning sign-off on or off, in the audit log and
// in the confirmation.
func signoffAction(on bool) string {
	if on {
		return "signoff_on"
	}
	return "signoff_off"
}
