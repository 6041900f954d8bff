package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// SyntheticAuthor is the login that writes every synthetic message.
const SyntheticAuthor = "bench_citizen"

// complaints are what synthetic messages are about, by domain: short
// phrases written for this generator, so that titles read like a board's
// and searches find something.
var complaints = map[string][]string{
	"城建": {"老旧小区加装电梯", "小区路灯损坏", "楼道墙皮脱落"},
	"交通": {"公交站台迁移", "路口红绿灯时长不合理", "共享单车乱停放"},
	"环保": {"夜间施工噪音扰民", "河道发黑发臭", "餐馆油烟直排"},
	"企业": {"企业拖欠货款", "营业执照变更办理慢"},
	"就业": {"拖欠农民工工资", "灵活就业社保缴纳"},
	"政务": {"办事窗口排队时间长", "政务网站无法登录"},
	"教育": {"学位紧张入学难", "校外培训退费难"},
	"治安": {"小区电动车被盗", "夜市占道经营"},
	"三农": {"农田灌溉水渠损坏", "村道硬化"},
	"医疗": {"医保异地报销", "社区医院缺少儿科"},
	"旅游": {"景区门票乱收费", "景区停车难"},
	"文娱": {"广场舞音响扰民", "图书馆开放时间短"},
	"金融": {"银行卡被冻结", "理财产品无法赎回"},
	"体育": {"体育场馆不对外开放", "健身器材损坏"},
	"其他": {"快递网点服务差", "燃气费计费有误"},
}

// Synthetic writes n messages over every leader board of the country,
// published between 2019-01-01 and 2020-12-31, with their logs: 85% of
// recent ones answered within 0–15 days (98% of those older than mid-
// November 2020), 40% of the answered rated, a fifth tagged; the rest still
// open, and overdue when past their deadline. Rows go in raw, 5,000
// messages a transaction (store.Tx.InsertRows), with no stats folded.
// It returns the number of events written. The store must hold no
// messages yet, since ids are given.
func Synthetic(ctx context.Context, s *store.Store, n int, rules stats.Rules) (events int, err error) {
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		return 0, err
	}
	var boards []board.Board
	for _, r := range region.All() {
		bs, err := s.Boards(ctx, r.Code, board.Leader)
		if err != nil {
			return 0, err
		}
		boards = append(boards, bs...)
	}
	lists := rules.Boards
	if lists == nil {
		if lists, err = s.LoadVocab(ctx, rules.Policy); err != nil {
			return 0, err
		}
	}
	types, domains := lists.Types(), lists.Domains()
	author := &account.User{Login: SyntheticAuthor, Name: "网民", PasswordHash: "unused", Role: account.Citizen}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, author) }); err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(2020, 331000))
	start := time.Date(2019, 1, 1, 8, 0, 0, 0, calendar.China)
	span := time.Date(2021, 1, 1, 0, 0, 0, 0, calendar.China).Sub(start)
	tags := []string{"疫情防控", "复工复产", "脱贫攻坚", "安全生产"}
	msgCols := []string{"id", "board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title", "public_body",
		"public", "channel", "status", "unit_id", "clock_start", "deadline", "created_at", "published_at", "first_reply_at", "replied_at", "updated_at"}
	evCols := []string{"message_id", "actor_id", "action", "from_state", "to_state", "unit_id", "at"}
	const perTx = 5000
	for first := 1; first <= n; first += perTx {
		var msgs, evs, rates, tagRows [][]any
		for id := first; id < first+perTx && id <= n; id++ {
			bd := boards[rng.IntN(len(boards))]
			typ, domain := types[rng.IntN(len(types))], domains[rng.IntN(len(domains))]
			created := start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second).UTC()
			published := created.Add(time.Hour)
			deadline := lists.Policy(bd.ID).Deadline(rules.Calendar, typ, published, 0)
			status, replied := lifecycle.Handling, time.Time{}
			ev := [][]any{
				{id, author.ID, lifecycle.Submit, "", lifecycle.Submitted, nil, created},
				{id, nil, lifecycle.Accept, lifecycle.Submitted, lifecycle.Published, nil, published},
				{id, nil, lifecycle.Assign, lifecycle.Published, lifecycle.Assigned, bd.OfficeUnitID, published.Add(time.Hour)},
				{id, nil, lifecycle.Sign, lifecycle.Assigned, lifecycle.Handling, bd.OfficeUnitID, published.Add(2 * time.Hour)},
			}
			recent := created.After(time.Date(2020, 11, 15, 0, 0, 0, 0, calendar.China))
			if (recent && rng.IntN(100) < 85) || (!recent && rng.IntN(100) < 98) {
				replied = published.Add(time.Duration(3+rng.IntN(15*24)) * time.Hour)
				status = lifecycle.Replied
				ev = append(ev, []any{id, nil, lifecycle.FinalReply, lifecycle.Handling, lifecycle.Replied, bd.OfficeUnitID, replied})
				if rng.IntN(100) < 40 {
					rated := replied.Add(20 * time.Hour)
					status = lifecycle.Rated
					ev = append(ev, []any{id, author.ID, lifecycle.Rate, lifecycle.Replied, lifecycle.Rated, bd.OfficeUnitID, rated})
					rates = append(rates, []any{id, 1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), "", rated})
				}
			}
			var firstReply any
			if !replied.IsZero() {
				firstReply = replied
			}
			about := complaints[domain][rng.IntN(len(complaints[domain]))]
			place := region.FullName(bd.RegionCode)
			title := fmt.Sprintf("%s%s问题", place, about)
			body := fmt.Sprintf("%s，%s，已经持续很久，多次反映没有结果，请%s督促有关部门尽快处理。", place, about, bd.Name)
			msgs = append(msgs, []any{id, bd.ID, bd.RegionCode, author.ID, typ, domain, title, body, title, body,
				true, "web", status, bd.OfficeUnitID, published, deadline.UTC(), created, published, firstReply, firstReply, ev[len(ev)-1][6]})
			if rng.IntN(5) == 0 {
				tagRows = append(tagRows, []any{id, tags[rng.IntN(len(tags))]})
			}
			evs = append(evs, ev...)
		}
		slices.SortStableFunc(evs, func(x, y []any) int { return x[6].(time.Time).Compare(y[6].(time.Time)) })
		events += len(evs)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for _, part := range []struct {
				table string
				cols  []string
				rows  [][]any
			}{
				{"messages", msgCols, msgs},
				{"events", evCols, evs},
				{"ratings", []string{"message_id", "resolution", "attitude", "speed", "comment", "created_at"}, rates},
				{"message_tags", []string{"message_id", "tag"}, tagRows},
			} {
				if err := tx.InsertRows(ctx, part.table, part.cols, part.rows); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return events, err
		}
	}
	return events, s.AfterBulkLoad(ctx)
}
