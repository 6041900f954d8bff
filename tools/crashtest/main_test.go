package main

import (
	"testing"

	"liuyan/internal/store/storetest"
)

// TestCrashSafety runs the crash test at a size CI can afford, on both
// stores; `go run ./tools/crashtest -n 10000` is the full run.
func TestCrashSafety(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		if err := run(1500, 32, 0.4, "", ""); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		if err := run(1500, 32, 0.4, storetest.PostgresURL(t), ""); err != nil {
			t.Fatal(err)
		}
	})
}
