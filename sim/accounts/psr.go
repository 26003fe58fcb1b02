package accounts

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/fake"
)

// The Priority Services Register: a user's special circumstances, each by the supplier's
// internal code (the categories Octopus's updateSpecialCircumstances names), four of
// them temporary until a day. insertUserPsrRecords replaces the user's records with
// those given (KT-GB-5415 for a code that is none, KT-GB-5411 for a temporary one with
// no day, or any with a day already past, changing nothing); Octopus's updateSpecialCircumstances sets and clears them one by
// one, with the consent to share them; viewer.specialCircumstances lists those in force.
// The industry's needs codes (electricityPSRCode, gasPSRCode) are not known to krakensim
// and answer null.

// psrCategory is one special circumstance: its internal code, its name, the field of
// updateSpecialCircumstances that sets it, and, for a temporary one, the field of its
// last day.
type psrCategory struct {
	code, summary, field, until string
}

var psrCategories = []psrCategory{
	{"ADDITIONAL_PRESENCE_PREFERRED", "Additional presence preferred", "additionalPresencePreferred", ""},
	{"BLIND", "Blind", "blind", ""},
	{"CARELINE_TELECARE_SYSTEM", "Careline/telecare system", "carelineTelecareSystem", ""},
	{"CHRONIC_SERIOUS_ILLNESS", "Chronic/serious illness", "chronicSeriousIllness", ""},
	{"DEMENTIA", "Dementia", "dementia", ""},
	{"DEVELOPMENTAL_CONDITION", "Developmental condition", "developmentalCondition", ""},
	{"ELDERLY", "Pensionable age", "elderly", ""},
	{"HEARING_IMPAIRMENT", "Hearing impairment", "hearingImpairment", ""},
	{"HEART_LUNG_MACHINE", "Heart, lung & ventilator", "heartLungMachine", ""},
	{"KIDNEY_DIALYSIS", "Dialysis, feeding pump and automated medication", "kidneyDialysis", ""},
	{"MDE_ELECTRIC_SHOWERING", "MDE electric showering", "mdeElectricShowering", ""},
	{"MEDICINE_REFRIGERATION", "Medicine refrigeration", "medicineRefrigeration", ""},
	{"MENTAL_HEALTH", "Mental health", "mentalHealth", ""},
	{"NEBULISER", "Nebuliser and apnoea monitor", "nebuliser", ""},
	{"OXYGEN_CONCENTRATOR", "Oxygen concentrator", "oxygenConcentrator", ""},
	{"OXYGEN_USE", "Oxygen use", "oxygenUse", ""},
	{"PARTIAL_SIGHTED", "Partially sighted", "partialSighted", ""},
	{"PHYSICAL_IMPAIRMENT", "Physical impairment", "physicalImpairment", ""},
	{"POOR_SENSE_OF_SMELL", "Poor sense of smell", "poorSenseOfSmell", ""},
	{"RESTRICTED_HAND_MOVEMENT", "Restricted hand movement", "restrictedHandMovement", ""},
	{"RESTRICTED_MOVEMENT", "Restricted movement", "restrictedMovement", ""},
	{"SPEECH_IMPAIRMENT", "Speech impairment", "speechImpairment", ""},
	{"STAIR_LIFT", "Stair lift", "stairLift", ""},
	{"WATER_DEPENDENT", "Water dependent", "waterDependent", ""},
	{"FOREIGN_LANGUAGE_SPEAKER", "Foreign language speaker", "foreignLanguageSpeaker", ""},
	{"FAMILIES_WITH_YOUNG_CHILDREN_5_OR_UNDER", "Families with young children 5 or under", "familiesWithYoungChildren5OrUnder", "familiesWithYoungChildren5OrUnderEndDate"},
	{"TEMPORARY_LIFE_CHANGES", "Temporary: life changes", "temporaryLifeChanges", "temporaryLifeChangesEndDate"},
	{"TEMPORARY_POST_HOSPITAL_RECOVERY", "Temporary: post hospital recovery", "temporaryPostHospitalRecovery", "temporaryPostHospitalRecoveryEndDate"},
	{"TEMPORARY_YOUNG_ADULT_HOUSEHOLDER", "Temporary: young adult householder", "temporaryYoungAdultHouseholder", "temporaryYoungAdultHouseholderEndDate"},
}

