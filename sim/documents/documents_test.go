package documents

import (
	"bytes"
	"errors"
	"flag"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/internal/goldenfile"
	"github.com/krakensim/krakensim/sim/uploads"
)

var update = flag.Bool("update", false, "rewrite golden files")

var at = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

// TestURLIsChecked: a statement's URL is on the origin given, names its session and
// expiry, and its query passes as it is; another key, session or expiry, a changed
// signature, a missing parameter or another secret are refused with S3's codes.
func TestURLIsChecked(t *testing.T) {
	s := NewSigner([]byte("secret"))
	key := StatementKey("A-C90DC431", "1087")
	u, err := url.Parse(s.URL("http://127.0.0.1:8080", "my-test", key, at.Add(TTL)))
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != "http://127.0.0.1:8080/documents/statements/A-C90DC431/1087.pdf" {
		t.Errorf("URL %s", got)
	}
	session, expires, err := s.Check(key, u.Query())
	if err != nil || session != "my-test" || !expires.Equal(at.Add(TTL)) {
		t.Errorf("the URL as given: %q %v %v", session, expires, err)
	}
	for _, tc := range []struct {
		name string
		key  string
		edit func(url.Values)
		code string
	}{
		{"another statement", StatementKey("A-C90DC431", "1088"), func(url.Values) {}, "SignatureDoesNotMatch"},
		{"another session", key, func(q url.Values) { q.Set("session", "other") }, "SignatureDoesNotMatch"},
		{"a later expiry", key, func(q url.Values) { q.Set("expires", "4102444800") }, "SignatureDoesNotMatch"},
		{"a changed signature", key, func(q url.Values) { q.Set("signature", "0"+q.Get("signature")[1:]) }, "SignatureDoesNotMatch"},
		{"no signature", key, func(q url.Values) { q.Del("signature") }, "AccessDenied"},
		{"no session", key, func(q url.Values) { q.Del("session") }, "AccessDenied"},
	} {
		q := u.Query()
		tc.edit(q)
		_, _, err := s.Check(tc.key, q)
		if e, ok := errors.AsType[*uploads.Error](err); !ok || e.Code != tc.code || e.Status != 403 {
			t.Errorf("%s: %v, want 403 %s", tc.name, err, tc.code)
		}
	}
	if _, _, err := NewSigner([]byte("another")).Check(key, u.Query()); err == nil {
		t.Error("another secret accepted the URL")
	}
}

// TestKeys: a document's key escapes its account number and id, and reads back as its
// kind, number and id; what names no document is no key.
func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		kind             Kind
		account, id, key string
	}{
		{StatementPDF, "A-C90DC431", "1087", "statements/A-C90DC431/1087.pdf"},
		{StatementPDF, "A-1", "stmt/1 ?", "statements/A-1/stmt%2F1%20%3F.pdf"},
		{AnnualStatementPDF, "A-C90DC431", "3373122609202509", "annual-statements/A-C90DC431/3373122609202509.pdf"},
	} {
		key := StatementKey(tc.account, tc.id)
		if tc.kind == AnnualStatementPDF {
			key = AnnualStatementKey(tc.account, tc.id)
		}
		if key != tc.key {
			t.Errorf("%s key of %q, %q = %q, want %q", tc.kind, tc.account, tc.id, key, tc.key)
		}
		if k, ok := ParseKey(tc.key); !ok || k != (Key{Kind: tc.kind, Account: tc.account, ID: tc.id}) {
			t.Errorf("ParseKey(%q) = %+v %v", tc.key, k, ok)
		}
	}
	for _, key := range []string{"", "statements/", "statements/A-1/", "statements/A-1/1", "statements/A-1/1.pdf/x.pdf",
		"statements//1.pdf", "statements/A-1/.pdf", "invoices/A-1/1.pdf", "statements/%zz/1.pdf", "statements/A-1/" + strings.Repeat("9", 600) + ".pdf",
		"annual-statements/A-1", "annual-statements/A-1/2025.pdf/", "annual-statements//2025.pdf", "Statements/A-1/1.pdf", "/statements/A-1/1.pdf",
		"terms/AGILE.pdf", "terms/-1.3.pdf", "terms/AGILE-.pdf", "terms/AGILE-24-10-01-1.3", "terms/A/AGILE-1.3.pdf", "terms/%zz-1.3.pdf"} {
		if k, ok := ParseKey(key); ok {
			t.Errorf("ParseKey(%q) = %+v, want no document", key, k)
		}
	}
	for product, key := range map[string]string{"AGILE-24-10-01": "terms/AGILE-24-10-01-1.3.pdf", "A/B C": "terms/A%2FB%20C-1.3.pdf"} {
		if got := TermsKey(product, "1.3"); got != key {
			t.Errorf("TermsKey(%q) = %q, want %q", product, got, key)
		}
		if k, ok := ParseKey(key); !ok || k != (Key{Kind: TermsPDF, ID: product, Version: "1.3"}) || !k.Kind.Public() {
			t.Errorf("ParseKey(%q) = %+v %v", key, k, ok)
		}
	}
}

