package catalog

func init() { add(genZH) }

// genZH holds the sentences of the history generator (internal/gen) and
// its command, liuyan gen.
var genZH = map[string]string{
	"gen.usage":    "用法：liuyan gen --messages N [--from 2019-01-01] [--to 2020-12-31] [--seed S] [--batch 5000] [--data DIR]",
	"gen.messages": "留言数量（--messages）必须是正整数",
	"gen.bad_date": "%s 不是有效日期，应为 2019-01-01 这样的格式",
	"gen.order":    "结束日期必须晚于开始日期",
	"gen.summary":  "已生成留言 %d 条（事件 %d 条、回复 %d 条、追问 %d 条、评价 %d 条），作者 %d 人，用时 %v，每秒 %.0f 条",
}
