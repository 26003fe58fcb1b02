package simtest_test

import (
	"flag"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/goldenfile"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/simtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// billsWithDocuments reads the demo account's open and latest statements, their
// documents and transactions; with attachments, also their attachments (Origin's SDL).
func billsWithDocuments(attachments bool) string {
	att := ""
	if attachments {
		att = "attachments { edges { node { filename temporaryUrl temporaryUrlExpiresAt } } }"
	}
	return `{ account(accountNumber: "A-C90DC431") { bills(first: 2, includeOpenStatements: true) { edges { node {
	id ... on StatementType { closingBalance temporaryUrl ` + att + `
	transactions(first: 50) { edges { node { title postedDate } } } } } } } } }`
}

// TestStatementPDF runs a bill downloader's flow (getBills, then fetch(temporaryUrl))
// on Octopus's and Origin's SDLs: the open statement has no document; the latest issued
// statement's temporaryUrl (and its attachment's, expiring when temporaryUrlExpiresAt
// says) is on the host the request came to and answers a PDF of the statement, in the
// tenant's currency, whose text shows its closing balance and each transaction's title
// and holds what the golden file does (update it with -update).
func TestStatementPDF(t *testing.T) {
	for _, tc := range []struct{ sdl, currency, golden string }{
		{"octopus-schema.graphql", "GBP", "statement-octopus.golden"},
		{"origin-schema.graphql", "AUD", "statement-origin.golden"},
	} {
		t.Run(tc.sdl, func(t *testing.T) {
			srv, c := tenant(t, tc.sdl)
			origin := tc.currency == "AUD"
			data := mustQuery(t, c)(billsWithDocuments(origin), nil)
			open, bill := simtest.Get(data, "account", "bills", "edges", 0, "node"), simtest.Get(data, "account", "bills", "edges", 1, "node")
			if u := simtest.Get(open, "temporaryUrl"); u != nil || origin && fmt.Sprint(simtest.Get(open, "attachments", "edges")) != "[]" {
				t.Errorf("the open statement has a document: %v", open)
			}
			u, _ := simtest.Get(bill, "temporaryUrl").(string)
			id := simtest.Get(bill, "id").(string)
			if want := srv.URL + "/documents/statements/A-C90DC431/" + id + ".pdf?"; !strings.HasPrefix(u, want) {
				t.Fatalf("temporaryUrl %q, want it at %s", u, want)
			}
			if origin {
				att := simtest.Get(bill, "attachments", "edges", 0, "node")
				expires, err := time.Parse(time.RFC3339, fmt.Sprint(simtest.Get(att, "temporaryUrlExpiresAt")))
				if err != nil || !expires.Equal(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) || simtest.Get(att, "temporaryUrl") != u || simtest.Get(att, "filename") != id+".pdf" {
					t.Errorf("attachment %v (expiry %v), want the temporaryUrl for an hour", att, err)
				}
			}

			status, body, h := get(t, u)
			if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
				t.Fatalf("fetched %d %q: %.300q", status, h.Get("Content-Type"), body)
			}
			if h.Get("Content-Disposition") != `inline; filename=`+id+`.pdf` || h.Get("Content-Security-Policy") != "sandbox" {
				t.Errorf("headers %v", h)
			}
			lines := documents.Text([]byte(body))
			text := strings.Join(lines, "\n")
			closing := int(simtest.Get(bill, "closingBalance").(float64))
			if !strings.Contains(text, "Closing balance  "+documents.Money(tc.currency, closing)+"\n") {
				t.Errorf("the PDF does not show the closing balance %s:\n%s", documents.Money(tc.currency, closing), text)
			}
			txs := simtest.Get(bill, "transactions", "edges").([]any)
			if len(txs) == 0 {
				t.Fatal("the statement has no transactions")
			}
			for _, e := range txs {
				if title := simtest.Get(e, "node", "title").(string); !strings.Contains(text, "  "+title+"  ") {
					t.Errorf("the PDF does not list %q:\n%s", title, text)
				}
			}
			_, again, _ := get(t, u)
			if again != body {
				t.Error("the same statement fetched twice differs")
			}
			goldenText(t, tc.golden, text+"\n")
		})
	}
}

// TestStatementPDFRefusals: a statement's URL is refused, as S3 refuses one, once an
// hour of the session's clock is over, with a changed signature or session, for a path
// that names no statement, and once its session is gone.
func TestStatementPDFRefusals(t *testing.T) {
	srv, c := tenant(t, "octopus-schema.graphql")
	u := simtest.Get(mustQuery(t, c)(billsWithDocuments(false), nil), "account", "bills", "edges", 1, "node", "temporaryUrl").(string)
	other := srv.Client(t)
	other.Query(`{ __typename }`, nil) // the other session exists
	for _, tc := range []struct {
		name, url, want string
	}{
		{"a changed signature", strings.Replace(u, "signature=", "signature=0", 1), "403 SignatureDoesNotMatch"},
		{"another session", strings.Replace(u, "session="+c.Session, "session="+other.Session, 1), "403 SignatureDoesNotMatch"},
		{"another statement", strings.Replace(u, "/A-C90DC431/", "/A-7B3E9D12/", 1), "403 SignatureDoesNotMatch"},
		{"no signature", u[:strings.Index(u, "?")], "403 AccessDenied"},
		{"no statement", srv.URL + "/documents/invoices/1.pdf" + u[strings.Index(u, "?"):], "404 NoSuchKey"},
		{"no PDF", strings.Replace(u, ".pdf?", "?", 1), "404 NoSuchKey"},
	} {
		status, body, h := get(t, tc.url)
		if got := fmt.Sprint(status, " ", between(body, "<Code>", "</Code>")); got != tc.want || h.Get("Content-Type") != "application/xml" {
			t.Errorf("%s: %s (%s), want %s", tc.name, got, body, tc.want)
		}
	}
	if status, body, _ := get(t, u); status != http.StatusOK {
		t.Fatalf("the URL as given: %d %s", status, body)
	}
	c.AdvanceClock(59 * time.Minute)
	if status, body, _ := get(t, u); status != http.StatusOK {
		t.Errorf("within the hour: %d %s", status, body)
	}
	c.AdvanceClock(2 * time.Minute)
	if status, body, _ := get(t, u); status != http.StatusForbidden || !strings.Contains(body, "expired") {
		t.Errorf("after the hour: %d %s", status, body)
	}
	c.SignIn("demo@krakensim.dev", "krakensim") // the token lasted the hour too
	fresh := simtest.Get(mustQuery(t, c)(billsWithDocuments(false), nil), "account", "bills", "edges", 1, "node", "temporaryUrl").(string)
	if status, body, _ := get(t, fresh); status != http.StatusOK {
		t.Errorf("a new URL after the hour: %d %.200s", status, body)
	}
	if err := srv.Sim.DeleteSession(c.Session); err != nil {
		t.Fatal(err)
	}
	if status, body, _ := get(t, fresh); status != http.StatusNotFound || !strings.Contains(body, "NoSuchKey") {
		t.Errorf("once the session is gone: %d %s", status, body)
	}
}

// goldenText compares got with testdata/name, rewriting it with -update.
func goldenText(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}
