package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/krakensim/krakensim/internal/testshared"
)

// These tests check the data in errors.yaml on its own, without the registry loader:
// against the seed's documented errors, the platform codes clients meet, and the tenant
// registry under ../shared/reference (types as facts, descriptions never copied).

// errDataEntry is one code in errors.yaml, decoded strictly.
type errDataEntry struct {
	Type        string `yaml:"type"`
	Message     string `yaml:"message"`
	Description string `yaml:"description"`
	Source      string `yaml:"source"`
	Platform    string `yaml:"platform"`
}

// errDataSeedCount is how many distinct codes the seed's mutations document.
const errDataSeedCount = 165

// errDataMessageConflicts lists seed codes documented with more than one message across
// mutations, with the message the registry keeps (the per-field message stays in the SDL).
// The seed has none today; a new conflict fails TestErrorsDataSeedCodes until listed here.
var errDataMessageConflicts = map[string]string{}

// errDataPlatform are codes clients meet outside the seed's lists, with their facts.
var errDataPlatform = []struct {
	code, typ, message string
}{
	{"KT-CT-1124", "APPLICATION", "Signature of the JWT has expired."},
	{"KT-CT-1134", "VALIDATION", "Invalid data."},
	{"KT-CT-1135", "VALIDATION", "Invalid data."},
	{"KT-CT-1138", "VALIDATION", "Invalid data."},
	{"KT-CT-1139", "VALIDATION", "Invalid data."},
	{"KT-CT-1143", "AUTHORIZATION", "Value of 'Authorization' header is not a valid credential."},
	{"KT-CT-1188", "AUTHORIZATION", "Query is too complex."},
	{"KT-CT-1189", "AUTHORIZATION", "Query exceeds maximum allowed node count."},
	{"KT-CT-1199", "AUTHORIZATION", "Too many requests."},
	{"KT-CT-5460", "VALIDATION", "Old password is invalid."},
	{"KT-CT-4178", "NOT_FOUND", "No account found with given account number."},
	{"KT-CT-1606", "NOT_FOUND", "Query/Mutation not found."},
}

// errDataVerbatim are errorDescriptions that clients match on as facts, so errors.yaml
// carries Kraken's own words: KT-CT-1139's tells a bad API key from a network problem.
var errDataVerbatim = map[string]string{"KT-CT-1139": "Authentication failed."}

var errDataTypes = []string{"VALIDATION", "NOT_FOUND", "APPLICATION", "AUTHORIZATION", "SERVICE_AVAILABILITY"}

var errDataCode = regexp.MustCompile(`^(KT-[A-Z]{2}|OE(?:-[A-Z]{3})?)-(\d{4,5})$`)

