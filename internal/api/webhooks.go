package api

import (
	"net/http"
	"net/url"
	"strconv"

	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/webhook"
)

type webhookJSON struct {
	RegionCode string `json:"region_code"`
	BoardID    int64  `json:"board_id"`
	URL        string `json:"url"`
}

// mustAdmin is mustUser for administration endpoints.
func (a *API) mustAdmin(w http.ResponseWriter, r *http.Request) bool {
	return a.mustAdminUser(w, r) != nil
}

// webhookCreate registers a webhook for a region subtree or a board. The
// secret is shown once, in this answer.
func (a *API) webhookCreate(w http.ResponseWriter, r *http.Request) {
	if !a.mustAdmin(w, r) {
		return
	}
	var in webhookJSON
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	u, err := url.Parse(in.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		writeError(w, r, http.StatusUnprocessableEntity, "bad_url", "error.bad_url")
		return
	}
	if (in.RegionCode == "") == (in.BoardID == 0) {
		writeError(w, r, http.StatusUnprocessableEntity, "webhook_scope", "error.webhook_scope")
		return
	}
	if _, ok := region.Get(in.RegionCode); in.RegionCode != "" && !ok {
		writeError(w, r, http.StatusUnprocessableEntity, "unknown_region", "error.unknown_region")
		return
	}
	if in.BoardID != 0 {
		if _, err := a.Store.Board(r.Context(), in.BoardID); err != nil {
			writeError(w, r, http.StatusUnprocessableEntity, "unknown_board", "error.unknown_board")
			return
		}
	}
	h := &store.Webhook{RegionCode: in.RegionCode, BoardID: in.BoardID, URL: in.URL, Secret: webhook.NewSecret()}
	admin, _ := a.user(r)
	if err := a.Store.InTx(r.Context(), func(tx *store.Tx) error {
		if err := tx.CreateWebhook(r.Context(), h); err != nil {
			return err
		}
		return tx.Audit(r.Context(), admin.ID, "webhook_create", in.URL, "region "+in.RegionCode+" board "+strconv.FormatInt(in.BoardID, 10))
	}); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		*store.Webhook
		Secret string `json:"secret"`
	}{h, h.Secret})
}

// webhookList lists the webhooks, without their secrets.
func (a *API) webhookList(w http.ResponseWriter, r *http.Request) {
	if !a.mustAdmin(w, r) {
		return
	}
	hs, err := a.Store.Webhooks(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if hs == nil {
		hs = []store.Webhook{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": hs})
}

// webhookDeliveries is a webhook's delivery log.
func (a *API) webhookDeliveries(w http.ResponseWriter, r *http.Request) {
	if !a.mustAdmin(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	ds, err := a.Store.Deliveries(r.Context(), id, 200)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ds == nil {
		ds = []store.Delivery{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ds})
}
