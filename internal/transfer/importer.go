package transfer

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/textmine/dedupe"
	"liuyan/internal/vocab"
)

// Options say where imported messages go and how.
type Options struct {
	// Region is the region code whose boards the file's board names are
	// looked up in (the subtree below it), and where the default board of
	// files that name none is made. "" is the whole country.
	Region string
	// BoardID sends every row to this board, whatever the file says.
	BoardID int64
	// CreateBoards allows creating the boards a file names that do not
	// exist yet, and the default board for files that name none.
	CreateBoards bool
	// Source names where the file comes from; with the original IDs it
	// keeps a second import of the same file from adding anything. The
	// default is the file's name without its extension. Rows of liuyan's
	// own export carry their source and keep it.
	Source string
	// Policy and Calendar set the deadlines of imported messages; zero
	// values mean lifecycle.DefaultPolicy and the official calendar.
	Policy lifecycle.Policy
	// Lists are the types and domains rows are mapped to, and the boards'
	// own deadlines over Policy; nil reads them from the store.
	Lists    *vocab.Set
	Calendar lifecycle.Calendar
	// Now is the present, for what an imported history may not reach past
	// and for closing replies whose rating window has passed; zero means
	// time.Now.
	Now time.Time
	// Progress receives a progress bar for files of more than
	// progressRows rows; nil for none. The command line passes standard
	// error when it is a terminal.
	Progress io.Writer
	// BatchSize is the number of messages written per transaction; zero
	// means DefaultBatch.
	BatchSize int
	// Suggest reads a message's domain from its text, as at submission
	// (workflow.Desk.Suggest: the classifier of internal/textmine); nil
	// leaves imported messages without a suggestion.
	Suggest func(title, body string) (label string, confidence float64)
	// Workers classify and fingerprint batches beside the reader and the
	// writer; zero means one per processor.
	Workers int
}

// DefaultBatch is the messages written per transaction: large enough
// that a transaction's fixed cost vanishes, small enough that one bad row
// found by the database costs little to isolate.
const DefaultBatch = 5000

// maxProblems bounds the rejected rows a summary lists; all are counted.
const maxProblems = 1000

// Summary is what an import did.
type Summary struct {
	Format  Format
	Source  string
	Rows    int // rows read, header excluded
	Added   int // messages written
	Skipped int // rows already imported before, or repeated in the file
	// Rejected counts the rows that could not be imported; Problems lists
	// the first maxProblems of them with their reasons.
	Rejected int
	Problems []Problem
	// Created lists the boards and units the import created.
	Created []string
	Elapsed time.Duration
}

// Problem is a row that could not be imported.
type Problem struct {
	Line   int
	Reason string
}

func (p Problem) String() string { return catalog.T("transfer.problem", p.Line, p.Reason) }

func (s *Summary) reject(line int, reason string) {
	s.Rejected++
	if len(s.Problems) < maxProblems {
		s.Problems = append(s.Problems, Problem{Line: line, Reason: reason})
	}
}

