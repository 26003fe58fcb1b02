//go:build !race

package server_test

// raceDetector reports whether the tests run with -race.
const raceDetector = false
