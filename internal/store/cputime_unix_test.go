//go:build unix

package store_test

import (
	"syscall"
	"time"
)

// processCPU is the user and system CPU time the process has used. SQLite
// runs in the process, so on a machine shared with other work it says what
// a question cost better than the wall clock; PostgreSQL's own work is not
// in it.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
