package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/documents"
	"github.com/krakensim/krakensim/sim/fake"
)

// A product's terms and conditions (termsAndConditionsForProduct). Each product the
// catalogue knows (energyProduct's) has terms of its own, not the brand's general terms:
// Kraken's query asks by product code, and Octopus publishes terms for each tariff
// (Agile Octopus's, Octopus Go's, each fix's). They are named for the product, in its
// brand, of a major.minor version that is the product's for good (no capture of a real
// one is known), and in effect from the day the product was first available; they say
// what its prices do and what leaving it costs as its catalogue entry has them, as
// markdown, the same as HTML in a JSON string (the field's description) and a public
// PDF krakensim serves (documents.TermsKey). A code the catalogue does not know is
// KT-CT-8501, the code Kraken documents for the field where it documents one
// (Origin's SDL); Origin's field answers a list.

// termsNotice is the notice, in days, Octopus gives of a change to a variable price.
const termsNotice = 30

// termsAndConditionsForProduct answers termsAndConditionsForProduct(productCode:).
func termsAndConditionsForProduct(_ context.Context, c *sim.Call) (any, error) {
	w := newEnv(c)
	t, ok := termsOf(w, c.StringArg("productCode"))
	if !ok {
		return nil, c.Error("KT-CT-8501")
	}
	m := termsMap(w, t)
	if c.Field.Definition.Type.Elem != nil {
		return []any{m}, nil
	}
	return m, nil
}

// termsMap is the TermsAndConditionsType of a product's terms.
func termsMap(w *env, t *documents.Terms) obj {
	var pdfURL any
	if w.sess != nil {
		pdfURL = w.sess.Origin() + documents.Path + documents.TermsKey(t.Code, t.Version)
	}
	var html strings.Builder
	enc := json.NewEncoder(&html)
	enc.SetEscapeHTML(false) // as Python's json.dumps writes it
	_ = enc.Encode(t.HTML())
	from, _ := time.ParseInLocation(time.DateOnly, t.EffectiveFrom, w.zone)
	return obj{
		"__typename": "TermsAndConditionsType", "name": t.Name, "pdfUrl": pdfURL, "brandCode": orNil(w.brand()),
		"markdown": t.Markdown(), "html": strings.TrimSuffix(html.String(), "\n"), "version": t.Version, "effectiveFrom": dateTime(from, w.zone),
	}
}

// TermsDocument is what the PDF of a version of a product's terms shows in the session's
// catalogue; false for a product it does not know or terms of another version.
func TermsDocument(s *sim.Session, product, version string) (*documents.Terms, bool) {
	t, ok := termsOf(sessionEnv(s), product)
	if !ok || t.Version != version {
		return nil, false
	}
	return t, true
}

// termsVersion is a product's terms' version, major.minor, the same for its code in any
// case: 1.0 to 3.9, by a hash of the code.
func termsVersion(code string) string {
	n := fake.HashStrings("terms version", strings.ToUpper(code))
	return strconv.Itoa(1+int(n%3)) + "." + strconv.Itoa(int(n/3%10))
}

// termsOf are the terms of the product code names; false when the catalogue does not
// know it.
func termsOf(w *env, code string) (*documents.Terms, bool) {
	code = strings.TrimSpace(code)
	if !knownProduct(w, code) {
		return nil, false
	}
	m := productMap(w, code)
	_, full := productNames(w, code)
	version := termsVersion(code)
	t := &documents.Terms{
		Filename: "terms-" + code + "-" + version + ".pdf", Name: full + " Terms and Conditions",
		Product: full, Code: code, Version: version, Supplier: brandName(w.brand()),
		EffectiveFrom: productLaunch(w, code).In(w.zone).Format(time.DateOnly),
	}
	t.Sections = append(t.Sections,
		documents.TermsSection{Heading: "Your prices", Paragraphs: []string{productDescription(code)}, Points: pricePoints(w, code, m)},
		documents.TermsSection{Heading: "Leaving", Points: leavingPoints(m)},
		documents.TermsSection{Heading: "Your agreement", Paragraphs: []string{
			"These terms apply to your agreement on " + full + " from the day it starts, with our general terms of supply. " +
				"When you move onto " + full + " you accept them, and we record the version you accepted.",
		}},
	)
	return t, true
}

