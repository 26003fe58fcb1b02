//go:build !unix

package main

import "time"

// processCPU is zero where the process's CPU time is not read (cpu-ms/op reads 0).
func processCPU() time.Duration { return 0 }
