package hot

import (
	"math"
	"time"
)

// Weights weigh the five parts of the heat index; they add up to 1 so that
// the index runs from 0 to 100.
type Weights struct {
	Messages, Authors, Support, Growth, Recency float64
	// Window is the span over which growth is measured and the time
	// constant of recency.
	Window time.Duration
}

// DefaultWeights put most weight on how many people raise a problem and
// back it, and some on whether it is growing and current.
var DefaultWeights = Weights{Messages: 0.30, Authors: 0.25, Support: 0.25, Growth: 0.10, Recency: 0.10, Window: 30 * 24 * time.Hour}

// Parts are the measured parts of a group's heat, before weighting.
type Parts struct {
	Messages int // messages in the group
	Authors  int // distinct authors
	Likes    int // 点赞数, summed
	Dislikes int // 反对数, summed
	// Growth is the share of the group's messages in the last Window before
	// the reference time minus the share in the Window before that, mapped
	// from [-1, 1] to [0, 1]: 0.5 is steady, 1 all new.
	Growth float64
	// Recency is exp(-age/Window), age being the time from the group's
	// newest message to the reference time.
	Recency float64
}

// Support is the net backing of a group: likes less dislikes, never below
// zero.
func (p Parts) Support() int { return max(p.Likes-p.Dislikes, 0) }

// Heat computes the heat index of each group from its parts:
//
//	heat = 100 × ( wM·ln(1+M)/ln(1+M*) + wA·ln(1+A)/ln(1+A*) + wS·ln(1+S)/ln(1+S*)
//	             + wG·G + wR·R )
//
// where M, A and S are the group's messages, distinct authors and net
// support, M*, A* and S* the largest among the groups ranked (so the
// hottest group on each count scores 1 on it), G the growth and R the
// recency. Logarithms keep one group with thousands of likes from drowning
// everything else.
func Heat(parts []Parts, w Weights) []float64 {
	var topM, topA, topS float64
	for _, p := range parts {
		topM = max(topM, math.Log1p(float64(p.Messages)))
		topA = max(topA, math.Log1p(float64(p.Authors)))
		topS = max(topS, math.Log1p(float64(p.Support())))
	}
	out := make([]float64, len(parts))
	for i, p := range parts {
		h := w.Messages*scaled(math.Log1p(float64(p.Messages)), topM) +
			w.Authors*scaled(math.Log1p(float64(p.Authors)), topA) +
			w.Support*scaled(math.Log1p(float64(p.Support())), topS) +
			w.Growth*p.Growth + w.Recency*p.Recency
		out[i] = 100 * h
	}
	return out
}

func scaled(v, top float64) float64 {
	if top == 0 {
		return 0
	}
	return v / top
}

// measure counts the parts of a group of messages against the reference
// time now.
func measure(times []time.Time, users []string, likes, dislikes []int, now time.Time, window time.Duration) Parts {
	p := Parts{Messages: len(times)}
	authors := map[string]bool{}
	var newest time.Time
	recent, before := 0, 0
	for i, t := range times {
		authors[users[i]] = true
		p.Likes += likes[i]
		p.Dislikes += dislikes[i]
		if t.After(newest) {
			newest = t
		}
		switch age := now.Sub(t); {
		case age < 0:
		case age <= window:
			recent++
		case age <= 2*window:
			before++
		}
	}
	p.Authors = len(authors)
	n := float64(len(times))
	p.Growth = (1 + (float64(recent)-float64(before))/n) / 2
	if age := now.Sub(newest); age > 0 {
		p.Recency = math.Exp(-float64(age) / float64(window))
	} else {
		p.Recency = 1
	}
	return p
}