func psrCategoryOf(code string) (psrCategory, bool) {
	i := slices.IndexFunc(psrCategories, func(p psrCategory) bool { return p.code == code })
	if i < 0 {
		return psrCategory{}, false
	}
	return psrCategories[i], true
}

// psrRecordMap is a SpecialCircumstanceRecordType, or a TemporarySpecialCircumstanceRecordType.
func psrRecordMap(u *sim.User, r sim.PSRRecord) obj {
	cat, _ := psrCategoryOf(r.Code)
	m := obj{"__typename": "SpecialCircumstanceRecordType", "id": strconv.FormatUint(1+fake.HashStrings("psr", u.ID, r.Code)%9_999_999, 10),
		"summary": cat.summary, "internalCode": r.Code, "electricityPSRCode": nil, "gasPSRCode": nil}
	if cat.until != "" {
		m["__typename"], m["expiryDate"] = "TemporarySpecialCircumstanceRecordType", orNil(r.Expiry)
	}
	return m
}

// specialCircumstances is a user's SpecialCircumstancesType: the records in force today.
func specialCircumstances(w *env, u *sim.User) obj {
	records := []any{}
	for _, r := range u.PSRRecords {
		if r.Expiry == "" || r.Expiry >= w.today() {
			records = append(records, psrRecordMap(u, r))
		}
	}
	return obj{"isSharingConsentGiven": u.PSRSharingConsent, "records": records}
}

// checkPSRRecord checks one record: a known code, a day to come for a temporary one,
// and no day already past for any.
func checkPSRRecord(c *sim.Call, r sim.PSRRecord, path ...any) error {
	cat, ok := psrCategoryOf(r.Code)
	if !ok {
		return c.ValidationError("KT-GB-5415", "No special circumstance has the code "+strconv.Quote(r.Code)+".", path...)
	}
	switch {
	case cat.until != "" && (r.Expiry == "" || r.Expiry < today(c)):
		return c.ValidationError("KT-GB-5411", cat.summary+" is temporary: give the last day it applies, today or later.", path...)
	case r.Expiry != "" && r.Expiry < today(c):
		return c.ValidationError("KT-GB-5411", cat.summary+" cannot end on a day already past.", path...)
	}
	return nil
}

// insertUserPsrRecords replaces the viewer's special circumstances with those given.
func insertUserPsrRecords(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	items, _ := c.Arg("input").([]any)
	var records []sim.PSRRecord
	for i, it := range items {
		m, _ := it.(map[string]any)
		r := sim.PSRRecord{Code: str(m, "internalCode")}
		if d, ok := parseDate(m["expiryDate"]); ok {
			r.Expiry = d
		}
		if err := checkPSRRecord(c, r, "input", i); err != nil {
			return nil, err
		}
		records = slices.DeleteFunc(records, func(x sim.PSRRecord) bool { return x.Code == r.Code })
		records = append(records, r)
	}
	u.PSRRecords = records
	w := newEnv(c)
	return obj{"records": specialCircumstances(w, u)["records"]}, nil
}

