package accounts

import (
	"context"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// A British bank account is validated as Bacs reads it: a sort code of six digits whose
// range names the bank that holds it, and an account number of eight. validateBankAccount
// answers the bank's name and address for the ranges of the banks below (the sort codes
// of the default world's direct debits among them: 04-00-04 is Monzo's, 20-00-00
// Barclays', 30-00-00 Lloyds'), and no bank for a range it does not know.

// bank is a bank's name and the address a validation gives for its sort codes.
type bank struct {
	name, line1, town, postcode string
}

// bankRanges are the sort code ranges of the banks a validation names, each by the
// longest prefix of the six digits that holds it.
var bankRanges = []struct {
	prefix string
	bank   bank
}{
	{"040004", bank{"Monzo Bank", "Broadwalk House, 5 Appold Street", "London", "EC2A 2AG"}},
	{"608371", bank{"Starling Bank", "3rd Floor, 2 Finsbury Avenue", "London", "EC2M 2PP"}},
	{"07", bank{"Nationwide Building Society", "Nationwide House, Pipers Way", "Swindon", "SN38 1NW"}},
	{"089", bank{"The Co-operative Bank", "1 Balloon Street", "Manchester", "M60 4EP"}},
	{"0901", bank{"Santander UK", "2 Triton Square, Regent's Place", "London", "NW1 3AN"}},
	{"72", bank{"Santander UK", "2 Triton Square, Regent's Place", "London", "NW1 3AN"}},
	{"11", bank{"Halifax", "Trinity Road", "Halifax", "HX1 2RG"}},
	{"12", bank{"Bank of Scotland", "The Mound", "Edinburgh", "EH1 1YZ"}},
	{"16", bank{"Royal Bank of Scotland", "36 St Andrew Square", "Edinburgh", "EH2 2YB"}},
	{"83", bank{"Royal Bank of Scotland", "36 St Andrew Square", "Edinburgh", "EH2 2YB"}},
	{"2", bank{"Barclays Bank", "1 Churchill Place", "London", "E14 5HP"}},
	{"3", bank{"Lloyds Bank", "25 Gresham Street", "London", "EC2V 7HN"}},
	{"4", bank{"HSBC UK Bank", "1 Centenary Square", "Birmingham", "B1 1HQ"}},
	{"5", bank{"National Westminster Bank", "250 Bishopsgate", "London", "EC2M 4AA"}},
	{"60", bank{"National Westminster Bank", "250 Bishopsgate", "London", "EC2M 4AA"}},
}

// bankOf is the bank whose range holds a six-digit sort code; false for none known.
func bankOf(sortCode string) (bank, bool) {
	best, found := -1, bank{}
	for _, r := range bankRanges {
		if strings.HasPrefix(sortCode, r.prefix) && len(r.prefix) > best {
			best, found = len(r.prefix), r.bank
		}
	}
	return found, best >= 0
}

// digitsOnly is s without the spaces and hyphens people write sort codes with, and
// whether what is left is n digits.
func digitsOnly(s string, n int) (string, bool) {
	s = strings.NewReplacer("-", "", " ", "").Replace(s)
	if len(s) != n || strings.Trim(s, "0123456789") != "" {
		return s, false
	}
	return s, true
}

// validateBankAccount answers validateBankAccount(accountNumber:, sortCode:): the bank
// the sort code's range names, with its address (each null for a range it does not
// know); KT-CT-3940 for a sort code that is not six digits or an account number that
// is not eight.
func validateBankAccount(_ context.Context, c *sim.Call) (any, error) {
	sortCode, ok := digitsOnly(c.StringArg("sortCode"), 6)
	if !ok {
		return nil, c.ValidationError("KT-CT-3940", "A sort code is six digits (04-00-04).", "sortCode")
	}
	if _, ok := digitsOnly(c.StringArg("accountNumber"), 8); !ok {
		return nil, c.ValidationError("KT-CT-3940", "A bank account number is eight digits.", "accountNumber")
	}
	out := obj{"bankName": nil, "branch": nil, "county": nil, "line1": nil, "line2": nil, "line3": nil, "line4": nil, "town": nil, "postcode": nil}
	if b, ok := bankOf(sortCode); ok {
		out["bankName"], out["branch"], out["line1"], out["town"], out["postcode"] = b.name, b.town, b.line1, b.town, b.postcode
	}
	return out, nil
}
