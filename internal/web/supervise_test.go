package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/password"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestSupervisionPages takes two overdue messages, one private, through
// the supervision pages: 督办 with a new deadline from the overdue list,
// refusals for a bad deadline and for people who may not supervise, the
// public accountability sheet (which names units and counts, never a
// message's text), and the units' performance page for supervisors only.
func TestSupervisionPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site := newSite(t, s)
		hash, err := password.HashWith(ctx, staffPassword, storetest.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		outsider := &account.User{Login: "hunan_supervisor", Name: "湖南省督办员", Role: account.Supervisor, RegionCode: "430000", PasswordHash: hash}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, outsider) }); err != nil {
			t.Fatal(err)
		}
		citizen, office, handler := site.as("citizen"), site.as("office"), site.as("handler")
		privateTitle := "白杨街道云滨小区电梯加装补助如何申请"
		privateBody := "我家住云滨小区3幢，业主们想加装电梯，请问政府补助的申请条件和流程是什么？"
		ids := []int64{
			messageID(t, citizen.post("/write", site.draft()).location),
			messageID(t, citizen.post("/write", with(with(with(site.draft(), "public", "0"), "title", privateTitle), "body", privateBody)).location),
		}
		for _, id := range ids {
			site.as("moderator").post(path(id, "/accept"), url.Values{"from": {"review"}})
			office.post(path(id, "/assign"), url.Values{"from": {"office"}, "unit_id": {itoa(site.bureau.ID)}})
			handler.post(path(id, "/sign"), url.Values{"from": {"workbench"}})
		}
		m, err := s.Message(ctx, ids[0], store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		// A day after the deadline, on a working day.
		at := calendar.Default().AddWorkdays(m.Deadline, 1).Add(-12 * time.Hour)
		late := newSiteAt(t, site, at)
		sv, other := late.as("supervisor"), late.as("hunan_supervisor")

		sv.get("/supervision").want(t, 200, `name="days"`, "督办期限（工作日）", `href="/supervision/units"`)
		sv.post(path(ids[0], "/supervise"), url.Values{"from": {"supervision"}, "note": {"请按期办结"}, "days": {"0"}}).
			want(t, 422, `id="days-err">督办期限须为 1 到 15 个工作日`)
		a := sv.post(path(ids[0], "/supervise"), url.Values{"from": {"supervision"}, "note": {"该留言超期未办结，现予督办，请于3个工作日内办结。"}, "days": {"3"}})
		if a.location != "/supervision?done=supervise" {
			t.Fatalf("supervise went to %q (%d): %s", a.location, a.status, excerptOf(a.body))
		}
		newDeadline := calendar.Default().AddWorkdays(at, 3).In(calendar.China).Format("2006-01-02 15:04")
		sv.get(path(ids[0], "")).want(t, 200, "督办", "该留言超期未办结，现予督办", "办理期限："+newDeadline)
		late.as("handler").get("/workbench/"+itoa(ids[0])).want(t, 200, "该留言超期未办结，现予督办", "办理期限："+newDeadline)

		// Who may not: 403 where they see the message, 404 where they may not.
		for i, id := range ids {
			for _, act := range []string{"urge", "supervise"} {
				form := url.Values{"note": {"请尽快办理"}, "days": {"3"}}
				want := 403
				if i == 1 {
					want = 404
				}
				if got := other.post(path(id, "/"+act), form).status; got != want {
					t.Errorf("message %d: %s by a supervisor of 湖南: %d, want %d", i, act, got, want)
				}
				for name, b := range map[string]*browser{"handler": late.as("handler"), "citizen": late.as("citizen"), "office": late.as("office")} {
					if got := b.post(path(id, "/"+act), form).status; got != 403 {
						t.Errorf("message %d: %s by the %s: %d, want 403", i, act, name, got)
					}
				}
			}
		}

		// The public sheet: the bureau has one message overdue (the other
		// was given a new deadline), and no message text shows.
		sheet := late.visitor().get("/accountability/330114?min_volume=1")
		sheet.want(t, 200, "浙江省杭州市钱塘区督查通报", "钱塘区住房和城乡建设局", "超期未办结")
		for _, text := range []string{privateTitle, privateBody, "学林街", site.draft().Get("title")} {
			if strings.Contains(sheet.body, text) {
				t.Errorf("the accountability sheet shows a message's text %q", text)
			}
		}
		if n := regexpAll(`<td>钱塘区住房和城乡建设局</td><td>(\d+)</td>`, sheet.body); len(n) != 1 || n[0] != "1" {
			t.Errorf("overdue count of the bureau: %v, want [1]", n)
		}
		late.visitor().get("/accountability").want(t, 200, "全国督查通报", `href="/accountability/330000"`)
		late.visitor().get("/accountability/330114?period=2026H3").want(t, 422, "统计期间")
		late.visitor().get("/accountability/999999").want(t, 404)
		late.visitor().get("/").want(t, 200, `href="/accountability"`)

		// The units' performance: supervisors of the region and admins only.
		sv.get("/supervision/units").want(t, 200, "浙江省办理单位绩效", "钱塘区住房和城乡建设局", "按时办结率", "回复质量分")
		sv.get("/supervision/units?region=330114").want(t, 200, "浙江省杭州市钱塘区办理单位绩效", `<option value="330114" selected>钱塘区</option>`)
		other.get("/supervision/units?region=330114").want(t, 403)
		for _, login := range []string{"citizen", "handler", "office", "moderator"} {
			if got := late.as(login).get("/supervision/units").status; got != 403 {
				t.Errorf("performance page for the %s: %d, want 403", login, got)
			}
		}
		if a := late.visitor().get("/supervision/units"); a.status != 303 || !strings.HasPrefix(a.location, "/login") {
			t.Errorf("performance page for a visitor: %d %s", a.status, a.location)
		}
		if page := late.as("citizen").get("/"); strings.Contains(page.body, `href="/supervision/units"`) {
			t.Error("a citizen's navigation offers the performance page")
		}
	})
}
