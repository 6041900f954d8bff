package jobs

import (
	"context"
	"strconv"
	"time"

	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/hot"
)

// HotWindow is how far back hot issues look (issue 5: 30 days by default).
var HotWindow = 30 * 24 * time.Hour

// hotPerRegion bounds the messages one computation reads, so a busy
// province costs seconds, not minutes; the newest are kept.
const hotPerRegion = 5000

// hotTop is how many issues are kept per region.
const hotTop = 10

// hotScopes are the regions hot issues are computed for: the whole country
// ("") and each province.
func hotScopes() []string {
	scopes := []string{""}
	for _, p := range region.Provinces() {
		scopes = append(scopes, p.Code)
	}
	return scopes
}

// RefreshHot recomputes the hot issues of the country and every province
// over the sliding window. Running it on several instances at once is
// harmless: each replaces a region's list in one transaction with the same
// result.
func (r *Runner) RefreshHot(ctx context.Context) error {
	now := r.now()
	for _, code := range hotScopes() {
		texts, err := r.Store.HotTexts(ctx, region.Prefix(code), now.Add(-HotWindow), hotPerRegion)
		if err != nil {
			return err
		}
		msgs := make([]corpus.Message, len(texts))
		for i, t := range texts {
			msgs[i] = corpus.Message{ID: strconv.FormatInt(t.ID, 10), User: strconv.FormatInt(t.AuthorID, 10),
				Title: t.Title, Body: t.Body, Time: t.At}
		}
		var out []store.HotIssue
		for _, is := range hot.Find(msgs, now, hot.DefaultOptions) {
			if len(out) == hotTop {
				break
			}
			if is.Parts.Messages < 2 {
				continue // a lone message is not yet an issue
			}
			h := store.HotIssue{Rank: len(out) + 1, Heat: is.Heat, Place: is.Place, Description: is.Description,
				Start: is.Start, End: is.End, Messages: is.Parts.Messages, Authors: is.Parts.Authors, ComputedAt: now}
			for _, m := range is.Messages {
				id, _ := strconv.ParseInt(m.ID, 10, 64)
				h.MessageIDs = append(h.MessageIDs, id)
			}
			out = append(out, h)
		}
		if err := r.Store.ReplaceHotIssues(ctx, code, out); err != nil {
			return err
		}
	}
	return nil
}
