package accounts

import (
	"context"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// createShellAccount opens a payment account with no supply (Octopus's shell account)
// for the person the input names: the user who has the input's email, or a new user
// with the input's names, phones, birth date and password (krakensim when it gives
// none), who may sign in and read it. A problem with the input is reported in the
// payload's errors, field by field, and nothing is made.
func createShellAccount(_ context.Context, c *sim.Call) (any, error) {
	viewer, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	out := make(obj, len(in)+2)
	for k, v := range in {
		out[k] = v
	}
	// The payload echoes the input: what it does not give is null.
	names, _ := c.Field.Selected()
	for _, k := range names {
		if _, ok := out[k]; !ok && !strings.HasPrefix(k, "__") {
			out[k] = nil
		}
	}
	refuse := func(field, msg string) (any, error) {
		out["errors"] = []any{obj{"field": field, "messages": []any{msg}}}
		return out, nil
	}
	for _, k := range []string{"givenName", "familyName"} {
		if strings.TrimSpace(str(in, k)) == "" {
			return refuse(k, "This field may not be blank.")
		}
	}
	w := c.Session.World()
	email := strings.TrimSpace(str(in, "email"))
	if !validEmail(email) {
		return refuse("email", "Enter a valid email address.")
	}
	ids := w.IDs()
	holder := w.UserByEmail(email)
	isNew := holder == nil
	if isNew {
		holder = &sim.User{ID: ids.Next("user"), Email: email, Password: str(in, "password")}
		if holder.Password == "" {
			holder.Password = sim.DefaultPassword
		}
		details := map[string]any{}
		for _, k := range []string{"givenName", "familyName", "mobile", "landline", "dateOfBirth"} {
			if v, ok := in[k]; ok {
				details[k] = v
			}
		}
		if err := applyUserDetails(c, holder, details, "KT-CT-5413", "KT-CT-5414"); err != nil {
			if v, ok := validationPath(err); ok {
				return refuse(v.field, v.message)
			}
			return nil, err
		}
	}
	a, field, msg := shellAccount(c, viewer, in, email)
	if field != "" {
		return refuse(field, msg)
	}
	a.Ledgers[0].ID = ids.Next("ledger")
	if isNew {
		holder.AccountNumbers = []string{a.Number}
		w.AddUser(holder)
	} else {
		holder = w.MutableUser(holder.ID)
		holder.AccountNumbers = append(holder.AccountNumbers, a.Number)
	}
	w.AddAccount(a)
	out["email"] = email
	out["errors"] = []any{}
	out["account"] = accountMap(newEnv(c), a)
	return out, nil
}

// shellAccount is the account the input describes, numbered and with its ledger; or
// the input field that is wrong and why.
func shellAccount(c *sim.Call, viewer *sim.User, in map[string]any, email string) (a *sim.Account, field, msg string) {
	w := c.Session.World()
	brand, country := "OCTOPUS_ENERGY", "GB" // the caller's first account's, when it has one
	for _, n := range viewer.AccountNumbers {
		if v := w.Account(n); v != nil {
			brand, country = v.Brand, v.BillingAddress.CountryCode
			break
		}
	}
	a = &sim.Account{
		Number: w.NewAccountNumber("shell", email, str(in, "urn"), str(in, "companyNumber")),
		Status: "ACTIVE", AccountType: "DOMESTIC", Brand: brand,
		CreatedAt:               c.Session.Now(),
		BillingName:             strings.TrimSpace(str(in, "billingName")),
		BillingEmail:            email,
		CommsDeliveryPreference: "EMAIL",
	}
	if b := strings.TrimSpace(str(in, "brand")); b != "" {
		a.Brand = strings.ToUpper(b)
	}
	company := strings.TrimSpace(str(in, "companyName"))
	if in["isBusinessAccount"] == true {
		a.AccountType = "BUSINESS"
		if company == "" {
			return nil, "companyName", "A business account needs the company's name."
		}
		kind := strings.ToUpper(strings.TrimSpace(str(in, "businessType")))
		if kind != "" && businessTypes[kind] == "" {
			return nil, "businessType", "\"" + str(in, "businessType") + "\" is not a company type."
		}
		a.Company = &sim.Company{Name: company, Number: strings.TrimSpace(str(in, "companyNumber")), Type: businessTypes[kind],
			TaxNumber: strings.TrimSpace(str(in, "taxNumber"))}
	}
	switch {
	case a.BillingName != "":
	case a.AccountType == "BUSINESS":
		a.BillingName = company
	default:
		a.BillingName = strings.TrimSpace(str(in, "givenName")) + " " + strings.TrimSpace(str(in, "familyName"))
	}
	ad := sim.Address{CountryCode: country, Postcode: strings.ToUpper(strings.TrimSpace(str(in, "billingPostcode")))}
	for _, k := range []string{"billingAddressLine1", "billingAddressLine2", "billingAddressLine3", "billingAddressLine4", "billingAddressLine5"} {
		if l := strings.TrimSpace(str(in, k)); l != "" {
			ad.Lines = append(ad.Lines, l)
		}
	}
	if ad.Postcode != "" && ad.CountryCode == "GB" && !sim.IsUKPostcode(ad.Postcode) {
		return nil, "billingPostcode", "Enter a valid UK postcode."
	}
	if len(ad.Lines) > 0 || ad.Postcode != "" {
		a.BillingAddress = ad
	}
	a.Ledgers = []sim.Ledger{{Number: sim.LedgerNumber(a.Number, 0), Name: "Main Ledger", LedgerType: "GENERAL_LEDGER"}}
	return a, "", ""
}
