package catalog

func init() { add(transferZH) }

// transferZH holds the sentences of import and export (internal/transfer)
// and of the Atom feeds (internal/feed).
var transferZH = map[string]string{
	// The file as a whole.
	"transfer.cannot_open":     "无法打开文件 %s",
	"transfer.no_header":       "文件为空或缺少表头行",
	"transfer.unknown_format":  "无法识别文件格式：表头应为泰迪杯数据（留言编号、留言主题……）、领导留言板字段（tid、subject……）或 liuyan 导出格式（source_id、events……），实际为：%s",
	"transfer.missing_columns": "文件缺少列：%s",
	"transfer.bad_xlsx":        "无法读取 Excel 文件：%v",
	"transfer.need_board":      "该文件没有留言对象：请用 --board 指定版块，或同时用 --region 和 --create-boards 在该地区创建默认版块",
	"transfer.unknown_board":   "版块 %d 不存在",
	"transfer.unknown_region":  "行政区划 %s 不存在",
	"transfer.bad_format":      "导出格式 %s 无效，可选：csv、xlsx、jsonl",
	"transfer.export_row":      "导出第 %d 号留言失败",
	"transfer.cell_too_long":   "「%s」超过 Excel 单元格上限（%d 字），请改用 csv 或 jsonl 格式",
	"transfer.sheet":           "留言",

	// Rows that cannot be imported.
	"transfer.problem":         "第 %d 行：%s",
	"transfer.bad_csv":         "不是有效的 CSV：%v",
	"transfer.bad_json":        "不是有效的 JSON：%v",
	"transfer.empty_field":     "「%s」为空",
	"transfer.in_field":        "「%s」列：",
	"transfer.bad_time":        "「%s」不是可识别的时间（如 2019/2/28 11:25:05、2019-02-28 11:25:05 或 2019-02-28）",
	"transfer.bad_count":       "「%s」列的「%s」不是非负整数",
	"transfer.bad_grade":       "「%s」评分 %v 超出 1 到 5 星",
	"transfer.bad_flag":        "「%s」列的「%s」应为 true 或 false",
	"transfer.bad_list":        "「%s」列不是有效的 JSON 列表：%v",
	"transfer.bad_type":        "留言类型「%s」无效，可选：投诉/求助、咨询、建言、感谢",
	"transfer.bad_domain":      "留言领域「%s」无效",
	"transfer.bad_status":      "办理状态「%s」无效",
	"transfer.invalid_utf8":    "内容包含无效字符编码",
	"transfer.future_time":     "时间 %s 晚于当前时间",
	"transfer.reply_before":    "答复时间 %s 早于留言时间 %s",
	"transfer.bad_history":     "办理记录第 %d 条（%s）不符合办理流程：%s",
	"transfer.bad_final_state": "留言状态为 %s，但办理记录结束于 %s",
	"transfer.no_forum":        "没有留言对象（forumName 为空）",
	"transfer.unknown_forum":   "找不到留言对象「%s」（可用 --region 指定地区，或加 --create-boards 创建）",
	"transfer.ambiguous_forum": "留言对象「%s」在该地区有多个同名地区或版块，请用 --region 缩小范围",
	"transfer.no_office":       "%s没有网民留言办理办公室",
	"transfer.db_refused":      "数据库拒绝写入：%v",

	// What an import writes and says.
	"transfer.default_board":  "%s问政平台",
	"transfer.anonymous":      "网友",
	"transfer.reply_missing":  "（原平台的答复内容未随数据导出）",
	"transfer.note_estimated": "导入的历史留言：原数据没有此步骤的时间，为估计值",
	"transfer.created_board":  "新建版块：%s %s",
	"transfer.created_unit":   "新建办理单位：%s %s",
	"transfer.progress_rows":  "%d 行，每秒 %.0f 行",
	"transfer.summary":        "共读取 %d 行：新增 %d 条，跳过 %d 条（已导入过或重复），拒绝 %d 行；用时 %v，每秒 %.0f 行",
	"transfer.problems_more":  "……另有 %d 行被拒绝，未逐一列出",

	// Atom feeds.
	"feed.board":          "%s — 网民留言",
	"feed.region":         "%s — 网民留言",
	"feed.domain":         "%s领域 — 网民留言",
	"feed.domain_region":  "%s %s领域 — 网民留言",
	"feed.subtitle":       "公开的网民留言及回复",
	"feed.entry_author":   "网民 %s",
	"feed.reply":          "%s 回复（%s）：",
	"feed.status":         "办理状态：%s",
	"feed.unknown_board":  "留言对象不存在",
	"feed.unknown_region": "行政区划不存在",
	"feed.unknown_domain": "留言领域不存在",
}
