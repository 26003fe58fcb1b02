package accounts

import (
	"fmt"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// business is a business account's company (BusinessType): its billing name, a company
// number of its own and the type its name says; nil for a domestic account.
func business(a *sim.Account) any {
	if a.AccountType != "BUSINESS" {
		return nil
	}
	return obj{
		"name":         a.BillingName,
		"number":       fmt.Sprintf("%08d", fake.HashStrings("company", a.Number)%100_000_000),
		"businessType": businessType(a),
	}
}

// businessType is the kind of company a business account's name says it is (Ltd,
// LLP, PLC, a charity or trust), a sole trader otherwise; nil for a domestic account.
func businessType(a *sim.Account) any {
	if a.AccountType != "BUSINESS" {
		return nil
	}
	name := " " + strings.ToLower(strings.NewReplacer(".", "", ",", " ").Replace(a.BillingName)) + " "
	switch {
	case strings.Contains(name, " llp "):
		return "LIMITED_LIABILITY_PARTNERSHIP"
	case strings.Contains(name, " plc "):
		return "PUBLIC_LIMITED_COMPANY"
	case strings.Contains(name, " ltd ") || strings.Contains(name, " limited "):
		return "LIMITED"
	case strings.Contains(name, " charity ") || strings.Contains(name, " foundation "):
		return "CHARITY"
	case strings.Contains(name, " trust "):
		return "TRUST"
	case strings.Contains(name, " church "):
		return "CHURCH"
	case strings.Contains(name, " partners "):
		return "PARTNERSHIP"
	}
	return "SOLE_TRADER"
}
