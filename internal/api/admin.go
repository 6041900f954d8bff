package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"liuyan/internal/store"
)

// sensitiveWordList lists the admin-managed sensitive words.
func (a *API) sensitiveWordList(w http.ResponseWriter, r *http.Request) {
	if !a.mustAdmin(w, r) {
		return
	}
	ws, err := a.Store.SensitiveWords(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ws == nil {
		ws = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ws})
}

// sensitiveWordAdd adds a word; messages containing it reach moderators
// with the word marked.
func (a *API) sensitiveWordAdd(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil || !a.mustAdmin(w, r) {
		if err != nil {
			a.fail(w, r, err)
		}
		return
	}
	var in struct {
		Word string `json:"word"`
	}
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	word := strings.TrimSpace(in.Word)
	if store.ValidateSensitiveWord(word) != nil {
		writeError(w, r, http.StatusUnprocessableEntity, "word_invalid", "error.word_invalid")
		return
	}
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.AddSensitiveWord(r.Context(), word); err != nil {
			return err
		}
		return tx.Audit(r.Context(), u.ID, "sensitive_word_add", word, "")
	})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// sensitiveWordRemove takes a word off the list.
func (a *API) sensitiveWordRemove(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil || !a.mustAdmin(w, r) {
		if err != nil {
			a.fail(w, r, err)
		}
		return
	}
	word := r.PathValue("word")
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.RemoveSensitiveWord(r.Context(), word); err != nil {
			return err
		}
		return tx.Audit(r.Context(), u.ID, "sensitive_word_remove", word, "")
	})
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// auditLog shows admins every administrative change and staff action.
func (a *API) auditLog(w http.ResponseWriter, r *http.Request) {
	if !a.mustAdmin(w, r) {
		return
	}
	limit := 200
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			writeError(w, r, http.StatusBadRequest, "bad_limit", "error.bad_limit", 1000)
			return
		}
		limit = n
	}
	es, err := a.Store.AuditLog(r.Context(), limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if es == nil {
		es = []store.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": es})
}
