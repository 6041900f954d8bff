//go:build unix

package web_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, user and system,
// all threads: a benchmark's own work on a shared machine, where the wall
// clock also counts the time other programs had the processors.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
