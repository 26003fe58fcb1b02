//go:build race

package server_test

// raceDetector reports whether the tests run with -race, whose sync.Pool drops some of
// what is put back on purpose, so that pooled buffers are sometimes allocated anew.
const raceDetector = true
