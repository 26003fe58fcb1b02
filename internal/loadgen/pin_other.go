//go:build !linux

package main

import (
	"errors"
	"os/exec"
)

var errNoPinning = errors.New("pinning is implemented on Linux only")

func allowedCPUs() ([]int, error) { return nil, errNoPinning }

func pinSelf([]int) error { return errNoPinning }

func startWithAffinity(*exec.Cmd, []int) error { return errNoPinning }
