package hot

import (
	"strconv"

	"liuyan/internal/textmine/corpus"
)

// The file names and headers of the 2020 TipDM task's two tables.
const (
	SummaryFile = "热点问题表.csv"
	DetailFile  = "热点问题留言明细表.csv"
)

var (
	SummaryHeader = []string{"热度排名", "问题ID", "热度指数", "时间范围", "地点/人群", "问题描述"}
	DetailHeader  = []string{"问题ID", "留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "点赞数", "反对数"}
	// PartsHeader heads the table of the heat index's parts, written beside
	// the two tables so that every rank can be checked.
	PartsHeader = []string{"问题ID", "热度指数", "留言数", "留言用户数", "点赞数", "反对数", "增长", "新近度"}
)

// PartsFile is the name of the parts table.
const PartsFile = "热度指数构成.csv"

// Tables returns the rows of the summary, detail and parts tables for the
// first top issues; 问题ID is the rank.
func Tables(issues []Issue, top int) (summary, detail, parts [][]string) {
	for i, is := range issues[:min(top, len(issues))] {
		id := strconv.Itoa(i + 1)
		summary = append(summary, []string{
			id, id, strconv.FormatFloat(is.Heat, 'f', 2, 64),
			corpus.FormatDate(is.Start) + " 至 " + corpus.FormatDate(is.End),
			is.Place, is.Description,
		})
		p := is.Parts
		parts = append(parts, []string{
			id, strconv.FormatFloat(is.Heat, 'f', 2, 64), strconv.Itoa(p.Messages), strconv.Itoa(p.Authors),
			strconv.Itoa(p.Likes), strconv.Itoa(p.Dislikes),
			strconv.FormatFloat(p.Growth, 'f', 3, 64), strconv.FormatFloat(p.Recency, 'f', 3, 64),
		})
		for _, m := range is.Messages {
			detail = append(detail, []string{
				id, m.ID, m.User, m.Title, corpus.FormatTime(m.Time), m.Body,
				strconv.Itoa(m.Support), strconv.Itoa(m.Against),
			})
		}
	}
	return summary, detail, parts
}
