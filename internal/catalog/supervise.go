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
