package schema

import (
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// referenceErrorLine is the pattern errorLine reads as, kept to check it.
var referenceErrorLine = regexp.MustCompile(`^\s*(?:[-*•]\s*)?(KT-[A-Z]+-\d+|OE-(?:[A-Z]+-)?\d+)\s*:\s*(.*?)\s*$`)

// referenceBullet is where bulletItems splits a line, kept to check it.
var referenceBullet = regexp.MustCompile(`(\s)([-*•]\s+(?:KT|OE)-)`)

// referenceDescription reads a description with the patterns alone, as the catalog
// did before its shortcuts.
func referenceDescription(text string) (auth bool, summary string, errs []DocumentedError) {
	auth = authSentence().MatchString(text)
	text = authSentence().ReplaceAllString(text, "")
	loc := errorsHeading().FindStringIndex(text)
	if loc == nil {
		return auth, tidy(text), nil
	}
	seen := map[string]bool{}
	started := false
	items := referenceBullet.ReplaceAllString(text[loc[1]:], "$1\n$2")
	for line := range strings.SplitSeq(items, "\n") {
		m := referenceErrorLine.FindStringSubmatch(line)
		if m == nil {
			if started && strings.TrimSpace(line) != "" {
				break
			}
			continue
		}
		started = true
		if !seen[m[1]] {
			seen[m[1]] = true
			errs = append(errs, DocumentedError{Code: m[1], Message: m[2]})
		}
	}
	return auth, tidy(text[:loc[0]]), errs
}

// checkDescription compares the catalog's reading of a description with the patterns'.
func checkDescription(t *testing.T, text string) {
	t.Helper()
	fc := contractOf("query", descField(text))
	auth, summary, errs := referenceDescription(text)
	if fc.RequiresAuth != auth || fc.Summary != summary || !reflect.DeepEqual(fc.Errors, errs) {
		t.Errorf("description %q:\nread     auth=%v summary=%q errors=%q\npatterns auth=%v summary=%q errors=%q",
			text, fc.RequiresAuth, fc.Summary, fc.Errors, auth, summary, errs)
	}
}

func descField(text string) *ast.FieldDefinition {
	return &ast.FieldDefinition{Name: "f", Description: text}
}

// TestDescriptionReading reads descriptions as the patterns do.
func TestDescriptionReading(t *testing.T) {
	for _, text := range []string{
		"",
		"Read a thing.",
		"Read a thing.\n\nThe possible errors that can be raised are:\n\n- KT-CT-4178: No account found.\n- KT-CT-1113: Disabled GraphQL field requested.\n\nThis field requires the Authorization header to be set.",
		"THE POSSIBLE ERRORS THAT CAN BE RAISED ARE\n* KT-CT-1111 :  Unauthorized.  \r\n• KT-CT-1112:'Authorization' header not provided.\nafter the list",
		"the possible errors that can be raised are:\n\n  KT-CT-1111: a\n\n  KT-CT-1111: repeated\nKT-ct-1: lower\n",
		"The possible errors that can be raised are:\n-KT-CT-1: x\n- - KT-CT-2: y\n",
		"Planned dispatches. The possible errors that can be raised are: - KT-CT-1111: Unauthorized. - KT-CT-4340: Unable to fetch planned dispatches. * KT-CT-1113: Disabled GraphQL field requested.",
		"The possible errors that can be raised are:\n- KT-CT-1: a - b - KT-CT-2: c -KT-CT-3: glued\tx •\tKT-CT-4: tab",
		"The possible errors that can be raised are:\nKT-CT-1x: no\nKT-CT-: no\nKT--1: no\nKT-CT-1 no colon\nKT-CT-3:\n",
		"This field requires the `Authorization` header to be set",
		"this field requires the authorization header to be set. Twice: THIS FIELD REQUIRES THE AUTHORIZATION HEADER TO BE SET.",
		"Authorization is mentioned, but not the sentence.",
		"That can be raised, not the heading.",
		"The possible errors that can be raised are:\n- KT-CT-1111: bad \xff byte\n- KT-CT-1112: tab\t\f\n",
		"The possible errors that can be raised are:\n\u00a0- KT-CT-1111: no-break space first\n",
		"日本語 The poſſible errorſ that can be raiſed are:\n- KT-CT-1111: long s folds to s\n\nThiſ field requireſ the \u212aauthorization header to be set.",
		"that can be rai that can be rai. The possible errors that can be raised are:\n- KT-CT-1: later heading\n",
		"\xe6\x97 the possible errors that can be raised are:\n- KT-CT-1: cut rune before\n",
	} {
		checkDescription(t, text)
	}
}

// TestDescriptionReadingSDLs reads every root field of the embedded and the reference
// tenant SDLs as the patterns do, and finds the documented errors they hold.
func TestDescriptionReadingSDLs(t *testing.T) {
	cases := []struct {
		name string
		src  func(t *testing.T) *ast.Source
	}{
		{"embedded API", func(*testing.T) *ast.Source { return APISource() }},
		{"embedded auth", func(*testing.T) *ast.Source { return AuthSource() }},
		{"octopus", func(t *testing.T) *ast.Source { return readReference(t, "octopus-schema.graphql") }},
		{"origin", func(t *testing.T) *ast.Source { return readReference(t, "origin-schema.graphql") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Load(c.src(t))
			if err != nil {
				t.Fatal(err)
			}
			documented := 0
			for _, fc := range NewCatalog(s).Fields() {
				text := fc.Definition.Description
				if strings.TrimSpace(text) == "" {
					text = commentText(fc.Definition.AfterDescriptionComment) + "\n" + commentText(fc.Definition.BeforeDescriptionComment)
				}
				auth, summary, errs := referenceDescription(text)
				if fc.RequiresAuth != auth || fc.Summary != summary || !reflect.DeepEqual(fc.Errors, errs) {
					t.Errorf("%s: read auth=%v %q %q; patterns auth=%v %q %q", fc.Name, fc.RequiresAuth, fc.Summary, fc.Errors, auth, summary, errs)
				}
				if len(errs) > 0 {
					documented++
				}
			}
			if documented < 5 {
				t.Errorf("%d root fields document errors, want at least 5", documented)
			}
		})
	}
}

func readReference(t *testing.T, name string) *ast.Source {
	src, err := ReadSource(filepath.Join(sharedDir(t, "reference"), name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// FuzzDescriptionReading checks that any description reads as the patterns read it.
func FuzzDescriptionReading(f *testing.F) {
	f.Add("Read.\n\nThe possible errors that can be raised are:\n\n- KT-CT-4178: No account found.\n\nThis field requires the Authorization header to be set.")
	f.Add("the possible errors that can be raised are\n• KT-AB-1 : x \n")
	f.Add("Boost.\n\nIf not, a KT-CT-4357 error will be returned.\nIt may have a `reasons` extension.\n\nThe possible errors that can be raised are:\n\n- KT-CT-4357: Unable.")
	f.Add("Spin.\n\nThe possible errors that can be raised are:\n- OE-0001: Feature unavailable.\n- OE-GBR-0901: x\n- OE-GBR0901: y\n- OE-: z")
	f.Fuzz(func(t *testing.T, text string) {
		checkDescription(t, text)
	})
}

// TestBackendErrorList reads the OE- codes Octopus's backend host documents, with or
// without a letter group, as errors.
func TestBackendErrorList(t *testing.T) {
	fc := contractOf("mutation", descField("Opt account in to a Saving Sessions event.\n\nThe possible errors that can be raised are:\n- OE-1305: Saving Sessions event not found.\n- OE-GBR-0901: Unable to request deposit follow up for quote.\n- OE-1308: Account ineligible to join Saving Sessions event."))
	want := []DocumentedError{{"OE-1305", "Saving Sessions event not found."}, {"OE-GBR-0901", "Unable to request deposit follow up for quote."}, {"OE-1308", "Account ineligible to join Saving Sessions event."}}
	if !reflect.DeepEqual(fc.Errors, want) {
		t.Errorf("read %q", fc.Errors)
	}
	checkDescription(t, "x. The possible errors that can be raised are: - OE-0101: 'Authorization' header not provided. - OE-0104: 'Authorization' header has expired.")
}

// TestFlattenedErrorList reads an error list flattened to one line, as schema listings
// print a description: each item its own error, its message without the next.
func TestFlattenedErrorList(t *testing.T) {
	fc := contractOf("query", descField("A device's planned dispatches. The possible errors that can be raised are: - KT-CT-1111: Unauthorized. - KT-CT-4340: Unable to fetch planned dispatches. - KT-CT-1113: Disabled GraphQL field requested."))
	want := []DocumentedError{{"KT-CT-1111", "Unauthorized."}, {"KT-CT-4340", "Unable to fetch planned dispatches."}, {"KT-CT-1113", "Disabled GraphQL field requested."}}
	if !reflect.DeepEqual(fc.Errors, want) || fc.Summary != "A device's planned dispatches." {
		t.Errorf("read %q, %q", fc.Summary, fc.Errors)
	}
}
