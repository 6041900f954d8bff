package demo

import (
	"context"
	"fmt"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/lifecycle"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/workflow"
)

// demoSuggestion is one suggestion of a demo campaign and what became of it.
type demoSuggestion struct {
	domain, title, body string
	outcome             campaign.Outcome
	feedback            string
}

// The campaign after the Spring Festival of 2026, closed, with adopted
// suggestions; its questionnaire; and a campaign still open at the end of
// the demo, with its anonymous questionnaire.
var (
	springCampaign = campaign.Draft{
		Title: "战疫情抓复产 意见建议与问题线索征集",
		Description: "春节后企业陆续开复工，为统筹做好防控和复工复产工作，杭州市人民政府面向社会公开征集意见建议与问题线索。" +
			"欢迎企业、个体工商户和广大市民就惠企政策落实、用工保障、交通出行、消费恢复等方面建言献策，" +
			"经采纳的建议将在本页公布办理情况。",
		Tags:   []string{"复工复产", "疫情防控"},
		Public: true,
	}
	springSuggestions = []demoSuggestion{
		{"企业", "建议延长小微企业房租减免期限",
			"我在拱墅区经营一家二十平米的早餐店，春节后停业近一个月，复工后客流只有往年六成。国有房产的房租减免只到三月底，建议延长到六月底，给小微企业喘口气。",
			campaign.Adopted, "市国资委已将国有房产租金减免期延长至6月30日，承租的小微企业和个体工商户无需申请，由出租单位直接减免。"},
		{"企业", "个体工商户续贷手续繁琐，建议简化",
			"去年在银行办的经营贷三月到期，续贷要重新提交流水、纳税证明和抵押评估，跑了三趟还没办完。建议对疫情期间到期的普惠小微贷款实行无还本续贷，手续能线上办。",
			campaign.Answered, "市地方金融监管局已会同各银行对3月至6月到期的普惠小微贷款开通无还本续贷绿色通道，可通过“浙里办”提交申请，由开户行一次办结。"},
		{"就业", "建议为返岗务工人员开通点对点包车",
			"我们厂有四十多名工人在安徽、江西老家，班车停运后返岗难。建议由人社部门组织点对点包车，企业承担部分费用也可以。",
			campaign.Adopted, "市人力社保局已开通返岗包车服务，企业可通过“杭州就业”小程序登记需求，2月24日起已发车63班，运送返岗人员2100余人。"},
		{"交通", "建议早高峰加密地铁班次方便复工通勤",
			"复工后地铁1号线早高峰客流明显回升，车厢比较拥挤。建议7点到9点加密班次，同时做好车厢通风消毒。",
			campaign.Answered, "杭州地铁自3月2日起已将1号线、2号线早高峰行车间隔缩短至3分钟以内，每日车厢消毒不少于两次。"},
		{"政务", "建议惠企政策集中到一个平台申报",
			"现在各部门的补贴政策分散在不同网站，我们小企业没有专人研究，很多政策不知道能不能享受。建议把惠企政策集中到一个平台，能自动匹配、直接申报。",
			campaign.Adopted, "“亲清在线”平台已上线惠企政策集中兑付功能，首批48条政策实现在线申报、在线兑付，企业可按行业和规模查看可享受的政策。"},
		{"企业", "建议发放消费券带动餐饮门店客流",
			"餐饮店恢复堂食两周了，客人还是很少。建议政府发放餐饮、文旅消费券，带动线下消费恢复。",
			campaign.Adopted, "首批消费券已于3月27日起分批发放，覆盖餐饮、商超、文旅等领域，市民可通过支付宝领取。"},
		{"就业", "建议为高校毕业生增加线上招聘会场次",
			"今年毕业生线下招聘会取消了不少场次，建议人社部门多办几场线上双选会，并提供视频面试的指导。", "", ""},
		{"医疗", "建议为园区复工企业统一配发防护物资",
			"产业园区里的小企业采购口罩和消毒液渠道少、价格高，建议由园区管委会统一采购配发，保障复工需要。", "", ""},
	}
	springQuestionnaire = questionnaire.Questionnaire{
		Title:       "小微企业和个体工商户开复工情况调查",
		Description: "了解小微企业和个体工商户开复工情况和面临的困难，为制定帮扶措施提供参考。每个账号填写一次，约需两分钟。",
		Questions: []questionnaire.Question{
			{Kind: questionnaire.Single, Text: "贵单位目前的复工情况", Required: true, Options: []string{"已全面复工", "部分复工", "尚未复工"}},
			{Kind: questionnaire.Multiple, Text: "目前面临的主要困难（可多选）", Options: []string{"资金周转", "用工短缺", "原材料供应", "订单不足", "房租压力"}},
			{Kind: questionnaire.Scale, Text: "对本地惠企政策的满意度", Required: true},
			{Kind: questionnaire.Text, Text: "其他意见建议"},
		},
	}
	springTexts = []string{"希望延长社保费减免期限，缓解资金压力", "建议简化稳岗返还的申请材料", "", "订单恢复慢，希望多组织线上展会", "",
		"房租减免能不能覆盖到非国有房产", "", "希望银行贷款利率再降一点", "", "建议发放消费券带动客流", "", ""}

	winterCampaign = campaign.Draft{
		Title: "2027年杭州市民生实事项目意见征集",
		Description: "为把民生实事办到群众心坎上，现面向社会征集2027年杭州市民生实事项目意见建议，" +
			"涉及养老托育、教育医疗、交通出行、城市更新等领域，征集结果将作为确定候选项目的重要参考。",
		Tags:   []string{"民生实事"},
		Public: true,
	}
	winterSuggestions = []demoSuggestion{
		{"城建", "建议加快老旧小区加装电梯", "我们小区是九十年代的六层楼，老人多，上下楼很困难。建议把老旧小区加装电梯列入民生实事，简化审批、加大补助。", "", ""},
		{"政务", "建议在社区增设老年食堂", "社区里独居老人越来越多，建议每个街道至少建一个老年食堂，提供价格实惠的助餐服务。", "", ""},
	}
	winterQuestionnaire = questionnaire.Questionnaire{
		Title:       "2027年民生实事候选项目意向调查",
		Description: "匿名填写，不记录账号，未登录也可参与。",
		Anonymous:   true,
		Questions: []questionnaire.Question{
			{Kind: questionnaire.Multiple, Text: "您最希望列入2027年民生实事的项目（可多选）", Required: true,
				Options: []string{"老旧小区加装电梯", "社区老年食堂", "新增公共停车位", "口袋公园", "普惠托育点"}},
			{Kind: questionnaire.Scale, Text: "对2026年民生实事完成情况的满意度", Required: true},
			{Kind: questionnaire.Text, Text: "您的其他建议"},
		},
	}
)

