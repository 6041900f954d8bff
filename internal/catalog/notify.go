package catalog

func init() { add(notifyZH) }

// notifyZH is what people are told about their messages and their work.
var notifyZH = map[string]string{
	"notify.reject":        "您的留言「%s」未予受理，请查看原因",
	"notify.reply_interim": "您的留言「%s」有了阶段性回复",
	"notify.reply_final":   "您的留言「%s」已有正式回复，欢迎评价",
	"notify.reply_approve": "您的留言「%s」已有正式回复，欢迎评价",
	"notify.assign":        "新交办留言：「%s」，请及时签收",
	"notify.transfer":      "转办留言：「%s」，请及时签收",
	"notify.followup":      "留言「%s」收到网民追问，请及时答复",
	"notify.urge":          "催办：留言「%s」请抓紧办理",
	"notify.supervise":     "督办：留言「%s」已列入督办，请按期办结",
	"notify.footer":        "请登录留言板查看详情。此邮件由系统自动发送，请勿回复。",
}
