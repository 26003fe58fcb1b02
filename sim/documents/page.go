package documents

import (
	"bytes"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"
)

// page is a document's PDF under way: A4, Helvetica, uncompressed, the same bytes for
// the same document, with what each document writes with.
type page struct {
	pdf      *fpdf.Fpdf
	tr       func(string) string
	currency string
}

// newPage starts a document titled title, created on the day issued (YYYY-MM-DD), in
// currency, whose pages' footer is footer and their numbers.
func newPage(title, footer, issued, currency string) *page {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	created, err := time.Parse(time.DateOnly, issued)
	if err != nil {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetProducer("krakensim", false)
	p := &page{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor(""), currency: currency} // cp1252, the core fonts' encoding
	pdf.SetTitle(p.text(title), false)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, p.text(footer+": page "+strconv.Itoa(pdf.PageNo())+" of {nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	return p
}

// text is s clipped and in the fonts' encoding.
func (p *page) text(s string) string { return p.tr(clip(s)) }

// money is minor units of the document's currency, in the fonts' encoding.
func (p *page) money(n int) string { return p.tr(Money(p.currency, n)) }

// line writes s on a line of its own.
func (p *page) line(size float64, style, s string) {
	p.pdf.SetFont("Helvetica", style, size)
	p.pdf.CellFormat(0, size*0.5, p.text(s), "", 1, "L", false, 0, "")
}

// maxParagraph bounds a paragraph a PDF shows, in runes.
const maxParagraph = 1000

// para writes s as a paragraph, wrapped to the page's width.
func (p *page) para(size float64, style, s string) {
	if r := []rune(s); len(r) > maxParagraph {
		s = string(r[:maxParagraph]) + "..."
	}
	p.pdf.SetFont("Helvetica", style, size)
	p.pdf.MultiCell(0, size*0.5, p.tr(s), "", "L", false)
}

// pair writes a label and its value, already encoded, on a line.
func (p *page) pair(label, value string) {
	p.pdf.SetFont("Helvetica", "", 10)
	p.pdf.CellFormat(60, 6, p.text(label), "", 0, "L", false, 0, "")
	p.pdf.CellFormat(0, 6, value, "", 1, "L", false, 0, "")
}

// head writes a document's heading and whom it is addressed to.
func (p *page) head(heading, name string, address []string) {
	p.line(18, "B", heading)
	p.pdf.Ln(4)
	p.line(11, "B", name)
	for _, l := range address[:min(len(address), 8)] {
		p.line(10, "", l)
	}
	p.pdf.Ln(6)
}

// section starts a section headed heading.
func (p *page) section(heading string) {
	p.pdf.Ln(6)
	p.line(13, "B", heading)
	p.pdf.Ln(2)
}

// summary writes how a balance moved: from its opening (labelled opening), by the
// charges with their tax (taxName), the payments and the credits, to its closing, in
// bold below a rule.
func (p *page) summary(opening, closing, taxName string, t YearStatement) {
	p.pair(opening, p.money(t.Opening))
	p.pair("Charges before "+taxName, p.money(t.ChargesNet))
	p.pair(taxName, p.money(t.ChargesTax))
	p.pair("Total charges", p.money(t.ChargesGross))
	p.pair("Payments", p.money(t.Payments()))
	p.pair("Credits", p.money(t.Credits))
	p.pdf.SetFont("Helvetica", "B", 10)
	p.pdf.CellFormat(60, 7, closing, "T", 0, "L", false, 0, "")
	p.pdf.CellFormat(0, 7, p.money(t.Closing), "T", 1, "L", false, 0, "")
	p.line(8, "", "A balance below zero is owed; above zero, it is in credit.")
}

// row writes a table's row of cells, already encoded, in columns of widths: the first
// left of them aligned left, the last of those cut to fit, the rest right.
func (p *page) row(widths []float64, left int, style string, cells ...string) {
	p.pdf.SetFont("Helvetica", style, 9)
	for i, c := range cells {
		align := "R"
		if i < left {
			align = "L"
			for i == left-1 && len(c) > 0 && p.pdf.GetStringWidth(c) > widths[i]-1 {
				c = c[:len(c)-1] // cp1252: a byte a character
			}
		}
		p.pdf.CellFormat(widths[i], 5, c, "B", 0, align, false, 0, "")
	}
	p.pdf.Ln(-1)
}

// output is the PDF's bytes.
func (p *page) output() ([]byte, error) {
	var b bytes.Buffer
	if err := p.pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
