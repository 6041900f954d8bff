package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/catalog"
)

// Message is one row of a message file. Fields whose column is absent stay
// zero; Time and ReplyTime are zero when the column is absent or empty.
type Message struct {
	ID        string
	User      string
	Title     string
	Body      string
	Time      time.Time
	Against   int // 反对数
	Support   int // 点赞数
	Reply     string
	ReplyTime time.Time
	Label     string
	// Other holds the columns this type has no field for, by header name,
	// such as the hand labels 完整性指标 and 可解释性指标.
	Other map[string]string
}

// Text is the title and body joined, the text the classifier and the
// duplicate finder look at.
func (m Message) Text() string {
	if m.Title == "" {
		return m.Body
	}
	return m.Title + "\n" + m.Body
}

// columns maps each header name the files use to the field it fills.
var columns = map[string]func(m *Message, v string) error{
	"留言编号":  func(m *Message, v string) error { m.ID = v; return nil },
	"留言用户":  func(m *Message, v string) error { m.User = v; return nil },
	"留言主题":  func(m *Message, v string) error { m.Title = Clean(v); return nil },
	"留言详情":  func(m *Message, v string) error { m.Body = Clean(v); return nil },
	"text":  func(m *Message, v string) error { m.Body = Clean(v); return nil },
	"答复意见":  func(m *Message, v string) error { m.Reply = Clean(v); return nil },
	"一级分类":  func(m *Message, v string) error { m.Label = strings.TrimSpace(v); return nil },
	"label": func(m *Message, v string) error { m.Label = strings.TrimSpace(v); return nil },
	"反对数":   func(m *Message, v string) error { return count(&m.Against, v) },
	"点赞数":   func(m *Message, v string) error { return count(&m.Support, v) },
	"留言时间":  func(m *Message, v string) error { return stamp(&m.Time, v) },
	"答复时间":  func(m *Message, v string) error { return stamp(&m.ReplyTime, v) },
}

func count(dst *int, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		*dst = 0
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return errors.New(catalog.T("textmine.bad_count", v))
	}
	*dst = n
	return nil
}

func stamp(dst *time.Time, v string) error {
	if strings.TrimSpace(v) == "" {
		*dst = time.Time{}
		return nil
	}
	t, err := ParseTime(v)
	*dst = t
	return err
}

// ReadMessages reads a message file with a header row. need lists the
// columns the caller cannot do without; any of them missing is an error
// naming them, and so is a row whose number or time does not parse (with
// its line number), so that a bad file changes nothing downstream.
func ReadMessages(r io.Reader, need ...string) ([]Message, error) {
	cr := csv.NewReader(stripBOM(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, errors.New(catalog.T("textmine.no_header"))
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if missing := lacking(header, need); len(missing) > 0 {
		return nil, errors.New(catalog.T("textmine.missing_columns", strings.Join(missing, "、")))
	}
	var out []Message
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		var m Message
		for i, v := range rec {
			if i >= len(header) {
				break
			}
			set, ok := columns[header[i]]
			if !ok {
				if m.Other == nil {
					m.Other = map[string]string{}
				}
				m.Other[header[i]] = strings.TrimSpace(v)
				continue
			}
			if err := set(&m, v); err != nil {
				return nil, fmt.Errorf("%s: %w", catalog.T("textmine.at_line", line, header[i]), err)
			}
		}
		out = append(out, m)
	}
}

// ReadMessagesFile is ReadMessages on the named file.
func ReadMessagesFile(name string, need ...string) ([]Message, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, errors.New(catalog.T("textmine.cannot_open", name))
	}
	defer f.Close()
	ms, err := ReadMessages(f, need...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ms, nil
}

func lacking(header, need []string) []string {
	var missing []string
	for _, n := range need {
		found := false
		for _, h := range header {
			if h == n {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, n)
		}
	}
	return missing
}

// stripBOM drops a leading UTF-8 byte-order mark, which Excel writes.
func stripBOM(r io.Reader) io.Reader {
	buf := make([]byte, 3)
	n, _ := io.ReadFull(r, buf)
	if n == 3 && string(buf) == bom {
		return r
	}
	return io.MultiReader(strings.NewReader(string(buf[:n])), r)
}

// Clean trims a cell and collapses the padding the platform's export puts
// around and inside bodies ("\n\t\t\t…"): runs of white space that hold a
// line break become one line break, other runs one space.
func Clean(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	space, newline := false, false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\r', '\n', '\u3000', '\u00a0', '\v', '\f':
			space = true
			newline = newline || r == '\n'
			continue
		}
		if space {
			if newline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			space, newline = false, false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// csvError words a CSV syntax error in Chinese, with its line.
func csvError(err error) error {
	line := 0
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line, err = pe.Line, pe.Err
	}
	return errors.New(catalog.T("textmine.bad_csv", line, err))
}