// loadErrorsData parses errors.yaml strictly and returns its entries and their codes in
// file order.
func loadErrorsData(t testing.TB) (map[string]errDataEntry, []string) {
	t.Helper()
	data, err := os.ReadFile("errors.yaml")
	if err != nil {
		t.Fatalf("read errors.yaml: %v", err)
	}
	var doc struct {
		Errors map[string]errDataEntry `yaml:"errors"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("errors.yaml: %v", err)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		t.Fatalf("errors.yaml: %v", err)
	}
	var order []string
	root := node.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "errors" {
			continue
		}
		m := root.Content[i+1]
		for j := 0; j < len(m.Content); j += 2 {
			order = append(order, m.Content[j].Value)
		}
	}
	return doc.Errors, order
}

// errDataSharedDir returns ../shared/<sub> next to the repository root (found by walking
// up to go.mod), skipping the test when it is absent.
func errDataSharedDir(t testing.TB, sub string) string {
	t.Helper()
	return testshared.Path(t, sub)
}

// errDataSeedCodes maps each code documented by the seed's mutations to its messages and,
// per message, the mutations documenting it.
func errDataSeedCodes(t testing.TB) map[string]map[string][]string {
	t.Helper()
	path := filepath.Join(errDataSharedDir(t, "seeds"), "004_4aca922e598819a4.mutations.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent", path)
	}
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	var muts []struct {
		Name   string      `json:"name"`
		Errors [][2]string `json:"errors"`
	}
	if err := json.Unmarshal(data, &muts); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	codes := map[string]map[string][]string{}
	for _, m := range muts {
		for _, e := range m.Errors {
			if codes[e[0]] == nil {
				codes[e[0]] = map[string][]string{}
			}
			codes[e[0]][e[1]] = append(codes[e[0]][e[1]], m.Name)
		}
	}
	return codes
}

type errDataRef struct {
	Code        string `yaml:"code"`
	Type        string `yaml:"type"`
	Message     string `yaml:"message"`
	Description string `yaml:"description"`
}

// errDataReference loads the tenant registry's codes, skipping the test when absent.
func errDataReference(t testing.TB) map[string]errDataRef {
	t.Helper()
	path := filepath.Join(errDataSharedDir(t, "reference"), "kraken-error-codes.yml")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent", path)
	}
	if err != nil {
		t.Fatalf("read reference registry: %v", err)
	}
	var doc struct {
		Codes []errDataRef `yaml:"codes"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Codes) == 0 {
		t.Fatalf("%s: no codes", path)
	}
	ref := make(map[string]errDataRef, len(doc.Codes))
	for _, c := range doc.Codes {
		ref[c.Code] = c
	}
	return ref
}

func TestErrorsDataSeedCodes(t *testing.T) {
	reg, _ := loadErrorsData(t)
	seed := errDataSeedCodes(t)
	if len(seed) != errDataSeedCount {
		t.Errorf("seed documents %d distinct codes, want %d", len(seed), errDataSeedCount)
	}
	var conflicts []string
	for code, msgs := range seed {
		if len(msgs) > 1 {
			conflicts = append(conflicts, code)
		}
	}
	slices.Sort(conflicts)
	documented := slices.Sorted(maps.Keys(errDataMessageConflicts))
	if !slices.Equal(conflicts, documented) {
		t.Errorf("seed codes with conflicting messages = %v, documented in errDataMessageConflicts = %v", conflicts, documented)
	}
	for _, code := range slices.Sorted(maps.Keys(seed)) {
		msgs := seed[code]
		t.Run(code, func(t *testing.T) {
			e, ok := reg[code]
			if !ok {
				t.Fatalf("%s (documented by %v) missing from errors.yaml", code, msgs)
			}
			if _, ok := msgs[e.Message]; !ok {
				t.Errorf("%s: message %q, seed says %q", code, e.Message, slices.Sorted(maps.Keys(msgs)))
			}
			if want, ok := errDataMessageConflicts[code]; ok && e.Message != want {
				t.Errorf("%s: message %q, conflict resolved to %q", code, e.Message, want)
			}
		})
	}
}

func TestErrorsDataPlatformCodes(t *testing.T) {
	reg, _ := loadErrorsData(t)
	for _, tc := range errDataPlatform {
		t.Run(tc.code, func(t *testing.T) {
			e, ok := reg[tc.code]
			if !ok {
				t.Fatalf("platform code %s missing from errors.yaml", tc.code)
			}
			if e.Message != tc.message {
				t.Errorf("%s: message %q, want %q", tc.code, e.Message, tc.message)
			}
			if e.Type != tc.typ {
				t.Errorf("%s: type %q, want %q", tc.code, e.Type, tc.typ)
			}
			if e.Source != "reference" {
				t.Errorf("%s: source %q, want reference", tc.code, e.Source)
			}
		})
	}
}

