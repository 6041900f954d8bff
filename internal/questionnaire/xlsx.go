package questionnaire

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
)

// WriteXLSX writes the results as a workbook: a summary sheet with every
// question's counts and shares, and a sheet with one row per response and
// one column per question, as analysts expect to receive a survey.
func WriteXLSX(w io.Writer, q *Questionnaire, res Results, rows []AnswerRow) error {
	f := excelize.NewFile()
	defer f.Close()
	summary, detail := catalog.T("questionnaire.sheet.summary"), catalog.T("questionnaire.sheet.responses")
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	if _, err := f.NewSheet(detail); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	put := func(sheet string, row int, cells ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sheet, cell, &cells)
	}
	if err := put(summary, 1, q.Title); err != nil {
		return err
	}
	if err := put(summary, 2, catalog.T("questionnaire.xlsx.responses"), res.Responses); err != nil {
		return err
	}
	n := 4
	for _, r := range res.Questions {
		head := strconv.Itoa(r.Position) + ". " + r.Text + "（" + catalog.T("questionnaire.kind."+string(r.Kind)) + "）"
		if err := put(summary, n, head, catalog.T("questionnaire.xlsx.answered"), r.Answered); err != nil {
			return err
		}
		if err := f.SetCellStyle(summary, "A"+strconv.Itoa(n), "A"+strconv.Itoa(n), bold); err != nil {
			return err
		}
		n++
		for i, c := range r.Counts {
			label := strconv.Itoa(i + 1)
			if r.Kind != Scale {
				label = r.Options[i]
			}
			var share any = ""
			if r.Answered > 0 {
				share = float64(c) / float64(r.Answered)
			}
			if err := put(summary, n, label, c, share); err != nil {
				return err
			}
			if err := f.SetCellStyle(summary, "C"+strconv.Itoa(n), "C"+strconv.Itoa(n), pct); err != nil {
				return err
			}
			n++
		}
		if r.Mean != nil {
			if err := put(summary, n, catalog.T("questionnaire.xlsx.mean"), *r.Mean); err != nil {
				return err
			}
			n++
		}
		n++
	}
	if err := f.SetColWidth(summary, "A", "A", 48); err != nil {
		return err
	}

	head := []any{catalog.T("questionnaire.xlsx.response"), catalog.T("questionnaire.xlsx.at")}
	col := map[int64]int{}
	for i, qu := range q.Questions {
		head = append(head, strconv.Itoa(qu.Position)+". "+qu.Text)
		col[qu.ID] = i
	}
	if err := put(detail, 1, head...); err != nil {
		return err
	}
	var line []any
	var last int64
	row := 1
	flush := func() error {
		if line == nil {
			return nil
		}
		row++
		return put(detail, row, line...)
	}
	for _, a := range rows {
		i, ok := col[a.QuestionID]
		if !ok {
			continue
		}
		if a.ResponseID != last || line == nil {
			if err := flush(); err != nil {
				return err
			}
			line = make([]any, 2+len(q.Questions))
			line[0], line[1] = a.ResponseID, a.At.In(calendar.China).Format("2006-01-02 15:04")
			for k := 2; k < len(line); k++ {
				line[k] = ""
			}
			last = a.ResponseID
		}
		qu := q.Questions[i]
		var v string
		switch qu.Kind {
		case Single, Multiple:
			if a.Value >= 0 && a.Value < len(qu.Options) {
				v = qu.Options[a.Value]
			}
		case Scale:
			v = strconv.Itoa(a.Value)
		case Text:
			v = a.Text
		}
		if prev, _ := line[2+i].(string); prev != "" {
			v = strings.Join([]string{prev, v}, "、")
		}
		if qu.Kind == Scale {
			line[2+i] = a.Value
		} else {
			line[2+i] = v
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return f.Write(w)
}
