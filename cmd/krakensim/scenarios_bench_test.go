package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/fixtures"
	"github.com/krakensim/krakensim/scenarios"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
)

// writeRecordedScenarios writes files scenario files of perFile rules each into dir,
// as a recording makes them: every rule on createAccountPaymentSchedule, told apart by
// the account number only, answering data (withData) or a documented error.
func writeRecordedScenarios(tb testing.TB, dir string, files, perFile int, withData bool) {
	tb.Helper()
	for f := range files {
		var sb strings.Builder
		fmt.Fprintf(&sb, "name: recorded-%d\ndescription: answers recorded per account\nrules:\n", f)
		for i := range perFile {
			n := f*perFile + i
			if withData {
				fmt.Fprintf(&sb, "  - when:\n      field: createAccountPaymentSchedule\n      variables: {input.accountNumber: A-%08X}\n"+
					"    then:\n      data:\n        schedule: {id: \"%d\", paymentDay: %d}\n", n, n, n%28+1)
			} else {
				fmt.Fprintf(&sb, "  - when: {field: createAccountPaymentSchedule, variables: {input.accountNumber: A-%08X}}\n    then: {error: KT-CT-3942}\n", n)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("recorded-%d.yaml", f)), []byte(sb.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkLoadScenarios loads ten files of 10,000 rules each on one field, differing
// only by a variable's value, as serve --scenarios does: parse, lint against the
// embedded contract, then index them in a new simulator with the files' scenarios
// active. cpu-ms/op is the process's CPU time (all threads, the collector's included),
// which other work on a shared machine skews less than the wall time.
func BenchmarkLoadScenarios(b *testing.B) {
	var sf schemaFlags
	c, err := sf.load()
	if err != nil {
		b.Fatal(err)
	}
	world, err := fixtures.Build(fixtures.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for _, withData := range []bool{false, true} {
		answer := "error"
		if withData {
			answer = "data"
		}
		b.Run("rules=100000/"+answer, func(b *testing.B) {
			dir := b.TempDir()
			writeRecordedScenarios(b, dir, 10, 10000, withData)
			cfg := platform.Config(c.api, c.auth, c.registry, world)
			src := &scenarioSource{paths: []string{dir}, contract: scenarios.Contract{
				API: c.api, Auth: c.auth, Registry: c.registry, Routes: scenarios.RouteNames(cfg.Routes),
			}}
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				all, fromFiles, _, _, err := src.load(false)
				if err != nil {
					b.Fatal(err)
				}
				cfg.Scenarios, cfg.ActiveScenarios = all, fromFiles
				if _, err := sim.New(cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}
