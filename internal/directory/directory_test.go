package directory_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/directory"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func TestSeedLeadersOnceForEveryRegion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		n, err := directory.SeedLeaders(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if want := 2 * len(region.All()); n != want {
			t.Errorf("created %d boards, want %d", n, want)
		}
		if again, err := directory.SeedLeaders(ctx, s); again != 0 || err != nil {
			t.Errorf("second seed created %d (%v)", again, err)
		}
		if total, _ := s.CountBoards(ctx); total != 2*len(region.All()) {
			t.Errorf("%d boards after two seeds", total)
		}
		for _, c := range []struct{ code, secretary, head, office string }{
			{"330114", "钱塘区委书记", "钱塘区长", "浙江省杭州市钱塘区网民留言办理办公室"},
			{"540000", "西藏自治区党委书记", "西藏自治区主席", "西藏自治区网民留言办理办公室"},
			{"110105", "朝阳区委书记", "朝阳区长", "北京市朝阳区网民留言办理办公室"},
		} {
			bs, err := s.Boards(ctx, c.code, board.Leader)
			if err != nil || len(bs) != 2 {
				t.Fatalf("%s: %v %v", c.code, bs, err)
			}
			if bs[0].Name != c.secretary || bs[1].Name != c.head || bs[0].OfficeUnitID != bs[1].OfficeUnitID {
				t.Errorf("%s boards: %+v", c.code, bs)
			}
			u, err := s.Unit(ctx, bs[0].OfficeUnitID)
			if err != nil || u.Name != c.office || u.RegionCode != c.code {
				t.Errorf("%s office unit: %+v %v", c.code, u, err)
			}
		}
	})
}

func TestJoin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		joined := time.Date(2020, 3, 16, 0, 0, 0, 0, time.UTC)
		b, err := directory.Join(ctx, s, "330100", "杭州市生态环境局", joined)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Board(ctx, b.ID)
		if err != nil || got.Kind != board.Department || !got.JoinedAt.Equal(joined) || got.Name != "杭州市生态环境局" {
			t.Errorf("joined board: %+v %v", got, err)
		}
		if _, err := directory.Join(ctx, s, "330100", "杭州市生态环境局", joined); !errors.Is(err, store.ErrConflict) {
			t.Errorf("the same department joined twice: %v", err)
		}
		if _, err := directory.Join(ctx, s, "339999", "不存在的局", joined); !errors.Is(err, directory.ErrUnknownRegion) {
			t.Errorf("unknown region: %v", err)
		}
	})
}
