package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/store/storetest"
)

// TestServeDemoAndShutdown runs the README's first command as a real
// process: the built binary serves demo data on the embedded store (and
// on PostgreSQL with DATABASE_URL set), answers health, readiness and API
// requests, lets a demo account log in, and exits cleanly on SIGTERM.
func TestServeDemoAndShutdown(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "liuyan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("sqlite", func(t *testing.T) { serveDemo(t, bin, "") })
	t.Run("postgres", func(t *testing.T) { serveDemo(t, bin, storetest.PostgresURL(t)) })
}

func serveDemo(t *testing.T, bin, databaseURL string) {
	cmd := exec.Command(bin, "serve", "--demo", "--data", filepath.Join(t.TempDir(), "data"))
	cmd.Env = append(os.Environ(), "LISTEN_ADDR=127.0.0.1:0", "DATABASE_URL="+databaseURL)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// Read the banner: demo logins first, then the address.
	var banner strings.Builder
	base := ""
	sc := bufio.NewScanner(stdout)
	addrRe := regexp.MustCompile(`listening on (http://\S+)`)
	deadline := time.Now().Add(2 * time.Minute)
	for base == "" && time.Now().Before(deadline) && sc.Scan() {
		banner.WriteString(sc.Text() + "\n")
		if m := addrRe.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("no address in output:\n%s\nstderr:\n%s", banner.String(), stderr.String())
	}
	go func() {
		for sc.Scan() {
		}
	}()
	pw := regexp.MustCompile(`password (\S+)\)`).FindStringSubmatch(banner.String())
	if pw == nil || !strings.Contains(banner.String(), "admin") {
		t.Fatalf("demo banner lacks accounts:\n%s", banner.String())
	}

	for _, path := range []string{"/healthz", "/readyz", "/api/v1/regions", "/api/v1/messages?limit=5"} {
		res, err := http.Get(base + path)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", path, res, err)
		}
		res.Body.Close()
	}
	res, err := http.Get(base + "/api/v1/messages?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []struct{ Title string }
	}
	json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if len(list.Items) != 5 {
		t.Errorf("public list of the demo has %d items, want 5", len(list.Items))
	}
	body, _ := json.Marshal(map[string]string{"login": "admin", "password": pw[1]})
	res, err = http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("demo admin login: %v %v", res, err)
	}
	res.Body.Close()

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30 s of SIGTERM")
	}
}
