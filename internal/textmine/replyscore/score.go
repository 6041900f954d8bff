package replyscore

import (
	"math"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/calendar"
	"liuyan/internal/textmine/segment"
)

// Parts are the four parts of a reply's quality, each from 0 to 1.
type Parts struct {
	Relevance        float64
	Completeness     float64
	Interpretability float64
	Timeliness       float64
	// Workdays is the working days the reply took, -1 when a time is
	// missing (then Timeliness is 0).
	Workdays int
	// Elements lists which parts of a complete reply were found, in the
	// order of Elements.
	Found []bool
}

// Weights weigh the parts in the score; they add up to 1.
type Weights struct {
	Relevance, Completeness, Interpretability, Timeliness float64
}

// DefaultWeights count what the reply says above how fast it came.
var DefaultWeights = Weights{Relevance: 0.25, Completeness: 0.30, Interpretability: 0.25, Timeliness: 0.20}

// Score is the 0–100 score of parts.
func (p Parts) Score(w Weights) float64 {
	s := w.Relevance*p.Relevance + w.Completeness*p.Completeness +
		w.Interpretability*p.Interpretability + w.Timeliness*p.Timeliness
	return math.Round(1000*s) / 10
}

// Element is one part of a complete reply and the phrases that show it.
type Element struct {
	Name string
	cue  *regexp.Regexp
}

// Elements are the parts of a complete reply.
var Elements = []Element{
	{"问候", regexp.MustCompile(`您好|你好|尊敬的|网友|市民|同志`)},
	{"调查核实", regexp.MustCompile(`经查|经调查|经核实|经核查|调查核实|经了解|据了解|了解到|现场查看|实地|核实|调查`)},
	{"处理措施", regexp.MustCompile(`已经|已将|已对|已于|已责令|已安排|责令|督促|要求|安排|整改|协调|处理|落实|将于|下一步`)},
	{"依据", regexp.MustCompile(`根据|依据|按照|依照|《[^》]{2,40}》|规定|条例|办法|政策|文件`)},
	{"联系方式", regexp.MustCompile(`电话|联系|咨询|热线|来电|[0-9x*]{7,}|\d{3,4}-[0-9x*]{5,}`)},
	{"结语", regexp.MustCompile(`感谢|谢谢|欢迎|特此|理解|支持|监督`)},
}

// reasons are the cues of an explained reply: causes, rules, effects.
var reasons = []*regexp.Regexp{
	regexp.MustCompile(`因为|由于|原因|鉴于|之所以`),
	regexp.MustCompile(`《[^》]{2,40}》`),
	regexp.MustCompile(`第[一二三四五六七八九十百0-9]+条|规定|条例|办法|政策|标准`),
	regexp.MustCompile(`因此|所以|故|因而|从而|导致`),
	regexp.MustCompile(`目前|现在|正在|预计|计划`),
	regexp.MustCompile(`一是|二是|首先|其次|第一|第二|\d+[、.]`),
}

// explainedLength is the length, in characters, from which a reply is
// long enough to explain; shorter replies get a proportional share.
const explainedLength = 300

// Deadlines of timeliness, in working days: the default deadline of a
// complaint and the longest with its extension (DESIGN §3).
const (
	onTime   = 7
	extended = 17
)

// Scorer scores replies; it holds the idf of the words of a corpus of
// messages and replies, which relevance needs.
type Scorer struct {
	seg      *segment.Segmenter
	cal      *calendar.Calendar
	idf      map[string]float64
	fallback float64 // idf of a word the corpus did not have
}

// NewScorer learns word idf from texts (messages and replies of the same
// platform; the ones to score will do).
func NewScorer(seg *segment.Segmenter, cal *calendar.Calendar, texts []string) *Scorer {
	if seg == nil {
		seg = segment.Default()
	}
	if cal == nil {
		cal = calendar.Default()
	}
	df := map[string]int{}
	for _, t := range texts {
		seen := map[string]bool{}
		for _, w := range seg.Words(t) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(texts))
	s := &Scorer{seg: seg, cal: cal, idf: make(map[string]float64, len(df)), fallback: math.Log(n + 1)}
	for w, d := range df {
		s.idf[w] = math.Log((n + 1) / float64(d))
	}
	return s
}

// Reply is what Score reads.
type Reply struct {
	Title, Body string    // the message
	Asked       time.Time // when the message was sent
	Text        string    // the reply
	Answered    time.Time // when the reply was published
}

// Parts measures a reply.
func (s *Scorer) Parts(r Reply) Parts {
	var p Parts
	p.Relevance = s.relevance(r)
	found := 0
	for _, e := range Elements {
		ok := e.cue.MatchString(r.Text)
		p.Found = append(p.Found, ok)
		if ok {
			found++
		}
	}
	p.Completeness = 0.6*float64(found)/float64(len(Elements)) + 0.4*lengthShare(r.Text)
	p.Interpretability = s.interpretability(r.Text)
	p.Workdays = -1
	if !r.Asked.IsZero() && !r.Answered.IsZero() {
		p.Workdays = s.cal.WorkdaysBetween(r.Asked, r.Answered)
		p.Timeliness = timeliness(p.Workdays)
	}
	return p
}

func (s *Scorer) interpretability(text string) float64 {
	cues := 0
	for _, re := range reasons {
		if re.MatchString(text) {
			cues++
		}
	}
	return 0.6*float64(cues)/float64(len(reasons)) + 0.4*lengthShare(text)
}

// lengthShare is the reply's length as a share of explainedLength, at most
// 1: a reply of two lines cannot hold findings, action and basis, nor
// explain them.
func lengthShare(text string) float64 {
	return math.Min(1, float64(utf8.RuneCountInString(text))/explainedLength)
}

// timeliness is 1 up to the deadline, falls linearly to 0.5 at the end of
// the longest extension, then halves every further 20 working days.
func timeliness(days int) float64 {
	switch {
	case days <= onTime:
		return 1
	case days <= extended:
		return 1 - 0.5*float64(days-onTime)/float64(extended-onTime)
	}
	return 0.5 * math.Exp2(-float64(days-extended)/20)
}

// relevance mixes the cosine of the word vectors of message and reply
// (scaled so that 0.5, already a close answer, gives full marks) with the
// share of the title's words the reply repeats.
func (s *Scorer) relevance(r Reply) float64 {
	msg := s.vector(r.Title + "\n" + r.Body)
	rep := s.vector(r.Text)
	cos := 0.0
	for w, v := range msg {
		cos += v * rep[w]
	}
	title := s.seg.Words(r.Title)
	echoed := 0
	for _, w := range title {
		if strings.Contains(r.Text, w) {
			echoed++
		}
	}
	echo := 0.0
	if len(title) > 0 {
		echo = float64(echoed) / float64(len(title))
	}
	return 0.5*math.Min(1, cos/0.5) + 0.5*echo
}

// vector is the unit-length TF-IDF vector of text's words.
func (s *Scorer) vector(text string) map[string]float64 {
	tf := map[string]float64{}
	for _, w := range s.seg.Words(text) {
		tf[w]++
	}
	norm := 0.0
	for w, c := range tf {
		idf, ok := s.idf[w]
		if !ok {
			idf = s.fallback
		}
		v := (1 + math.Log(c)) * idf
		tf[w] = v
		norm += v * v
	}
	norm = math.Sqrt(norm)
	for w := range tf {
		tf[w] /= norm
	}
	return tf
}
