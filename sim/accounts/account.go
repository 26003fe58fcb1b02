package accounts

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// billingAddress reads an address input: streetAddress lines, then the locality parts.
func billingAddress(in map[string]any) sim.Address {
	var lines []string
	for _, l := range strings.Split(str(in, "streetAddress"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	for _, k := range []string{"dependentLocality", "locality", "administrativeArea"} {
		if v := strings.TrimSpace(str(in, k)); v != "" {
			lines = append(lines, v)
		}
	}
	country := strings.ToUpper(strings.TrimSpace(str(in, "country")))
	if country == "" {
		country = "GB"
	}
	return sim.Address{Lines: lines, Postcode: strings.ToUpper(strings.TrimSpace(str(in, "postalCode"))), CountryCode: country}
}

// addressProblem says what makes an address unusable, or "".
func addressProblem(ad sim.Address) (field, msg string) {
	switch {
	case len(ad.Lines) == 0:
		return "streetAddress", "The address needs at least one line."
	case len(ad.Lines) > 5:
		return "streetAddress", "The address has more than five lines."
	case ad.Postcode == "":
		return "postalCode", "A postcode is required."
	case ad.CountryCode == "GB" && !sim.IsUKPostcode(ad.Postcode):
		return "postalCode", "Enter a valid UK postcode."
	}
	return "", ""
}

// updateAccountBillingAddress replaces an account's billing address; without an
// account number it applies to the viewer's only account.
func updateAccountBillingAddress(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	number := str(in, "accountNumber")
	if number == "" {
		u, _, err := c.Viewer()
		if err != nil {
			return nil, err
		}
		if len(u.AccountNumbers) != 1 {
			return nil, c.ValidationError("KT-CT-4145", "Give the account number: the user has several accounts.", "input", "accountNumber")
		}
		number = u.AccountNumbers[0]
	}
	_, a, err := owned(c, number, "KT-CT-7123", "")
	if err != nil {
		return nil, err
	}
	addr, _ := in["billingAddress"].(map[string]any)
	ad := billingAddress(addr)
	if field, msg := addressProblem(ad); field != "" {
		return nil, c.ValidationError("KT-CT-4145", msg, "input", "billingAddress", field)
	}
	a.BillingAddress = ad
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// updateAccountAddress replaces an account's billing address with a structured one;
// an account the viewer cannot see is not found (KT-CT-4178).
func updateAccountAddress(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	u, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4178", "KT-CT-4178")
	if err != nil {
		return nil, err
	}
	addr, _ := in["billingAddress"].(map[string]any)
	ad := billingAddress(addr)
	if field, msg := addressProblem(ad); field != "" {
		return nil, c.ValidationError("KT-CT-4411", msg, "input", "billingAddress", field)
	}
	if name := strings.TrimSpace(str(addr, "name")); name != "" {
		a.BillingName = name
	}
	a.BillingAddress = ad
	e := newEnv(c)
	return obj{"account": accountMap(e, a), "viewer": userMap(e, u)}, nil
}

// updateAccountBillingEmail sets or (with null) clears an account's billing email.
func updateAccountBillingEmail(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	email, given := strPtr(in, "billingEmail")
	email = strings.TrimSpace(email)
	if given && email != "" && !validEmail(email) {
		return nil, c.ValidationError("KT-CT-4122", "Enter a valid email address.", "input", "billingEmail")
	}
	w := c.Session.World()
	if a.CommsDeliveryPreference == "EMAIL" && email == "" && len(mailTo(w, &sim.Account{Number: a.Number})) == 0 {
		return nil, c.ValidationError("KT-CT-4122", "The account's comms go by email and its users have no address: give a billing email, or choose the post first.", "input", "billingEmail")
	}
	noteComms(w, a, c.Session.Now())
	a.BillingEmail = email
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// updateCommsDeliveryPreference chooses email or post; email needs a billing email.
func updateCommsDeliveryPreference(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	pref := str(in, "commsDeliveryPreference")
	w := c.Session.World()
	if pref == "EMAIL" && len(mailTo(w, a)) == 0 {
		return nil, c.Error("KT-CT-4136")
	}
	noteComms(w, a, c.Session.Now())
	a.CommsDeliveryPreference = pref
	paperless(a)
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// paperlessValues are the PAPERLESS_BILLING consent an account's delivery preference gives.
var paperlessValues = map[string]string{"EMAIL": "ACCEPTED", "POSTAL_MAIL": "REJECTED"}

// paperless keeps an account's PAPERLESS_BILLING consent, where it has one, as its
// comms delivery preference says: accepted for email, rejected for the post.
func paperless(a *sim.Account) {
	v, ok := paperlessValues[a.CommsDeliveryPreference]
	if i := slices.IndexFunc(a.Consents, func(x sim.Consent) bool { return x.Code == "PAPERLESS_BILLING" }); ok && i >= 0 {
		a.Consents[i].Value = v
	}
}

// deliveryOf keeps an account's comms delivery preference as a PAPERLESS_BILLING
// consent given it says: email once accepted, the post once rejected.
func deliveryOf(c *sim.Call, a *sim.Account, consents []sim.Consent) {
	w := c.Session.World()
	for _, x := range consents {
		if x.Code != "PAPERLESS_BILLING" {
			continue
		}
		pref := a.CommsDeliveryPreference
		switch {
		case x.Value == "ACCEPTED" && len(mailTo(w, a)) > 0:
			pref = "EMAIL"
		case x.Value == "REJECTED":
			pref = "POSTAL_MAIL"
		}
		if pref != a.CommsDeliveryPreference {
			noteComms(w, a, c.Session.Now())
			a.CommsDeliveryPreference = pref
		}
	}
}

// referenceNamespaces are the namespaces set up besides import suppliers' codes and
// those the world's references use.
var referenceNamespaces = []string{"CRM", "BILLING", "SALESFORCE", "ZENDESK", "PARTNER", "LEGACY", "EXTERNAL"}

func knownNamespace(w *sim.World, ns string) bool {
	if slices.Contains(referenceNamespaces, ns) || w.ImportSupplier(ns) != nil {
		return true
	}
	for _, a := range w.Accounts {
		if a != nil && slices.ContainsFunc(a.References, func(r sim.AccountReference) bool { return r.Namespace == ns }) {
			return true
		}
	}
	return false
}

// referenceTaken reports whether another account already has namespace and value.
func referenceTaken(w *sim.World, self *sim.Account, ns, value string) bool {
	for _, a := range w.Accounts {
		if a == nil || a == self {
			continue
		}
		if slices.ContainsFunc(a.References, func(r sim.AccountReference) bool { return r.Namespace == ns && r.Value == value }) {
			return true
		}
	}
	return false
}

// createAccountReference adds a reference in a namespace the account has none in.
func createAccountReference(_ context.Context, c *sim.Call) (any, error) {
	return setReference(c, false)
}

// updateAccountReference sets the account's reference in a namespace, adding it when
// missing.
func updateAccountReference(_ context.Context, c *sim.Call) (any, error) {
	return setReference(c, true)
}

func setReference(c *sim.Call, update bool) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	w := c.Session.World()
	ns, value := strings.TrimSpace(str(in, "namespace")), strings.TrimSpace(str(in, "value"))
	if ns == "" || !knownNamespace(w, ns) {
		return nil, c.ValidationError("KT-CT-8310", "Namespace "+ns+" is not set up.", "input", "namespace")
	}
	if value == "" {
		return nil, c.ValidationError("KT-CT-8310", "A reference value is required.", "input", "value")
	}
	if referenceTaken(w, a, ns, value) {
		return nil, c.ValidationError("KT-CT-8311", "Another account already has this reference.", "input", "value")
	}
	now := c.Session.Now().UTC().Truncate(time.Second)
	i := slices.IndexFunc(a.References, func(r sim.AccountReference) bool { return r.Namespace == ns })
	switch {
	case i >= 0 && !update:
		return nil, c.ValidationError("KT-CT-8311", "The account already has a reference in namespace "+ns+".", "input", "namespace")
	case i >= 0:
		a.References[i].Value, a.References[i].UpdatedAt = value, now
	default:
		a.References = append(a.References, sim.AccountReference{Namespace: ns, Value: value, CreatedAt: now, UpdatedAt: now})
		i = len(a.References) - 1
	}
	return obj{"accountReference": referenceMap(newEnv(c), a, a.References[i])}, nil
}

// updateMetadata sets a JSON value under a key of an account or of the viewer.
func updateMetadata(_ context.Context, c *sim.Call) (any, error) {
	return setMetadata(c, true)
}

// createMetadata sets a JSON value under a key the account or viewer has none under
// (KT-CT-8414 for one it has).
func createMetadata(_ context.Context, c *sim.Call) (any, error) {
	return setMetadata(c, false)
}

func setMetadata(c *sim.Call, update bool) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	list, err := metadataOwner(c, u, str(in, "linkedObjectType"), str(in, "identifier"), "KT-CT-4323", true)
	if err != nil {
		return nil, err
	}
	key := strings.TrimSpace(str(in, "key"))
	if key == "" {
		return nil, c.ValidationError("KT-CT-8413", "A key is required.", "input", "key")
	}
	value, _ := in["value"].(string)
	if !json.Valid([]byte(value)) {
		return nil, c.ValidationError("KT-CT-8413", "The value is not JSON.", "input", "value")
	}
	if i := slices.IndexFunc(*list, func(m sim.Metadata) bool { return m.Key == key }); i >= 0 {
		if !update {
			return nil, c.ValidationError("KT-CT-8414", "The key "+key+" is set already; updateMetadata changes it.", "input", "key")
		}
		(*list)[i].Value = value
	} else {
		*list = append(*list, sim.Metadata{Key: key, Value: value})
	}
	return obj{"metadata": metadataMap(sim.Metadata{Key: key, Value: value})}, nil
}

// addCampaignToAccount puts the account in a campaign; campaignAdded is false when it
// already was.
func addCampaignToAccount(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	slug := str(in, "campaign")
	if !slices.ContainsFunc(c.Session.World().Campaigns, func(x *sim.Campaign) bool { return x != nil && x.Slug == slug }) {
		return nil, c.Error("KT-CT-7427")
	}
	if slices.Contains(a.Campaigns, slug) {
		return obj{"campaignAdded": false}, nil
	}
	a.Campaigns = append(a.Campaigns, slug)
	return obj{"campaignAdded": true}, nil
}

// ownedProperty finds a property on the viewer's accounts, the session's own copy to
// change: unknown is notFound.
func ownedProperty(c *sim.Call, id, notFound string) (*sim.Property, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	a, p := c.Session.World().Property(id)
	if p == nil {
		return nil, c.ValidationError(notFound, "No property has id "+id+".", "input", "propertyId")
	}
	if !u.CanAccess(a.Number) {
		return nil, c.Error(c.UnauthorizedCode())
	}
	_, p = c.Session.World().MutableProperty(id)
	return p, nil
}

// updateNumberOfOccupants records how many people live at a property (1 to 20).
func updateNumberOfOccupants(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	p, err := ownedProperty(c, str(in, "propertyId"), "KT-CT-6628")
	if err != nil {
		return nil, err
	}
	n, _ := integer(in, "numberOfOccupants")
	if n < 1 || n > 20 {
		return nil, c.ValidationError("KT-CT-6628", "The number of occupants must be between 1 and 20.", "input", "numberOfOccupants")
	}
	p.NumberOfOccupants = n
	return obj{"propertyId": p.ID}, nil
}

// propertyTypes are the values updatePropertyType accepts.
var propertyTypes = []string{
	"HOUSE", "FLAT", "BUNGALOW", "MAISONETTE", "DETACHED", "SEMI_DETACHED", "TERRACED",
	"END_OF_TERRACE", "PARK_HOME", "SHOP", "OFFICE", "WORKSHOP", "OTHER",
}

// updatePropertyType records the kind of building a property is.
func updatePropertyType(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	p, err := ownedProperty(c, str(in, "propertyId"), "KT-GB-5418")
	if err != nil {
		return nil, err
	}
	kind := strings.ToUpper(strings.TrimSpace(str(in, "propertyType")))
	if !slices.Contains(propertyTypes, kind) {
		return nil, c.ValidationError("KT-GB-5418", "Property type must be one of "+strings.Join(propertyTypes, ", ")+".", "input", "propertyType")
	}
	p.PropertyType = kind
	return obj{"propertyId": p.ID}, nil
}

// submitMeterReading adds a reading to a register of a meter of the account, which
// the input names (registerId: its identifier or id) where the meter has more than one,
// as an Economy 7 meter does. The value must be a non-negative number read at a time
// not in the future, of a register the meter has (KT-GB-6414); a value below
// the meter's previous reading, or beyond what it could have used since, would be held
// (KT-CT-6422).
func submitMeterReading(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), codeUnauthorized, "")
	if err != nil {
		return nil, err
	}
	meterID, readings := meterReadings(a, str(in, "meterId"))
	if readings == nil {
		return nil, c.ValidationError("KT-GB-6414", "The account has no meter "+str(in, "meterId")+".", "input", "meterId")
	}
	value, ok := number(in["value"])
	if !ok || value < 0 {
		return nil, c.ValidationError("KT-GB-6414", "The reading must be a number of at least 0.", "input", "value")
	}
	at, ok := parseTime(in["readAt"], c.Session.Zone())
	if !ok || at.After(c.Session.Now()) {
		return nil, c.ValidationError("KT-GB-6414", "The reading time must be a date-time that is not in the future.", "input", "readAt")
	}
	if day := at.In(c.Session.Zone()).Format(time.DateOnly); !heldOn(meterHome(a, meterID), day) { // the account supplied the meter then
		return nil, c.ValidationError("KT-GB-6414", "The account was not supplied through meter "+str(in, "meterId")+" on "+day+".", "input", "meterId")
	}
	w := newEnv(c)
	register, code, why := namedRegister(meterID, registersOf(w, w.Account(a.Number), meterID), str(in, "registerId"))
	if code != "" {
		return nil, c.ValidationError("KT-GB-6414", strings.ToUpper(why[:1])+why[1:]+".", "input", "registerId")
	}
	meter := meterOf(w, w.Account(a.Number), meterID)
	value, ok = meter.counted(at, register, value)
	if !ok {
		return nil, c.ValidationError("KT-GB-6414", "The reading has more digits than the meter's register, "+strconv.Itoa(registerDigits)+".", "input", "value")
	}
	if prev := previousReading(meter.reads, at, register); prev != nil && value < prev.Value {
		return nil, c.ValidationError("KT-CT-6422", "The reading is lower than the previous one.", "input", "value")
	}
	if why := meter.held(at, register, value); why != "" {
		return nil, c.ValidationError("KT-CT-6422", "The reading "+why+", so it would be held.", "input", "value")
	}
	_, id := addReading(meterID, readings, sim.MeterReading{ReadAt: at, Register: register, Value: value, Source: "CUSTOMER"})
	return obj{"reading": obj{
		"id": id, "meterId": meterID, "value": decimal(dials(value)),
		"readAt": dateTime(at, c.Session.Zone()), "source": "CUSTOMER", "isValid": true,
	}}, nil
}

// meterHome is the account's home whose meter points hold the meter with the id.
func meterHome(a *sim.Account, meterID string) *sim.Property {
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return m.ID == meterID }) {
				return p
			}
		}
		for _, mp := range p.GasMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.GasMeter) bool { return m.ID == meterID }) {
				return p
			}
		}
	}
	return nil
}

