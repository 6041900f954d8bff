package catalog

func init() { add(textmineZH) }

// textmineZH holds the sentences of the text-mining commands (train,
// classify, dedupe, hot, replyscore) and of the files they read and write.
var textmineZH = map[string]string{
	"textmine.no_header":         "文件为空或缺少表头行",
	"textmine.missing_columns":   "文件缺少列：%s",
	"textmine.bad_csv":           "第 %d 行不是有效的 CSV：%v",
	"textmine.at_line":           "第 %d 行「%s」列",
	"textmine.bad_count":         "「%s」不是非负整数",
	"textmine.bad_time":          "「%s」不是可识别的时间（如 2019/2/28 11:25:05 或 2019-02-28 11:25:05）",
	"textmine.cannot_open":       "无法打开文件 %s",
	"textmine.cannot_write":      "无法写入目录 %s",
	"textmine.too_few_labels":    "训练数据至少需要两个类别",
	"textmine.bad_model":         "模型文件已损坏或不是 liuyan 的分类模型",
	"textmine.model_dictionary":  "模型是用另一版分词词典训练的（%s，当前为 %s），请重新训练",
	"textmine.usage_train":       "用法：liuyan train --data 目录 -o 模型文件 [--exclude 评测文件.csv]，或 liuyan train --from-store [--store 数据目录] -o 模型文件",
	"textmine.usage_classify":    "用法：liuyan classify [--model 模型文件] 留言文本，或 liuyan classify [--model 模型文件] --eval 评测文件.csv（表头 label,text）",
	"textmine.usage_dedupe":      "用法：liuyan dedupe --input 留言文件.csv",
	"textmine.usage_hot":         "用法：liuyan hot --input 留言文件.csv [--top 5] --out 输出目录 [--now YYYY-MM-DD]",
	"textmine.usage_replyscore":  "用法：liuyan replyscore --input 答复文件.csv --out 评分文件.csv",
	"textmine.no_training_files": "目录 %s 中没有训练文件（%s 或 %s）",
}
