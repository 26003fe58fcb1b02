package scenarios

import (
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The patterns the shape checks stand for, kept to check them.
var (
	gqlNamePattern   = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)
	codeShapePattern = regexp.MustCompile(`^(KT-[A-Z]{2}-\d{4,5}|OE-([A-Z]{3}-)?\d{4})$`)
	segmentPattern   = regexp.MustCompile(`^[^.\s]+$`)
)

// checkShapes compares the shape checks with their patterns on s.
func checkShapes(t *testing.T, s string) {
	t.Helper()
	if got, want := isGraphQLName(s), gqlNamePattern.MatchString(s); got != want {
		t.Errorf("isGraphQLName(%q) = %v, the pattern says %v", s, got, want)
	}
	if got, want := isCodeShape(s), codeShapePattern.MatchString(s); got != want {
		t.Errorf("isCodeShape(%q) = %v, the pattern says %v", s, got, want)
	}
	if strings.Contains(s, ".") {
		return // a dotted path's segments come split on "."
	}
	if got, want := s != "" && !strings.ContainsAny(s, perlSpace), segmentPattern.MatchString(s); got != want {
		t.Errorf("segment check of %q = %v, the pattern says %v", s, got, want)
	}
}

// TestShapes checks names, codes and path segments as their patterns do.
func TestShapes(t *testing.T) {
	for _, s := range []string{
		"", "_", "a", "A1", "1a", "createAccountPaymentSchedule", "a-b", "a b", "é", "a\n",
		"KT-CT-1234", "KT-CT-12345", "KT-CT-123", "KT-CT-123456", "KT-C1-1234", "KT-ct-1234",
		"KT-CTX1234", "KX-CT-1234", "OE-1308", "OE-GBR-0901", "OE-130", "OE-13080", "OE-GB-0901", "OE-gbr-0901", "OE-GBR0901", "OE-GBR-090a", "OE-", "OE-GBRX0901", "KT-CT-12a4", "KT-CT-1234\n", "kT-CT-1234", "KT-CT--234",
		"input", "in put", "in\tput", "\f", "\v", "\u00a0", "\xff",
	} {
		checkShapes(t, s)
	}
}

// FuzzShapes checks any text's name, code and segment shape as the patterns do.
func FuzzShapes(f *testing.F) {
	f.Add("KT-CT-1234")
	f.Add("viewer")
	f.Fuzz(func(t *testing.T, s string) { checkShapes(t, s) })
}

// checkScalar compares the shortcuts for integers and booleans with yaml.v3's decoding
// of the scalar src, when yaml.v3 tags it so.
func checkScalar(t *testing.T, src string) {
	t.Helper()
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.ScalarNode {
		return
	}
	n := doc.Content[0]
	switch n.ShortTag() {
	case "!!int":
		var got, want int
		gotErr, wantErr := decodeInt(n, &got), n.Decode(&want)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("decodeInt(%q) = %d, %v; yaml.v3: %d, %v", n.Value, got, gotErr, want, wantErr)
		}
	case "!!bool":
		var got, want bool
		gotErr, wantErr := decodeBool(n, &got), n.Decode(&want)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("decodeBool(%q) = %v, %v; yaml.v3: %v, %v", n.Value, got, gotErr, want, wantErr)
		}
	}
}

// TestScalarShortcuts reads integers and booleans as yaml.v3 does.
func TestScalarShortcuts(t *testing.T) {
	for _, src := range []string{
		"0", "-0", "+0", "7", "-7", "+7", "012", "0x1F", "0o17", "0b101", "-0b101", "1_000", "123456789012345678",
		"1234567890123456789", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "00",
		"true", "false", "True", "FALSE", "!!bool true", "!!int 012", "!!int '12'", "!!int 1e3",
	} {
		checkScalar(t, src)
	}
}

// FuzzScalarShortcuts reads any scalar's integer or boolean as yaml.v3 does.
func FuzzScalarShortcuts(f *testing.F) {
	f.Add("12")
	f.Add("true")
	f.Fuzz(func(t *testing.T, src string) { checkScalar(t, src) })
}

// dottedPathBySegments is isDottedPath as the segments define it.
func dottedPathBySegments(path string) bool {
	if path == "" {
		return false
	}
	for seg := range strings.SplitSeq(path, ".") {
		if seg == "" || strings.ContainsAny(seg, perlSpace) {
			return false
		}
	}
	return true
}

func TestIsDottedPath(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"input.accountNumber", true}, {"a", true}, {"a.0.b", true}, {"", false}, {".a", false},
		{"a.", false}, {"a..b", false}, {".", false}, {"a b", false}, {"a.\tb", false}, {"a\n", false},
	} {
		if got := isDottedPath(c.path); got != c.want || got != dottedPathBySegments(c.path) {
			t.Errorf("isDottedPath(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

// FuzzIsDottedPath checks isDottedPath against the segments' definition.
func FuzzIsDottedPath(f *testing.F) {
	f.Add("input.accountNumber")
	f.Add("a..b")
	f.Fuzz(func(t *testing.T, path string) {
		if got, want := isDottedPath(path), dottedPathBySegments(path); got != want {
			t.Errorf("isDottedPath(%q) = %v, want %v", path, got, want)
		}
	})
}