// meterReadings finds the readings of the account's meter with the given id or
// serial number, or nil.
func meterReadings(a *sim.Account, id string) (string, *[]sim.MeterReading) {
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			for k := range p.ElectricityMeterPoints[j].Meters {
				m := &p.ElectricityMeterPoints[j].Meters[k]
				if m.ID == id || m.SerialNumber == id {
					if m.Readings == nil {
						m.Readings = []sim.MeterReading{}
					}
					return m.ID, &m.Readings
				}
			}
		}
		for j := range p.GasMeterPoints {
			for k := range p.GasMeterPoints[j].Meters {
				m := &p.GasMeterPoints[j].Meters[k]
				if m.ID == id || m.SerialNumber == id {
					if m.Readings == nil {
						m.Readings = []sim.MeterReading{}
					}
					return m.ID, &m.Readings
				}
			}
		}
	}
	return "", nil
}

// smets2Interest records the interest in a smart meter the account holder states, and
// why they are not interested (kept only when they are not, or not at the moment).
func smets2Interest(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	a.SMETS2Interest, a.SMETS2RefusalReason = str(in, "smets2Interest"), ""
	if a.SMETS2Interest != "INTERESTED" {
		a.SMETS2RefusalReason = str(in, "smets2RefusalReason")
	}
	source := str(in, "smets2InterestSource")
	if source == "" {
		source = "WEBSITE" // the input's default
	}
	return obj{"interestUpdated": true, "smets2Interest": a.SMETS2Interest, "smets2InterestSource": source,
		"smets2RefusalReason": orNil(a.SMETS2RefusalReason), "possibleErrors": []any{}}, nil
}

