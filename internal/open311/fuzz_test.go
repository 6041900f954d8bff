package open311_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/open311"
	"liuyan/internal/session"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// fuzzServer is Open311 over a real SQLite store with every leader board
// and one citizen's API key, shared by a fuzz target's runs.
func fuzzServer(f *testing.F) (srv *httptest.Server, s *store.Store, key string) {
	f.Helper()
	ctx := context.Background()
	s = storetest.SQLite(f)
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		f.Fatal(err)
	}
	citizen := &account.User{Login: "app_12345", Name: "12345热线对接", Role: account.Citizen, PasswordHash: "x"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, citizen) }); err != nil {
		f.Fatal(err)
	}
	key, hash := session.New()
	if err := s.CreateToken(ctx, hash, citizen.ID, store.TokenAPI, time.Now().Add(24*time.Hour)); err != nil {
		f.Fatal(err)
	}
	desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	mux := http.NewServeMux()
	(&open311.Server{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).Register(mux)
	srv = httptest.NewServer(mux)
	f.Cleanup(srv.Close)
	return srv, s, key
}

// FuzzCreateRequest posts any form as a new service request with a valid
// key ("KEY" in the form stands for it). The answer is a request made or
// a 400/403 with a message in Chinese, never a server error; a request
// made is a valid message on the open311 channel, and a location it
// carries is a real latitude and longitude.
func FuzzCreateRequest(f *testing.F) {
	srv, s, key := fuzzServer(f)
	for _, form := range []string{
		"api_key=KEY&service_code=complaint-urban&jurisdiction_id=330100&description=" + url.QueryEscape("学林街与文泽路口的工地连续两周每晚施工到凌晨两点，噪音很大。"),
		"api_key=KEY&service_code=inquiry-transport&jurisdiction_id=330114&attribute%5Btitle%5D=" + url.QueryEscape("江东大道快速路大货车管控事宜") +
			"&description=" + url.QueryEscape("江东大道快速路尤其三段隧道经常有大货车出入，非常危险。") + "&lat=30.29&long=120.35&address_string=" + url.QueryEscape("钱塘区江东大道"),
		"api_key=KEY&service_code=suggestion-environment&attribute%5Bboard_id%5D=1&attribute%5Bpublic%5D=false&description=" + url.QueryEscape("建议在鱼池周边加装隔音设施"),
		"api_key=KEY&service_code=complaint-urban&jurisdiction_id=330100&description=x&lat=abc&long=120",
		"api_key=KEY&service_code=complaint-urban&jurisdiction_id=330100&description=x&lat=91&long=NaN",
		"api_key=nope&service_code=complaint-urban", "api_key=KEY&service_code=nothing", "api_key=KEY&attribute%5Bboard_id%5D=99999999999999999999",
		"%zz", "",
	} {
		f.Add(form)
	}
	f.Fuzz(func(t *testing.T, form string) {
		form = strings.ReplaceAll(form, "KEY", key)
		res, err := http.Post(srv.URL+"/open311/v2/requests.json", "application/x-www-form-urlencoded", strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		switch res.StatusCode {
		case 400, 403:
			var e []struct {
				Code        int    `json:"code"`
				Description string `json:"description"`
			}
			if err := json.Unmarshal(raw, &e); err != nil || len(e) != 1 || e[0].Code != res.StatusCode || !hasHan(e[0].Description) {
				t.Fatalf("%q: refusal %s is not an Open311 error in Chinese", form, raw)
			}
			return
		case 200:
		default:
			t.Fatalf("%q: status %d: %s", form, res.StatusCode, raw)
		}
		var made []struct {
			ID string `json:"service_request_id"`
		}
		if err := json.Unmarshal(raw, &made); err != nil || len(made) != 1 {
			t.Fatalf("%q: answer %s", form, raw)
		}
		id, _ := strconv.ParseInt(made[0].ID, 10, 64)
		m, err := s.Message(context.Background(), id, store.Viewer{All: true})
		if err != nil {
			t.Fatalf("%q: request %s not stored: %v", form, made[0].ID, err)
		}
		if m.Channel != "open311" || m.Title == "" || !utf8.ValidString(m.Title) || !utf8.ValidString(m.Body) ||
			utf8.RuneCountInString(m.Body) > message.DefaultLimits.BodyMax {
			t.Fatalf("%q: stored %+v", form, m)
		}
		q, _ := url.ParseQuery(form)
		if lat, long := q.Get("lat"), q.Get("long"); lat != "" && long != "" {
			y, err1 := strconv.ParseFloat(lat, 64)
			x, err2 := strconv.ParseFloat(long, 64)
			if err1 != nil || err2 != nil || !(y >= -90 && y <= 90) || !(x >= -180 && x <= 180) {
				t.Fatalf("%q: accepted the location %q,%q", form, lat, long)
			}
		}
	})
}

// FuzzRequestList sends any query to the request list: a list, or a 400
// or 404 with a message, never a server error, and never more than the
// spec's thousand requests.
func FuzzRequestList(f *testing.F) {
	srv, _, _ := fuzzServer(f)
	for _, q := range []string{"", "jurisdiction_id=330100&status=open,closed", "service_code=complaint-urban&start_date=2026-01-01&end_date=2026-03-01",
		"start_date=2026-01-01T00:00:00%2B08:00", "end_date=0000-01-01", "start_date=9999-12-31", "service_request_id=1,2,x",
		"service_request_id=9223372036854775807", "status=pending", "jurisdiction_id=999999", "start_date=2026-05-01&end_date=2026-01-01"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, query string) {
		// As a client sends it: what cannot be a query is not sent (the
		// server's own request parser answers a bare space with 400).
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		query = q.Encode()
		for _, ext := range []string{".json", ".xml"} {
			res, err := http.Get(srv.URL + "/open311/v2/requests" + ext + "?" + query)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(res.Body)
			res.Body.Close()
			switch res.StatusCode {
			case 200:
				if ext == ".json" {
					var list []json.RawMessage
					if err := json.Unmarshal(raw, &list); err != nil || len(list) > 1000 {
						t.Fatalf("%q: list of %d: %v", query, len(list), err)
					}
				}
			case 400, 404:
				if !hasHan(string(raw)) {
					t.Fatalf("%q: refusal without a message in Chinese: %s", query, raw)
				}
			default:
				t.Fatalf("%q%s: status %d: %s", query, ext, res.StatusCode, raw)
			}
		}
	})
}

// hasHan says whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