func TestErrorsDataEntries(t *testing.T) {
	reg, order := loadErrorsData(t)
	if len(order) != len(reg) {
		t.Fatalf("errors.yaml lists %d codes in order but decodes %d", len(order), len(reg))
	}
	// Beyond the seed and the platform codes: KT-CT-4184 (the accounts query), the codes
	// obtainKrakenToken raises for a bad choice of sign-in fields, and KT-CT-1201 (no page
	// asked of applicableRates) and KT-CT-1202 (a page over the connection maximum), KT-CT-5460 (updatePassword's wrong old password) and
	// KT-CT-4180 (Octopus's createAccountNote with a blank note), and the codes of
	// Octopus's renewals, quotes and switches, of Origin's payment plans, and KT-CT-1501
	// (Origin's agreementRates for an agreement state does not hold), and the codes of
	// Octopus's heat pump controller and its performance, KT-CT-13614 (costOfUsage's
	// timezone), KT-GB-4015 (smart meter data preferences), KT-CT-4357 and KT-CT-4355
	// (a boost or test charge refused) and KT-GB-5010 and KT-GB-5011 (redeeming
	// OctoPoints), and the codes of backendScreen that the seed's backendScreenEvent does
	// not share, KT-CT-4723 (supplyPoint's market name), and KT-CT-8501 (termsAndConditionsForProduct for a product the catalogue
	// does not know), and KT-GB-9516 (energyProducts of a brand the supplier does not sell),
	// and KT-GB-6624 (performMoveOut's refusal on Octopus's SDL), KT-CT-7611 and
	// KT-CT-7612 (an Ink message or conversation no one was handed), KT-CT-7617
	// (inkConversation naming neither), and the OE- codes
	// Octopus's backend host answers Saving Sessions and its sign-in with.
	extra := []string{"KT-CT-4184", "KT-CT-1136", "KT-CT-1137", "KT-CT-1140", "KT-CT-1201", "KT-CT-1202", "KT-CT-5460", "KT-CT-4180",
		"KT-GB-4112", "KT-GB-4113", "KT-GB-4126", "KT-CT-4616", "KT-CT-4623", "KT-GB-4111", "KT-GB-4116", "KT-GB-4120",
		"KT-GB-4125", "KT-GB-4614", "KT-GB-4617", "KT-GB-4624", "KT-GB-4612", "KT-GB-4613",
		"KT-GB-5110", "KT-GB-5111", "KT-GB-5112", "KT-GB-5114", "KT-GB-5115", "KT-GB-5116", "KT-GB-5117", "KT-GB-9311", "KT-GB-9312",
		"KT-AU-3917", "KT-AU-3918", "KT-AU-3919", "KT-AU-3921", "KT-AU-3931", "KT-AU-3932", "KT-AU-3933", "KT-AU-3934",
		"KT-AU-3935", "KT-AU-3936", "KT-AU-3937", "KT-AU-3938", "KT-AU-3939", "KT-CT-1501", "KT-CT-4723",
		"KT-CT-4301", "KT-CT-4303", "KT-CT-4305", "KT-CT-4306", "KT-CT-4308", "KT-CT-4321", "KT-CT-4333", "KT-CT-4334", "KT-CT-4370", "KT-CT-4381", "KT-CT-13614", "KT-GB-4015", "KT-CT-4357", "KT-CT-4355", "KT-GB-5010", "KT-GB-5011",
		"KT-CT-8001", "KT-CT-8005", "KT-CT-8006", "KT-CT-8008", "KT-CT-8501", "KT-GB-9516", "KT-GB-6624", "KT-CT-7611", "KT-CT-7612", "KT-CT-7617",
		"OE-0001", "OE-0101", "OE-0102", "OE-0103", "OE-0104", "OE-1302", "OE-1305", "OE-1308"}
	for _, code := range extra {
		if _, ok := reg[code]; !ok {
			t.Errorf("errors.yaml lacks %s", code)
		}
	}
	if want := errDataSeedCount + 8 + len(extra); len(reg) != want {
		t.Errorf("errors.yaml holds %d codes, want %d (seed codes, 8 platform codes outside the seed, %v)", len(reg), want, extra)
	}
	for i, code := range order {
		e := reg[code]
		t.Run(code, func(t *testing.T) {
			if !errDataCode.MatchString(code) {
				t.Errorf("%s: not a Kraken error code", code)
			}
			if i > 0 && !errDataLess(order[i-1], code) {
				t.Errorf("%s listed after %s: want prefix then numeric order", code, order[i-1])
			}
			if !slices.Contains(errDataTypes, e.Type) {
				t.Errorf("%s: type %q not one of %v", code, e.Type, errDataTypes)
			}
			if e.Message == "" {
				t.Errorf("%s: empty message", code)
			}
			switch {
			case e.Description == "":
				t.Errorf("%s: empty description", code)
			case !strings.HasSuffix(e.Description, "."):
				t.Errorf("%s: description %q does not end with '.'", code, e.Description)
			case e.Description == e.Message:
				t.Errorf("%s: description repeats the message %q", code, e.Message)
			}
			if e.Source != "reference" && e.Source != "inferred" {
				t.Errorf("%s: source %q, want reference or inferred", code, e.Source)
			}
			if e.Source == "inferred" {
				if got := InferType(e.Message); got != e.Type {
					t.Errorf("%s: inferred type %s, but the message %q infers %s", code, e.Type, e.Message, got)
				}
			}
		})
	}
}

