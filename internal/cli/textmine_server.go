package cli

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/replyscore"
	"liuyan/internal/textmine/segment"
)

// suggester is the classifier the server suggests domains with: the model
// in LIUYAN_CLASSIFIER_MODEL (from `liuyan train --from-store`) when set,
// the built-in one otherwise, loaded on first use so start-up stays fast.
func suggester() (func(title, body string) (string, float64), error) {
	path := os.Getenv("LIUYAN_CLASSIFIER_MODEL")
	if path == "" {
		return classify.Suggest, nil
	}
	m, err := classify.LoadFile(path, segment.Default())
	if err != nil {
		return nil, fmt.Errorf("LIUYAN_CLASSIFIER_MODEL: %w", err)
	}
	return m.Suggest, nil
}

// scorerAge is how long the reply scorer's word statistics serve before
// they are learnt again from the store's recent messages.
const scorerAge = 24 * time.Hour

// replyScorer scores final replies with word statistics learnt from the
// store's recent messages and replies, refreshed daily.
func replyScorer(s *store.Store) func(m *message.Message, r message.Reply) int {
	var mu sync.Mutex
	var sc *replyscore.Scorer
	var built time.Time
	return func(m *message.Message, r message.Reply) int {
		mu.Lock()
		if sc == nil || time.Since(built) > scorerAge {
			texts, err := s.RecentTexts(context.Background(), 2000)
			if err == nil || sc == nil {
				sc, built = replyscore.NewScorer(segment.Default(), calendar.Default(), append(texts, m.Title+m.Body, r.Body)), time.Now()
			}
		}
		cur := sc
		mu.Unlock()
		asked := m.PublishedAt
		if asked.IsZero() {
			asked = m.CreatedAt
		}
		p := cur.Parts(replyscore.Reply{Title: m.Title, Body: m.Body, Asked: asked, Text: r.Body, Answered: r.CreatedAt})
		return int(p.Score(replyscore.DefaultWeights) + 0.5)
	}
}
