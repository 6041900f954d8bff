package gen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// Options say what history to generate.
type Options struct {
	// Messages is how many messages to write.
	Messages int
	// From and To bound when messages are written; To is also the
	// present of the history: nothing happens after it, so the messages
	// of its last weeks are still open.
	From, To time.Time
	// Seed makes the history: the same seed, options and store give the
	// same messages.
	Seed uint64
	// Batch is the messages written per transaction; zero means
	// DefaultBatch.
	Batch int
	// Workers compose messages beside the writer; zero means one per
	// processor.
	Workers int
	// Policy and Calendar are the deadline rules; zero values mean
	// lifecycle.DefaultPolicy and the official calendar. The types'
	// handling days are taken from the store's lists over Policy.
	Policy   lifecycle.Policy
	Calendar Calendar
	// Progress, when set, hears how many messages are written after
	// each batch.
	Progress io.Writer
}

// Calendar counts working days both ways (*calendar.Calendar is one).
type Calendar interface {
	lifecycle.Calendar
	WorkdaysBetween(from, to time.Time) int
}

// DefaultBatch is the messages written per transaction: big enough that
// a transaction's cost vanishes, small enough that the rollups' fold on
// PostgreSQL, which takes a transaction's events whole, stays small.
const DefaultBatch = 5000

// Summary is what a run wrote.
type Summary struct {
	Messages, Events, Replies, Followups, Ratings int
	Boards, Authors                               int
	// Unfolded counts the messages whose events were left to the rollups'
	// normal fold, because other events were waiting for it when their
	// batch was written (SQLite only; see store.ImportFolded).
	Unfolded int
	Elapsed  time.Duration
}

func (s Summary) String() string {
	rate := float64(s.Messages) / max(s.Elapsed.Seconds(), 1e-9)
	return catalog.T("gen.summary", s.Messages, s.Events, s.Replies, s.Followups, s.Ratings, s.Authors, s.Elapsed.Round(time.Millisecond), rate)
}

// Run fills the store with a generated history; see the package comment.
func Run(ctx context.Context, s *store.Store, o Options) (Summary, error) {
	start := time.Now()
	if err := o.defaults(); err != nil {
		return Summary{}, err
	}
	// Each type's handling days are the store's lists' (the boards it
	// writes to have no rules of their own yet).
	lists, err := s.LoadVocab(ctx, o.Policy)
	if err != nil {
		return Summary{}, err
	}
	o.Policy = lists.Default()
	g, err := newGenerator(ctx, s, o)
	if err != nil {
		return Summary{}, err
	}
	// The batches are folded into the rollups as they are written, by the
	// rules the figures count with. Events already waiting are folded
	// first, so that the batches find the watermark at the last event and
	// can move it on (on an empty store there are none).
	g.fold = stats.Rules{Calendar: o.Calendar, Policy: o.Policy, Boards: lists}.Fold
	if _, err := s.RefreshStats(ctx, g.fold); err != nil {
		return Summary{}, err
	}
	// Into an empty store the secondary indexes are built once at the end
	// rather than kept in order row by row.
	deferred, err := s.DeferIndexes(ctx)
	if err != nil {
		return Summary{}, err
	}
	sum, err := g.write(ctx, s)
	if deferred {
		// Built even when the load failed, so that what it wrote is a
		// normal store.
		err = errors.Join(err, s.RestoreIndexes(context.WithoutCancel(ctx)))
	}
	if err == nil {
		// The batches folded themselves, but on PostgreSQL the watermark
		// moves only with a refresh; until then every question for
		// figures looks for work among all the events just written. This
		// refresh finds none to fold and moves it past the load.
		_, err = s.RefreshStats(ctx, g.fold)
	}
	sum.Authors = len(g.world.authors)
	sum.Elapsed = time.Since(start)
	return sum, err
}

