package web

import (
	"errors"
	"net/http"

	"liuyan/internal/catalog"
	"liuyan/internal/store"
)

// adminWords is the sensitive-word list with the form that adds one.
type adminWords struct {
	List []string
	Form *form
	Max  int
}

// adminWordList lists the sensitive words: messages holding one reach
// the moderators with the word marked.
func (w *Web) adminWordList(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	return w.showWords(rw, r, http.StatusOK, nil)
}

func (w *Web) showWords(rw http.ResponseWriter, r *http.Request, status int, f *form) error {
	ws, err := w.store.SensitiveWords(r.Context())
	if err != nil {
		return err
	}
	return w.showAdmin(rw, r, status, &adminPage{Tab: "words", Words: &adminWords{List: ws, Form: f, Max: store.MaxWordLength}})
}

// adminWordAdd puts a word on the list, with its audit entry.
func (w *Web) adminWordAdd(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "word")
	if store.ValidateSensitiveWord(f.V("word")) != nil {
		f.Errors["word"] = catalog.T("error.word_invalid")
		return w.showWords(rw, r, http.StatusUnprocessableEntity, f)
	}
	ctx := r.Context()
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddSensitiveWord(ctx, f.V("word")); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "sensitive_word_add", f.V("word"), "")
	})
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/words", "word_add"), http.StatusSeeOther)
	return nil
}

// adminWordRemove takes a word off the list, with its audit entry.
func (w *Web) adminWordRemove(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	word := r.PostFormValue("word")
	ctx := r.Context()
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.RemoveSensitiveWord(ctx, word); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "sensitive_word_remove", word, "")
	})
	if errors.Is(err, store.ErrNotFound) {
		f := newForm()
		f.Error = catalog.T("web.admin.words.not_listed", word)
		return w.showWords(rw, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/words", "word_remove"), http.StatusSeeOther)
	return nil
}
