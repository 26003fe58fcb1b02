package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/krakensim/krakensim/internal/testshared"
)

func TestLint(t *testing.T) {
	bad := func(name string) string {
		return filepath.Join("..", "..", "scenarios", "testdata", "bad", name+".yaml")
	}
	good := filepath.Join("..", "..", "scenarios", "testdata", "good")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dupA := write("a.yaml", "name: same\nrules: [{when: {field: viewer}, then: {error: KT-CT-1112}}]\n")
	dupB := write("b.yaml", "name: same\nrules: [{id: other, when: {field: viewer}, then: {error: KT-CT-1112}}]\n")
	public := write("public.yaml", "name: public\nrules:\n  - when: {http: \"GET /v1/electricity-meter-points/{mpan}/meters/{serial}/consumption/\"}\n    then: {status: 500}\n  - when: {http: \"GET /v1/products/\"}\n    then: {status: 503}\n")
	sdl := write("thing.graphql", "type Query {\n  thing(id: ID!): String\n}\n")
	thing := write("thing.yml", "name: thing\nrules: [{when: {field: thing, variables: {id: x}}, then: {data: hello}}]\n")

	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout string // regexp
		stderr string // regexp
	}{
		{name: "pack", args: []string{"lint"}, code: 0, stdout: `^$`, stderr: `^krakensim lint: 0 errors, 0 warnings in 12 scenarios \(8 files\)\n$`},
		{name: "pack strict", args: []string{"lint", "--strict"}, code: 0, stdout: `^$`, stderr: `0 errors, 0 warnings`},
		{name: "good folder", args: []string{"lint", "--strict", good}, code: 0, stdout: `^$`, stderr: `in 3 scenarios \(2 files\)`},
		{name: "unknown field", args: []string{"lint", bad("unknown-field")}, code: 1,
			stdout: `^` + regexp.QuoteMeta(bad("unknown-field")) + `:3:19: error: unknown root field "acount": .* \(did you mean "account"\?\)\n$`,
			stderr: `1 error, 0 warnings in 1 scenario \(1 file\)`},
		{name: "bad yaml", args: []string{"lint", bad("bad-yaml")}, code: 1, stdout: `:4:5: error: bad YAML: did not find expected ',' or '}'\n$`, stderr: `in 0 scenarios \(1 file\)`},
		{name: "warning only", args: []string{"lint", bad("undocumented-code")}, code: 0, stdout: `:4:19: warning: createAccountPaymentSchedule does not document KT-CT-4177`, stderr: `0 errors, 1 warning in`},
		{name: "warning strict", args: []string{"lint", "--strict", bad("undocumented-code")}, code: 1, stdout: `:4:19: error: createAccountPaymentSchedule does not document KT-CT-4177`, stderr: `1 error, 0 warnings`},
		{name: "strict from env", args: []string{"lint", bad("undocumented-code")}, env: map[string]string{"KRAKENSIM_STRICT": "true"}, code: 1, stdout: `error: createAccountPaymentSchedule`},
		{name: "duplicate names across files", args: []string{"lint", dupA, dupB}, code: 1, stdout: regexp.QuoteMeta(dupB) + `:1:7: error: scenario name "same" is already used at ` + regexp.QuoteMeta(dupA) + `:1:7\n$`},
		{name: "several files sorted", args: []string{"lint", bad("unknown-route"), bad("bad-status")}, code: 1, stdout: `(?s)bad-status\.yaml:4:20: error: status 1000.*\n.*unknown-route\.yaml:3:18: error: unknown route`},
		{name: "public REST routes", args: []string{"lint", "--strict", public}, code: 0, stdout: `^$`, stderr: `0 errors, 0 warnings in 1 scenario`},
		{name: "user schema", args: []string{"lint", "--schema", sdl, thing}, code: 0, stdout: `^$`},
		{name: "field not in user schema", args: []string{"lint", thing}, code: 1, stdout: `unknown root field "thing"`},
		{name: "missing path", args: []string{"lint", filepath.Join(dir, "nope")}, code: 2, stderr: `krakensim: lint: .*nope: no such file or directory`},
		{name: "help", args: []string{"lint", "--help"}, code: 0, stdout: `Usage: krakensim lint \[--strict\].*(?s).*--strict\s+treat warnings.*\[KRAKENSIM_STRICT\]`},
		{name: "bad flag", args: []string{"lint", "--strct"}, code: 2, stderr: `krakensim lint: flag provided but not defined: --strct`},
		{name: "listed in help", args: []string{"--help"}, code: 0, stdout: `\n  lint      check scenario files`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, tt.env, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if tt.stdout != "" && !regexp.MustCompile(tt.stdout).MatchString(r.stdout) {
				t.Errorf("stdout %q does not match %q", r.stdout, tt.stdout)
			}
			if tt.stderr != "" && !regexp.MustCompile(tt.stderr).MatchString(r.stderr) {
				t.Errorf("stderr %q does not match %q", r.stderr, tt.stderr)
			}
		})
	}
}