// Import reads a file into the store; see the package comment. An error
// is returned only when the file as a whole cannot be imported (it cannot
// be opened, its format is unknown, no board can be found for it) or the
// store fails; rows that cannot be imported are listed in the summary.
// An import stopped by an error may simply be run again: the batches it
// wrote are skipped the second time.
func Import(ctx context.Context, s *store.Store, path string, o Options) (*Summary, error) {
	start := time.Now()
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Policy.DefaultDays == 0 {
		o.Policy = lifecycle.DefaultPolicy()
	}
	if o.Calendar == nil {
		o.Calendar = calendar.Default()
	}
	if o.Lists == nil {
		var err error
		if o.Lists, err = s.LoadVocab(ctx, o.Policy); err != nil {
			return nil, err
		}
	}
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatch
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Region != "" {
		if _, ok := region.Get(o.Region); !ok {
			return nil, errors.New(catalog.T("transfer.unknown_region", o.Region))
		}
	}
	t, err := openTable(path)
	if err != nil {
		return nil, err
	}
	defer t.close()
	format, rows, err := detect(t.header())
	if err != nil {
		return nil, err
	}
	sum := &Summary{Format: format, Source: o.Source}
	if sum.Source == "" {
		sum.Source = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	d := newResolver(s, o.Region, o.CreateBoards)
	if o.BoardID != 0 {
		if d.fixed, err = s.Board(ctx, o.BoardID); err != nil {
			return nil, errors.New(catalog.T("transfer.unknown_board", o.BoardID))
		}
	}
	if !rows.namesBoards() && d.fixed == nil && (!o.CreateBoards || o.Region == "") {
		return nil, errors.New(catalog.T("transfer.need_board"))
	}
	im := &importer{authors: map[string]int64{}, s: s, o: o, d: d, rows: rows, sum: sum,
		hist: &historian{lists: o.Lists, cal: o.Calendar, now: o.Now.UTC()}}
	bar := newProgress(o.Progress, t.read)
	err = im.run(ctx, t, bar)
	bar.finish(sum.Rows)
	if err != nil {
		return nil, err
	}
	if err := d.backdate(ctx); err != nil {
		return nil, err
	}
	sum.Created = d.created
	sum.Elapsed = time.Since(start)
	err = s.RecordImport(ctx, store.ImportRun{Source: sum.Source, Format: string(sum.Format), File: filepath.Base(path),
		Rows: sum.Rows, Added: sum.Added, Skipped: sum.Skipped, Rejected: sum.Rejected, Started: start, Finished: start.Add(sum.Elapsed)})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

type importer struct {
	// authors remembers the accounts of authors written before, so that
	// a batch looks up only the new ones.
	authors map[string]int64
	s       *store.Store
	o       Options
	d       *resolver
	rows    rowReader
	hist    *historian
	sum     *Summary
}

// batch is records on their way to the store, with the lines they came
// from, for reporting what the database refuses.
type batch struct {
	recs  []*store.Record
	lines []int
	rows  int // rows read up to the end of this batch
}

// run reads and converts rows on one goroutine, reads each batch's text
// (domain suggestion, fingerprint) on several, and writes batches in
// file order on this one, so that parsing, masking and classifying the
// next batches overlap with the database writing the last.
func (im *importer) run(ctx context.Context, t table, bar *progress) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 1)
	readErr := make(chan error, 1)
	// The reader owns sum.Rows and the rejections until it is done; the
	// writer owns Added and Skipped.
	rejected := &Summary{}
	go func() {
		defer close(batches)
		readErr <- im.read(ctx, t, batches, rejected)
	}()
	// Each batch is handed to a worker and, in file order, to the writer
	// as a one-shot channel the worker fills.
	work := make(chan mining, im.o.Workers)
	ordered := make(chan chan batch, im.o.Workers+1)
	go func() {
		defer close(work)
		defer close(ordered)
		for b := range batches {
			done := make(chan batch, 1)
			ordered <- done
			work <- mining{b, done}
		}
	}()
	for range im.o.Workers {
		go func() {
			for m := range work {
				im.mine(m.b)
				m.done <- m.b
			}
		}()
	}
	for done := range ordered {
		b := <-done
		if err := im.write(ctx, b); err != nil {
			cancel()
			for d := range ordered {
				<-d
			}
			<-readErr
			return err
		}
		bar.update(b.rows)
	}
	if err := <-readErr; err != nil {
		return err
	}
	im.sum.Rows = rejected.Rows
	// Rows rejected by the database came later in the file than none in
	// particular; list every problem in line order.
	im.sum.Rejected += rejected.Rejected
	im.sum.Problems = mergeProblems(rejected.Problems, im.sum.Problems)
	return nil
}

// mining is a batch on its way through a worker.
type mining struct {
	b    batch
	done chan batch
}

// mine gives each message of a batch what a submission gets from its
// text: the SimHash fingerprint that finds near-duplicates and, with a
// classifier, the suggested domain; and the token text of its search-index
// row, which the writer would otherwise cut on its own thread.
func (im *importer) mine(b batch) {
	for _, rec := range b.recs {
		m := &rec.Message
		m.Fingerprint = uint64(dedupe.Of(m.Title, m.Body))
		rec.IndexTitle, rec.IndexBody = search.IndexText(m.PublicTitle), search.IndexText(m.PublicBody)
		if im.o.Suggest != nil {
			label, conf := im.o.Suggest(m.Title, m.Body)
			m.SuggestedDomain, _ = im.o.Lists.DomainFor(label)
			m.Confidence = conf
		}
	}
}

