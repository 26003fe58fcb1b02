package documents

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxTransactions bounds the transactions a statement's PDF lists; it counts the rest.
const MaxTransactions = 60

// maxText bounds each text a PDF shows, in runes.
const maxText = 120

// Statement is what a statement's PDF shows: the statement as its GraphQL fields answer
// it. Amounts are in the currency's minor unit (pence, cents).
type Statement struct {
	// Filename is the PDF's file name, as the statement's attachments give it.
	Filename      string
	ID            string
	AccountNumber string
	BillingName   string
	Address       []string
	// From, To, Issued and Due are dates, YYYY-MM-DD; Due may be "".
	From, To, Issued, Due string
	// Currency is the tenant's ISO code (GBP, AUD); TaxName its tax on energy (VAT, GST).
	Currency, TaxName string
	Opening, Closing  int
	// ChargesNet, ChargesTax and ChargesGross are totalCharges; Credits totalCredits'
	// grossTotal, which leaves out the payments.
	ChargesNet, ChargesTax, ChargesGross, Credits int
	// Transactions are the statement's, oldest first, at most MaxTransactions; More
	// counts those left out.
	Transactions []Transaction
	More         int
	// PreKraken marks a bill from before Kraken, imported as a document: it has no
	// balances or transactions.
	PreKraken bool
}

// Transaction is a line of a statement's transactions.
type Transaction struct {
	Date, Title string
	// Credit marks a payment or credit (what lowers the balance owed); a charge or
	// refund has none.
	Credit           bool
	Net, Tax, Amount int
	// Lines itemise a charge's use by rate, one line each (an Economy 7 meter's day
	// and night use); none for a charge at one rate.
	Lines []string
}

// Money is minor units of currency as its customers read them: "£64.20", "-$1,234.05".
func Money(currency string, minor int) string {
	symbol := map[string]string{"GBP": "£", "EUR": "€", "JPY": "¥"}[currency]
	if symbol == "" {
		symbol = "$"
	}
	sign, n := "", uint64(minor)
	if minor < 0 {
		sign, n = "-", uint64(-(minor+1))+1
	}
	units := strconv.FormatUint(n/100, 10)
	var b strings.Builder
	for i, c := range units {
		if i > 0 && (len(units)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + symbol + b.String() + "." + strconv.FormatUint(n%100/10, 10) + strconv.FormatUint(n%10, 10)
}

// longDate is a YYYY-MM-DD date as a bill prints it ("2 October 2019"); what is no
// such date, as it is.
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 January 2006")
}

// clip cuts s to maxText runes.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxText {
		return s
	}
	return string([]rune(s)[:maxText]) + "..."
}

// Render is the statement's PDF: A4, Helvetica, uncompressed, the same bytes for the
// same statement (its creation date is the day it was issued).
func Render(st *Statement) ([]byte, error) {
	p := newPage("Statement "+st.ID+" of account "+st.AccountNumber, "Account "+st.AccountNumber+", statement "+st.ID, st.Issued, st.Currency)
	p.head("Statement", st.BillingName, st.Address)
	p.pair("Account number", p.text(st.AccountNumber))
	p.pair("Statement", p.text(st.ID))
	p.pair("Period", p.text(longDate(st.From)+" to "+longDate(st.To)))
	p.pair("Issued", p.text(longDate(st.Issued)))
	if st.Due != "" {
		p.pair("Payment due", p.text(longDate(st.Due)))
	}

	if st.PreKraken {
		p.pdf.Ln(6)
		p.line(10, "", "A bill from before Kraken, imported with the account's history.")
		return p.output()
	}
	p.section("Summary")
	p.summary("Opening balance", "Closing balance", st.TaxName, YearStatement{Opening: st.Opening, Closing: st.Closing,
		ChargesNet: st.ChargesNet, ChargesTax: st.ChargesTax, ChargesGross: st.ChargesGross, Credits: st.Credits})

	p.section("Transactions")
	widths := []float64{28, 72, 20, 20, 20, 20}
	p.row(widths, 2, "B", "Date", "Description", "Net", st.TaxName, "Charges", "Credits")
	for _, t := range st.Transactions {
		net, tax, charge, credit := "", "", p.money(t.Amount), ""
		if t.Credit {
			charge, credit = "", p.money(t.Amount)
		} else {
			net, tax = p.money(t.Net), p.money(t.Tax)
		}
		p.row(widths, 2, "", p.text(longDate(t.Date)), p.text(t.Title), net, tax, charge, credit)
		for _, l := range t.Lines {
			p.row(widths, 2, "", "", p.text("  "+l), "", "", "", "")
		}
	}
	if st.More > 0 {
		p.pdf.Ln(2)
		p.line(9, "", "and "+strconv.Itoa(st.More)+" more transactions, which the statement's transactions list.")
	}
	return p.output()
}