func TestErrorsDataReference(t *testing.T) {
	reg, order := loadErrorsData(t)
	ref := errDataReference(t)
	refDescs := map[string]string{}
	for _, r := range ref {
		if d := errDataNorm(r.Description); d != "" {
			refDescs[d] = r.Code
		}
	}
	nref := 0
	for _, code := range order {
		e := reg[code]
		t.Run(code, func(t *testing.T) {
			r, listed := ref[code]
			switch {
			case listed:
				nref++
				if e.Type != r.Type {
					t.Errorf("%s: type %s, reference registry says %s", code, e.Type, r.Type)
				}
				if e.Source != "reference" {
					t.Errorf("%s: source %q, want reference (the code is in the reference registry)", code, e.Source)
				}
				if e.Message != r.Message {
					t.Errorf("%s: message %q, reference registry says %q", code, e.Message, r.Message)
				}
			case e.Source != "inferred":
				t.Errorf("%s: source %q, want inferred (the code is not in the reference registry)", code, e.Source)
			}
			if want, ok := errDataVerbatim[code]; ok {
				if e.Description != want {
					t.Errorf("%s: description %q, clients expect %q", code, e.Description, want)
				}
			} else if other, ok := refDescs[errDataNorm(e.Description)]; ok {
				t.Errorf("%s: description copies the reference registry's description of %s: %q", code, other, e.Description)
			}
		})
	}
	if nref == 0 {
		t.Error("no code of errors.yaml is in the reference registry")
	}
}

func TestErrorsDataInferType(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{"Unauthorized.", "AUTHORIZATION"},
		{"'Authorization' header not provided.", "AUTHORIZATION"},
		{"No event found.", "NOT_FOUND"},
		{"Water meter cannot be found with the provided identifiers.", "NOT_FOUND"},
		{"Invalid data.", "VALIDATION"},
		{"The given preferences are not valid.", "VALIDATION"},
		{"Incorrect or missing parameters for backend screen event.", "VALIDATION"},
		{"Service unavailable.", "SERVICE_AVAILABILITY"},
		{"Could not validate meter.", "APPLICATION"},
		{"Unable to install meter.", "APPLICATION"},
	} {
		if got := InferType(tc.msg); got != tc.want {
			t.Errorf("InferType(%q) = %s, want %s", tc.msg, got, tc.want)
		}
	}
}

// errDataLess orders codes by prefix, then number.
func errDataLess(a, b string) bool {
	ma, mb := errDataCode.FindStringSubmatch(a), errDataCode.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		return a < b
	}
	if ma[1] != mb[1] {
		return ma[1] < mb[1]
	}
	na, _ := strconv.Atoi(ma[2])
	nb, _ := strconv.Atoi(mb[2])
	return na < nb
}

func errDataNorm(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
