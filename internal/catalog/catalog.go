package catalog

import "fmt"

// zh is the Simplified Chinese catalogue, merged from the parts each file
// of this package adds (core.go's coreZH here; pages, reports and others
// keep their sentences in files of their own so that work on one area does
// not touch another's). Keys are stable identifiers (error codes, state
// names) so that other languages can be added beside it.
var zh = map[string]string{}

// add merges a part into the catalogue; a key defined twice is a bug.
func add(part map[string]string) {
	for k, v := range part {
		if _, dup := zh[k]; dup {
			panic("catalog: key defined twice: " + k)
		}
		zh[k] = v
	}
}

func init() { add(coreZH) }

// coreZH holds errors, states, actions and roles of the board's core.
var coreZH = map[string]string{
	// Errors returned by the API; the key is "error." + the error code.
	"error.bad_json":          "请求内容不是有效的 JSON",
	"error.invalid_utf8":      "内容包含无效字符编码（需为 UTF-8）",
	"error.title_empty":       "请填写留言标题",
	"error.title_too_long":    "留言标题不能超过 %d 个字",
	"error.body_empty":        "请填写留言内容",
	"error.body_too_long":     "留言内容不能超过 %d 个字",
	"error.note_too_long":     "说明不能超过 %d 个字",
	"error.unknown_board":     "留言对象不存在",
	"error.unknown_unit":      "办理单位不存在",
	"error.unknown_region":    "行政区划不存在",
	"error.unknown_type":      "留言类型无效，可选：%s",
	"error.unknown_domain":    "留言领域无效，可选：%s",
	"error.unknown_status":    "留言状态无效",
	"error.too_many_tags":     "话题标签最多 %d 个",
	"error.tag_too_long":      "每个话题标签不能超过 %d 个字",
	"error.rating_range":      "评分须为 1 到 5 星",
	"error.reply_kind":        "回复类型须为 interim（阶段性回复）或 final（正式回复）",
	"error.not_found":         "内容不存在或您无权查看",
	"error.unauthorized":      "请先登录",
	"error.bad_credentials":   "账号或密码错误",
	"error.login_taken":       "该账号已被注册",
	"error.login_invalid":     "账号须为 3 到 32 位字母、数字、下划线或短横线",
	"error.name_invalid":      "昵称须为 1 到 20 个字",
	"error.password_short":    "密码至少 8 位",
	"error.password_long":     "密码不能超过 72 位",
	"error.password_simple":   "密码过于简单",
	"error.role_invalid":      "角色无效",
	"error.scope_missing":     "该角色须指定所属%s",
	"error.forbidden":         "您无权进行此操作",
	"error.wrong_state":       "留言当前状态为「%s」，不能%s",
	"error.note_required":     "请填写%s",
	"error.extension_used":    "每件留言只能申请一次延期",
	"error.extension_days":    "延期天数须为 1 到 %d 个工作日",
	"error.nothing_pending":   "没有待审批的申请",
	"error.same_unit":         "不能转办给当前办理单位",
	"error.reply_pending":     "已有正式回复等待审核",
	"error.followup_limit":    "追问次数已达上限（%d 次）",
	"error.rating_closed":     "评价期限已过",
	"error.already_rated":     "您已评价过该留言",
	"error.unknown_action":    "未知操作",
	"error.body_too_large":    "请求内容过大",
	"error.idempotency_reuse": "该幂等键已用于另一条留言",
	"error.bad_cursor":        "分页参数无效",
	"error.bad_limit":         "每页条数须为 1 到 %d",
	"error.rate_limited":      "操作过于频繁，请 %d 秒后再试",
	"error.account_locked":    "登录失败次数过多，账号已暂时锁定，请 %d 分钟后再试",
	"error.bad_url":           "网址无效，须以 http:// 或 https:// 开头",
	"error.webhook_scope":     "请指定行政区划或留言对象其中之一",
	"error.email_invalid":     "电子邮箱地址无效",
	"error.word_invalid":      "敏感词须为 1 到 20 个字，且不含逗号",
	"error.same_domain":       "留言已属于该领域",
	"error.internal":          "服务器内部错误，请稍后再试",
	"error.unavailable":       "服务暂不可用，请稍后再试",

	// States (DESIGN §3).
	"state.submitted": "待审核",
	"state.rejected":  "不予受理",
	"state.published": "待回复",
	"state.assigned":  "已交办",
	"state.handling":  "办理中",
	"state.replied":   "已办理",
	"state.rated":     "已评价",
	"state.closed":    "已关闭",

	// Actions, as the timeline shows them.
	"action.submit":         "提交留言",
	"action.accept":         "审核通过",
	"action.reject":         "不予受理",
	"action.assign":         "交办",
	"action.sign":           "签收",
	"action.return":         "退回",
	"action.transfer":       "转办",
	"action.extend":         "申请延期",
	"action.extend_approve": "批准延期",
	"action.reply_interim":  "阶段性回复",
	"action.reply_final":    "正式回复",
	"action.reply_approve":  "审核回复",
	"action.followup":       "追问",
	"action.rate":           "评价",
	"action.close":          "办结",
	"action.urge":           "催办",
	"action.supervise":      "督办",
	"action.reclassify":     "调整领域",

	// What an action's note is called, for "请填写…".
	"note.reject":        "不予受理的理由",
	"note.return":        "退回理由",
	"note.transfer":      "转办理由",
	"note.extend":        "延期理由",
	"note.reply_interim": "回复内容",
	"note.reply_final":   "回复内容",
	"note.followup":      "追问内容",
	"note.urge":          "催办意见",
	"note.supervise":     "督办意见",

	// Roles.
	"role.citizen":    "网民",
	"role.moderator":  "审核员",
	"role.handler":    "办理人员",
	"role.office":     "留言办",
	"role.supervisor": "督查人员",
	"role.admin":      "管理员",

	// Scope names for error.scope_missing.
	"scope.unit":   "办理单位",
	"scope.board":  "留言对象",
	"scope.region": "行政区划",

	// Grade labels of DESIGN §4.
	"grade.5": "很满意",
	"grade.4": "满意",
	"grade.3": "基本满意",
	"grade.2": "不满意",
	"grade.1": "很不满意",

	// Unit names.
	"unit.office":      "%s网民留言办理办公室",
	"board.leader":     "领导",
	"board.department": "部门",
}

// T returns the sentence for key, formatted with args. A missing key is
// returned as is, so a forgotten entry shows up in tests rather than as an
// empty string.
func T(key string, args ...any) string {
	s, ok := zh[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether the catalogue holds key.
func Has(key string) bool {
	_, ok := zh[key]
	return ok
}
