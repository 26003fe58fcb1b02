package scenarios

import (
	"regexp"
	"strings"
	"testing"
)

// The patterns the shape checks stand for, kept to check them.
var (
	gqlNamePattern   = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)
	codeShapePattern = regexp.MustCompile(`^KT-[A-Z]{2}-\d{4,5}$`)
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
		"KT-CTX1234", "KX-CT-1234", "KT-CT-12a4", "KT-CT-1234\n", "kT-CT-1234", "KT-CT--234",
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
