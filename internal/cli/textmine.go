package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/catalog"
	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/dedupe"
	"liuyan/internal/textmine/hot"
	"liuyan/internal/textmine/replyscore"
	"liuyan/internal/textmine/segment"
)

// The text-mining commands work on CSV files in the shared formats and
// need no database: train, classify, dedupe, hot and replyscore.

// trainCmd trains a domain classifier from a directory of training files.
func trainCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	var c common
	fromStore := fs.Bool("from-store", false, "train on the board's own messages and their domains as staff corrected them")
	fs.StringVar(&c.dataDir, "store", "liuyan-data", "with --from-store: directory of the embedded database (or set DATABASE_URL)")
	data := fs.String("data", "", "directory holding train_segmented.csv and/or sample_raw.csv")
	out := fs.String("o", "", "file to write the model to")
	exclude := fs.String("exclude", "", "evaluation file (label,text) whose messages are left out of training")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *fromStore && *out != "" {
		return trainFromStore(&c, *out, stdout)
	}
	if *data == "" || *out == "" {
		return errors.New(catalog.T("textmine.usage_train"))
	}
	seg := segment.Default()
	var held []string
	if *exclude != "" {
		_, texts, err := classify.ReadEval(*exclude, seg)
		if err != nil {
			return err
		}
		held = texts
	}
	d, err := classify.ReadDir(*data, seg, held)
	if err != nil {
		return err
	}
	start := time.Now()
	o := classify.DefaultOptions
	o.Terms = d.Terms
	m, err := classify.Train(d.Examples, o)
	if err != nil {
		return err
	}
	if err := m.SaveFile(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained on %d messages (%d segmented, %d raw; %d raw already in the segmented file, %d held out) and %d label-tree terms in %s\nlabels: %s\nmodel written to %s\n",
		len(d.Examples), d.Segmented, d.Raw, d.RawDuplicates, d.Excluded, len(d.Terms), time.Since(start).Round(time.Millisecond),
		strings.Join(m.Labels(), " "), *out)
	return nil
}

// classifyCmd labels one text, or evaluates a model on a label,text file.
func classifyCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	modelPath := fs.String("model", "", "model file (default: the model built into liuyan)")
	eval := fs.String("eval", "", "evaluation file with header label,text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if (*eval == "") == (strings.TrimSpace(text) == "") {
		return errors.New(catalog.T("textmine.usage_classify"))
	}
	var m *classify.Model
	var err error
	if *modelPath != "" {
		m, err = classify.LoadFile(*modelPath, nil)
	} else {
		m, err = classify.Default()
	}
	if err != nil {
		return err
	}
	if *eval == "" {
		label, conf := m.Classify(text)
		fmt.Fprintf(stdout, "%s %.4f\n", label, conf)
		return nil
	}
	examples, _, err := classify.ReadEval(*eval, segment.Default())
	if err != nil {
		return err
	}
	return classify.Evaluate(m, examples).Write(stdout)
}

// dedupeCmd prints the groups of near-duplicate messages in a file.
func dedupeCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dedupe", flag.ContinueOnError)
	input := fs.String("input", "", "message file (留言编号, 留言主题, 留言详情, …)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *input == "" {
		return errors.New(catalog.T("textmine.usage_dedupe"))
	}
	msgs, err := corpus.ReadMessagesFile(*input, "留言编号", "留言主题", "留言详情")
	if err != nil {
		return err
	}
	prints := make([]dedupe.Fingerprint, len(msgs))
	for i, m := range msgs {
		prints[i] = dedupe.Of(m.Title, m.Body)
	}
	groups := dedupe.Groups(prints)
	inGroups, sets := 0, 0
	for n, g := range groups {
		// Copies that differ only in the export's white space are
		// identical; mark each member that has such a twin with "=".
		twins := map[string]int{}
		for _, i := range g {
			twins[squeezeSpace(msgs[i].Text())]++
		}
		for _, c := range twins {
			if c > 1 {
				sets++
			}
		}
		inGroups += len(g)
		fmt.Fprintf(stdout, "group %d: %d messages\n", n+1, len(g))
		for _, i := range g {
			m := msgs[i]
			mark := "~"
			if twins[squeezeSpace(m.Text())] > 1 {
				mark = "="
			}
			fmt.Fprintf(stdout, "  %s %s\t%s\t%s\t%s\n", mark, m.ID, m.User, timeOrDash(m.Time), m.Title)
		}
	}
	fmt.Fprintf(stdout, "%d messages, %d groups of near-duplicates holding %d messages; %d sets identical in title and body (=)\n",
		len(msgs), len(groups), inGroups, sets)
	return nil
}

func squeezeSpace(s string) string { return strings.Join(strings.Fields(s), "") }

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return corpus.FormatTime(t)
}

