package simtest_test

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/simtest"
)

// annualWithBills reads the demo account's latest annual statement and the statements
// of the two years before now, with their totals and charges.
func annualWithBills(export string) string {
	return `{ account(accountNumber: "A-C90DC431") {
	annualStatements(first: 1) { edges { node { id periodStartsAt periodEndsAt pdfUrl } } }
	bills(first: 24) { edges { node { id fromDate toDate ... on StatementType {
		openingBalance closingBalance totalCharges { netTotal taxTotal grossTotal } totalCredits { grossTotal }
		transactions(first: 50) { edges { node { __typename title amounts { net tax gross }
			... on Charge { ` + export + ` consumption { quantity unit } } } } } } } } } } }`
}

// short is a date as an annual statement's table prints it.
func short(date any) string {
	d, _ := time.Parse(time.DateOnly, fmt.Sprint(date))
	return d.Format("2 Jan 2006")
}

// TestAnnualStatementPDF fetches the demo account's latest annual statement's pdfUrl on
// Octopus's and Origin's SDLs: it is on the host the request came to and answers a PDF
// of the account's year whose text holds the account number, the year, its balance at
// the start and end and what its statements charged, credited and were paid, each
// statement's charges and closing balance, and the charges and use of each fuel, as the
// statements of the year (those whose periods begin in it) answer them.
func TestAnnualStatementPDF(t *testing.T) {
	for _, tc := range []struct{ sdl, currency, export string }{
		{"octopus-schema.graphql", "GBP", "isExport"},
		{"origin-schema.graphql", "AUD", ""},
	} {
		t.Run(tc.sdl, func(t *testing.T) {
			srv, c := tenant(t, tc.sdl)
			data := mustQuery(t, c)(annualWithBills(tc.export), nil)
			annual := simtest.Get(data, "account", "annualStatements", "edges", 0, "node")
			id := simtest.Get(annual, "id").(string)
			u, _ := simtest.Get(annual, "pdfUrl").(string)
			if want := srv.URL + "/documents/annual-statements/A-C90DC431/" + id + ".pdf?"; !strings.HasPrefix(u, want) {
				t.Fatalf("pdfUrl %q, want it at %s", u, want)
			}
			status, body, h := get(t, u)
			if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
				t.Fatalf("fetched %d %q: %.300q", status, h.Get("Content-Type"), body)
			}
			if h.Get("Content-Disposition") != "inline; filename=annual-statement-2025-09.pdf" || h.Get("Content-Security-Policy") != "sandbox" {
				t.Errorf("headers %v", h)
			}
			text := strings.Join(documents.Text([]byte(body)), "\n") + "\n"
			money := func(n int) string { return documents.Money(tc.currency, n) }
			num := func(v any) int { f, _ := v.(float64); return int(f) }

			from, to := simtest.Get(annual, "periodStartsAt").(string)[:10], simtest.Get(annual, "periodEndsAt").(string)[:10]
			var year []any // oldest first
			for _, e := range simtest.Get(data, "account", "bills", "edges").([]any) {
				if b := simtest.Get(e, "node"); simtest.Get(b, "fromDate").(string) >= from && simtest.Get(b, "fromDate").(string) < to {
					year = append([]any{b}, year...)
				}
			}
			if len(year) != 12 {
				t.Fatalf("%d statements from %s to %s, want 12", len(year), from, to)
			}
			type fuel struct {
				use               float64
				unit              string
				net, tax, charged int
			}
			fuels := map[string]*fuel{}
			var charges, credits int
			want := []string{"Account number  A-C90DC431", "Annual statement  " + id, "Year  1 September 2025 to 31 August 2026", "Statements  12"}
			for _, b := range year {
				opening, closing := num(simtest.Get(b, "openingBalance")), num(simtest.Get(b, "closingBalance"))
				charged, credited := num(simtest.Get(b, "totalCharges", "grossTotal")), num(simtest.Get(b, "totalCredits", "grossTotal"))
				charges, credits = charges+charged, credits+credited
				want = append(want, fmt.Sprint("\n", simtest.Get(b, "id"), "  ", short(simtest.Get(b, "fromDate")), " to ", short(simtest.Get(b, "toDate")), "  ",
					money(charged), "  ", money(credited), "  ", money(closing-opening+charged-credited), "  ", money(closing), "\n"))
				for _, e := range simtest.Get(b, "transactions", "edges").([]any) {
					tx := simtest.Get(e, "node")
					if simtest.Get(tx, "__typename") != "Charge" {
						continue
					}
					name := simtest.Get(tx, "title").(string)
					if simtest.Get(tx, "isExport") == true {
						name += " export"
					}
					f := fuels[name]
					if f == nil {
						f = &fuel{}
						fuels[name] = f
					}
					q, _ := strconv.ParseFloat(fmt.Sprint(simtest.Get(tx, "consumption", "quantity")), 64)
					f.use, f.unit = f.use+q, fmt.Sprint(simtest.Get(tx, "consumption", "unit"))
					f.net, f.tax, f.charged = f.net+num(simtest.Get(tx, "amounts", "net")), f.tax+num(simtest.Get(tx, "amounts", "tax")), f.charged+num(simtest.Get(tx, "amounts", "gross"))
				}
			}
			opening, closing := num(simtest.Get(year[0], "openingBalance")), num(simtest.Get(year[11], "closingBalance"))
			want = append(want, "Balance at the start  "+money(opening)+"\n", "Total charges  "+money(charges)+"\n",
				"Payments  "+money(closing-opening+charges-credits)+"\n", "Credits  "+money(credits)+"\n", "Balance at the end  "+money(closing)+"\n")
			if len(fuels) < 2 {
				t.Errorf("the year charged for %d fuels, want electricity and gas", len(fuels))
			}
			for name, f := range fuels {
				want = append(want, "\n"+name+"  "+strconv.FormatFloat(math.Round(f.use*100)/100, 'f', 2, 64)+" "+f.unit+"  "+money(f.net)+"  "+money(f.tax)+"  "+money(f.charged)+"\n")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF does not show %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestAnnualStatementPDFRefusals: an annual statement's pdfUrl is refused, as S3 refuses
// one, with a changed signature or year, once an hour of the session's clock is over,
// and, signed all the same, for a year the account has no annual statement of (not yet
// over, before its first statement, another account's) and for an account the session
// does not hold.
func TestAnnualStatementPDFRefusals(t *testing.T) {
	srv, c := octopus(t)
	data := mustQuery(t, c)(`{ account(accountNumber: "A-C90DC431") { annualStatements(first: 1) { edges { node { id pdfUrl } } } }
		other: account(accountNumber: "A-7B3E9D12") { annualStatements(first: 1) { edges { node { id } } } } }`, nil)
	id := simtest.Get(data, "account", "annualStatements", "edges", 0, "node", "id").(string)
	u := simtest.Get(data, "account", "annualStatements", "edges", 0, "node", "pdfUrl").(string)
	others := simtest.Get(data, "other", "annualStatements", "edges", 0, "node", "id").(string)
	sess, err := srv.Sim.Session(c.Session)
	if err != nil {
		t.Fatal(err)
	}
	signed := func(account, id string) string {
		u, _ := sess.DocumentURL(documents.AnnualStatementKey(account, id))
		return u
	}
	for _, tc := range []struct {
		name, url, want string
	}{
		{"a changed signature", strings.Replace(u, "signature=", "signature=0", 1), "403 SignatureDoesNotMatch"},
		{"another year", strings.Replace(u, "/"+id+".pdf", "/3373122609202409.pdf", 1), "403 SignatureDoesNotMatch"},
		{"a statement's kind", strings.Replace(u, "/annual-statements/", "/statements/", 1), "403 SignatureDoesNotMatch"},
		{"no signature", u[:strings.Index(u, "?")], "403 AccessDenied"},
		{"the year not yet over", signed("A-C90DC431", "3373122609202609"), "404 NoSuchKey"},
		{"a year before the first statement", signed("A-C90DC431", "3373122609201809"), "404 NoSuchKey"},
		{"no such id", signed("A-C90DC431", "2025"), "404 NoSuchKey"},
		{"another account's year", signed("A-C90DC431", others), "404 NoSuchKey"},
		{"no such account", signed("A-00000000", "0202509"), "404 NoSuchKey"},
	} {
		status, body, h := get(t, tc.url)
		if got := fmt.Sprint(status, " ", between(body, "<Code>", "</Code>")); got != tc.want || h.Get("Content-Type") != "application/xml" {
			t.Errorf("%s: %s (%s), want %s", tc.name, got, body, tc.want)
		}
	}
	if status, body, _ := get(t, signed("A-C90DC431", id)); status != http.StatusOK {
		t.Fatalf("the year signed again: %d %.200s", status, body)
	}
	c.AdvanceClock(59 * time.Minute)
	if status, body, _ := get(t, u); status != http.StatusOK {
		t.Errorf("within the hour: %d %.200s", status, body)
	}
	c.AdvanceClock(2 * time.Minute)
	if status, body, _ := get(t, u); status != http.StatusForbidden || !strings.Contains(body, "expired") || !strings.Contains(body, "pdfUrl") {
		t.Errorf("after the hour: %d %s", status, body)
	}
}
