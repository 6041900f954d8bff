package api_test

import (
	"fmt"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func TestRegionsBoardsUnits(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		type region struct{ Code, Name, Level, Parent string }
		var list struct{ Items []region }
		w.call("", "GET", "/api/v1/regions", nil, 200, &list)
		if len(list.Items) != 31 || list.Items[0].Name != "北京市" || list.Items[0].Level != "province" {
			t.Errorf("provinces: %d, first %+v", len(list.Items), list.Items[0])
		}
		w.call("", "GET", "/api/v1/regions?parent=330000", nil, 200, &list)
		if len(list.Items) != 11 || list.Items[0].Name != "杭州市" {
			t.Errorf("cities of 浙江省: %d, first %+v", len(list.Items), list.Items)
		}
		var one struct {
			region
			FullName string `json:"full_name"`
			Path     []region
		}
		w.call("", "GET", "/api/v1/regions/330114", nil, 200, &one)
		if one.Name != "钱塘区" || one.Level != "county" || one.FullName != "浙江省杭州市钱塘区" || len(one.Path) != 3 {
			t.Errorf("钱塘区: %+v", one)
		}
		w.call("", "GET", "/api/v1/regions/999999", nil, 404, nil)
		w.call("", "GET", "/api/v1/regions?parent=12", nil, 404, nil)

		var boards struct {
			Items []struct {
				ID    int64
				Name  string
				Kind  string
				Title string
			}
		}
		w.call("", "GET", "/api/v1/boards?region=330000&kind=leader", nil, 200, &boards)
		if len(boards.Items) != 2 || boards.Items[0].Name != "浙江省委书记" || boards.Items[1].Name != "浙江省长" {
			t.Errorf("浙江 leader boards: %+v", boards.Items)
		}
		w.call("", "GET", "/api/v1/boards?region=450000", nil, 200, &boards)
		if len(boards.Items) != 2 || boards.Items[0].Name != "广西壮族自治区党委书记" || boards.Items[1].Name != "广西壮族自治区主席" {
			t.Errorf("广西 leader boards: %+v", boards.Items)
		}
		w.call("", "GET", fmt.Sprintf("/api/v1/boards/%d", boards.Items[1].ID), nil, 200, nil)
		w.call("", "GET", "/api/v1/boards/0", nil, 404, nil)
		w.call("", "GET", "/api/v1/boards?region=abc", nil, 422, nil)
		w.call("", "GET", "/api/v1/boards?region=330000&kind=mayor", nil, 422, nil)

		var units struct{ Items []struct{ Name, Kind string } }
		w.call("", "GET", "/api/v1/units?region=330114", nil, 200, &units)
		if len(units.Items) != 2 || units.Items[0].Kind != "office" || units.Items[1].Name != "钱塘区住房和城乡建设局" {
			t.Errorf("units of 钱塘区: %+v", units.Items)
		}
	})
}

func TestMessageListPagesAndFilters(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		var reg struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "baixing", "password": "百姓心声2026"}, 201, &reg)
		domains := []string{"交通", "环保"}
		for i := range 25 {
			var m struct{ ID int64 }
			w.call(reg.Token, "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "建言",
				"domain": domains[i%2], "title": fmt.Sprintf("关于江东大道第%d个路口增设红绿灯的建议", i+1),
				"body": "早晚高峰行人过街困难，建议增设信号灯并延长绿灯时间。"}, 201, &m)
			if i < 23 {
				w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", m.ID), nil, 200, nil)
			}
		}
		type page struct {
			Items      []struct{ ID int64 }
			NextCursor *string `json:"next_cursor"`
		}
		var seen []int64
		cursor := ""
		for range 5 {
			var p page
			w.call("", "GET", "/api/v1/messages?limit=10&region=330000"+cursor, nil, 200, &p)
			for _, it := range p.Items {
				seen = append(seen, it.ID)
			}
			if p.NextCursor == nil {
				break
			}
			cursor = "&cursor=" + *p.NextCursor
		}
		if len(seen) != 23 {
			t.Errorf("the public paged through %d messages, want the 23 accepted", len(seen))
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] >= seen[i-1] {
				t.Fatalf("not newest first: %v", seen)
			}
		}
		var p page
		w.call(reg.Token, "GET", "/api/v1/messages?mine=1&limit=100", nil, 200, &p)
		if len(p.Items) != 25 {
			t.Errorf("my messages: %d, want 25 (including unreviewed ones)", len(p.Items))
		}
		w.call("", "GET", "/api/v1/messages?domain=环保&limit=100", nil, 200, &p)
		if len(p.Items) != 11 {
			t.Errorf("环保: %d, want 11", len(p.Items))
		}
		w.call("", "GET", "/api/v1/messages?region=430000", nil, 200, &p)
		if len(p.Items) != 0 {
			t.Errorf("湖南 has %d of 浙江's messages", len(p.Items))
		}
		w.call("", "GET", "/api/v1/messages?status=submitted&limit=100", nil, 200, &p)
		if len(p.Items) != 0 {
			t.Errorf("the public sees %d unreviewed messages", len(p.Items))
		}
		w.call(w.tokens["moderator"], "GET", "/api/v1/messages?status=submitted&limit=100", nil, 200, &p)
		if len(p.Items) != 2 {
			t.Errorf("the moderator's queue has %d, want 2", len(p.Items))
		}
		w.call("", "GET", "/api/v1/messages?limit=0", nil, 400, nil)
		w.call("", "GET", "/api/v1/messages?cursor=abc", nil, 400, nil)
		w.call("", "GET", "/api/v1/messages?status=done", nil, 422, nil)
		w.call("", "GET", "/api/v1/messages?mine=1", nil, 401, nil)
		w.call("not-a-token", "GET", "/api/v1/messages", nil, 401, nil)
	})
}
