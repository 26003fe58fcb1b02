package simtest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/simtest"
)

// TestOctopusTariffSwitchersAcceptTerms replays the open-source tariff switchers
// (octopus-tariff-switcher, octopus-minmax) on Octopus: they read Agile's terms, enrol
// the home onto it from today and accept the terms by the version they read, split into
// major and minor; the agreement in force today is then Agile's. The terms are Agile's
// own, the same on every read, and their pdfUrl a PDF of them; an unknown product has
// none (KT-CT-8501).
func TestOctopusTariffSwitchersAcceptTerms(t *testing.T) {
	srv, c := octopus(t)
	q := mustQuery(t, c)
	const terms = `query($p: String!) { termsAndConditionsForProduct(productCode: $p) { name version brandCode effectiveFrom pdfUrl markdown html } }`
	got := simtest.Get(q(terms, map[string]any{"p": "AGILE-24-10-01"}), "termsAndConditionsForProduct").(map[string]any)
	version, _ := got["version"].(string)
	major, minor, ok := strings.Cut(version, ".")
	if !ok || strings.Trim(major+minor, "0123456789") != "" || major == "" || minor == "" {
		t.Fatalf("version %q is not major.minor", version)
	}
	for field, want := range map[string]any{
		"name": "Agile Octopus October 2024 Terms and Conditions", "brandCode": "OCTOPUS_ENERGY", "effectiveFrom": "2024-10-01T00:00:00+01:00",
	} {
		if got[field] != want {
			t.Errorf("%s: %v, want %v", field, got[field], want)
		}
	}
	md, _ := got["markdown"].(string)
	for _, want := range []string{"# Agile Octopus October 2024 Terms and Conditions", "Version " + version, "AGILE-24-10-01",
		"every half hour", "capped at 100p/kWh including VAT", "no exit fees"} {
		if !strings.Contains(md, want) {
			t.Errorf("the markdown lacks %q:\n%s", want, md)
		}
	}
	var html string
	if err := json.Unmarshal([]byte(got["html"].(string)), &html); err != nil || !strings.HasPrefix(html, "<h1>Agile Octopus October 2024 Terms and Conditions</h1>") {
		t.Errorf("html is not the HTML as a JSON string (%v): %.200s", err, got["html"])
	}
	c.AdvanceClock(36 * 24 * 3600 * 1e9)
	c.SignIn("demo@krakensim.dev", "krakensim")
	if again := simtest.Get(q(terms, map[string]any{"p": "AGILE-24-10-01"}), "termsAndConditionsForProduct"); fmt.Sprint(again) != fmt.Sprint(got) {
		t.Errorf("a month on, the terms changed:\n%v\n%v", again, got)
	}

	status, body, h := get(t, got["pdfUrl"].(string))
	if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("pdfUrl %s: %d %s %.100q", got["pdfUrl"], status, h.Get("Content-Type"), body)
	}
	text := strings.Join(documents.Text([]byte(body)), "\n")
	for _, want := range []string{"Agile Octopus October 2024 Terms and Conditions", "Product code  AGILE-24-10-01", "Version  " + version} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if status, body, _ := get(t, srv.URL+documents.Path+documents.TermsKey("AGILE-24-10-01", "0.1")); status != http.StatusNotFound || !strings.Contains(body, "NoSuchKey") {
		t.Errorf("another version's PDF: %d %.200s", status, body)
	}

	out := c.Query(terms, map[string]any{"p": "NO-SUCH-PRODUCT"})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8501" || simtest.Get(out.Data, "termsAndConditionsForProduct") != nil {
		t.Errorf("an unknown product: %+v", out)
	}
}

// TestOctopusTariffSwitchersOnboardToday replays the switchers' whole flow with the
// clock frozen: the terms read, the home enrolled onto Agile from today and the terms
// accepted by their version make Agile the agreement in force today.
func TestOctopusTariffSwitchersOnboardToday(t *testing.T) {
	_, c := octopus(t)
	q := mustQuery(t, c)
	version := simtest.Get(q(`{ termsAndConditionsForProduct(productCode: "AGILE-24-10-01") { version } }`, nil), "termsAndConditionsForProduct", "version").(string)
	var major, minor int
	if _, err := fmt.Sscanf(version, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("version %q: %v", version, err)
	}
	id := simtest.Get(q(`mutation { startOnboardingProcess(input: {accountNumber: "A-C90DC431", productCode: "AGILE-24-10-01", targetAgreementChangeDate: "2026-12-02"}) { productEnrolment { id } } }`, nil),
		"startOnboardingProcess", "productEnrolment", "id")
	accepted := simtest.Get(q(`mutation($id: ID!, $major: Int!, $minor: Int!) { acceptTermsAndConditions(input: {accountNumber: "A-C90DC431", enrolmentId: $id, termsVersion: {versionMajor: $major, versionMinor: $minor}}) { acceptedVersion } }`,
		map[string]any{"id": id, "major": major, "minor": minor}), "acceptTermsAndConditions", "acceptedVersion")
	if accepted != version {
		t.Errorf("accepted %v, want %s", accepted, version)
	}
	active := q(`{ account(accountNumber: "A-C90DC431") { electricityAgreements(active: true) { validFrom tariff { ... on TariffType { productCode } } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(active, "account", "electricityAgreements")); got != "[map[tariff:map[productCode:AGILE-24-10-01] validFrom:2026-12-02T00:00:00+00:00]]" {
		t.Errorf("in force today: %s", got)
	}
	stages := q(`{ productEnrolments(accountNumber: "A-C90DC431") { status stages { steps { displayName } } } }`, nil)
	if got := fmt.Sprint(simtest.Get(stages, "productEnrolments", 0)); !strings.Contains(got, "Terms "+version+" accepted") || !strings.Contains(got, "COMPLETED") {
		t.Errorf("the enrolment: %s", got)
	}
}

// TestOriginTermsAreAList: Origin's termsAndConditionsForProduct answers a list, of the
// product's one set of terms in the tenant's brand and zone, and documents KT-CT-8501
// for a product it does not know.
func TestOriginTermsAreAList(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	const terms = `query($p: String!) { termsAndConditionsForProduct(productCode: $p) { name brandCode effectiveFrom markdown } }`
	got := simtest.Get(mustQuery(t, c)(terms, map[string]any{"p": "VAR-22-11-01"}), "termsAndConditionsForProduct")
	list, _ := got.([]any)
	if len(list) != 1 {
		t.Fatalf("terms: %v, want a list of one", got)
	}
	if m, _ := list[0].(map[string]any); m["brandCode"] != "ORIGIN" || m["effectiveFrom"] != "2022-11-01T00:00:00+11:00" || !strings.Contains(fmt.Sprint(m["markdown"]), "product code VAR-22-11-01") {
		t.Errorf("terms: %v", m)
	}
	out := c.Query(terms, map[string]any{"p": "NO-SUCH-PRODUCT"})
	if len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-8501" || out.Errors[0].Message != "No active terms and conditions found for product." {
		t.Errorf("an unknown product: %+v", out)
	}
}
