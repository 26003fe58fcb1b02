package documents

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
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
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	issued, err := time.Parse(time.DateOnly, st.Issued)
	if err != nil {
		issued = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(issued)
	pdf.SetModificationDate(issued)
	pdf.SetProducer("krakensim", false)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252, the core fonts' encoding
	text := func(s string) string { return tr(clip(s)) }
	pdf.SetTitle(text("Statement "+st.ID+" of account "+st.AccountNumber), false)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, text("Account "+st.AccountNumber+", statement "+st.ID+": page "+strconv.Itoa(pdf.PageNo())+" of {nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	money := func(n int) string { return tr(Money(st.Currency, n)) }
	line := func(size float64, style, s string) {
		pdf.SetFont("Helvetica", style, size)
		pdf.CellFormat(0, size*0.5, text(s), "", 1, "L", false, 0, "")
	}
	pair := func(label, value string) {
		pdf.SetFont("Helvetica", "", 10)
		pdf.CellFormat(60, 6, text(label), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 6, value, "", 1, "L", false, 0, "")
	}

	line(18, "B", "Statement")
	pdf.Ln(4)
	line(11, "B", st.BillingName)
	for _, l := range st.Address[:min(len(st.Address), 8)] {
		line(10, "", l)
	}
	pdf.Ln(6)
	pair("Account number", text(st.AccountNumber))
	pair("Statement", text(st.ID))
	pair("Period", text(longDate(st.From)+" to "+longDate(st.To)))
	pair("Issued", text(longDate(st.Issued)))
	if st.Due != "" {
		pair("Payment due", text(longDate(st.Due)))
	}

	if st.PreKraken {
		pdf.Ln(6)
		line(10, "", "A bill from before Kraken, imported with the account's history.")
		return output(pdf)
	}
	pdf.Ln(6)
	line(13, "B", "Summary")
	pdf.Ln(2)
	pair("Opening balance", money(st.Opening))
	pair("Charges before "+st.TaxName, money(st.ChargesNet))
	pair(st.TaxName, money(st.ChargesTax))
	pair("Total charges", money(st.ChargesGross))
	pair("Payments", money(st.Closing-st.Opening+st.ChargesGross-st.Credits))
	pair("Credits", money(st.Credits))
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(60, 7, "Closing balance", "T", 0, "L", false, 0, "")
	pdf.CellFormat(0, 7, money(st.Closing), "T", 1, "L", false, 0, "")
	line(8, "", "A balance below zero is owed; above zero, it is in credit.")

	pdf.Ln(6)
	line(13, "B", "Transactions")
	pdf.Ln(2)
	widths := []float64{28, 72, 20, 20, 20, 20}
	row := func(style string, cells ...string) {
		pdf.SetFont("Helvetica", style, 9)
		for i, c := range cells {
			align := "R"
			if i < 2 {
				align = "L"
			}
			for i == 1 && len(c) > 0 && pdf.GetStringWidth(c) > widths[i]-1 {
				c = c[:len(c)-1] // cp1252: a byte a character
			}
			pdf.CellFormat(widths[i], 5, c, "B", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	row("B", "Date", "Description", "Net", st.TaxName, "Charges", "Credits")
	for _, t := range st.Transactions {
		net, tax, charge, credit := "", "", money(t.Amount), ""
		if t.Credit {
			charge, credit = "", money(t.Amount)
		} else {
			net, tax = money(t.Net), money(t.Tax)
		}
		row("", text(longDate(t.Date)), text(t.Title), net, tax, charge, credit)
	}
	if st.More > 0 {
		pdf.Ln(2)
		line(9, "", "and "+strconv.Itoa(st.More)+" more transactions, which the statement's transactions list.")
	}
	return output(pdf)
}

// output is the PDF's bytes.
func output(pdf *fpdf.Fpdf) ([]byte, error) {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
