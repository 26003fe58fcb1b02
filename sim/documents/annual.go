package documents

import (
	"strconv"
	"time"
)

// MaxYearStatements bounds the statements an annual statement's PDF lists; it counts the
// rest in its totals all the same.
const MaxYearStatements = 60

// AnnualStatement is what an annual statement's PDF shows: the account's year, as the
// statements closed in it answer it. Amounts are in the currency's minor unit.
type AnnualStatement struct {
	// Filename is the PDF's file name.
	Filename      string
	ID            string
	AccountNumber string
	BillingName   string
	Address       []string
	// From and To are the year's first and last days, Issued the day its last statement
	// was, each YYYY-MM-DD.
	From, To, Issued string
	// Currency is the tenant's ISO code (GBP, AUD); TaxName its tax on energy (VAT, GST).
	Currency, TaxName string
	// Statements are the year's closed statements, oldest first.
	Statements []YearStatement
	// Fuels are the year's charges by what they charged for, in the order first charged.
	Fuels []FuelCharges
}

// YearStatement is a closed statement as an annual statement lists it: its period and
// totals, as its GraphQL fields answer them.
type YearStatement struct {
	ID, From, To                         string
	Opening, Closing                     int
	ChargesNet, ChargesTax, ChargesGross int
	// Credits is totalCredits' grossTotal, which leaves out the payments.
	Credits int
}

// Payments are what the statement was paid: what moved its balance besides its charges
// and credits.
func (s YearStatement) Payments() int { return s.Closing - s.Opening + s.ChargesGross - s.Credits }

// FuelCharges is what a year charged for one fuel (an export's credits apart): the use
// charged for, in Unit (kWh; MJ of gas in Australia), and the charges' amounts.
type FuelCharges struct {
	Fuel, Unit      string
	Use             float64
	Net, Tax, Gross int
}

// Totals are the year's: its balance at the start and end, and what its statements
// charged, credited and were paid.
func (a *AnnualStatement) Totals() (total YearStatement) {
	if len(a.Statements) == 0 {
		return total
	}
	total.Opening, total.Closing = a.Statements[0].Opening, a.Statements[len(a.Statements)-1].Closing
	for _, s := range a.Statements {
		total.ChargesNet += s.ChargesNet
		total.ChargesTax += s.ChargesTax
		total.ChargesGross += s.ChargesGross
		total.Credits += s.Credits
	}
	return total
}

// RenderAnnual is the annual statement's PDF, as Render makes a statement's (its
// creation date is the day its last statement was issued).
func RenderAnnual(st *AnnualStatement) ([]byte, error) {
	p := newPage("Annual statement "+st.ID+" of account "+st.AccountNumber, "Account "+st.AccountNumber+", annual statement "+st.ID, st.Issued, st.Currency)
	p.head("Annual statement", st.BillingName, st.Address)
	p.pair("Account number", p.text(st.AccountNumber))
	p.pair("Annual statement", p.text(st.ID))
	p.pair("Year", p.text(longDate(st.From)+" to "+longDate(st.To)))
	p.pair("Statements", strconv.Itoa(len(st.Statements)))

	p.section("Your year")
	p.summary("Balance at the start", "Balance at the end", st.TaxName, st.Totals())

	p.section("Your energy")
	widths := []float64{50, 30, 25, 25, 25}
	p.row(widths, 1, "B", "Fuel", "Use", "Net", st.TaxName, "Charges")
	for _, f := range st.Fuels {
		use := ""
		if f.Unit != "" {
			use = p.text(strconv.FormatFloat(f.Use, 'f', 2, 64) + " " + f.Unit)
		}
		p.row(widths, 1, "", p.text(f.Fuel), use, p.money(f.Net), p.money(f.Tax), p.money(f.Gross))
	}

	p.section("Statements")
	widths = []float64{20, 62, 25, 25, 25, 25}
	p.row(widths, 2, "B", "Statement", "Period", "Charges", "Credits", "Payments", "Balance")
	for _, s := range st.Statements[:min(len(st.Statements), MaxYearStatements)] {
		p.row(widths, 2, "", p.text(s.ID), p.text(shortDate(s.From)+" to "+shortDate(s.To)),
			p.money(s.ChargesGross), p.money(s.Credits), p.money(s.Payments()), p.money(s.Closing))
	}
	if more := len(st.Statements) - MaxYearStatements; more > 0 {
		p.pdf.Ln(2)
		p.line(9, "", "and "+strconv.Itoa(more)+" more statements, which the account's bills list.")
	}
	return p.output()
}

// shortDate is a YYYY-MM-DD date as a table prints it ("2 Oct 2019"); what is no such
// date, as it is.
func shortDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan 2006")
}
