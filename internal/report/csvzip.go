package report

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"strings"
)

// WriteCSV writes the report as a zip of CSV files, one per table, plus
// the narrative as text. The files start with a byte-order mark, so that
// spreadsheet programs read them as UTF-8.
func (r *Report) WriteCSV(w io.Writer) error {
	z := zip.NewWriter(w)
	nw, err := z.Create("narrative.txt")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(nw, "\ufeff"+strings.Join(r.Narrative, "\n")+"\n"); err != nil {
		return err
	}
	for _, t := range r.Tables {
		fw, err := z.Create(t.File)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(fw)
		head := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			head[i] = c.Name
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, row := range t.Rows {
			rec := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				rec[i] = c.text(row[i])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	return z.Close()
}