// updateSpecialCircumstances (Octopus's) sets or clears the viewer's circumstances one
// by one, the consent to share them, and how they are talked to (language, a partner
// password, which usePasswordToIdentify needs: KT-GB-5411 without one).
func updateSpecialCircumstances(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.MutableViewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	records := slices.Clone(u.PSRRecords)
	for _, cat := range psrCategories {
		set, given := in[cat.field].(bool)
		if !given {
			continue
		}
		records = slices.DeleteFunc(records, func(r sim.PSRRecord) bool { return r.Code == cat.code })
		if !set {
			continue
		}
		r := sim.PSRRecord{Code: cat.code}
		if cat.until != "" {
			r.Expiry, _ = parseDate(in[cat.until])
		}
		if err := checkPSRRecord(c, r, "input", cat.field); err != nil {
			return nil, err
		}
		records = append(records, r)
	}
	contact := u.PSRContact
	if v, ok := strPtr(in, "language"); ok {
		contact.Language = strings.TrimSpace(v)
	}
	if v, ok := strPtr(in, "partnerPassword"); ok {
		contact.PartnerPassword = strings.TrimSpace(v)
	}
	if v, ok := boolean(in, "usePasswordToIdentify"); ok {
		contact.UsePasswordToIdentify = v
	}
	if contact.UsePasswordToIdentify && contact.PartnerPassword == "" {
		return nil, c.ValidationError("KT-GB-5411", "Give the partner password staff and partners are to use: usePasswordToIdentify is true.", "input", "partnerPassword")
	}
	u.PSRRecords, u.PSRContact = records, contact
	if consent, ok := in["userConsent"].(bool); ok {
		u.PSRSharingConsent = consent
	}
	return obj{"specialCircumstances": specialCircumstances(newEnv(c), u)}, nil
}

// hasFamilyIssues (Origin's) flags the viewer for family and domestic violence and
// records how they may be contacted under it: the flag cannot be lifted this way
// (KT-AU-5416); details are mandatory and a required password must be given
// (KT-AU-5418); delivery by EMAIL needs an email (KT-AU-5419); a user with no account
// is KT-AU-5417. userId, when given, must be the viewer's own.
func hasFamilyIssues(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	in := input(c)
	if id, ok := strPtr(in, "userId"); ok && id != "" && id != u.ID {
		return nil, c.Error(c.UnauthorizedCode())
	}
	if on, _ := boolean(in, "familyIssues"); !on {
		return nil, c.ValidationError("KT-AU-5416", "The family issues flag can only be set here, not removed.", "input", "familyIssues")
	}
	fi := sim.FamilyIssues{Details: strings.TrimSpace(str(in, "familyIssuesDetails")), CommsDeliveryPreference: str(in, "commsDeliveryPreference")}
	fi.PasswordRequired, _ = boolean(in, "fdvPasswordRequired")
	if pw, ok := strPtr(in, "familyIssuesPassword"); ok {
		fi.Password = strings.TrimSpace(pw)
	}
	for key, to := range map[string]**bool{"phoneCallsAllowed": &fi.PhoneCallsAllowed, "smsAllowed": &fi.SMSAllowed,
		"consentsToSharingWithIndustry": &fi.ConsentsToSharingWithIndustry} {
		if v, ok := boolean(in, key); ok {
			*to = &v
		}
	}
	fi.NotSafeToSendFdvPolicy, _ = boolean(in, "notSafeToSendFdvPolicy")
	fi.NotSafeToReceiveMoveInComms, _ = boolean(in, "notSafeToReceiveMoveInComms")
	fi.RaiseReminder, _ = boolean(in, "raiseReminder")
	switch {
	case fi.Details == "":
		return nil, c.ValidationError("KT-AU-5418", "Describe the family issues: the details are mandatory.", "input", "familyIssuesDetails")
	case fi.PasswordRequired && fi.Password == "":
		return nil, c.ValidationError("KT-AU-5418", "Give the FDV password: fdvPasswordRequired is true.", "input", "familyIssuesPassword")
	case !fi.PasswordRequired && fi.Password != "":
		return nil, c.ValidationError("KT-AU-5418", "An FDV password is given, yet fdvPasswordRequired is false.", "input", "familyIssuesPassword")
	case fi.CommsDeliveryPreference == "EMAIL" && u.Email == "":
		return nil, c.ValidationError("KT-AU-5419", "The user has no email address to deliver to.", "input", "commsDeliveryPreference")
	case len(u.AccountNumbers) == 0:
		return nil, c.Error("KT-AU-5417")
	}
	mu := c.Session.World().MutableUser(u.ID)
	mu.FamilyIssues = &fi
	return obj{"accountUser": userMap(newEnv(c), mu)}, nil
}
