package catalog

func init() { add(searchZH) }

// searchZH holds the answers to a search query that cannot be run.
var searchZH = map[string]string{
	"error.search_empty":          "请输入要搜索的字词",
	"error.search_too_long":       "搜索词不能超过 %d 个字",
	"error.search_too_many_terms": "搜索词最多 %d 组，请减少空格或标点分开的词",
}
