package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/catalog"
)

// WriteXLSX writes the report as a workbook: one sheet per table, named in
// Chinese, the narrative on the first, and a native column chart of the
// monthly volume on the volume sheet.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1}})
	if err != nil {
		return err
	}
	percentStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	decimalStyle, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	first := catalog.T("report.sheet.narrative")
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	title := catalog.T("report.title", r.Period.Label(), r.RegionName)
	if err := f.SetCellStr(first, "A1", title); err != nil {
		return err
	}
	for i, p := range r.Narrative {
		if err := f.SetCellStr(first, fmt.Sprintf("A%d", i+3), p); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(first, "A", "A", 120); err != nil {
		return err
	}
	for _, t := range r.Tables {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		head := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			head[i] = c.Name
		}
		if err := f.SetSheetRow(t.Name, "A1", &head); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), 1)
		if err := f.SetCellStyle(t.Name, "A1", last, header); err != nil {
			return err
		}
		for i, row := range t.Rows {
			for j, c := range t.Columns {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				if err := setCell(f, t.Name, cell, c, row[j], percentStyle, decimalStyle); err != nil {
					return err
				}
			}
		}
		lastCol, _ := excelize.ColumnNumberToName(len(t.Columns))
		if err := f.SetColWidth(t.Name, "A", lastCol, 16); err != nil {
			return err
		}
		if t.File == "months.csv" && len(t.Rows) > 0 {
			if err := volumeChart(f, t); err != nil {
				return err
			}
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// setCell writes one value with its kind's number format; a missing
// figure stays empty.
func setCell(f *excelize.File, sheet, cell string, c Column, v any, percentStyle, decimalStyle int) error {
	switch x := v.(type) {
	case string:
		return f.SetCellStr(sheet, cell, x)
	case int64:
		return f.SetCellInt(sheet, cell, x)
	case *int:
		if x != nil {
			return f.SetCellInt(sheet, cell, int64(*x))
		}
	case *float64:
		if x == nil {
			return nil
		}
		if err := f.SetCellFloat(sheet, cell, *x, -1, 64); err != nil {
			return err
		}
		style := decimalStyle
		if c.Kind == Ratio {
			style = percentStyle
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	return nil
}

// volumeChart adds the column chart of messages and replies per month.
func volumeChart(f *excelize.File, t Table) error {
	n := len(t.Rows) + 1
	ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$2:$%s$%d", t.Name, col, col, n) }
	return f.AddChart(t.Name, "F2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("'%s'!$B$1", t.Name), Categories: ref("A"), Values: ref("B")},
			{Name: fmt.Sprintf("'%s'!$C$1", t.Name), Categories: ref("A"), Values: ref("C")},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Name}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
	})
}