// inChina is a date and time on the Chinese civil clock.
func inChina(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, calendar.China)
}

// campaigns runs the demo's campaigns and questionnaires through the same
// services as the pages: the mayor's office launches them, citizens of
// 浙江 suggest, support and answer, the moderator accepts suggestions and
// the office adopts or answers them.
func (g *generator) campaigns(ctx context.Context) (campaigns, suggestions int, err error) {
	d0 := g.desk.Now
	defer func() { g.desk.Now = d0 }()
	var clock time.Time
	g.desk.Now = func() time.Time { return clock }
	p := &participation.Service{Store: g.desk.Store, Desk: g.desk, Now: func() time.Time { return clock }}
	office, citizens := g.mayor.office, g.citizens["330000"]

	launch := func(d campaign.Draft, opens, closes time.Time) (*campaign.Campaign, error) {
		clock = opens.Add(-24 * time.Hour)
		d.OpensAt, d.ClosesAt, d.BoardIDs = opens, closes, []int64{g.mayor.ID}
		return p.CreateCampaign(ctx, office, d)
	}
	suggest := func(c *campaign.Campaign, ss []demoSuggestion, first time.Time) error {
		for i, s := range ss {
			clock = first.Add(time.Duration(i*29+3) * time.Hour)
			author := citizens[i%len(citizens)]
			m, _, err := p.Suggest(ctx, author, c.ID, participation.SuggestionDraft{Domain: s.domain, Title: s.title, Body: s.body, Channel: "web"}, "")
			if err != nil {
				return fmt.Errorf("demo: suggesting %q: %w", s.title, err)
			}
			clock = clock.Add(2 * time.Hour)
			if _, err := g.desk.Do(ctx, g.moderator, m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
				return err
			}
			// Support from the others, more for the earlier suggestions.
			for j, u := range citizens {
				if u.ID == author.ID || g.rng.IntN(len(ss)+2) < i {
					continue
				}
				clock = clock.Add(time.Duration(j+1) * 17 * time.Minute)
				if _, err := p.Support(ctx, u, m.ID); err != nil {
					return fmt.Errorf("demo: supporting %q: %w", s.title, err)
				}
			}
			if s.outcome != campaign.Pending {
				clock = clock.Add(6 * 24 * time.Hour)
				if _, err := p.Feedback(ctx, office, m.ID, string(s.outcome), s.feedback); err != nil {
					return fmt.Errorf("demo: feedback on %q: %w", s.title, err)
				}
			}
		}
		return nil
	}
	ask := func(c *campaign.Campaign, q questionnaire.Questionnaire, opens, closes time.Time, answers func(i int, q *questionnaire.Questionnaire) []questionnaire.Answer, n int) error {
		clock = opens.Add(-time.Hour)
		q.CampaignID, q.OpensAt, q.ClosesAt = c.ID, opens, closes
		q.Questions = append([]questionnaire.Question(nil), q.Questions...)
		if err := p.CreateQuestionnaire(ctx, office, &q); err != nil {
			return err
		}
		for i := range n {
			clock = opens.Add(time.Duration(i*7+2) * time.Hour)
			var who *account.User
			if !q.Anonymous || i%2 == 0 {
				who = citizens[i%len(citizens)]
			}
			if err := p.Respond(ctx, who, q.ID, answers(i, &q)); err != nil {
				return fmt.Errorf("demo: answering %q: %w", q.Title, err)
			}
		}
		return nil
	}

	spring, err := launch(springCampaign, inChina(2026, 2, 16, 0), inChina(2026, 4, 1, 0))
	if err != nil {
		return 0, 0, err
	}
	if err := suggest(spring, springSuggestions, inChina(2026, 2, 17, 9)); err != nil {
		return 0, 0, err
	}
	err = ask(spring, springQuestionnaire, inChina(2026, 2, 20, 0), inChina(2026, 3, 21, 0), func(i int, q *questionnaire.Questionnaire) []questionnaire.Answer {
		qs := q.Questions
		as := []questionnaire.Answer{{QuestionID: qs[0].ID, Choices: []int{g.rng.IntN(3)}}, {QuestionID: qs[2].ID, Scale: 2 + g.rng.IntN(4)}}
		var hard []int
		for k := range qs[1].Options {
			if g.rng.IntN(3) == 0 {
				hard = append(hard, k)
			}
		}
		if len(hard) > 0 {
			as = append(as, questionnaire.Answer{QuestionID: qs[1].ID, Choices: hard})
		}
		if t := springTexts[i%len(springTexts)]; t != "" {
			as = append(as, questionnaire.Answer{QuestionID: qs[3].ID, Text: t})
		}
		return as
	}, len(citizens))
	if err != nil {
		return 0, 0, err
	}

	winter, err := launch(winterCampaign, inChina(2026, 11, 10, 0), inChina(2027, 2, 1, 0))
	if err != nil {
		return 0, 0, err
	}
	if err := suggest(winter, winterSuggestions, inChina(2026, 11, 12, 9)); err != nil {
		return 0, 0, err
	}
	err = ask(winter, winterQuestionnaire, inChina(2026, 11, 12, 0), inChina(2027, 2, 1, 0), func(i int, q *questionnaire.Questionnaire) []questionnaire.Answer {
		qs := q.Questions
		return []questionnaire.Answer{{QuestionID: qs[0].ID, Choices: []int{i % 5, (i + 2) % 5}}, {QuestionID: qs[1].ID, Scale: 3 + i%3}}
	}, 6)
	if err != nil {
		return 0, 0, err
	}
	return 2, len(springSuggestions) + len(winterSuggestions), nil
}