// TestTenantDocumentedCodes: a code the served tenant SDL documents for a field is one a
// scenario can script and `schema errors` types, though the registry does not list it;
// an unknown code's suggestion is one the field documents.
func TestTenantDocumentedCodes(t *testing.T) {
	octopus := testshared.Path(t, "reference", "octopus-schema.graphql")
	origin := testshared.Path(t, "reference", "origin-schema.graphql")
	dir := t.TempDir()
	scenario := func(field, code string) string {
		p := filepath.Join(dir, field+"-"+code+".yaml")
		body := "name: s\nrules:\n  - when: {field: " + field + "}\n    then: {error: " + code + "}\n"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	written := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // regexp
	}{
		{"Octopus performMoveOut KT-GB-6626", []string{"lint", "--strict", "--schema", octopus, scenario("performMoveOut", "KT-GB-6626")}, 0, `^$`},
		{"Origin propertyMoveOut KT-AU-6610", []string{"lint", "--strict", "--schema", origin, scenario("propertyMoveOut", "KT-AU-6610")}, 0, `^$`},
		{"Origin completeStandalonePayment KT-CT-3975", []string{"lint", "--strict", "--schema", origin, scenario("completeStandalonePayment", "KT-CT-3975")}, 0, `^$`},
		{"unknown code suggests a documented one", []string{"lint", "--schema", octopus, scenario("performMoveOut", "KT-GB-6629")}, 1,
			`:4:19: error: unknown error code KT-GB-6629: neither performMoveOut's documentation nor the error registry lists it \(did you mean "KT-GB-6624"\?\)\n$`},
		{"the shipped pack against Origin", []string{"lint", "--strict", "--schema", origin}, 0, `^$`},
		{"an argument, a data key and a code Origin lacks, at their lines", []string{"lint", "--strict", "--schema", origin, written("origin-lacks.yaml",
			"name: s\nrules:\n  - when: {field: updateAccountAddress, variables: {input.accountNumber: A-1}}\n    then: {error: KT-CT-4178}\n"+
				"  - when: {field: account}\n    then: {data: {canChangePayments: true}}\n")}, 1,
			`origin-lacks.yaml:3:53: error: variables: updateAccountAddress has no argument "input"\n` +
				`.*origin-lacks.yaml:4:19: error: updateAccountAddress does not document KT-CT-4178; it documents KT-CT-1113, KT-CT-1111, KT-CT-1112, and the platform's .*\n` +
				`.*origin-lacks.yaml:6:19: error: data: AccountType has no field "canChangePayments" \(did you mean "repayments"\?\)\n$`},
		{"schema errors types every code", []string{"schema", "errors", "performMoveOut", "--schema", octopus}, 0,
			`\nKT-GB-6624\s+APPLICATION\s+An error occurred when trying to process this house move\.\nKT-GB-6625\s+APPLICATION\s+An error occurred when trying to process this house move\.\nKT-GB-6626\s+APPLICATION\s+There was an error processing the PSR data\.\nKT-GB-6627\s+VALIDATION\s+There are missing agent appointments\.\n`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, nil, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !regexp.MustCompile(tt.stdout).MatchString(r.stdout) {
				t.Errorf("stdout %q does not match %q", r.stdout, tt.stdout)
			}
		})
	}
}