// createAccountNote adds a note to an account (Octopus's back office), which the
// account's notes list from then on, as they list notes imported over REST.
func createAccountNote(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	body := strings.TrimSpace(str(in, "note"))
	if body == "" {
		return nil, c.ValidationError("KT-CT-4180", "Account note must be a valid string.", "input", "note")
	}
	pinned, _ := in["isPinned"].(bool)
	a.Notes = append(a.Notes, sim.Note{Body: body, IsPinned: pinned, CreatedAt: c.Session.Now()})
	return obj{"account": accountMap(newEnv(c), a)}, nil
}

// deleteAccountReference removes the account's reference in a namespace (KT-CT-8312
// for a namespace it has none in).
func deleteAccountReference(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "KT-CT-4123", "")
	if err != nil {
		return nil, err
	}
	ns := strings.TrimSpace(str(in, "namespace"))
	i := slices.IndexFunc(a.References, func(r sim.AccountReference) bool { return r.Namespace == ns })
	if i < 0 {
		return nil, c.ValidationError("KT-CT-8312", "The account has no reference in namespace "+ns+".", "input", "namespace")
	}
	a.References = slices.Delete(a.References, i, i+1)
	return obj{"accountReference": obj{"namespace": ns}}, nil
}

// statusOf is the account's status today (sim.Account.StatusOn), without working out
// the day for an account that is not PENDING.
func statusOf(w *env, a *sim.Account) string {
	if a.Status != "PENDING" {
		return a.Status
	}
	return a.StatusOn(w.today())
}
