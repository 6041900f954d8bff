package catalog

func init() { add(superviseZH) }

// superviseZH holds supervision (督办): deadline notices, the
// accountability page and the units' performance page.
var superviseZH = map[string]string{
	"action.remind":        "到期提醒",
	"action.overdue":       "超期提醒",
	"notify.remind":        "到期提醒：留言「%s」即将到期，请抓紧办理",
	"notify.overdue":       "超期提醒：留言「%s」已超过办理期限，请尽快办结",
	"error.supervise_days": "督办期限须为 1 到 %d 个工作日",
}

func init() { add(superviseWebZH) }

// superviseWebZH holds the pages' words for supervision.
var superviseWebZH = map[string]string{
	"web.nav.accountability": "督查通报",
	"web.nav.performance":    "单位绩效",

	"web.supervision.days": "督办期限（工作日）",
	"web.msg.new_deadline": "办理期限：%s",

	"web.accountability.title":         "%s督查通报",
	"web.accountability.lead":          "公开各地超期未办结、零回复和回复率偏低的情况，接受群众监督。只列名称和数量，不公开任何留言内容。",
	"web.accountability.period":        "统计期间",
	"web.accountability.threshold":     "回复率低于（0–1）",
	"web.accountability.min_volume":    "留言量不少于",
	"web.accountability.rule":          "%s；回复率低于%s、且留言量不少于%d件的留言对象和地区才列入，避免个别留言左右排名。超期件为当前数据。",
	"web.accountability.overdue":       "超期未办结（当前）",
	"web.accountability.overdue_count": "超期件数",
	"web.accountability.unit":          "办理单位",
	"web.accountability.none_overdue":  "目前没有超期未办结的留言。",
	"web.accountability.zero_reply":    "零回复",
	"web.accountability.none_zero":     "没有零回复的留言对象或地区。",
	"web.accountability.low_rate":      "回复率偏低",
	"web.accountability.none_low":      "没有回复率低于标准的留言对象或地区。",
	"web.accountability.name":          "名称",
	"web.accountability.region":        "地区",
	"web.accountability.whole_region":  "全地区",
	"web.accountability.messages":      "留言量",
	"web.accountability.replies":       "回复量",
	"web.accountability.reply_rate":    "回复率",
	"web.accountability.below":         "下级地区",
	"web.accountability.up":            "返回上级",
	"web.accountability.no_below":      "没有下级地区。",

	"web.perf.title":        "%s办理单位绩效",
	"web.perf.lead":         "各办理单位按月的办理情况，供督查人员掌握。办理量为交办、转办给该单位的留言数；回复质量分为正式回复的平均得分（0–100）。",
	"web.perf.region":       "地区",
	"web.perf.country":      "全国",
	"web.perf.month":        "月份",
	"web.perf.total":        "合计",
	"web.perf.received":     "办理量",
	"web.perf.on_time":      "按时办结率",
	"web.perf.median":       "办理时长中位数",
	"web.perf.satisfaction": "满意度",
	"web.perf.quality":      "回复质量分",
	"web.perf.days":         "%d个工作日",
	"web.perf.brief":        "办理%d件 · 回复率%s · 按时办结率%s · 回复质量%s",
	"web.perf.none":         "这一期间没有办理单位的数据。",
}
