package catalog

func init() { add(trustZH) }

// trustZH are the refusals of input that could not be stored or shown
// safely, whatever form or API it came through.
var trustZH = map[string]string{
	"error.nul":           "内容包含空字符（NUL），无法保存，请删除后重试",
	"transfer.time_range": "时间“%s”超出范围：须在 1990 年至 2099 年之间",
}
