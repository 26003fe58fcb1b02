package accounts

import (
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Life support (an Australian tenant's): a move in that says someone at the home relies
// on life support equipment registers the account from the move-in day, without medical
// confirmation, and sends the customer the medical confirmation form the retailer must
// give; the account's lifeSupport lists its registrations.

// registerLifeSupport registers the account for life support from date when details
// ask for it and it has no registration, and sends the form.
func registerLifeSupport(c *sim.Call, a *sim.Account, details map[string]any, date string) {
	if required, _ := details["lifeSupportRequired"].(bool); !required || len(a.LifeSupport) > 0 {
		return
	}
	contact := "EMAIL_ADDRESS"
	if a.CommsDeliveryPreference == "POSTAL_MAIL" {
		contact = "POSTAL_ADDRESS"
	}
	a.LifeSupport = append(a.LifeSupport, sim.LifeSupportRecord{ID: hashUUID("life-support", a.Number), Date: date, Status: "REGISTERED_NO_MEDICAL_CONFIRMATION", Contact: contact})
	to := mailFirst(c.Session.World(), a)
	if contact == "POSTAL_ADDRESS" || to == "" {
		to = strings.Join(append([]string{a.BillingName}, a.BillingAddress.Lines...), ", ")
	}
	c.Session.World().AddMessage(&sim.Message{
		To: to, Subject: "Your life support registration: medical confirmation form", SentAt: c.Session.Now().UTC().Truncate(time.Second),
		Body: "Account " + a.Number + " is registered for life support from " + date + ". Ask your doctor to complete the enclosed medical confirmation form and send it back to us.",
		Data: map[string]string{"accountNumber": a.Number},
	})
}

// lifeSupportMap answers an account's lifeSupport.
func lifeSupportMap(a *sim.Account) obj {
	records := []any{}
	for _, r := range a.LifeSupport {
		records = append(records, obj{
			"id": r.ID, "lifeSupportDate": r.Date, "details": nil, "lifeSupportStatus": r.Status,
			"lifeSupportEquipment": orNil(r.Equipment), "isOwnedByKraken": true, "preferredContactMethod": orNil(r.Contact),
		})
	}
	return obj{"hasLifeSupportRecord": len(records) > 0, "records": records}
}
