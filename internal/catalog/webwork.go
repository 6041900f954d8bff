package catalog

func init() { add(webWorkZH) }

// webWorkZH holds the words of the staff's working pages added beside the
// workbench: a unit's reply templates, the notifications page, and the
// routing suggestions on the office's assign form.
var webWorkZH = map[string]string{
	"web.tpl.title":         "回复模板",
	"web.tpl.manage":        "管理回复模板",
	"web.tpl.lead":          "本单位常用的答复文本，办理人员回复时可选用后再修改。",
	"web.tpl.back":          "‹ 返回办理工作台",
	"web.tpl.list":          "本单位模板",
	"web.tpl.none":          "本单位还没有回复模板。",
	"web.tpl.updated":       "更新于 %s",
	"web.tpl.field_title":   "模板名称",
	"web.tpl.field_body":    "模板内容",
	"web.tpl.title_hint":    "1 到 %d 个字，如“噪音扰民处理答复”。",
	"web.tpl.body_hint":     "可预留“经核实，”等待补充的内容。",
	"web.tpl.title_invalid": "模板名称须为 1 到 %d 个字",
	"web.tpl.body_invalid":  "模板内容须为 1 到 %d 个字",
	"web.tpl.title_taken":   "本单位已有同名模板",
	"web.tpl.save":          "保存修改",
	"web.tpl.delete":        "删除模板",
	"web.tpl.delete_label":  "删除模板“%s”",
	"web.tpl.add":           "新增模板",
	"web.tpl.add_submit":    "新增模板",
	"web.tpl.own":           "本单位模板",
	"web.tpl.common":        "通用模板",
	"web.tpl.use":           "填入回复框",

	"web.nav.notifications": "通知",
	"web.note.title":        "我的通知",
	"web.note.lead":         "留言办理进展的提醒，显示最近 %d 条。",
	"web.note.list":         "未读",
	"web.note.unread_label": "%d 条未读通知",
	"web.note.new":          "未读",
	"web.note.read":         "标为已读",
	"web.note.read_label":   "将“%s”标为已读",
	"web.note.read_all":     "全部标为已读",
	"web.note.none":         "暂无通知。",
	"web.done.notes_read":   "已全部标为已读。",

	"web.route.lead": "系统建议交办（已预选第一个，可另行选择）：",
	"web.route.best": "推荐",

	"web.done.template_add":    "模板已新增。",
	"web.done.template_edit":   "模板已保存。",
	"web.done.template_delete": "模板已删除。",
}
