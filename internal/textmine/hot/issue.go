package hot

import (
	"slices"
	"time"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/segment"
)

// Issue is one hot issue: a group of messages and its heat.
type Issue struct {
	Heat  float64
	Parts Parts
	// Start and End are the times of the group's first and last messages.
	Start, End time.Time
	// Place is the place or group of people the messages name most often,
	// "" if none.
	Place string
	// Description is the title of the message most like the others.
	Description string
	// Messages are the group's messages, oldest first.
	Messages []corpus.Message
}

// Find groups msgs into issues and returns them hottest first (ties by
// more messages, then by earlier start). now is the reference time of
// growth and recency; the zero time stands for the newest message's time.
func Find(msgs []corpus.Message, now time.Time, o Options) []Issue {
	if o.Segmenter == nil {
		o.Segmenter = segment.Default()
	}
	if now.IsZero() {
		for _, m := range msgs {
			if m.Time.After(now) {
				now = m.Time
			}
		}
	}
	docs := vectors(o.Segmenter, msgs, o.MaxShare)
	places := make([][]string, len(msgs))
	for i, m := range msgs {
		places[i] = Places(o.Segmenter, m.Title)
	}
	groups := components(len(msgs), links(docs, places, o.Threshold))
	issues := make([]Issue, 0, len(groups))
	parts := make([]Parts, 0, len(groups))
	for _, g := range groups {
		is := issue(msgs, docs, places, g, now, o.Heat.Window)
		issues = append(issues, is)
		parts = append(parts, is.Parts)
	}
	for i, h := range Heat(parts, o.Heat) {
		issues[i].Heat = h
	}
	slices.SortStableFunc(issues, func(a, b Issue) int {
		switch {
		case a.Heat != b.Heat:
			return cmpDesc(a.Heat, b.Heat)
		case len(a.Messages) != len(b.Messages):
			return len(b.Messages) - len(a.Messages)
		}
		return a.Start.Compare(b.Start)
	})
	return issues
}

func cmpDesc(a, b float64) int {
	if a > b {
		return -1
	}
	return 1
}

// issue describes one group.
func issue(msgs []corpus.Message, docs []doc, places [][]string, g []int, now time.Time, window time.Duration) Issue {
	var is Issue
	times := make([]time.Time, len(g))
	users := make([]string, len(g))
	likes := make([]int, len(g))
	dislikes := make([]int, len(g))
	placeCount := map[string]int{}
	for k, i := range g {
		m := msgs[i]
		is.Messages = append(is.Messages, m)
		times[k], users[k], likes[k], dislikes[k] = m.Time, m.User, m.Support, m.Against
		seen := map[string]bool{}
		for _, p := range places[i] {
			if !seen[p] {
				placeCount[p]++
				seen[p] = true
			}
		}
	}
	slices.SortStableFunc(is.Messages, func(a, b corpus.Message) int { return a.Time.Compare(b.Time) })
	is.Start, is.End = is.Messages[0].Time, is.Messages[len(is.Messages)-1].Time
	is.Parts = measure(times, users, likes, dislikes, now, window)
	for p, n := range placeCount {
		if n > placeCount[is.Place] || (n == placeCount[is.Place] && p < is.Place) {
			is.Place = p
		}
	}
	is.Description = msgs[medoid(docs, g)].Title
	return is
}

// medoid returns the member with the largest summed similarity to the
// others.
func medoid(docs []doc, g []int) int {
	best, bestSum := g[0], -1.0
	for _, i := range g {
		sum := 0.0
		for _, j := range g {
			if i != j {
				sum += dot(docs[i], docs[j])
			}
		}
		if sum > bestSum {
			best, bestSum = i, sum
		}
	}
	return best
}

func dot(a, b doc) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a.feat) && j < len(b.feat); {
		switch {
		case a.feat[i] == b.feat[j]:
			s += a.val[i] * b.val[j]
			i++
			j++
		case a.feat[i] < b.feat[j]:
			i++
		default:
			j++
		}
	}
	return s
}