// hotCmd writes the hot-issue tables of the 2020 TipDM task.
func hotCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("hot", flag.ContinueOnError)
	input := fs.String("input", "", "message file with 留言时间, 点赞数 and 反对数")
	top := fs.Int("top", 5, "number of hot issues to write")
	out := fs.String("out", "", "directory to write 热点问题表.csv and 热点问题留言明细表.csv to")
	now := fs.String("now", "", "reference time of growth and recency, YYYY-MM-DD (default: the newest message)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *input == "" || *out == "" || *top < 1 {
		return errors.New(catalog.T("textmine.usage_hot"))
	}
	var ref time.Time
	if *now != "" {
		t, err := corpus.ParseTime(*now)
		if err != nil {
			return err
		}
		ref = t
	}
	msgs, err := corpus.ReadMessagesFile(*input, "留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "反对数", "点赞数")
	if err != nil {
		return err
	}
	issues := hot.Find(msgs, ref, hot.DefaultOptions)
	summary, detail, parts := hot.Tables(issues, *top)
	for _, t := range []struct {
		name   string
		header []string
		rows   [][]string
	}{{hot.SummaryFile, hot.SummaryHeader, summary}, {hot.DetailFile, hot.DetailHeader, detail}, {hot.PartsFile, hot.PartsHeader, parts}} {
		if err := corpus.WriteTableFile(*out, t.name, t.header, t.rows); err != nil {
			return err
		}
	}
	w := hot.DefaultOptions.Heat
	fmt.Fprintf(stdout, "heat = 100 × (%.2f·ln(1+messages)/max + %.2f·ln(1+authors)/max + %.2f·ln(1+likes−dislikes)/max + %.2f·growth + %.2f·recency)\n",
		w.Messages, w.Authors, w.Support, w.Growth, w.Recency)
	fmt.Fprintln(stdout, strings.Join(hot.PartsHeader, "\t")+"\t"+hot.SummaryHeader[5])
	for i, row := range parts {
		fmt.Fprintln(stdout, strings.Join(row, "\t")+"\t"+summary[i][5])
	}
	fmt.Fprintf(stdout, "%d messages in %d groups; wrote %s, %s and %s\n", len(msgs), len(issues),
		filepath.Join(*out, hot.SummaryFile), filepath.Join(*out, hot.DetailFile), filepath.Join(*out, hot.PartsFile))
	return nil
}

// replyscoreHeader heads the score table; the element columns follow
// replyscore.Elements.
var replyscoreHeader = []string{"留言编号", "答复时间", "得分", "相关性", "完整性", "可解释性", "时效性", "办理工作日"}

// replyscoreCmd scores every reply of a file.
func replyscoreCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("replyscore", flag.ContinueOnError)
	input := fs.String("input", "", "file with 留言主题, 留言详情, 留言时间, 答复意见 and 答复时间")
	out := fs.String("out", "", "CSV file to write the scores to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *input == "" || *out == "" {
		return errors.New(catalog.T("textmine.usage_replyscore"))
	}
	msgs, err := corpus.ReadMessagesFile(*input, "留言编号", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间")
	if err != nil {
		return err
	}
	texts := make([]string, 0, 2*len(msgs))
	for _, m := range msgs {
		texts = append(texts, m.Text(), m.Reply)
	}
	s := replyscore.NewScorer(nil, nil, texts)
	header := append([]string{}, replyscoreHeader...)
	for _, e := range replyscore.Elements {
		header = append(header, e.Name)
	}
	rows := make([][]string, 0, len(msgs))
	total := 0.0
	for _, m := range msgs {
		p := s.Parts(replyscore.Reply{Title: m.Title, Body: m.Body, Asked: m.Time, Text: m.Reply, Answered: m.ReplyTime})
		score := p.Score(replyscore.DefaultWeights)
		total += score
		row := []string{m.ID, timeOrDash(m.ReplyTime), strconv.FormatFloat(score, 'f', 1, 64),
			f3(p.Relevance), f3(p.Completeness), f3(p.Interpretability), f3(p.Timeliness), strconv.Itoa(p.Workdays)}
		for _, found := range p.Found {
			row = append(row, map[bool]string{true: "1", false: "0"}[found])
		}
		rows = append(rows, row)
	}
	dir, name := filepath.Split(*out)
	if dir == "" {
		dir = "."
	}
	if err := corpus.WriteTableFile(dir, name, header, rows); err != nil {
		return err
	}
	mean := 0.0
	if len(msgs) > 0 {
		mean = total / float64(len(msgs))
	}
	fmt.Fprintf(stdout, "scored %d replies, mean score %.1f; wrote %s\n", len(msgs), mean, *out)
	return nil
}

func f3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// trainFromStore trains on the accepted messages of the store, labelled
// with their domains after staff corrections (the reclassify action), so
// a deployment learns its own 15 domains.
func trainFromStore(c *common, out string, stdout io.Writer) error {
	ctx := context.Background()
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	texts, err := s.TrainingTexts(ctx, 200000)
	if err != nil {
		return err
	}
	seg := segment.Default()
	examples := make([]classify.Example, 0, len(texts))
	for _, t := range texts {
		examples = append(examples, classify.Example{Label: t.Domain, Words: seg.Words(t.Title + t.Body)})
	}
	m, err := classify.Train(examples, classify.DefaultOptions)
	if err != nil {
		return err
	}
	if err := m.SaveFile(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained on %d messages of the store\nlabels: %s\nmodel written to %s (serve it with LIUYAN_CLASSIFIER_MODEL=%s)\n",
		len(examples), strings.Join(m.Labels(), " "), out, out)
	return nil
}
