package catalog

func init() { add(campaignZH) }

// campaignZH holds the words of campaigns (征集活动) and questionnaires
// (问卷): their errors, the XLSX export and their pages.
var campaignZH = map[string]string{
	// Errors of campaigns.
	"error.campaign_title_empty":          "请填写征集活动标题",
	"error.campaign_title_too_long":       "征集活动标题不能超过 %d 个字",
	"error.campaign_description_empty":    "请填写征集活动说明",
	"error.campaign_description_too_long": "征集活动说明不能超过 %d 个字",
	"error.campaign_no_boards":            "请至少选择一个征集对象（留言对象）",
	"error.campaign_too_many_boards":      "征集对象最多 %d 个",
	"error.campaign_board":                "该留言对象不在本次征集活动的范围内",
	"error.campaign_upcoming":             "征集活动尚未开始，暂不接受建言",
	"error.campaign_closed":               "征集活动已结束，不再接受建言和支持",
	"error.campaign_outcome":              "处理结果无效，可选：adopted（采纳）、answered（答复）",
	"error.unknown_campaign":              "征集活动不存在",
	"error.feedback_empty":                "请填写反馈意见",
	"error.suggestion_pending":            "建言尚未通过审核，暂不能采纳或答复",
	"error.already_supported":             "您已经支持过这条建言",
	"error.dates_missing":                 "请填写开始和截止时间",
	"error.dates_order":                   "截止时间须晚于开始时间",

	// Errors of questionnaires.
	"error.questionnaire_title_empty":          "请填写问卷标题",
	"error.questionnaire_title_too_long":       "问卷标题不能超过 %d 个字",
	"error.questionnaire_description_too_long": "问卷说明不能超过 %d 个字",
	"error.questionnaire_no_questions":         "问卷至少需要一道题",
	"error.questionnaire_too_many_questions":   "问卷最多 %d 道题",
	"error.question_kind":                      "第 %d 题的题型无效，可选：single（单选）、multiple（多选）、scale（1–5 分）、text（填空）",
	"error.question_text":                      "第 %d 题的题目须为 1 到 %d 个字",
	"error.question_no_options":                "第 %d 题不是选择题，不能设置选项",
	"error.question_options":                   "第 %d 题须有 2 到 %d 个选项",
	"error.question_option":                    "第 %d 题的选项不能重复，每项不超过 %d 个字",
	"error.questionnaire_upcoming":             "问卷尚未开始",
	"error.questionnaire_closed":               "问卷已截止，不再接受答卷",
	"error.already_answered":                   "您已经填写过这份问卷，每个账号只能填写一次",
	"error.answer_required":                    "第 %d 题为必答题，请作答",
	"error.answer_twice":                       "同一道题只能回答一次",
	"error.answer_unknown_question":            "答卷中有不属于本问卷的题目",
	"error.answer_kind":                        "第 %d 题的回答与题型不符",
	"error.answer_scale":                       "第 %d 题须选择 1 到 %d 分",
	"error.answer_too_long":                    "第 %d 题的回答不能超过 %d 个字",
	"error.results_not_yet":                    "问卷截止后公布结果",
	"error.search_text":                        "请输入 1 到 %d 个字的检索词",

	// The kinds of question.
	"questionnaire.kind.single":   "单选",
	"questionnaire.kind.multiple": "多选",
	"questionnaire.kind.scale":    "1–5 分",
	"questionnaire.kind.text":     "填空",

	// The XLSX export.
	"questionnaire.sheet.summary":   "结果汇总",
	"questionnaire.sheet.responses": "答卷明细",
	"questionnaire.xlsx.responses":  "答卷数",
	"questionnaire.xlsx.answered":   "作答人数",
	"questionnaire.xlsx.mean":       "平均分",
	"questionnaire.xlsx.response":   "答卷编号",
	"questionnaire.xlsx.at":         "提交时间",

	// Staff actions in the audit log.
	"web.admin.action.campaign_create":      "发起征集活动",
	"web.admin.action.campaign_adopted":     "采纳建言",
	"web.admin.action.campaign_answered":    "答复建言",
	"web.admin.action.questionnaire_create": "发布问卷",
}
