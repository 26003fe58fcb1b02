package accounts

import (
	"fmt"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// business is a business account's company (BusinessType): the name, number and type its
// sign-up gave, else its billing name, a number of its own (a Companies House number; an
// ABN in Australia) and the type its name says; in Australia, where a company's ABN is
// its tax number, the tax number given as its number when it gave no other; the tax
// number given among its details (TAX_NUMBER); linked to the account alone, at its
// billing address; nil for a domestic account.
func business(w *env, a *sim.Account) any {
	if a.AccountType != "BUSINESS" {
		return nil
	}
	co := sim.Company{}
	if a.Company != nil {
		co = *a.Company
	}
	name, number := co.Name, co.Number
	if name == "" {
		name = a.BillingName
	}
	if co == (sim.Company{}) {
		number = companyNumber(fake.Country(w.zone), a.Number)
	}
	details := []any{}
	if co.TaxNumber != "" {
		details = append(details, obj{"key": "TAX_NUMBER", "value": co.TaxNumber})
		if number == "" && fake.Country(w.zone) == "AU" {
			number = co.TaxNumber
		}
	}
	return obj{
		"name":                 name,
		"number":               number,
		"businessType":         businessType(a),
		"numberType":           businessNumberType(number),
		"sectors":              []any{},
		"details":              details,
		"segmentName":          nil,
		"billingAddress":       richAddress(a.BillingAddress),
		"legalAddress":         richAddress(a.BillingAddress),
		"linkedAccountNumber":  a.Number,
		"linkedAccountNumbers": []any{a.Number},
		"paymentMethods": sim.Lazy(func(args map[string]any) (any, error) {
			return instructionConnection(w, a, args)
		}),
	}
}

// companyNumber is the registered number of the company of the account numbered number,
// in country: a valid ABN (its ACN behind two check digits) in Australia, an eight-digit
// Companies House number elsewhere.
func companyNumber(country, number string) string {
	h := fake.HashStrings("company", number)
	if country != "AU" {
		return fmt.Sprintf("%08d", h%100_000_000)
	}
	acn := fmt.Sprintf("%08d", h%100_000_000)
	sum := 0
	for i, d := range acn {
		sum += int(d-'0') * (8 - i)
	}
	acn += fmt.Sprint((10 - sum%10) % 10)
	for check := 10; check < 100; check++ {
		if abn := fmt.Sprint(check) + acn; validABN(abn) {
			return abn
		}
	}
	return acn
}

// validABN reports whether s is an Australian Business Number: 11 digits whose weighted
// sum, less one from the first, is a multiple of 89.
func validABN(s string) bool {
	if len(s) != 11 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	weights := []int{10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19}
	sum := 0
	for i, d := range s {
		n := int(d - '0')
		if i == 0 {
			n--
		}
		sum += n * weights[i]
	}
	return sum%89 == 0
}

// validACN reports whether s is an Australian Company Number: 9 digits, the last the
// complement to ten of the first eight's weighted sum.
func validACN(s string) bool {
	if len(s) != 9 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	sum := 0
	for i, d := range s[:8] {
		sum += int(d-'0') * (8 - i)
	}
	return int(s[8]-'0') == (10-sum%10)%10
}

// businessNumberType is which kind of number a business's is (BusinessNumberTypeEnum):
// MISSING for none, ABN or ACN for one that is valid as that (spaces aside), UNKNOWN
// otherwise.
func businessNumberType(number string) string {
	n := strings.ReplaceAll(number, " ", "")
	switch {
	case n == "":
		return "MISSING"
	case validABN(n):
		return "ABN"
	case validACN(n):
		return "ACN"
	}
	return "UNKNOWN"
}

// businessTypes are the company types a sign-up may give (BusinessTypeOptions), with
// Origin's shorter BusinessTypeChoices for them.
var businessTypes = map[string]string{
	"SOLE_TRADER": "SOLE_TRADER", "LIMITED": "LIMITED", "LTD": "LIMITED",
	"PROPRIETARY_LIMITED_COMPANY": "PROPRIETARY_LIMITED_COMPANY", "PTY_LTD": "PROPRIETARY_LIMITED_COMPANY",
	"PARTNERSHIP": "PARTNERSHIP", "CHARITY": "CHARITY",
	"PUBLIC_LIMITED_COMPANY": "PUBLIC_LIMITED_COMPANY", "PLC": "PUBLIC_LIMITED_COMPANY",
	"LIMITED_LIABILITY_PARTNERSHIP": "LIMITED_LIABILITY_PARTNERSHIP", "LLP": "LIMITED_LIABILITY_PARTNERSHIP",
	"TRUST": "TRUST", "TRADING_AS": "TRADING_AS", "GOVERNMENT": "GOVERNMENT", "NON_PROFIT": "NON_PROFIT",
	"CHURCH": "CHURCH", "HOMEOWNER_ASSOCIATION": "HOMEOWNER_ASSOCIATION",
	"TO_BE_DETERMINED": "TO_BE_DETERMINED", "TBD": "TO_BE_DETERMINED",
}

// businessType is the kind of company a business account is: the type its sign-up gave,
// else what its name says (Pty Ltd, Ltd, LLP, PLC, a charity or trust), a sole trader
// otherwise; nil for a domestic account.
func businessType(a *sim.Account) any {
	if a.AccountType != "BUSINESS" {
		return nil
	}
	if a.Company != nil && a.Company.Type != "" {
		return a.Company.Type
	}
	name := a.BillingName
	if a.Company != nil && a.Company.Name != "" {
		name = a.Company.Name
	}
	name = " " + strings.ToLower(strings.NewReplacer(".", "", ",", " ").Replace(name)) + " "
	switch {
	case strings.Contains(name, " llp "):
		return "LIMITED_LIABILITY_PARTNERSHIP"
	case strings.Contains(name, " plc "):
		return "PUBLIC_LIMITED_COMPANY"
	case strings.Contains(name, " pty "), strings.Contains(name, " proprietary "):
		return "PROPRIETARY_LIMITED_COMPANY"
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
