package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Process is a `liuyan serve` started by the benchmark.
type Process struct {
	cmd   *exec.Cmd
	Base  string        // http://host:port
	Ready time.Duration // from start until /readyz answered 200
	// ReadyCPU is the processor time (user + system) the process had used
	// when it was ready: on a shared machine the wall time above mostly
	// measures the wait for a core, this the work of starting.
	ReadyCPU time.Duration
}

// StartServe starts `exe serve args…` with env added to the environment on
// a free loopback port and waits until it is ready.
func StartServe(ctx context.Context, exe string, args, env []string, stderr io.Writer) (*Process, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(exe, append([]string{"serve"}, args...)...)
	cmd.Env = append(append(os.Environ(), env...), "LISTEN_ADDR="+addr)
	cmd.Stdout, cmd.Stderr = io.Discard, stderr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{cmd: cmd, Base: "http://" + addr}
	client := &http.Client{Timeout: time.Second}
	for time.Since(began) < time.Minute && ctx.Err() == nil {
		if res, err := client.Get(p.Base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				p.Ready = time.Since(began)
				p.ReadyCPU, _ = p.CPU()
				return p, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.Stop()
	return nil, errors.New("bench: the server was not ready within a minute")
}

// RSS is the resident memory of the process, from /proc (Linux only).
func (p *Process) RSS() (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("bench: no VmRSS in /proc status")
}

// CPU is the processor time (user + system) the process has used so far,
// from /proc (Linux only).
func (p *Process) CPU() (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces: state is the first, utime and stime the 12th and 13th.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, errors.New("bench: unreadable /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	// The kernel counts in clock ticks, 100 a second on Linux (USER_HZ).
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// Stop ends the process the way an operator would, and waits for it.
func (p *Process) Stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}
