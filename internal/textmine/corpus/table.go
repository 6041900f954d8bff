package corpus

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"

	"liuyan/internal/catalog"
)

const bom = "\ufeff"

// WriteTable writes a header and rows as CSV with a UTF-8 byte-order mark
// and CRLF line ends, which is what Excel needs to open Chinese text
// correctly by a double click.
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteTableFile writes the table to dir/name, creating dir. The file is
// written whole to a temporary name and renamed, so a failure leaves no
// half table behind.
func WriteTableFile(dir, name string, header []string, rows [][]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errors.New(catalog.T("textmine.cannot_write", dir))
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*.csv")
	if err != nil {
		return errors.New(catalog.T("textmine.cannot_write", dir))
	}
	defer os.Remove(tmp.Name())
	if err := WriteTable(tmp, header, rows); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
