package transfer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"liuyan/internal/catalog"
)

// table is a file read one row at a time, whatever its container.
type table interface {
	// header is the first row's names, trimmed.
	header() []string
	// next returns the cells of the next row and its line number, or
	// io.EOF. A row that cannot be parsed is a *rowError and reading may
	// go on after it.
	next() (cells []string, line int, err error)
	// read is the fraction of the file read so far, or -1 when unknown.
	read() float64
	close() error
}

// rowError is a row that cannot be imported, with the catalogue's reason.
type rowError struct {
	line   int
	reason string
}

func (e *rowError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.reason) }

func rejectf(line int, key string, args ...any) *rowError {
	return &rowError{line: line, reason: catalog.T(key, args...)}
}

// openTable opens a file and picks its reader by its first bytes: a ZIP
// archive is XLSX, a '{' starts JSON lines, anything else is CSV.
func openTable(path string) (table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.New(catalog.T("transfer.cannot_open", path))
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	counted := &countingReader{r: f}
	br := bufio.NewReaderSize(counted, 1<<16)
	head, _ := br.Peek(1 << 16)
	var t table
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f.Close()
		t, err = openXLSX(path)
	case bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n"), []byte("{")):
		t, err = newJSONLines(br, f, counted, info.Size())
	default:
		t, err = newCSV(br, head, f, counted, info.Size())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

var bom = []byte("\uFEFF")

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func fraction(c *countingReader, size int64) float64 {
	if size <= 0 {
		return -1
	}
	return min(1, float64(c.n.Load())/float64(size))
}

// csvTable reads CSV, in UTF-8 (with or without a byte-order mark) or, as
// Excel on a Chinese Windows writes it, GB18030.
type csvTable struct {
	r     *csv.Reader
	f     *os.File
	c     *countingReader
	size  int64
	names []string
}

func newCSV(br *bufio.Reader, head []byte, f *os.File, c *countingReader, size int64) (*csvTable, error) {
	var src io.Reader = br
	if !validPrefix(head) {
		src = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	r := csv.NewReader(src)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	first, err := r.Read()
	if err != nil {
		return nil, errors.New(catalog.T("transfer.no_header"))
	}
	t := &csvTable{r: r, f: f, c: c, size: size, names: cleanHeader(first)}
	return t, nil
}

// validPrefix says whether b is UTF-8, allowing a character cut at its end.
func validPrefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

func cleanHeader(cells []string) []string {
	names := make([]string, len(cells))
	for i, c := range cells {
		if i == 0 {
			c = strings.TrimPrefix(c, "\uFEFF")
		}
		names[i] = strings.TrimSpace(c)
	}
	return names
}

func (t *csvTable) header() []string { return t.names }

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, pe.StartLine, rejectf(pe.StartLine, "transfer.bad_csv", pe.Err)
	}
	if err != nil {
		return nil, 0, err
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) read() float64 { return fraction(t.c, t.size) }
func (t *csvTable) close() error  { return t.f.Close() }

// jsonLines reads one JSON object per line. Its header is the first
// object's keys; a string value is its text, any other value (a number,
// a list of replies) its JSON.
type jsonLines struct {
	s     *bufio.Scanner
	f     *os.File
	c     *countingReader
	size  int64
	names []string
	index map[string]int
	line  int
	first map[string]json.RawMessage
}

// maxLine bounds one JSON line: a message with a long history is tens of
// kilobytes; a runaway line is refused rather than read into memory.
const maxLine = 16 << 20

func newJSONLines(br *bufio.Reader, f *os.File, c *countingReader, size int64) (*jsonLines, error) {
	s := bufio.NewScanner(br)
	s.Buffer(make([]byte, 0, 1<<16), maxLine)
	t := &jsonLines{s: s, f: f, c: c, size: size, index: map[string]int{}}
	for t.s.Scan() {
		t.line++
		b := bytes.TrimSpace(bytes.TrimPrefix(t.s.Bytes(), bom))
		if len(b) == 0 {
			continue
		}
		if err := json.Unmarshal(b, &t.first); err != nil {
			return nil, errors.New(catalog.T("transfer.no_header"))
		}
		t.names = orderedKeys(b)
		for i, n := range t.names {
			t.index[n] = i
		}
		return t, nil
	}
	return nil, errors.New(catalog.T("transfer.no_header"))
}

// orderedKeys lists an object's top-level keys in the order written, so
// that the header reads like the file.
func orderedKeys(obj []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(obj))
	var keys []string
	if _, err := dec.Token(); err != nil {
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		keys = append(keys, strings.TrimSpace(tok.(string)))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

func (t *jsonLines) header() []string { return t.names }

func (t *jsonLines) next() ([]string, int, error) {
	var obj map[string]json.RawMessage
	if t.first != nil {
		obj, t.first = t.first, nil
	} else {
		for {
			if !t.s.Scan() {
				if err := t.s.Err(); err != nil {
					return nil, t.line + 1, rejectf(t.line+1, "transfer.bad_json", err)
				}
				return nil, 0, io.EOF
			}
			t.line++
			b := bytes.TrimSpace(t.s.Bytes())
			if len(b) == 0 {
				continue
			}
			if err := json.Unmarshal(b, &obj); err != nil {
				return nil, t.line, rejectf(t.line, "transfer.bad_json", err)
			}
			break
		}
	}
	cells := make([]string, len(t.names))
	for k, v := range obj {
		i, ok := t.index[k]
		if !ok {
			continue
		}
		cells[i] = jsonCell(v)
	}
	return cells, t.line, nil
}

// jsonCell turns a JSON value into a cell: a string's text, "" for null,
// the JSON of anything else.
func jsonCell(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	switch {
	case len(v) == 0 || string(v) == "null":
		return ""
	case v[0] == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return string(v)
}

func (t *jsonLines) read() float64 { return fraction(t.c, t.size) }
func (t *jsonLines) close() error  { return t.f.Close() }

// xlsxTable reads the first sheet of a workbook. Cells are read raw, so
// a date cell is its serial number whatever its display format (see
// parseTime), and a long number keeps its digits.
type xlsxTable struct {
	f     *excelize.File
	rows  *excelize.Rows
	names []string
	line  int
}

func openXLSX(path string) (*xlsxTable, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, errors.New(catalog.T("transfer.bad_xlsx", err))
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errors.New(catalog.T("transfer.no_header"))
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, errors.New(catalog.T("transfer.bad_xlsx", err))
	}
	t := &xlsxTable{f: f, rows: rows}
	for t.rows.Next() {
		t.line++
		cells, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.close()
			return nil, errors.New(catalog.T("transfer.bad_xlsx", err))
		}
		if len(cells) == 0 {
			continue
		}
		t.names = cleanHeader(cells)
		return t, nil
	}
	t.close()
	return nil, errors.New(catalog.T("transfer.no_header"))
}

func (t *xlsxTable) header() []string { return t.names }

func (t *xlsxTable) next() ([]string, int, error) {
	for t.rows.Next() {
		t.line++
		cells, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, t.line, rejectf(t.line, "transfer.bad_xlsx", err)
		}
		if len(cells) == 0 {
			continue
		}
		return cells, t.line, nil
	}
	if err := t.rows.Error(); err != nil {
		return nil, t.line, errors.New(catalog.T("transfer.bad_xlsx", err))
	}
	return nil, 0, io.EOF
}

func (t *xlsxTable) read() float64 { return -1 }

func (t *xlsxTable) close() error {
	t.rows.Close()
	return t.f.Close()
}
