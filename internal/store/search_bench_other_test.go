//go:build !linux

package store_test

import "time"

// threadCPU is not measured outside Linux.
func threadCPU() time.Duration { return 0 }

// backendCPU is not measured outside Linux.
func backendCPU(int) time.Duration { return 0 }