func (o *Options) defaults() error {
	if o.Messages < 1 {
		return errors.New(catalog.T("gen.messages"))
	}
	if o.From.IsZero() {
		o.From = time.Date(2019, 1, 1, 0, 0, 0, 0, calendar.China)
	}
	if o.To.IsZero() {
		o.To = time.Date(2021, 1, 1, 0, 0, 0, 0, calendar.China)
	}
	if !o.To.After(o.From) {
		return errors.New(catalog.T("gen.order"))
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Policy.DefaultDays == 0 {
		o.Policy = lifecycle.DefaultPolicy()
	}
	if o.Calendar == nil {
		o.Calendar = calendar.Default()
	}
	return nil
}

// generator holds what every message's draw reads; it is not changed
// after newGenerator, so workers share it.
type generator struct {
	o       Options
	world   *world
	domains []string
	pickDom distribution
	types   map[string]distribution // by domain
	years   float64                 // the history's length in years
	// fold is the figures' rule, applied to each batch as it is written.
	fold func([]store.StatsEvent) store.StatsDelta
}

func newGenerator(ctx context.Context, s *store.Store, o Options) (*generator, error) {
	rng := rand.New(rand.NewPCG(o.Seed, 0x6c6979616e))
	w, err := build(ctx, s, o, rng)
	if err != nil {
		return nil, err
	}
	// About three messages per author, some writing many.
	if err := w.addAuthors(ctx, s, o, rng, max(20, o.Messages/3)); err != nil {
		return nil, err
	}
	g := &generator{o: o, world: w, types: map[string]distribution{}}
	var weights []float64
	for d := range domainCounts {
		g.domains = append(g.domains, d)
	}
	sortStrings(g.domains)
	for _, d := range g.domains {
		weights = append(weights, domainCounts[d])
	}
	g.pickDom = newDistribution(weights)
	for d, mix := range fitTypes(g.domains) {
		g.types[d] = newDistribution(mix)
	}
	g.years = o.To.Sub(o.From).Hours() / (24 * 365.25)
	return g, nil
}

// when is the i-th message's time: the i-th of n equal slices of the
// growing volume (so that IDs follow time), at a time of day people
// write.
func (g *generator) when(i int, rng *rand.Rand) time.Time {
	p := (float64(i) + rng.Float64()) / float64(g.o.Messages)
	// The volume grows by the factor growth a year: its density is
	// growth^t, whose integral inverts in closed form.
	k := math.Log(growth)
	years := math.Log1p(p*(math.Exp(k*g.years)-1)) / k
	t := g.o.From.Add(time.Duration(years * 365.25 * 24 * float64(time.Hour)))
	day := t.In(calendar.China)
	// Most messages are written between eight in the morning and midnight.
	hour := 8 + 16*rng.Float64()
	if rng.Float64() < 0.08 {
		hour = 8 * rng.Float64()
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, calendar.China).Add(time.Duration(hour * float64(time.Hour)))
	if at.Before(g.o.From) {
		at = g.o.From
	}
	if !at.Before(g.o.To) {
		at = g.o.To.Add(-time.Minute)
	}
	return at.Truncate(time.Second)
}

// batch is the records of one transaction.
type batch struct {
	recs []*store.Record
	err  error
}

// write composes batches on the workers, in any order, and hands them
// in order to the writers.
func (g *generator) write(ctx context.Context, s *store.Store) (Summary, error) {
	n := (g.o.Messages + g.o.Batch - 1) / g.o.Batch
	slots := make([]chan batch, n)
	for i := range slots {
		slots[i] = make(chan batch, 1)
	}
	// ahead bounds the batches composed and not yet written.
	ahead := make(chan struct{}, g.o.Workers+2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next sync.Mutex
	k := 0
	var wg sync.WaitGroup
	for range g.o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					return
				}
				next.Lock()
				j := k
				k++
				next.Unlock()
				if j >= n {
					<-ahead
					return
				}
				slots[j] <- g.compose(j)
			}
		}()
	}
	defer wg.Wait()
	// The writers take batches in order. PostgreSQL's sequences hand out
	// IDs to concurrent transactions, so there two write at once, each
	// with a server process of its own; SQLite has one writer.
	writers := 1
	if s.Dialect() == store.Postgres {
		writers = 2
	}
	var sum Summary
	var mu sync.Mutex
	var werr error
	fail := func(err error) {
		mu.Lock()
		if werr == nil {
			werr = err
		}
		mu.Unlock()
		cancel()
	}
	toWrite := make(chan batch)
	var ww sync.WaitGroup
	for range writers {
		ww.Add(1)
		go func() {
			defer ww.Done()
			for b := range toWrite {
				_, folded, err := s.ImportFolded(ctx, b.recs, g.fold)
				if err != nil {
					fail(err)
					return
				}
				mu.Lock()
				sum.add(b.recs)
				if !folded {
					sum.Unfolded += len(b.recs)
				}
				if g.o.Progress != nil {
					fmt.Fprintf(g.o.Progress, "\r%d / %d", sum.Messages, g.o.Messages)
				}
				mu.Unlock()
			}
		}()
	}
	for j := 0; j < n && ctx.Err() == nil; j++ {
		var b batch
		select {
		case b = <-slots[j]:
		case <-ctx.Done():
			continue
		}
		<-ahead
		if b.err != nil {
			fail(b.err)
			continue
		}
		select {
		case toWrite <- b:
		case <-ctx.Done():
		}
	}
	close(toWrite)
	ww.Wait()
	if g.o.Progress != nil {
		fmt.Fprintln(g.o.Progress)
	}
	if werr == nil {
		werr = ctx.Err()
	}
	return sum, werr
}

// add counts written records.
func (s *Summary) add(recs []*store.Record) {
	for _, r := range recs {
		s.Messages++
		s.Events += len(r.Events)
		s.Replies += len(r.Replies)
		s.Followups += len(r.Followups)
		if r.Rating != nil {
			s.Ratings++
		}
	}
}

// compose draws the messages of batch j.
func (g *generator) compose(j int) batch {
	lo := j * g.o.Batch
	hi := min(lo+g.o.Batch, g.o.Messages)
	recs := make([]*store.Record, 0, hi-lo)
	for i := lo; i < hi; i++ {
		r, err := g.message(i)
		if err != nil {
			return batch{err: err}
		}
		recs = append(recs, r)
	}
	return batch{recs: recs}
}
