package cli

import (
	"testing"

	"liuyan/internal/store/storetest"
)

// TestRemindDaysFromEnv reads the reminder's working days from the
// environment and refuses what cannot be a number of working days.
func TestRemindDaysFromEnv(t *testing.T) {
	s := storetest.SQLite(t)
	d, err := desk(s)
	if err != nil || d.Policy.RemindDays != 2 {
		t.Fatalf("default: %v %v, want 2 working days", d, err)
	}
	t.Setenv("LIUYAN_REMIND_DAYS", "3")
	if d, err = desk(s); err != nil || d.Policy.RemindDays != 3 {
		t.Fatalf("LIUYAN_REMIND_DAYS=3: %v", err)
	}
	for _, bad := range []string{"0", "两天", "11"} {
		t.Setenv("LIUYAN_REMIND_DAYS", bad)
		if _, err := desk(s); err == nil {
			t.Errorf("LIUYAN_REMIND_DAYS=%s accepted", bad)
		}
	}
}
