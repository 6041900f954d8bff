package transfer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"liuyan/internal/catalog"
)

// progressRows is the size from which a file gets a progress bar: smaller
// files are done before a bar would tell anything.
const progressRows = 5000

// progress draws a one-line bar on a terminal: the share of the file read
// when it is known, the rows so far and their rate.
type progress struct {
	w     io.Writer
	read  func() float64
	start time.Time
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, read func() float64) *progress {
	return &progress{w: w, read: read, start: time.Now()}
}

// update redraws the bar at most ten times a second.
func (p *progress) update(rows int) {
	if p.w == nil || rows < progressRows {
		return
	}
	now := time.Now()
	if p.drawn && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	p.draw(rows, p.read(), now)
}

func (p *progress) draw(rows int, share float64, now time.Time) {
	const width = 30
	rate := float64(rows) / max(now.Sub(p.start).Seconds(), 1e-9)
	if share < 0 {
		fmt.Fprintf(p.w, "\r%s", catalog.T("transfer.progress_rows", rows, rate))
		return
	}
	done := int(share * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %s", strings.Repeat("#", done), strings.Repeat(".", width-done), share*100,
		catalog.T("transfer.progress_rows", rows, rate))
}

// finish draws the full bar and ends its line, when one was drawn.
func (p *progress) finish(rows int) {
	if !p.drawn {
		return
	}
	share := p.read()
	if share >= 0 {
		share = 1
	}
	p.draw(rows, share, time.Now())
	fmt.Fprintln(p.w)
}