// TestTerms writes a product's terms as markdown, as HTML with what would be markup
// escaped, and as a PDF whose text names the product, its code and the version.
func TestTerms(t *testing.T) {
	terms := &Terms{Name: "Agile <Octopus> Terms and Conditions", Product: "Agile <Octopus>", Code: "AGILE_24", Version: "1.3",
		Supplier: "Octopus Energy", EffectiveFrom: "2024-10-01",
		Sections: []TermsSection{{Heading: "Your prices", Paragraphs: []string{"Prices & more."}, Points: []string{"Capped at 100p/kWh.", "Half hourly."}}}}
	md := "# Agile \\<Octopus\\> Terms and Conditions\n\nVersion 1.3, in effect from 1 October 2024, for Agile \\<Octopus\\> (product code AGILE\\_24), supplied by Octopus Energy.\n\n" +
		"## Your prices\n\nPrices & more.\n\n- Capped at 100p/kWh.\n- Half hourly.\n"
	if got := terms.Markdown(); got != md {
		t.Errorf("markdown:\n%s\nwant\n%s", got, md)
	}
	html := "<h1>Agile &lt;Octopus&gt; Terms and Conditions</h1>\n<p>Version 1.3, in effect from 1 October 2024, for Agile &lt;Octopus&gt; (product code AGILE_24), supplied by Octopus Energy.</p>\n" +
		"<h2>Your prices</h2>\n<p>Prices &amp; more.</p>\n<ul>\n<li>Capped at 100p/kWh.</li>\n<li>Half hourly.</li>\n</ul>\n"
	if got := terms.HTML(); got != html {
		t.Errorf("html:\n%s\nwant\n%s", got, html)
	}
	pdf, err := RenderTerms(terms)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(Text(pdf), "\n")
	for _, want := range []string{"Agile <Octopus> Terms and Conditions", "Product code  AGILE_24", "Version  1.3", "In effect from  1 October 2024", "- Capped at 100p/kWh."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	if again, _ := RenderTerms(terms); !bytes.Equal(again, pdf) {
		t.Error("the same terms rendered other bytes")
	}
}

// TestMoney: amounts in minor units read as the currency's customers read them.
func TestMoney(t *testing.T) {
	for _, tc := range []struct {
		currency string
		n        int
		want     string
	}{
		{"GBP", 6420, "£64.20"},
		{"GBP", -6420, "-£64.20"},
		{"GBP", 5, "£0.05"},
		{"GBP", 0, "£0.00"},
		{"AUD", 123456789, "$1,234,567.89"},
		{"AUD", -100, "-$1.00"},
		{"GBP", -9223372036854775808, "-£92,233,720,368,547,758.08"},
	} {
		if got := Money(tc.currency, tc.n); got != tc.want {
			t.Errorf("Money(%s, %d) = %q, want %q", tc.currency, tc.n, got, tc.want)
		}
	}
}

// statement is a statement with a transaction of each kind and a title to escape.
func statement() *Statement {
	return &Statement{
		Filename: "1087.pdf", ID: "1087", AccountNumber: "A-C90DC431", BillingName: "Ada Lovelace (Mrs)",
		Address: []string{"10 Downing Street", "London", "SW1A 2AA"}, From: "2026-10-01", To: "2026-10-31",
		Issued: "2026-11-02", Due: "2026-11-16", Currency: "GBP", TaxName: "VAT",
		Opening: -1200, Closing: 350, ChargesNet: 8000, ChargesTax: 400, ChargesGross: 8400, Credits: 9950,
		Transactions: []Transaction{
			{Date: "2026-10-15", Title: "Direct debit", Credit: true, Amount: 9950},
			{Date: "2026-10-31", Title: "Electricity", Net: 8000, Tax: 400, Amount: 8400},
		},
		More: 2,
	}
}

// TestRender: a statement's PDF is a PDF, the same bytes each time, dated the day it
// was issued, and shows what the golden file holds (update it with -update).
func TestRender(t *testing.T) {
	st := statement()
	b, err := Render(st)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Render(st)
	if !bytes.Equal(b, again) {
		t.Error("the same statement rendered twice differs")
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/CreationDate (D:20261102000000)")) || len(b) > 64<<10 {
		t.Errorf("not a small PDF created on the issue date (%d bytes): %.200q", len(b), b)
	}
	golden(t, "statement.golden", strings.Join(Text(b), "\n")+"\n")

	st.PreKraken = true
	b, err = Render(st)
	if err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(Text(b), "\n"); !strings.Contains(text, "before Kraken") || strings.Contains(text, "Closing balance") {
		t.Errorf("a pre-Kraken bill:\n%s", text)
	}
}

// TestRenderIsBounded: however long the state's texts and lists, a PDF lists at most
// MaxTransactions and stays small.
func TestRenderIsBounded(t *testing.T) {
	st := statement()
	st.BillingName = strings.Repeat("Ω名", 10000)
	st.Address = make([]string, 1000)
	st.Transactions = nil
	for range MaxTransactions {
		st.Transactions = append(st.Transactions, Transaction{Date: "2026-10-31", Title: strings.Repeat("x", 1000), Amount: 1})
	}
	b, err := Render(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 256<<10 {
		t.Errorf("%d bytes", len(b))
	}
	text := strings.Join(Text(b), "\n")
	if n := strings.Count(text, "\n31 October 2026  xxx"); n != MaxTransactions || !strings.Contains(text, "page 2 of 2") {
		t.Errorf("%d transactions listed:\n%s", n, text)
	}
}

// annual is an annual statement of two statements, two fuels and an export.
func annual() *AnnualStatement {
	return &AnnualStatement{
		Filename: "annual-statement-2025-09.pdf", ID: "3373122609202509", AccountNumber: "A-C90DC431", BillingName: "Ada Lovelace (Mrs)",
		Address: []string{"10 Downing Street", "London", "SW1A 2AA"}, From: "2025-09-01", To: "2026-08-31", Issued: "2026-09-02",
		Currency: "GBP", TaxName: "VAT",
		Statements: []YearStatement{
			{ID: "1073", From: "2025-09-01", To: "2025-09-30", Opening: 14475, Closing: 15596, ChargesNet: 9409, ChargesTax: 470, ChargesGross: 9879},
			{ID: "1074", From: "2025-10-01", To: "2025-10-31", Opening: 15596, Closing: 14619, ChargesNet: 11407, ChargesTax: 570, ChargesGross: 11977, Credits: 500},
		},
		Fuels: []FuelCharges{
			{Fuel: "Electricity", Unit: "kWh", Use: 412.345, Net: 12000, Tax: 600, Gross: 12600},
			{Fuel: "Gas", Unit: "kWh", Use: 1000, Net: 9816, Tax: 440, Gross: 10256},
			{Fuel: "Electricity export", Unit: "kWh", Use: 80, Net: -1000, Gross: -1000},
			{Fuel: "Other charges", Net: 0, Gross: 0},
		},
	}
}

// TestRenderAnnual: an annual statement's PDF is a PDF, the same bytes each time, dated
// the day its last statement was issued, whose year adds up its statements (opening at
// the first's, closing at the last's, paid what moved the balance besides), and shows
// what the golden file holds (update it with -update).
func TestRenderAnnual(t *testing.T) {
	st := annual()
	b, err := RenderAnnual(st)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := RenderAnnual(st); !bytes.Equal(b, again) {
		t.Error("the same annual statement rendered twice differs")
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/CreationDate (D:20260902000000)")) || len(b) > 64<<10 {
		t.Errorf("not a small PDF created on the last issue date (%d bytes): %.200q", len(b), b)
	}
	want := YearStatement{Opening: 14475, Closing: 14619, ChargesNet: 20816, ChargesTax: 1040, ChargesGross: 21856, Credits: 500}
	if got := st.Totals(); got != want || got.Payments() != 21500 {
		t.Errorf("totals %+v (paid %d), want %+v (paid 21500)", got, got.Payments(), want)
	}
	golden(t, "annual.golden", strings.Join(Text(b), "\n")+"\n")

	b, err = RenderAnnual(&AnnualStatement{ID: "1", AccountNumber: "A-1", Currency: "GBP", TaxName: "VAT"})
	if text := strings.Join(Text(b), "\n"); err != nil || !strings.Contains(text, "Statements  0") || !strings.Contains(text, "Balance at the end  £0.00") {
		t.Errorf("a year of no statements (%v):\n%s", err, text)
	}
}

// TestRenderAnnualIsBounded: however many statements and fuels a year has and however
// long its texts, its PDF lists at most MaxYearStatements and stays small.
func TestRenderAnnualIsBounded(t *testing.T) {
	st := annual()
	st.BillingName = strings.Repeat("Ω名", 10000)
	st.Statements = nil
	for i := range 1000 {
		st.Statements = append(st.Statements, YearStatement{ID: strings.Repeat("9", 1000), From: "2025-09-01", To: "2025-09-30", ChargesGross: i})
	}
	for range 100 {
		st.Fuels = append(st.Fuels, FuelCharges{Fuel: strings.Repeat("x", 1000), Unit: "kWh", Use: 1e300})
	}
	b, err := RenderAnnual(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 512<<10 {
		t.Errorf("%d bytes", len(b))
	}
	text := strings.Join(Text(b), "\n")
	if n := strings.Count(text, "  1 Sep 2025 to 30 Sep 2025  "); n != MaxYearStatements || !strings.Contains(text, "and 940 more statements") {
		t.Errorf("%d statements listed:\n%.2000s", n, text)
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

// FuzzParseKey: no key panics, takes more than a second or 100 MB, and what reads as a
// document is the key of that document, as its URL escapes it.
func FuzzParseKey(f *testing.F) {
	for _, k := range []string{"statements/A-C90DC431/1087.pdf", "statements/A-1/a%2Fb.pdf", "statements/%zz/1.pdf", "x",
		"annual-statements/A-C90DC431/3373122609202509.pdf", "annual-statements/A-1/%2F.pdf"} {
		f.Add(k)
	}
	f.Add("terms/AGILE-24-10-01-1.3.pdf")
	f.Add("terms/a%2Fb-1.0.pdf")
	f.Fuzz(func(t *testing.T, key string) {
		var k Key
		var ok bool
		fuzzcost.Check(t, key, func() { k, ok = ParseKey(key) })
		if !ok {
			return
		}
		if again, ok := ParseKey(k.String()); !ok || again != k {
			t.Fatalf("%q reads as %+v, whose key %q reads as %+v", key, k, k.String(), again)
		}
	})
}

// FuzzCheck: no query is accepted for a statement but the one signed for it, and none
// panics.
func FuzzCheck(f *testing.F) {
	s := NewSigner([]byte("secret"))
	key := StatementKey("A-C90DC431", "1087")
	u, _ := url.Parse(s.URL("http://h", "fuzz", key, at))
	f.Add(u.RawQuery)
	f.Add("session=fuzz&expires=x&signature=00")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		session, expires, err := s.Check(key, q)
		if err == nil && (session != "fuzz" || !expires.Equal(at.Truncate(time.Second))) {
			t.Fatalf("%q accepted for session %q until %v", raw, session, expires)
		}
	})
}

// FuzzText: reading any bytes as a PDF's text neither panics nor takes more than a
// second or 100 MB.
func FuzzText(f *testing.F) {
	b, _ := Render(statement())
	f.Add(b)
	f.Add([]byte("BT 1 2 Td (a\\"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzcost.Check(t, string(b[:min(len(b), 64)]), func() { Text(b) })
	})
}
