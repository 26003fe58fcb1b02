package documents

import (
	"html"
	"strings"
)

// Terms is what a product's terms and conditions say: their title, the facts heading
// them and sections of paragraphs and points, written alike as markdown, HTML and a PDF.
type Terms struct {
	// Filename is the PDF's file name.
	Filename string
	// Name is the terms' title ("Agile Octopus October 2024 Terms and Conditions").
	Name string
	// Product is the product's full name, Code its code.
	Product, Code string
	// Version is the terms' major.minor version.
	Version string
	// Supplier is the brand's name ("Octopus Energy"); "" for none.
	Supplier string
	// EffectiveFrom is the day the terms took effect, YYYY-MM-DD.
	EffectiveFrom string
	Sections      []TermsSection
}

// TermsSection is a heading and what follows it: paragraphs, then points.
type TermsSection struct {
	Heading    string
	Paragraphs []string
	Points     []string
}

// intro is the line under the terms' title: their version, when they took effect and the
// product they are of.
func (t *Terms) intro() string {
	s := "Version " + t.Version + ", in effect from " + longDate(t.EffectiveFrom) + ", for " + t.Product + " (product code " + t.Code + ")"
	if t.Supplier != "" {
		s += ", supplied by " + t.Supplier
	}
	return s + "."
}

// markdownEscaper escapes what markdown would read as markup.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`)

// Markdown is the terms as markdown: the title a heading of the first level, each
// section's of the second, its points a list.
func (t *Terms) Markdown() string {
	var b strings.Builder
	esc := markdownEscaper.Replace
	b.WriteString("# " + esc(t.Name) + "\n\n" + esc(t.intro()) + "\n")
	for _, s := range t.Sections {
		b.WriteString("\n## " + esc(s.Heading) + "\n")
		for _, p := range s.Paragraphs {
			b.WriteString("\n" + esc(p) + "\n")
		}
		if len(s.Points) > 0 {
			b.WriteString("\n")
		}
		for _, p := range s.Points {
			b.WriteString("- " + esc(p) + "\n")
		}
	}
	return b.String()
}

// HTML is the terms as the HTML their markdown renders to.
func (t *Terms) HTML() string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString("<h1>" + esc(t.Name) + "</h1>\n<p>" + esc(t.intro()) + "</p>\n")
	for _, s := range t.Sections {
		b.WriteString("<h2>" + esc(s.Heading) + "</h2>\n")
		for _, p := range s.Paragraphs {
			b.WriteString("<p>" + esc(p) + "</p>\n")
		}
		if len(s.Points) == 0 {
			continue
		}
		b.WriteString("<ul>\n")
		for _, p := range s.Points {
			b.WriteString("<li>" + esc(p) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	return b.String()
}

// RenderTerms is the terms' PDF, as Render makes a statement's (its creation date is the
// day the terms took effect).
func RenderTerms(t *Terms) ([]byte, error) {
	p := newPage(t.Name, t.Name+", version "+t.Version, t.EffectiveFrom, "")
	p.para(16, "B", t.Name)
	p.pdf.Ln(4)
	p.pair("Product", p.text(t.Product))
	p.pair("Product code", p.text(t.Code))
	p.pair("Version", p.text(t.Version))
	p.pair("In effect from", p.text(longDate(t.EffectiveFrom)))
	if t.Supplier != "" {
		p.pair("Supplier", p.text(t.Supplier))
	}
	for _, s := range t.Sections {
		p.section(s.Heading)
		for _, para := range s.Paragraphs {
			p.para(10, "", para)
			p.pdf.Ln(2)
		}
		for _, point := range s.Points {
			p.para(10, "", "- "+point)
		}
	}
	return p.output()
}
