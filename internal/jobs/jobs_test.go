package jobs

import (
	"testing"

	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/notify"
)

// TestEveryNotificationHasWords checks that each action notify.For can
// produce has its sentence in the catalogue.
func TestEveryNotificationHasWords(t *testing.T) {
	m := &message.Message{AuthorID: 7}
	for _, a := range lifecycle.Actions {
		ev := &message.Event{Action: a, To: lifecycle.Replied, UnitID: 3}
		if len(notify.For(ev, m)) > 0 && !catalog.Has("notify."+string(a)) {
			t.Errorf("no sentence for notification of %s", a)
		}
	}
}
