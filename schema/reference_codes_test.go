package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/internal/testshared"
)

// TestReferenceCodesOrdered checks the generated table lookupReference searches: codes
// in byte order, each once, with a known type and a message.
func TestReferenceCodesOrdered(t *testing.T) {
	if len(referenceCodes) < 1000 {
		t.Fatalf("reference_codes.go holds %d codes; run go generate ./schema beside ../shared", len(referenceCodes))
	}
	for i, c := range referenceCodes {
		if i > 0 && referenceCodes[i-1].code >= c.code {
			t.Errorf("%s follows %s: want byte order", c.code, referenceCodes[i-1].code)
		}
		if !codePattern().MatchString(c.code) || int(c.typ) >= len(errorTypes) || c.message == "" {
			t.Errorf("bad entry %+v", c)
		}
	}
}

// TestDefaultRegistryPublishedTypes: a code errors.yaml does not list answers with the
// type and message of Kraken's published registry and a description of krakensim's own;
// errors.yaml's entries win, and a code no registry knows is not found.
func TestDefaultRegistryPublishedTypes(t *testing.T) {
	reg, _ := DefaultRegistry()
	for _, tc := range []struct{ code, typ, message, source string }{
		{"KT-CT-13202", TypeValidation, "Exactly one of chargeAmountInCents or chargeAmountInCentsWithTax expected.", SourcePublished},
		{"KT-CT-13204", TypeValidation, "A voucher purchase with this idempotency key already exists.", SourcePublished},
		{"KT-CT-3979", TypeApplication, "Invalid ledger.", SourcePublished},
		{"KT-CT-10301", TypeValidation, "Unable to instigate leave supplier process.", SourcePublished},
		{"KT-CT-10302", TypeNotFound, "Invalid data.", SourcePublished},
		{"KT-CT-3960", TypeValidation, "Invalid value for payment day.", "reference"},
		{"KT-CT-1139", TypeValidation, "Invalid data.", "reference"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			info, ok := reg.Lookup(tc.code)
			if !ok || info.Type != tc.typ || info.Message != tc.message || info.Source != tc.source {
				t.Fatalf("Lookup = %+v, %v; want type %s, message %q, source %s", info, ok, tc.typ, tc.message, tc.source)
			}
			if info.Source == SourcePublished && info.Description != ReferenceDescription(tc.code, tc.typ) {
				t.Errorf("description %q", info.Description)
			}
			if own := registryEntries[tc.code]; own.Description != "" && info.Description != own.Description {
				t.Errorf("description %q, errors.yaml says %q", info.Description, own.Description)
			}
			d := reg.Documented(DocumentedError{Code: tc.code, Message: "The field's own words."})
			if d.Type != tc.typ || d.Message != "The field's own words." {
				t.Errorf("Documented = %+v", d)
			}
		})
	}
	if _, ok := reg.Lookup("KT-CT-3939"); ok {
		t.Error("KT-CT-3939 is in no registry, yet Lookup found it")
	}
	if d := reg.Documented(DocumentedError{Code: "KT-CT-3939", Message: "Payment not found."}); d.Type != TypeNotFound || d.Source != "sdl" {
		t.Errorf("a code only the SDL documents: %+v, want the type its message implies", d)
	}
	own, _ := ParseRegistry("own.yaml", []byte("errors:\n  KT-CT-3979: {type: VALIDATION, message: Mine.}\n"))
	if info, _ := reg.Extend(own).Lookup("KT-CT-3979"); info.Type != TypeValidation || info.Message != "Mine." {
		t.Errorf("a user's entry does not win over the published registry's: %+v", info)
	}
	if _, ok := own.Lookup("KT-CT-13202"); ok {
		t.Error("a user's registry on its own finds the published registry's codes")
	}
	if n := reg.Len(); n != len(reg.Codes()) || n < len(referenceCodes) {
		t.Errorf("Len %d, Codes %d, published codes %d", n, len(reg.Codes()), len(referenceCodes))
	}
}

// TestReferenceCodesPublished checks the generated table against Kraken's published
// registry under ../shared (every code, its type and message as facts) and that no
// description built for them copies the registry's prose.
func TestReferenceCodesPublished(t *testing.T) {
	path := testshared.Path(t, "reference", "kraken-error-codes.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := ParseRegistry(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("the published registry does not load as --errors would load it: %v", err)
	}
	if ref.Len() != len(referenceCodes) {
		t.Errorf("reference_codes.go holds %d codes, the published registry %d; run go generate ./schema", len(referenceCodes), ref.Len())
	}
	prose := map[string]string{}
	for _, code := range ref.Codes() {
		if info, _ := ref.Lookup(code); info.Description != "" {
			prose[errDataNorm(info.Description)] = code
		}
	}
	for _, code := range ref.Codes() {
		want, _ := ref.Lookup(code)
		got, ok := lookupReference(code)
		if !ok || got.Type != want.Type || got.Message != want.Message {
			t.Errorf("%s: table says %+v; the published registry %s %q", code, got, want.Type, want.Message)
			continue
		}
		if other, copied := prose[errDataNorm(got.Description)]; copied || want.Description != "" && strings.Contains(got.Description, want.Description) {
			t.Errorf("%s: description %q copies the published registry's (of %s)", code, got.Description, other)
		}
	}
}