func mergeProblems(a, b []Problem) []Problem {
	out := make([]Problem, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || (len(a) > 0 && a[0].Line <= b[0].Line) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out[:min(len(out), maxProblems)]
}

func (im *importer) read(ctx context.Context, t table, out chan<- batch, sum *Summary) error {
	b := batch{}
	for {
		cells, line, err := t.next()
		if err == io.EOF {
			break
		}
		var re *rowError
		if errors.As(err, &re) {
			sum.Rows++
			sum.reject(re.line, re.reason)
			continue
		}
		if err != nil {
			return err
		}
		sum.Rows++
		rec, err := im.convert(ctx, cells, line)
		var rf *refused
		switch {
		case errors.As(err, &re):
			sum.reject(re.line, re.reason)
			continue
		case errors.As(err, &rf):
			sum.reject(line, rf.reason)
			continue
		case err != nil:
			return err
		}
		b.recs, b.lines = append(b.recs, rec), append(b.lines, line)
		if len(b.recs) == im.o.BatchSize {
			b.rows = sum.Rows
			select {
			case out <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			b = batch{}
		}
	}
	if len(b.recs) > 0 {
		b.rows = sum.Rows
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// convert turns one row into a record: its board, author, units and log.
func (im *importer) convert(ctx context.Context, cells []string, line int) (*store.Record, error) {
	it, err := im.rows.item(cells, line, im.o.Lists)
	if err != nil {
		return nil, err
	}
	var rec *store.Record
	if it.native != nil {
		b, err := im.d.named(ctx, it.native.regionCode, it.forum, it.created)
		if err != nil {
			return nil, err
		}
		if rec, err = nativeRecord(ctx, im.d, it, b.ID); err != nil {
			return nil, err
		}
		rec.Message.RegionCode = b.RegionCode
	} else {
		b, err := im.board(ctx, it)
		if err != nil {
			return nil, err
		}
		unit := b.OfficeUnitID
		if it.replyUnit != "" {
			if unit, err = im.d.unit(ctx, unitRef{Name: it.replyUnit, Region: b.RegionCode}); err != nil {
				return nil, err
			}
		}
		if rec, err = im.hist.build(it, b, unit); err != nil {
			return nil, err
		}
		if err := checkHistory(rec.Events, rec.Message.Status); err != nil {
			return nil, &rowError{line: line, reason: err.Error()}
		}
	}
	rec.Source, rec.SourceID = im.sum.Source, it.sourceID
	if it.source != "" {
		rec.Source = it.source
	}
	rec.Author = im.author(it, rec.Source)
	return rec, nil
}

func (im *importer) board(ctx context.Context, it *item) (*board.Board, error) {
	if it.forum == "" && im.d.fixed == nil {
		return im.d.fallback(ctx, it.created)
	}
	return im.d.forum(ctx, it.forum, it.created)
}

// ImportedLogin is the login of the account made for an author of
// imported messages: "imported:" and where the author comes from. A colon
// is never allowed in a login people choose (account.ValidateLogin), so
// nobody can register an imported author's login and claim the messages.
func ImportedLogin(platform, user string) string {
	if user == "" {
		return "imported:" + platform
	}
	return "imported:" + platform + ":" + user
}

// author is the account of a row's author. TipDM users are one platform's
// users across its files; other files' authors are their source's. A row
// without an author is written by the source's anonymous 网友.
func (im *importer) author(it *item, source string) account.User {
	u := account.User{Name: it.authorName, CreatedAt: it.created.UTC()}
	switch {
	case it.native != nil && strings.HasPrefix(it.author, "imported:"):
		u.Login = it.author
	case it.native != nil && it.author != "":
		u.Login = ImportedLogin(NativeSource, it.author)
	case im.sum.Format == TipDM && it.author != "":
		u.Login = ImportedLogin(string(TipDM), it.author)
	default:
		u.Login = ImportedLogin(source, it.author)
	}
	if u.Name == "" {
		u.Name = catalog.T("transfer.anonymous")
	}
	if utf8.RuneCountInString(u.Name) > 20 {
		u.Name = string([]rune(u.Name)[:20])
	}
	return u
}

// write stores a batch. When the database refuses its data, each record
// is tried alone, so that one bad row is rejected with the database's
// reason and the rest goes in; when the database fails, the import stops.
func (im *importer) write(ctx context.Context, b batch) error {
	for _, rec := range b.recs {
		rec.Author.ID = im.authors[rec.Author.Login]
	}
	added, err := im.s.ImportBatch(ctx, b.recs)
	if err == nil {
		im.sum.Added += added
		im.sum.Skipped += len(b.recs) - added
		im.remember(b.recs)
		return nil
	}
	if !store.IsDataError(err) {
		return err
	}
	for i, rec := range b.recs {
		added, err := im.s.ImportBatch(ctx, []*store.Record{rec})
		if err != nil {
			if !store.IsDataError(err) {
				return err
			}
			im.sum.reject(b.lines[i], catalog.T("transfer.db_refused", err))
			continue
		}
		im.sum.Added += added
		im.sum.Skipped += 1 - added
		im.remember([]*store.Record{rec})
	}
	return nil
}

// maxAuthors bounds the authors remembered: past it, new authors are
// looked up in the store with their batch, as the first time.
const maxAuthors = 500000

// remember notes the accounts of a written batch's authors.
func (im *importer) remember(recs []*store.Record) {
	for _, rec := range recs {
		if len(im.authors) < maxAuthors {
			im.authors[rec.Author.Login] = rec.Message.AuthorID
		}
	}
}

// String is the summary in a sentence.
func (s *Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Rows) / s.Elapsed.Seconds()
	}
	return catalog.T("transfer.summary", s.Rows, s.Added, s.Skipped, s.Rejected, s.Elapsed.Round(time.Millisecond), rate)
}
