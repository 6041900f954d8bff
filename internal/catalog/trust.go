package catalog

func init() { add(trustZH) }

// trustZH are the refusals of input that could not be stored or shown
// safely, whatever form or API it came through.
var trustZH = map[string]string{
	"error.nul": "内容包含空字符（NUL），无法保存，请删除后重试",
}
