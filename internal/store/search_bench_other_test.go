//go:build !linux

package store_test

import "time"

// threadCPU is not measured outside Linux.
func threadCPU() time.Duration { return 0 }

// processCPU is not measured outside Linux.
func processCPU(int) time.Duration { return 0 }
