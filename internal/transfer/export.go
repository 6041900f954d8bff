package transfer

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/mask"
	"liuyan/internal/store"
)

// Export formats.
const (
	CSV   = "csv"
	XLSX  = "xlsx"
	JSONL = "jsonl"
)

// Formats lists the export formats.
var Formats = []string{CSV, XLSX, JSONL}

// Export writes the messages f chooses to w in liuyan's own format (see
// nativeColumns), oldest first, and returns how many it wrote. CSV starts
// with a byte-order mark, so that Excel reads it as UTF-8.
func Export(ctx context.Context, s *store.Store, w io.Writer, format string, f store.ExportFilter) (int, error) {
	var out sink
	switch format {
	case CSV:
		out = newCSVSink(w)
	case XLSX:
		out = newXLSXSink(w)
	case JSONL:
		out = &jsonSink{w: w}
	default:
		return 0, errors.New(catalog.T("transfer.bad_format", format))
	}
	names := &namer{s: s, boards: map[int64]*board.Board{}, units: map[int64]unitRef{}}
	if err := out.header(nativeColumns); err != nil {
		return 0, err
	}
	n := 0
	err := s.Export(ctx, f, func(rec *store.Record) error {
		b, err := names.board(ctx, rec.Message.BoardID)
		if err != nil {
			return err
		}
		var unitErr error
		unitOf := func(id int64) unitRef {
			u, err := names.unit(ctx, id)
			unitErr = errors.Join(unitErr, err)
			return u
		}
		values := nativeValues(rec, b.Name, unitOf, f.Public)
		if unitErr != nil {
			return unitErr
		}
		n++
		if err := out.row(values); err != nil {
			return fmt.Errorf("%s: %w", catalog.T("transfer.export_row", rec.Message.ID), err)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, out.close()
}

// namer remembers board and unit names by ID during an export.
type namer struct {
	s      *store.Store
	boards map[int64]*board.Board
	units  map[int64]unitRef
}

func (n *namer) board(ctx context.Context, id int64) (*board.Board, error) {
	if b, ok := n.boards[id]; ok {
		return b, nil
	}
	b, err := n.s.Board(ctx, id)
	if err != nil {
		return nil, err
	}
	n.boards[id] = b
	return b, nil
}

func (n *namer) unit(ctx context.Context, id int64) (unitRef, error) {
	if u, ok := n.units[id]; ok {
		return u, nil
	}
	u, err := n.s.Unit(ctx, id)
	if err != nil {
		return unitRef{}, err
	}
	n.units[id] = unitRef{Name: u.Name, Region: u.RegionCode}
	return n.units[id], nil
}

// china is t in China time, for people reading the file; zero stays zero.
func china(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(calendar.China)
}

// publicText masks personal data when the export is for the public.
func publicText(s string, public bool) string {
	if public {
		return mask.Text(s)
	}
	return s
}

// sink writes rows of values in one file format.
type sink interface {
	header(names []string) error
	row(values []any) error
	close() error
}

// cellText is a value as a cell: numbers in decimal, times in RFC 3339, lists
// as JSON.
func cellText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return formatTime(x), nil
	}
	b, err := marshal(v)
	return string(b), err
}

// marshal is json.Marshal without HTML escaping, so Chinese text and
// angle brackets stay readable in the file.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

type csvSink struct {
	w     io.Writer
	c     *csv.Writer
	cells []string
}

func newCSVSink(w io.Writer) *csvSink { return &csvSink{w: w, c: csv.NewWriter(w)} }

func (s *csvSink) header(names []string) error {
	if _, err := s.w.Write(bom); err != nil {
		return err
	}
	return s.c.Write(names)
}

func (s *csvSink) row(values []any) error {
	s.cells = s.cells[:0]
	for _, v := range values {
		t, err := cellText(v)
		if err != nil {
			return err
		}
		s.cells = append(s.cells, t)
	}
	return s.c.Write(s.cells)
}

func (s *csvSink) close() error {
	s.c.Flush()
	return s.c.Error()
}

// jsonSink writes one object per line, keys in column order; lists stay
// lists and numbers numbers.
type jsonSink struct {
	w     io.Writer
	names []string
	buf   bytes.Buffer
}

func (s *jsonSink) header(names []string) error {
	s.names = names
	return nil
}

func (s *jsonSink) row(values []any) error {
	s.buf.Reset()
	s.buf.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			s.buf.WriteByte(',')
		}
		k, _ := marshal(s.names[i])
		s.buf.Write(k)
		s.buf.WriteByte(':')
		if t, ok := v.(time.Time); ok {
			v = formatTime(t)
		}
		b, err := marshal(v)
		if err != nil {
			return err
		}
		s.buf.Write(b)
	}
	s.buf.WriteString("}\n")
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

func (s *jsonSink) close() error { return nil }

// xlsxCellMax is the longest text a spreadsheet cell holds.
const xlsxCellMax = 32767

// xlsxSink streams rows into one sheet, so memory stays flat however many
// messages are written; the workbook goes to w when it is closed.
type xlsxSink struct {
	w    io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	line int
	err  error
}

func newXLSXSink(w io.Writer) *xlsxSink {
	f := excelize.NewFile()
	s := &xlsxSink{w: w, f: f}
	sheet := catalog.T("transfer.sheet")
	if s.err = f.SetSheetName(f.GetSheetName(0), sheet); s.err == nil {
		s.sw, s.err = f.NewStreamWriter(sheet)
	}
	return s
}

func (s *xlsxSink) header(names []string) error {
	if s.err != nil {
		return s.err
	}
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = n
	}
	return s.put(cells)
}

func (s *xlsxSink) row(values []any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		switch v.(type) {
		case int, int64:
			cells[i] = v
			continue
		}
		t, err := cellText(v)
		if err != nil {
			return err
		}
		if utf8.RuneCountInString(t) > xlsxCellMax {
			return errors.New(catalog.T("transfer.cell_too_long", nativeColumns[i], xlsxCellMax))
		}
		cells[i] = t
	}
	return s.put(cells)
}

func (s *xlsxSink) put(cells []any) error {
	s.line++
	ref, err := excelize.CoordinatesToCellName(1, s.line)
	if err != nil {
		return err
	}
	return s.sw.SetRow(ref, cells)
}

func (s *xlsxSink) close() error {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	return s.f.Write(s.w)
}
