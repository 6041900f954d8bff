package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

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

// requestFields are the spec's names for a service request; every one must
// be present in every answer, in both formats.
var requestFields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code",
	"description", "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
	"expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}

func get(t *testing.T, base, path string, want int) []byte {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d: %s", path, res.StatusCode, want, b)
	}
	return b
}

func TestConformance(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
		mux := http.NewServeMux()
		(&open311.Server{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}).Register(mux)
		srv := httptest.NewServer(mux)
		defer srv.Close()

		bureau, _ := directory.AddUnit(ctx, s, "330100", "杭州市城市管理局")
		citizen := &account.User{Login: "app_12345", Name: "12345热线对接", Role: account.Citizen, PasswordHash: "x"}
		staff := map[string]*account.User{
			"mod": {Login: "mod", Role: account.Moderator}, "admin": {Login: "admin", Role: account.Admin},
			"handler": {Login: "cgj", Role: account.Handler, UnitID: bureau.ID},
		}
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for _, u := range append([]*account.User{citizen}, staff["mod"], staff["admin"], staff["handler"]) {
				if u.Name == "" {
					u.Name, u.PasswordHash = u.Login, "x"
				}
				if err := tx.CreateUser(ctx, u); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		key, hash := session.New()
		if err := s.CreateToken(ctx, hash, citizen.ID, store.TokenAPI, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}

		// discovery and services, both formats
		var disc struct {
			Endpoints []struct{ Specification, URL string }
		}
		json.Unmarshal(get(t, srv.URL, "/open311/v2/discovery.json", 200), &disc)
		if len(disc.Endpoints) != 1 || disc.Endpoints[0].URL != srv.URL+"/open311/v2" {
			t.Errorf("discovery: %+v", disc)
		}
		if x := string(get(t, srv.URL, "/open311/v2/discovery.xml", 200)); !strings.Contains(x, "<discovery>") || !strings.Contains(x, "<specification>") {
			t.Errorf("discovery.xml: %s", x)
		}
		var svcs []map[string]any
		json.Unmarshal(get(t, srv.URL, "/open311/v2/services.json?jurisdiction_id=330100", 200), &svcs)
		vl, err := desk.Lists(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(svcs) != len(vl.Types())*len(vl.Domains()) {
			t.Fatalf("%d services", len(svcs))
		}
		for _, f := range []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} {
			if _, ok := svcs[0][f]; !ok {
				t.Errorf("service lacks %s", f)
			}
		}
		if svcs[0]["service_code"] != "complaint-urban" || svcs[0]["group"] != "投诉/求助" {
			t.Errorf("first service %v", svcs[0])
		}
		var xs struct {
			Services []struct {
				Code string `xml:"service_code"`
			} `xml:"service"`
		}
		if err := xml.Unmarshal(get(t, srv.URL, "/open311/v2/services.xml", 200), &xs); err != nil || len(xs.Services) != len(svcs) {
			t.Errorf("services.xml: %d, %v", len(xs.Services), err)
		}
		var def struct {
			ServiceCode string `json:"service_code"`
			Attributes  []struct{ Code string }
		}
		json.Unmarshal(get(t, srv.URL, "/open311/v2/services/inquiry-transport.json", 200), &def)
		if def.ServiceCode != "inquiry-transport" || len(def.Attributes) != 3 {
			t.Errorf("definition %+v", def)
		}
		get(t, srv.URL, "/open311/v2/services/inquiry-transport.xml", 200)
		get(t, srv.URL, "/open311/v2/services/nothing.json", 404)
		get(t, srv.URL, "/open311/v2/services.json?jurisdiction_id=999999", 404)

		// POST: errors first, then a real request.
		post := func(form url.Values, want int) []byte {
			t.Helper()
			res, err := http.PostForm(srv.URL+"/open311/v2/requests.json", form)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != want {
				t.Fatalf("POST %v: %d, want %d: %s", form, res.StatusCode, want, b)
			}
			return b
		}
		form := url.Values{"api_key": {key}, "service_code": {"complaint-urban"}, "jurisdiction_id": {"330100"},
			"description": {"延安路与庆春路口井盖缺失，夜间行人极易踩空，请尽快修复。联系电话13605712345"}, "address_string": {"杭州市上城区延安路庆春路口"},
			"lat": {"30.2579"}, "long": {"120.1700"}}
		var errs []struct {
			Code        int
			Description string
		}
		json.Unmarshal(post(url.Values{"service_code": {"complaint-urban"}, "jurisdiction_id": {"330100"}, "description": {"井盖缺失"}}, 403), &errs)
		if len(errs) != 1 || errs[0].Code != 403 || errs[0].Description == "" {
			t.Errorf("errors list: %+v", errs)
		}
		post(url.Values{"api_key": {"wrong"}, "service_code": {"complaint-urban"}, "jurisdiction_id": {"330100"}, "description": {"井盖缺失"}}, 403)
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("service_code", "complaint-moon")
		post(bad, 400)
		bad.Set("service_code", "complaint-urban")
		// A location is two coordinates in range, or none at all.
		for _, ll := range [][2]string{{"30.25", ""}, {"纬度30", "120.17"}, {"91", "120.17"}, {"30.25", "NaN"}, {"30.25", "1e400"}} {
			bad.Set("lat", ll[0])
			bad.Set("long", ll[1])
			json.Unmarshal(post(bad, 400), &errs)
			if !strings.Contains(errs[0].Description, "经纬度无效") {
				t.Errorf("lat %q long %q: %+v", ll[0], ll[1], errs)
			}
		}
		bad.Del("lat")
		bad.Del("long")
		bad.Set("description", "")
		post(bad, 400)
		if n, _ := s.CountMessages(ctx); n != 0 {
			t.Fatalf("refused requests stored %d messages", n)
		}
		var made []struct {
			ID    string `json:"service_request_id"`
			Token string
		}
		json.Unmarshal(post(form, 200), &made)
		if len(made) != 1 || made[0].ID == "" || made[0].Token == "" {
			t.Fatalf("created %+v", made)
		}
		var tok []struct {
			ID string `json:"service_request_id"`
		}
		json.Unmarshal(get(t, srv.URL, "/open311/v2/tokens/"+made[0].Token+".json", 200), &tok)
		if len(tok) != 1 || tok[0].ID != made[0].ID {
			t.Errorf("token lookup %+v", tok)
		}
		// Not public until accepted.
		get(t, srv.URL, "/open311/v2/requests/"+made[0].ID+".json", 404)

		var id int64
		fmt.Sscan(made[0].ID, &id)
		m, _ := s.Message(ctx, id, store.Viewer{All: true})
		if m.Channel != "open311" || m.Type != "投诉/求助" || m.Domain != "城建" || !strings.Contains(m.Body, "延安路庆春路口") || !strings.Contains(m.Body, "位置：30.2579,120.17") {
			t.Errorf("stored message %+v", m)
		}
		for _, step := range []struct {
			who string
			act workflow.Act
		}{
			{"mod", workflow.Act{Action: lifecycle.Accept}},
			{"admin", workflow.Act{Action: lifecycle.Assign, UnitID: bureau.ID}},
		} {
			if _, err := desk.Do(ctx, staff[step.who], id, step.act); err != nil {
				t.Fatal(err)
			}
		}
		var one []map[string]any
		json.Unmarshal(get(t, srv.URL, "/open311/v2/requests/"+made[0].ID+".json", 200), &one)
		if len(one) != 1 {
			t.Fatalf("request: %v", one)
		}
		for _, f := range requestFields {
			if _, ok := one[0][f]; !ok {
				t.Errorf("request lacks %s", f)
			}
		}
		if one[0]["status"] != "open" || one[0]["agency_responsible"] != "杭州市城市管理局" || strings.Contains(one[0]["description"].(string), "13605712345") {
			t.Errorf("open request %v", one[0])
		}
		for _, step := range []workflow.Act{{Action: lifecycle.Sign}, {Action: lifecycle.FinalReply, Note: "您好！井盖已于当日补装，并对周边井盖进行了排查。"}} {
			if _, err := desk.Do(ctx, staff["handler"], id, step); err != nil {
				t.Fatal(err)
			}
		}
		raw := string(get(t, srv.URL, "/open311/v2/requests.xml?status=closed&jurisdiction_id=330000", 200))
		for _, f := range requestFields {
			if !strings.Contains(raw, "<"+f+">") && !strings.Contains(raw, "<"+f+"></"+f+">") {
				t.Errorf("requests.xml lacks <%s>", f)
			}
		}
		if !strings.Contains(raw, "<service_requests>") || !strings.Contains(raw, "<status>closed</status>") || !strings.Contains(raw, "井盖已于当日补装") {
			t.Errorf("requests.xml: %s", raw)
		}
		var lists []map[string]any
		json.Unmarshal(get(t, srv.URL, "/open311/v2/requests.json?status=open", 200), &lists)
		if len(lists) != 0 {
			t.Errorf("open list has %d after the reply", len(lists))
		}
		json.Unmarshal(get(t, srv.URL, "/open311/v2/requests.json?service_request_id="+made[0].ID+",999999", 200), &lists)
		if len(lists) != 1 {
			t.Errorf("by id: %d", len(lists))
		}
		json.Unmarshal(get(t, srv.URL, "/open311/v2/requests.json?jurisdiction_id=430000", 200), &lists)
		if len(lists) != 0 {
			t.Errorf("湖南 lists %d of 杭州's requests", len(lists))
		}
		get(t, srv.URL, "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400)
		get(t, srv.URL, "/open311/v2/requests.json?status=pending", 400)
		get(t, srv.URL, "/open311/v2/requests.json?start_date=yesterday", 400)
		get(t, srv.URL, "/open311/v2/requests", 404)
	})
}
