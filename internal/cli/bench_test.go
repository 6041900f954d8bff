package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestBenchCommand runs `liuyan bench` briefly on both stores: it fills an
// empty store, measures every row against its baseline (the figures only
// after checking that rollups and the naive GROUP BY agree), starts a real
// server process, and refuses a store with messages it did not write;
// that --figures-only measures the figures alone and --only the parts
// named.
// Timings on a test machine mean nothing; BENCHMARKS.md has real runs.
func TestBenchCommand(t *testing.T) {
	t.Setenv("LIUYAN_TEST_MAIN", "1") // the server process is this test binary running Main
	rows := []string{"submit through the API", "submit latency at 20 msg/s", "public message page", "board page",
		"search page (/search?q=), one search at a time", "search page (/search?q=), 2 clients",
		"search page within a board or region", "half-year summary 2020H1", "province ranking 2020H1",
		"city ranking 2020H1", "busiest board's figures since the start", "start of `liuyan serve`", "server memory"}
	check := func(t *testing.T, args ...string) {
		code, out, errs := run(append([]string{"bench", "--messages", "400", "--duration", "200ms", "--rounds", "1", "--rate", "20", "--clients", "2"}, args...)...)
		if code != 0 {
			t.Fatalf("bench: exit %d\n%s\n%s", code, out, errs)
		}
		for _, r := range rows {
			if !strings.Contains(out, "| "+r) {
				t.Errorf("no row %q in\n%s", r, out)
			}
		}
		// The run's submissions are accepted afterwards, as a board would,
		// so that the store does not fill with messages nobody may see.
		if !strings.Contains(errs, "submissions: accepted ") || strings.Contains(errs, "submissions: accepted 0\n") {
			t.Errorf("the submissions were not accepted:\n%s", errs)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Setenv("DATABASE_URL", "")
		dir := t.TempDir()
		check(t, "--data", dir)
		// A second run reuses what the first filled.
		code, out, errs := run("bench", "--data", dir, "--duration", "100ms", "--rounds", "1", "--rate", "20", "--no-process")
		if code != 0 || !strings.Contains(errs, "reusing the store's") || strings.Contains(out, "server memory") {
			t.Errorf("second run: %d\n%s\n%s", code, out, errs)
		}
		// The figures alone: the figures' rows and nothing else.
		code, out, errs = run("bench", "--data", dir, "--rounds", "1", "--figures-only")
		if code != 0 || !strings.Contains(out, "| half-year summary 2020H1") || !strings.Contains(out, "| city ranking 2020H1") ||
			!strings.Contains(out, "| busiest board's figures since the start") ||
			strings.Contains(out, "| submit") || strings.Contains(out, "| search page") {
			t.Errorf("figures only: %d\n%s\n%s", code, out, errs)
		}
		// Chosen parts: the submissions and search, nothing else, each
		// timed run with a profile of its own.
		profiles := filepath.Join(t.TempDir(), "p")
		code, out, errs = run("bench", "--data", dir, "--duration", "100ms", "--rate", "20", "--only", "submit,search", "--phase-profiles", profiles)
		if code != 0 || !strings.Contains(out, "| submit through the API") || !strings.Contains(out, "| search page") ||
			strings.Contains(out, "| public message page") || strings.Contains(out, "| half-year summary") || strings.Contains(out, "server memory") {
			t.Errorf("submit and search only: %d\n%s\n%s", code, out, errs)
		}
		for _, name := range []string{"submit-bare", "submit-api", "submit-rate", "search", "search-clients", "search-scoped"} {
			if st, err := os.Stat(profiles + "-" + name + ".prof"); err != nil || st.Size() == 0 {
				t.Errorf("no profile of the timed run %s: %v", name, err)
			}
		}
		if _, err := os.Stat(profiles + "-message-page.prof"); err == nil {
			t.Error("a profile of the pages, which were not measured")
		}
		if code, _, errs := run("bench", "--data", dir, "--only", "submit,typo"); code == 0 || !strings.Contains(errs, `no part "typo"`) {
			t.Errorf("an unknown part: %d %s", code, errs)
		}
		// A store `liuyan gen` filled is synthetic too: bench writes to it.
		genned := t.TempDir()
		if code, _, errs := run("gen", "--data", genned, "--messages", "300"); code != 0 {
			t.Fatal(errs)
		}
		if code, out, errs := run("bench", "--data", genned, "--duration", "100ms", "--rate", "20", "--only", "submit"); code != 0 || !strings.Contains(out, "| submit through the API") {
			t.Errorf("bench on a store gen filled: %d\n%s\n%s", code, out, errs)
		}
		// --copy measures a copy and leaves the store, and the directory
		// beside it, as they were.
		before := messages(t, genned)
		if code, out, errs := run("bench", "--data", genned, "--copy", "--duration", "100ms", "--rate", "20", "--only", "submit"); code != 0 ||
			!strings.Contains(out, "| submit through the API") || !strings.Contains(errs, "measuring a copy of the store") {
			t.Errorf("bench --copy: %d\n%s\n%s", code, out, errs)
		}
		if after := messages(t, genned); after != before {
			t.Errorf("bench --copy wrote to the store: %d messages, %d before", after, before)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(genned), ".liuyan-bench-copy-*")); len(left) != 0 {
			t.Errorf("bench --copy left %v", left)
		}
		if code, _, errs := run("bench", "--copy", "--only", "submit"); code == 0 || !strings.Contains(errs, "--copy measures a copy") {
			t.Errorf("bench --copy without --data: %d %s", code, errs)
		}
		demo := t.TempDir()
		if code, _, errs := run("demo", "--data", demo); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := run("bench", "--data", demo, "--duration", "100ms"); code == 0 || !strings.Contains(errs, "empty store") {
			t.Errorf("bench on the demo's store: %d %s", code, errs)
		}
		// The figures alone write no message, so they measure any store.
		if code, out, errs := run("bench", "--data", demo, "--rounds", "1", "--figures-only"); code != 0 || !strings.Contains(out, "| half-year summary") {
			t.Errorf("figures only on the demo's store: %d\n%s\n%s", code, out, errs)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		t.Setenv("DATABASE_URL", storetest.PostgresURL(t))
		check(t)
	})
}

// messages counts the messages of the embedded store in dir.
func messages(t *testing.T, dir string) int64 {
	t.Helper()
	s, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountMessages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int64(n)
}