// pricePoints say what a product's prices do: its family's prices through the day, and
// whether they are fixed or can change.
func pricePoints(w *env, code string, m obj) []string {
	tax, unit := w.taxName(), "p"
	if fake.Currency(w.zone) != "GBP" {
		unit = "c"
	}
	var out []string
	switch family := productName(code); family {
	case "Agile":
		out = append(out,
			"Each day's prices, from 23:00 to 23:00, are published by "+clock(agilePeakFrom)+" the day before.",
			fmt.Sprintf("In the half hours from %s to %s your unit rate includes a peak offset of %g%s/kWh before %s.", clock(agilePeakFrom), clock(agilePeakTo), agilePeakOffset, unit, tax),
			fmt.Sprintf("Your unit rate is capped at %g%s/kWh including %s.", agileCap, unit, tax))
	case "Go", "Intelligent Go":
		from, to := offPeak(code)
		out = append(out, "Your electricity costs less from "+clock(from)+" to "+clock(to)+" every night, at your off-peak unit rate; your day unit rate applies at all other times.")
		if family == "Intelligent Go" {
			out = append(out, "When we schedule your car's charging outside those hours, it is charged at the off-peak rate too.")
		}
	case "Cosy":
		windows := make([]string, len(cosyWindows))
		for i, cw := range cosyWindows {
			windows[i] = clock(cw[0]) + " to " + clock(cw[1])
		}
		out = append(out, "Your cheapest unit rate applies in the Cosy windows ("+strings.Join(windows, ", ")+"), your dearest from "+
			clock(cosyPeakFrom)+" to "+clock(cosyPeakTo)+", and a standard rate at other times.")
	case "Outgoing":
		out = append(out, "We pay you for each kWh your home exports, as your export meter records it.")
	}
	if halfHourlyFamilies[productName(code)] {
		out = append(out, "You need a smart meter that sends us half-hourly readings.")
	}
	switch months, _ := m["term"].(int); {
	case m["isFixed"] == true && months > 0:
		out = append(out, "Your unit rates and standing charge are fixed for "+strconv.Itoa(months)+" months from the day your agreement starts.")
	case m["isFixed"] == true:
		out = append(out, "Your unit rates and standing charge are fixed for the product's term.")
	case productName(code) == "Agile":
		out = append(out, fmt.Sprintf("We can change your standing charge, and how your half-hourly prices are set, with at least %d days' notice.", termsNotice))
	default:
		out = append(out, fmt.Sprintf("Your prices are variable: we can change them, and will tell you at least %d days before we do.", termsNotice))
	}
	return out
}

// leavingPoints say what leaving a product costs, as its exitFees say, and what
// follows the end of a fixed term.
func leavingPoints(m obj) []string {
	var out []string
	if fee, _ := m["exitFees"].(int); fee == 0 || m["exitFeesType"] == "NONE" {
		out = append(out, "There are no exit fees: you can switch to another tariff or supplier at any time.")
	} else {
		out = append(out, "An exit fee applies if you leave before the end of your term.")
	}
	if m["isFixed"] == true {
		out = append(out, "Before your term ends we will write to you with your options; if you choose none, you will move to our standard variable tariff.")
	}
	return out
}

// clock is a time of day, HH:MM, from the day's midnight (a negative one the evening
// before's).
func clock(d time.Duration) string {
	d = (d%(24*time.Hour) + 24*time.Hour) % (24 * time.Hour)
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// brandName is a brand code as words: OCTOPUS_ENERGY is Octopus Energy.
func brandName(code string) string {
	words := strings.FieldsFunc(strings.ToLower(code), func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
