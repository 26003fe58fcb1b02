package accounts_test

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/accounts"
)

// changed marks a value that must differ from what the read gave before the mutation.
type changed struct{}

const demoAccount = `account(accountNumber: "A-C90DC431")`

// flows change state with a mutation and read the change back: every path in want has
// another value before the mutation and the wanted one after.
var flows = []struct {
	name, setup, mutation, read string
	want                        map[string]any
	// world, when set, checks state that no query exposes.
	world func(w *sim.World) (got, want any)
}{
	{name: "updateUser",
		mutation: `mutation { updateUser(input: {givenName: "Jay", mobile: "07700 900999", title: "Dr"}) { viewer { givenName } } }`,
		read:     `{ viewer { givenName mobile title fullName } }`,
		want:     map[string]any{"viewer.givenName": "Jay", "viewer.mobile": "07700 900999", "viewer.title": "Dr", "viewer.fullName": "Jay Carter"}},
	{name: "updateUserDetails",
		mutation: `mutation { updateUserDetails(input: {landline: "020 7946 0999"}) { landline errors { field } } }`,
		read:     `{ viewer { landline } }`,
		want:     map[string]any{"viewer.landline": "020 7946 0999"}},
	{name: "updateCommsPreferences",
		mutation: `mutation { updateCommsPreferences(input: {isOptedInToOfferMessages: true, preferredHoldMusic: SONG_1969, fontSizeMultiplier: 1.5, emailFormat: TEXT}) { commsPreferences { emailFormat } } }`,
		read:     `{ viewer { preferences { isOptedInToOfferMessages preferredHoldMusic fontSizeMultiplier emailFormat } } }`,
		want: map[string]any{"viewer.preferences.isOptedInToOfferMessages": true, "viewer.preferences.preferredHoldMusic": "SONG_1969",
			"viewer.preferences.fontSizeMultiplier": 1.5, "viewer.preferences.emailFormat": "TEXT"}},
	{name: "updateAccountUserConsents",
		mutation: `mutation { updateAccountUserConsents(consents: [{consentTypeCode: "MARKETING_EMAIL", value: ACCEPTED}, {consentTypeCode: "MARKETING_SMS", value: REJECTED}]) { accountUserConsents { consents { code } } } }`,
		read:     `{ viewer { consents { code value } } }`,
		want:     map[string]any{"viewer.consents.1.value": "ACCEPTED", "viewer.consents.2.code": "MARKETING_SMS"}},
	{name: "updateAccountConsents",
		mutation: `mutation { updateAccountConsents(accountNumber: "A-C90DC431", consents: [{code: "MARKETING_SMS", value: ACCEPTED}]) { consents { code } } }`,
		read:     `{ ` + demoAccount + ` { consents { code value } } }`,
		want:     map[string]any{"account.consents.1.code": "MARKETING_SMS", "account.consents.1.value": "ACCEPTED"}},
	{name: "updateAccountBillingAddress",
		mutation: `mutation { updateAccountBillingAddress(input: {accountNumber: "A-C90DC431", billingAddress: {streetAddress: "1 New Street", locality: "Leeds", postalCode: "LS1 4AP", country: "GB"}}) { account { number } } }`,
		read:     `{ ` + demoAccount + ` { billingAddressLine1 billingAddressLine2 billingAddressPostcode address { postalCode } } }`,
		want: map[string]any{"account.billingAddressLine1": "1 New Street", "account.billingAddressLine2": "Leeds",
			"account.billingAddressPostcode": "LS1 4AP", "account.address.postalCode": "LS1 4AP"}},
	{name: "updateAccountAddress",
		mutation: `mutation { updateAccountAddress(input: {accountNumber: "A-7B3E9D12", billingAddress: {name: "J Carter", streetAddress: "2 Old Road", locality: "York", postalCode: "YO1 7HH"}}) { account { number } viewer { id } } }`,
		read:     `{ account(accountNumber: "A-7B3E9D12") { billingName billingAddressLine1 billingPostcode } }`,
		want:     map[string]any{"account.billingName": "J Carter", "account.billingAddressLine1": "2 Old Road", "account.billingPostcode": "YO1 7HH"}},
	{name: "updateAccountBillingEmail",
		mutation: `mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "bills@example.com"}) { account { billingEmail } } }`,
		read:     `{ ` + demoAccount + ` { billingEmail } }`,
		want:     map[string]any{"account.billingEmail": "bills@example.com"}},
	{name: "updateCommsDeliveryPreference",
		mutation: `mutation { updateCommsDeliveryPreference(input: {accountNumber: "A-C90DC431", commsDeliveryPreference: POSTAL_MAIL}) { account { commsDeliveryPreference } } }`,
		read:     `{ ` + demoAccount + ` { commsDeliveryPreference consents { code value } } }`,
		want:     map[string]any{"account.commsDeliveryPreference": "POSTAL_MAIL", "account.consents.0.value": "REJECTED"}},
	{name: "updateAccountConsents rejecting paperless billing",
		mutation: `mutation { updateAccountConsents(accountNumber: "A-C90DC431", consents: [{code: "PAPERLESS_BILLING", value: REJECTED}]) { consents { code } } }`,
		read:     `{ ` + demoAccount + ` { commsDeliveryPreference } }`,
		want:     map[string]any{"account.commsDeliveryPreference": "POSTAL_MAIL"}},
	{name: "createAccountReference",
		mutation: `mutation { createAccountReference(input: {accountNumber: "A-C90DC431", namespace: "CRM", value: "CRM-42"}) { accountReference { value } } }`,
		read:     `{ accountReference(value: "CRM-42") { namespace account { number } } }`,
		want:     map[string]any{"accountReference.0.namespace": "CRM", "accountReference.0.account.number": "A-C90DC431"}},
	{name: "updateAccountReference",
		mutation: `mutation { updateAccountReference(input: {accountNumber: "A-C90DC431", namespace: "TENTACLE_ENERGY", value: "EXTERNAL-9999"}) { accountReference { value } } }`,
		read:     `{ ` + demoAccount + ` { references { namespace value } } }`,
		want:     map[string]any{"account.references.0.value": "EXTERNAL-9999"}},
	{name: "updateMetadata/account",
		mutation: `mutation { updateMetadata(input: {identifier: "A-C90DC431", linkedObjectType: ACCOUNT, key: "theme", value: "{\"dark\": true}"}) { metadata { key } } }`,
		read:     `{ metadata(linkedObjectType: ACCOUNT, identifier: "A-C90DC431") { key value } }`,
		want:     map[string]any{"metadata.1.key": "theme", "metadata.1.value": `{"dark": true}`}},
	{name: "updateMetadata/user",
		mutation: `mutation { updateMetadata(input: {identifier: "3235447", linkedObjectType: ACCOUNT_USER, key: "tour", value: "\"done\""}) { metadata { key } } }`,
		read:     `{ metadata(linkedObjectType: ACCOUNT_USER, identifier: "3235447") { key value } }`,
		want:     map[string]any{"metadata.0.key": "tour", "metadata.0.value": `"done"`}},
	{name: "insertUserPsrRecords",
		mutation: `mutation { insertUserPsrRecords(input: [{internalCode: "BLIND"}, {internalCode: "TEMPORARY_LIFE_CHANGES", expiryDate: "2025-09-30"}]) { records { internalCode } } }`,
		read: `{ viewer { specialCircumstances { records { __typename ... on SpecialCircumstanceRecordType { internalCode summary }
			... on TemporarySpecialCircumstanceRecordType { internalCode expiryDate } } } } }`,
		want: map[string]any{"viewer.specialCircumstances.records.0.internalCode": "BLIND", "viewer.specialCircumstances.records.0.summary": "Blind",
			"viewer.specialCircumstances.records.1.__typename": "TemporarySpecialCircumstanceRecordType", "viewer.specialCircumstances.records.1.expiryDate": "2025-09-30"}},
	{name: "addCampaignToAccount",
		mutation: `mutation { addCampaignToAccount(input: {accountNumber: "A-C90DC431", campaign: "winter-saver"}) { campaignAdded } }`,
		read:     `{ ` + demoAccount + ` { campaigns { slug name expiryDate } } }`,
		want:     map[string]any{"account.campaigns.1.slug": "winter-saver", "account.campaigns.1.expiryDate": "2026-03-31"}},
	{name: "updateNumberOfOccupants",
		mutation: `mutation { updateNumberOfOccupants(input: {propertyId: "2214531", numberOfOccupants: 5}) { propertyId } }`,
		world: func(w *sim.World) (any, any) {
			_, p := w.Property("2214531")
			return p.NumberOfOccupants, 5
		}},
	{name: "installMeter",
		mutation: `mutation { installMeter(input: {propertyId: "2214531", meter: {serialNumber: "WM-1", installationDate: "2025-05-01", initialReading: "3.5"}}) { meter { id } } }`,
		world: func(w *sim.World) (any, any) {
			return waterState(w, "2214531"), "WM-1@2025-05-01 fitted UNKNOWN unmeasured"
		}},
	{name: "exchangeMeter",
		setup:    installWaterMeter,
		mutation: `mutation { exchangeMeter(input: {meterId: "9200001", exchangeDate: "2025-06-01", finalReading: "9", newMeter: {serialNumber: "WM-2", installationDate: "2025-06-01"}}) { meter { id } } }`,
		world: func(w *sim.World) (any, any) {
			return waterState(w, "2214531"), "WM-1@2025-05-01 removed 2025-06-01 at 9 UNKNOWN; WM-2@2025-06-01 fitted UNKNOWN unmeasured"
		}},
	{name: "modifyMeter",
		setup:    installWaterMeter,
		mutation: `mutation { modifyMeter(input: {meterId: "9200001", location: UNDER_SINK}) { meter { id } } }`,
		world: func(w *sim.World) (any, any) {
			return waterState(w, "2214531"), "WM-1@2025-05-01 fitted UNDER_SINK unmeasured"
		}},
	{name: "switchAccountToMeasuredTariff",
		setup:    installWaterMeter,
		mutation: `mutation { switchAccountToMeasuredTariff(input: {accountNumber: "A-C90DC431"}) { account { number } } }`,
		world: func(w *sim.World) (any, any) {
			return waterState(w, "2214531"), "WM-1@2025-05-01 fitted UNKNOWN measured from 2025-06-02"
		}},
	{name: "backendScreenEvent",
		mutation: `mutation { backendScreenEvent(input: {eventId: "join-saving-sessions", params: [{key: "accountNumber", value: "A-7B3E9D12"}]}) { action { __typename } } }`,
		world: func(w *sim.World) (any, any) {
			ss := w.Account("A-7B3E9D12").SavingSessions
			if ss == nil {
				return "", "1000007345180"
			}
			return ss.MPAN, "1000007345180"
		}},
	{name: "updatePropertyType",
		mutation: `mutation { updatePropertyType(input: {propertyId: "2214532", propertyType: "maisonette"}) { propertyId } }`,
		world: func(w *sim.World) (any, any) {
			_, p := w.Property("2214532")
			return p.PropertyType, "MAISONETTE"
		}},
	{name: "submitMeterReading",
		mutation: `mutation { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: "15404.5", readAt: "2025-06-02T08:00:00Z"}) { reading { id value } } }`,
		read:     `{ meterPoints(mpan: "1013004420117") { ... on ElectricityMeterPointType { meters { readings(first: 1) { totalCount edges { node { readAt registers { value } } } } } } } }`,
		want: map[string]any{"meterPoints.meters.0.readings.totalCount": 70, "meterPoints.meters.0.readings.edges.0.node.readAt": "2025-06-02T09:00:00+01:00",
			"meterPoints.meters.0.readings.edges.0.node.registers.0.value": "15404.50000"}},
	{name: "createAccountPaymentSchedule",
		mutation: `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 20}) { schedule { id } } }`,
		read:     `{ ` + demoAccount + ` { paymentSchedules(active: true) { totalCount edges { node { paymentDay paymentAmount validFrom } } } } }`,
		want:     map[string]any{"account.paymentSchedules.edges.0.node.paymentDay": 20, "account.paymentSchedules.edges.0.node.validFrom": "2025-06-02"}},
	{name: "updatePaymentSchedule",
		mutation: `mutation { updatePaymentSchedule(input: {accountNumber: "A-7B3E9D12", paymentScheduleId: "81720", updatedParameters: {validFrom: "2025-07-01", scheduleType: DIRECT_DEBIT, paymentAmount: 5000, paymentDay: 3}}) { paymentSchedule { id } } }`,
		read:     `{ account(accountNumber: "A-7B3E9D12") { paymentSchedules { edges { node { id paymentAmount paymentDay validFrom } } } } }`,
		want: map[string]any{"account.paymentSchedules.edges.0.node.paymentAmount": 5000, "account.paymentSchedules.edges.0.node.paymentDay": 3,
			"account.paymentSchedules.edges.0.node.validFrom": "2025-07-01"}},
	{name: "createDirectDebitPaymentSchedule",
		mutation: `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-7B3E9D12", ledgerNumber: "L-7B3E9D01", paymentDay: 7, paymentAmount: 4500}) { paymentSchedule { id } } }`,
		read:     `{ account(accountNumber: "A-7B3E9D12") { paymentSchedules(active: true) { edges { node { paymentDay paymentAmount scheduleType } } } } }`,
		want:     map[string]any{"account.paymentSchedules.edges.0.node.paymentDay": 7, "account.paymentSchedules.edges.0.node.paymentAmount": 4500}},
	{name: "createDirectDebitInstructionAndSchedule",
		mutation: `mutation { createDirectDebitInstructionAndSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", bankDetails: {accountHolder: "Jamie Carter", accountNumber: "87654321", bankCode: "20-00-00"}, paymentDay: 10, paymentAmount: 9000}) { paymentInstruction { id } paymentSchedule { id } } }`,
		read:     `{ ` + demoAccount + ` { directDebitInstructions(statuses: [ACTIVE]) { totalCount edges { node { maskedAccountIdentifier sortCode } } } paymentSchedules(active: true) { edges { node { paymentDay } } } } }`,
		want: map[string]any{"account.directDebitInstructions.edges.0.node.maskedAccountIdentifier": "****4321",
			"account.directDebitInstructions.edges.0.node.sortCode": "20-00-00", "account.paymentSchedules.edges.0.node.paymentDay": 10}},
	{name: "setUpDirectDebitInstruction",
		mutation: `mutation { setUpDirectDebitInstruction(input: {accountNumber: "A-7B3E9D12", ledgerId: "6100003", validFrom: "2025-06-02T00:00:00Z", bankDetails: {accountHolder: "J Carter", accountNumber: "11112222", bankCode: "309634"}}) { paymentInstruction { id } } }`,
		read:     `{ account(accountNumber: "A-7B3E9D12") { directDebitInstructions { edges { node { instructionType sortCode } } } } }`,
		want:     map[string]any{"account.directDebitInstructions.edges.0.node.sortCode": "30-96-34"}},
	{name: "storePaymentInstruction",
		mutation: `mutation { storePaymentInstruction(input: {accountNumber: "A-C90DC431", instructionType: CARD, validFrom: "2025-06-02T09:00:00Z", vendorReference: "pm_card_9876"}) { paymentInstruction { id } } }`,
		read:     `{ ` + demoAccount + ` { directDebitInstructions { totalCount edges { node { instructionType maskedAccountIdentifier } } } } }`,
		want: map[string]any{"account.directDebitInstructions.totalCount": 2, "account.directDebitInstructions.edges.0.node.instructionType": "CARD",
			"account.directDebitInstructions.edges.0.node.maskedAccountIdentifier": "****9876"}},
	{name: "invalidatePaymentInstruction",
		mutation: `mutation { invalidatePaymentInstruction(input: {accountNumber: "A-7B3E9D12", id: "412883"}) { instruction { id } } }`,
		read:     `{ account(accountNumber: "A-7B3E9D12") { directDebitInstructions(statuses: [ACTIVE]) { totalCount } } }`,
		want:     map[string]any{"account.directDebitInstructions.totalCount": 1}},
	{name: "amendPayment",
		mutation: `mutation { amendPayment(input: {accountNumber: "A-C90DC431", paymentId: 5501003, amount: 9900, paymentDate: "2025-06-25"}) { payment { id } } }`,
		read:     `{ ` + demoAccount + ` { payments(status: SCHEDULED) { edges { node { amount paymentDate } } } } }`,
		want:     map[string]any{"account.payments.edges.0.node.amount": 9900, "account.payments.edges.0.node.paymentDate": "2025-06-25"}},
	{name: "collectPayment",
		mutation: `mutation { collectPayment(input: {accountNumber: "A-C90DC431", amount: 2500, paymentDate: "2025-06-20", description: "Top up", idempotencyKey: "k1", ledgerId: "6100001"}) { payment { id } } }`,
		read:     `{ ` + demoAccount + ` { payments(first: 1) { totalCount edges { node { amount reference status } } } } }`,
		want: map[string]any{"account.payments.totalCount": 71, "account.payments.edges.0.node.amount": 2500,
			"account.payments.edges.0.node.reference": "Top up"}},
	{name: "redeemLoyaltyPointsForAccountCredit",
		mutation: `mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: 200}) { pointsRedeemed } }`,
		read:     `{ ` + demoAccount + ` { balance transactions(first: 2, ledgerId: 6100001) { edges { node { __typename amounts { gross } balanceCarriedForward } } } } loyaltyPointLedgers { ledgerType value balanceCarriedForward } }`,
		want: map[string]any{"account.balance": 4430, "account.transactions.edges.0.node.__typename": "Credit",
			// The electricity ledger's balance, 3100 before the 200 of credit.
			"account.transactions.edges.0.node.balanceCarriedForward": 3300, "account.transactions.edges.1.node.balanceCarriedForward": 3100,
			"loyaltyPointLedgers.0.value": "200", "loyaltyPointLedgers.0.ledgerType": "CHARGE", "loyaltyPointLedgers.0.balanceCarriedForward": "1000"}},
	{name: "transferLoyaltyPointsBetweenUsers",
		mutation: `mutation { transferLoyaltyPointsBetweenUsers(input: {accountNumber: "A-C90DC431", receivingUserId: "3235448", points: 100}) { pointsTransferred } }`,
		read:     `{ loyaltyPointLedgers { reasonCode balanceCarriedForward } }`,
		want:     map[string]any{"loyaltyPointLedgers.0.reasonCode": "TRANSFERRED_OUT", "loyaltyPointLedgers.0.balanceCarriedForward": "1100"},
		world: func(w *sim.World) (any, any) {
			return w.User("3235448").LoyaltyPoints, 400
		}},
	{name: "setLoyaltyPointsUser",
		mutation: `mutation { setLoyaltyPointsUser(input: {accountNumber: "A-C90DC431", newLoyaltyPointsUserId: "3235448"}) { newLoyaltyPointsUserId } }`,
		read:     `{ viewer { accountUserRoles(accountNumber: "A-C90DC431") { role } } }`,
		want:     map[string]any{"viewer.accountUserRoles.1": nil}},
	{name: "enrollAccountInLoyaltyProgram",
		mutation: `mutation { enrollAccountInLoyaltyProgram(input: {accountNumber: "A-C90DC431", accountUserId: "3235448"}) { outcome { hasEnrolled } } }`,
		read:     `{ viewer { accountUserRoles(accountNumber: "A-C90DC431") { role } } }`,
		want:     map[string]any{"viewer.accountUserRoles.1": nil}},
	{name: "createReferral",
		mutation: `mutation { createReferral(input: {accountNumber: "A-7B3E9D12", reference: "https://share.krakensim.dev/jamie-otter-431"}) { referredAccountRewardAmount } }`,
		read:     `{ a: ` + demoAccount + ` { referralsCreated } b: account(accountNumber: "A-7B3E9D12") { balance } }`,
		want:     map[string]any{"a.referralsCreated": 3, "b.balance": 3420}},
	{name: "redeemReferralClaimCode",
		mutation: `mutation { redeemReferralClaimCode(input: {accountNumber: "A-C90DC431", code: "welcome-50"}) { success } }`,
		read:     `{ ` + demoAccount + ` { balance transactions(first: 1) { edges { node { amounts { gross } note } } } } }`,
		want:     map[string]any{"account.balance": 9230, "account.transactions.edges.0.node.amounts.gross": 5000, "account.transactions.edges.0.node.note": "Claim code WELCOME-50"}},
	{name: "createGoodsQuote",
		mutation: `mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 21, numberOfUnits: 2, currency: "GBP"}]}) { goodsQuote { id code } } }`,
		read:     `{ goodsQuotes(accountNumber: "A-C90DC431") { id code totalNetAmount goodsQuotedProducts { product } } }`,
		want: map[string]any{"goodsQuotes.1.id": 103, "goodsQuotes.1.code": "GQ-C90DC431-103", "goodsQuotes.1.totalNetAmount": 3998,
			"goodsQuotes.1.goodsQuotedProducts.0.product": "SMART-PLUG"}},
	{name: "createGoodsQuoteWithoutAccount",
		mutation: `mutation { createGoodsQuoteWithoutAccount(input: {customerProfile: {givenName: "A", familyName: "B", email: "a@example.com", phoneNumber: "07700900000", postcode: "NR3 1AB", addressLine1: "1 Road"}, productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { code } } }`,
		read:     `{ goodsQuotes(quoteCode: "GQ-QUOTE-103") { totalNetAmount } }`,
		want:     map[string]any{"goodsQuotes.0.totalNetAmount": 14900}},
	{name: "acceptGoodsQuote",
		setup:    `mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}, {productId: 12, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } }`,
		mutation: `mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 103}) { goodsPurchase { code } } }`,
		read:     `{ goodsPurchases(accountNumber: "A-C90DC431") { code goodsSaleItems { product numberOfUnits } } }`,
		want:     map[string]any{"goodsPurchases.0.code": "GP-C90DC431-1", "goodsPurchases.0.goodsSaleItems.1.product": "EV-CHARGER-INSTALL"}},
	{name: "createGoodsPurchase",
		mutation: `mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 3}]}) { goodsPurchase { code } } }`,
		read:     `{ goodsPurchases(accountNumber: "A-C90DC431") { goodsSaleItems { product numberOfUnits netAmount } } }`,
		want: map[string]any{"goodsPurchases.0.goodsSaleItems.0.product": "SMART-PLUG", "goodsPurchases.0.goodsSaleItems.0.numberOfUnits": 3,
			"goodsPurchases.0.goodsSaleItems.0.netAmount": 59.97}},
	{name: "updateActivePurchase",
		setup:    `mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 3}]}) { goodsPurchase { code } } }`,
		mutation: `mutation { updateActivePurchase(input: {accountNumber: "A-C90DC431", purchaseId: "GP-C90DC431-1", saleItems: [{productCode: "SMART-THERMOSTAT", numberOfUnits: 1}]}) { goodsPurchase { code } } }`,
		read:     `{ goodsPurchases(accountNumber: "A-C90DC431") { goodsSaleItems { product } } }`,
		want:     map[string]any{"goodsPurchases.0.goodsSaleItems.0.product": "SMART-THERMOSTAT"}},
	{name: "shareGoodsQuote",
		mutation: `mutation { shareGoodsQuote(input: {quoteCode: "GQ-C90DC431-101", email: "friend@example.com"}) { share { id } } }`,
		world: func(w *sim.World) (any, any) {
			for _, q := range w.GoodsQuotes {
				if q.ID == "101" {
					return q.SharedWith, []string{"friend@example.com"}
				}
			}
			return nil, "quote 101"
		}},
	{name: "createCreditTransferPermission",
		mutation: `mutation { createCreditTransferPermission(input: {sourceLedgerNumber: "L-7B3E9D02", targetLedgerNumber: "L-7B3E9D01"}) { validFrom } }`,
		world: func(w *sim.World) (any, any) {
			t := w.Account("A-7B3E9D12").CreditTransfers
			return len(t) == 1 && t[0].Source == "L-7B3E9D02" && t[0].Target == "L-7B3E9D01" && !t[0].ValidFrom.IsZero() && t[0].ValidTo.IsZero(), true
		}},
	{name: "terminateCreditTransferPermission",
		setup:    `mutation { createCreditTransferPermission(input: {sourceLedgerNumber: "L-7B3E9D02", targetLedgerNumber: "L-7B3E9D01"}) { validFrom } }`,
		mutation: `mutation { terminateCreditTransferPermission(input: {sourceLedgerNumber: "L-7B3E9D02", targetLedgerNumber: "L-7B3E9D01"}) { validTo } }`,
		world: func(w *sim.World) (any, any) {
			t := w.Account("A-7B3E9D12").CreditTransfers
			return len(t) == 1 && t[0].ValidTo.Equal(t[0].ValidFrom), true
		}},
	{name: "submitRepaymentRequest",
		mutation: `mutation { submitRepaymentRequest(input: {accountNumber: "A-C90DC431", ledgerId: "6100001", amountInMinorUnit: 1000, idempotencyKey: "flow-1", reason: "Moving out"}) { repaymentRequest { status } } }`,
		read:     `{ ` + demoAccount + ` { ledgers { repaymentRequests { edges { node { amount status reasonCode method } } } } } }`,
		want: map[string]any{"account.ledgers.0.repaymentRequests.edges.0.node.amount": 1000, "account.ledgers.0.repaymentRequests.edges.0.node.status": "REQUESTED",
			"account.ledgers.0.repaymentRequests.edges.0.node.reasonCode": "Moving out", "account.ledgers.0.repaymentRequests.edges.0.node.method": "BANK_TRANSFER"}},
	{name: "cancelRepaymentRequest",
		setup:    `mutation { submitRepaymentRequest(input: {accountNumber: "A-C90DC431", ledgerId: "6100001", amountInMinorUnit: 1000, idempotencyKey: "flow-1"}) { repaymentRequest { requestId } } }`,
		mutation: `mutation { cancelRepaymentRequest(input: {requestId: "dc5c7924-a38b-4213-ae5a-a666f4561105"}) { repaymentRequest { status } } }`,
		world: func(w *sim.World) (any, any) {
			r := w.Account("A-C90DC431").RepaymentRequests
			return len(r) == 1 && r[0].Status == "CANCELLED", true
		}},
	{name: "createContributionAgreement",
		mutation: `mutation { createContributionAgreement(input: {accountNumber: "A-C90DC431", schemeCode: "COMMUNITY_FUND", interval: QUARTERLY, amount: 1500, activeFrom: "2025-06-02T00:00:00+01:00"}) { contributionAgreement { id } } }`,
		read:     `{ ` + demoAccount + ` { contributionAgreements { amount interval contributionScheme { code } periods { totalCount } } } }`,
		want: map[string]any{"account.contributionAgreements.0.amount": 1500, "account.contributionAgreements.0.interval": "QUARTERLY",
			"account.contributionAgreements.0.contributionScheme.code": "COMMUNITY_FUND", "account.contributionAgreements.0.periods.totalCount": 1}},
	{name: "endContributionAgreement",
		setup:    `mutation { createContributionAgreement(input: {accountNumber: "A-C90DC431", schemeCode: "COMMUNITY_FUND", interval: MONTHLY, amount: 500, activeFrom: "2025-06-02T00:00:00+01:00"}) { contributionAgreement { id } } }`,
		mutation: `mutation { endContributionAgreement(input: {contributionAgreementId: "8315275", endAt: "2025-12-31T00:00:00Z"}) { contributionAgreement { activeTo } } }`,
		read:     `{ ` + demoAccount + ` { contributionAgreements { activeTo } } }`,
		want:     map[string]any{"account.contributionAgreements.0.activeTo": "2025-12-31T00:00:00+00:00"}},
	{name: "moveOut",
		mutation: `mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2025-06-20"}) { account { number } } }`,
		read:     `{ ` + demoAccount + ` { properties { occupancyPeriods { effectiveTo } } } }`,
		want:     map[string]any{"account.properties.0.occupancyPeriods.0.effectiveTo": "2025-06-21T00:00:00+01:00"}},
	{name: "moveOut ends the direct debit of an account left with no supply",
		mutation: `mutation { moveOut(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveOutDate: "2025-06-20"}) { account { number } } }`,
		read:     `{ ` + demoAccount + ` { paymentSchedules(first: 1) { edges { node { validTo } } } } }`,
		want:     map[string]any{"account.paymentSchedules.edges.0.node.validTo": "2025-06-20"}},
	{name: "regenerateSecretKey",
		mutation: `mutation { regenerateSecretKey { key } }`,
		read:     `{ viewer { liveSecretKey } }`,
		want:     map[string]any{"viewer.liveSecretKey": changed{}}},
	{name: "invalidatePreSignedToken",
		mutation: `mutation { invalidatePreSignedToken(input: {token: "krakensim-presigned-demo"}) { token { isValid } } }`,
		world: func(w *sim.World) (any, any) {
			return len(w.User("3235447").PreSignedKeys), 0
		}},
}

func TestChangeThenRead(t *testing.T) {
	for _, tt := range flows {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := signIn(t, "demo@krakensim.dev")
			if tt.setup != "" {
				c.do(tt.setup, nil)
			}
			var before map[string]any
			if tt.read != "" {
				before = c.do(tt.read, nil)
				for path, want := range tt.want {
					if _, ok := want.(changed); ok {
						continue
					}
					if got := norm(dig(before, path)); reflect.DeepEqual(got, want) {
						t.Fatalf("%s is already %v before the mutation; the flow proves nothing", path, want)
					}
				}
			}
			c.do(tt.mutation, nil)
			if tt.read != "" {
				after := c.do(tt.read, nil)
				for path, want := range tt.want {
					got := norm(dig(after, path))
					if _, ok := want.(changed); ok {
						if reflect.DeepEqual(got, dig(before, path)) || got == nil {
							t.Errorf("%s: still %v after the mutation", path, got)
						}
						continue
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: want %#v, got %#v", path, want, got)
					}
				}
			}
			if tt.world != nil {
				sess, err := c.s.Session(c.session)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := tt.world(sess.World()); !reflect.DeepEqual(got, want) {
					t.Errorf("world: want %#v, got %#v", want, got)
				}
			}
		})
	}
}

// TestFlowsCoverMutations checks that every mutation the package resolves has a flow
// (sign-in changes are in TestCredentialChanges; the Wheel of Fortune, which only the
// Octopus SDL has, in sim/simtest's TestOctopusWheelOfFortune, with smets2Interest in
// TestOctopusSmartMeterInterestIsStated; concessions, which only Origin's has, in
// TestOriginConcessionLifecycle; createDirectDebitInstruction and Octopus's payment day
// and amount changes, which only the tenants' SDLs have, in sim/simtest's payments tests;
// Octopus's legacy meter readings in TestOctopusLegacyMeterReadings, Origin's self
// reads in TestOriginSelfMeterReads, and Octopus's shell accounts in
// TestOctopusShellAccount, account notes in TestOctopusAccountNote, renewals in
// TestOctopusRenewAgreementForMeterPoint and TestOctopusRenewAgreementsForAccount, and
// quotes and switches in TestOctopusTariffSwitch, TestOctopusRenewalQuoteRequests and
// TestOctopusRefreshQuote, Origin's payment plans in TestOriginPaymentPlans, and
// Octopus's file attachments in TestOctopusFileAttachmentUpload and Warm Home Discount
// applications in TestOctopusWarmHomeDiscountApplications, Origin's vouchers in
// TestOriginVouchers, Octopus's heat pump controller in
// TestOctopusHeatPumpControllerTakesWhatIsSet, its smart meter data preferences in
// TestOctopusSmartMeterDataPreferencesAreKept, its older OctoPoints redemption in
// TestOctopusRedeemOctoPointsIsTheWallet, its credits and charges in
// TestOctopusPostCreditIsTheLedgers, a prospect's quote in
// TestOctopusSignupQuoteIsKept, and the emailed password reset and sign-in key, which
// need the email, in TestPasswordResetIsTheEmailed, TestResetPasswordReportsInItsErrors
// and TestPreSignedTokenEmailSignsIn, as the double opt-in in TestDoubleOptInIsTheEmailed; MFA devices, on the authentication
// server, in TestMFADevicesAreTheUsers; withdrawn tokens in
// TestForceReauthenticationWithdrawsTheTokens; a printed bill's letter in
// TestPrintedBillIsPostedToTheBillingAddress; push bindings, which no query lists but
// their own app, in TestPushBindingsAreTheInstalls; a quote's follow-up, a message, in
// TestGoodsQuoteFollowUpAndShareAreSent; a product switch, which needs a quote only the
// tenants' SDLs make, in TestOctopusProductSwitchIsTheQuote; identity checks, which
// change nothing, in TestVerifyIdentityIsTheAccounts; Octoplus rewards, which only the
// Octopus SDL has, in TestOctopusOctoplusRewardsAreTheWallets; Origin's rescheduled
// payment in TestOriginRescheduleIsTheSchedules; an auto top-up, which no fixture
// schedule takes, in TestOctopusAutoTopUpNeedsABalanceTrigger; payments and payment
// methods through the vendor, which its hosted page completes, in simtest's
// TestHostedPaymentPostsToTheLedger, TestEmbeddedCardIsStored,
// TestHostedDirectDebitReplacesTheMandate, TestEmbeddedPaymentIsCollected and
// TestOriginCompleteStandalonePayment; a newcomer's account, which needs the welcome
// email or letter, in TestMoveInIsTheNewcomers and TestForceMoveInRegistersTheNewcomer;
// a switch's terms and cancelling, which need the switching account's user, in
// TestSwitchIsCancelledBeforeItStarts; feedback and form submissions, which no query
// reads but their own answers, in TestFeedbackIsAnsweredOnce and
// TestFormSubmissionsAreNumbered; a masquerade, whose token the admin API issues, in
// TestMasqueradeActsAsTheUser; Octopus's performMoveOut, moveOut by its name there, in
// TestOctopusMovesAreLifecycleProcesses; refresh tokens and scoped keys, which only
// sign-ins read, in TestOctopusRefreshTokensAreInvalidated and
// TestOctopusOrganisationTokens; Octopus's deleteAccountReference, createMetadata,
// cancelPayment, createAccountCredit and transferLedgerBalance, which the embedded SDL has
// not, in TestOctopusDeletesAndCreates and TestOctopusBalanceTransfer; Octopus's
// updateSpecialCircumstances in TestOctopusSpecialCircumstances; leaving the supplier in
// TestOctopusLeaveSupplierIsCancelled; Origin's agreement periods, which only its SDL
// has, in sim/simtest's TestOriginAgreementPeriodChanges; createPortfolioUserRole, which
// the embedded SDL has not, in sim/simtest's TestPortfolioUserRolesLinkOnlyTheViewersPeople;
// Origin's hasFamilyIssues in TestHasFamilyIssues).
func TestFlowsCoverMutations(t *testing.T) {
	covered := map[string]bool{"updateEmailAndPassword": true, "updatePassword": true, "spinWheelOfFortune": true,
		"createConcession": true, "updateConcession": true, "validateConcession": true, "removeConcession": true,
		"smets2Interest": true, "createDirectDebitInstruction": true,
		"updatePaymentSchedulePaymentDay": true, "updatePaymentSchedulePaymentAmount": true, "directDebitPaymentDayUpdate": true,
		"createElectricityMeterReading": true, "createGasMeterReading": true,
		"createElectricitySelfMeterReads": true, "createGasSelfMeterReads": true, "createShellAccount": true, "createAccountNote": true,
		"renewAgreementForMeterPoint": true, "renewAgreementsForAccount": true,
		"requote": true, "quoteAccountOnProducts": true, "switchMeterPointProducts": true, "renewAgreements": true,
		"createRenewalQuoteRequest": true, "createQuoteRequestForProducts": true, "refreshQuote": true,
		"joinOctoplusCampaign": true, "joinSavingSessionsCampaign": true, "joinSavingSessionsEvent": true,
		"offerPaymentPlan": true, "acceptPaymentPlan": true, "cancelPaymentPlan": true, "breakPaymentPlan": true, "previewAndCreatePaymentPlan": true,
		"createAccountFileAttachment": true, "triggerPostUploadOperations": true,
		"createWarmHomeDiscountApplication": true, "purchaseVoucher": true, "purchaseVouchers": true, "refundVoucher": true,
		"octoHeatPumpSetZoneMode": true, "setZoneMode": true, "octoHeatPumpUpdateWaterSetpoint": true, "updateWaterSetpoint": true,
		"octoHeatPumpUpdateFlowTemperatureConfiguration": true, "octoHeatPumpUpdateSensorDisplayName": true, "updateSensorDisplayName": true,
		"octoHeatPumpBulkUpdateSensorDisplayName": true, "bulkUpdateSensorDisplayName": true,
		"octoHeatPumpSetZoneSchedules": true, "setZoneSchedules": true, "updateSmartMeterDataPreferences": true,
		"redeemOctoPointsForAccountCredit": true, "postCredit": true, "createAccountCharge": true,
		"createQuote": true, "requestPasswordReset": true, "resetPassword": true, "resetUserPassword": true, "sendPreSignedTokenEmail": true,
		"requestDoubleOptIn": true, "confirmDoubleOptIn": true,
		"createMfaDevice": true, "validateMfaDevice": true, "deleteMfaDevice": true, "forceReauthentication": true,
		"requestPrintedBill": true, "registerPushNotificationBinding": true, "deletePushNotificationBinding": true,
		"scheduleQuoteFollowUp": true, "initiateProductSwitch": true,
		"verifyIdentity": true, "verifyIdentityFallback": true, "claimOctoplusReward": true,
		"reschedulePayment": true, "updateAutoTopUpAmount": true,
		"initiateStandalonePayment": true, "initiateHostedStandalonePayment": true, "completeStandalonePayment": true,
		"getHostedUrlForNewPaymentInstruction": true, "getEmbeddedSecretForNewPaymentInstruction": true,
		"getEmbeddedSecretForNewPaymentInstructionWithoutAccount": true,
		"moveInCreateCustomer": true, "forceMoveIn": true, "registerEmail": true, "updateBlackholeEmail": true,
		"cancelEnrollment": true, "joinSupplierAcceptTermsAndConditions": true,
		"submitCustomerFeedback": true, "createCustomerFeedback": true, "createFormSubmission": true,
		"masqueradeAuthentication": true, "performMoveOut": true,
		"invalidateRefreshToken": true, "emailAuthentication": true, "occupy": true, "enrollFanClubAccount": true, "deviceRegistration": true, "triggerTestCharge": true, "startSmartFlexOnboarding": true, "cancelSmartFlexOnboarding": true, "quoteCampaignOffer": true, "generatePaymentAllocationNumber": true, "createHeatPumpGoodsQuote": true, "addSignupReferralOnAccount": true, "payoutReferralForAccount": true, "updateAccountReferralStatus": true, "requestConsumptionData": true, "createAcquisitionQuoteRequestForProducts": true, "addCreditToSmartMeter": true, "createAutoTopupConfig": true, "disableAutoTopup": true, "prepareAccount": true, "initializeUser": true, "initializeAccount": true, "enrollment": true, "reverseEnrollment": true, "apiKeyAuthentication": true, "disableToken": true, "invalidateRefreshTokensForUser": true, "obtainLongLivedRefreshToken": true,
		"generatePreSignedToken": true, "invalidatePreSignedTokensForUser": true,
		"deleteAccountReference": true, "createMetadata": true, "cancelPayment": true, "createAccountCredit": true,
		"transferLedgerBalance": true, "updateSpecialCircumstances": true,
		"instigateLeaveSupplier": true, "cancelLeaveSupplier": true,
		"createPaymentSchedule": true, "refundPayment": true, "createRefundRequest": true,
		"createFixedPaymentSchedule": true, "replaceLatestPaymentSchedule": true,
		"deletePaymentSchedule": true, "switchAccountToVariablePaymentSchedule": true,
		"setPaymentPreference": true, "stopAutomatedPayments": true,
		"reverseLeaveSupplier": true, "updateLeaveSupplier": true,
		"createHardshipAgreement": true, "updateHardshipAgreement": true,
		"validateEmail": true, "validatePhone": true,
		"triggerElectricityHouseMoveOut": true, "triggerGasHouseMoveOut": true, "cancelHouseMoveOut": true,
		"updateProcessedHouseMoveDate": true, "cancelHouseMoveIn": true, "propertyMoveOut": true, "registerCustomerAsset": true, "retireCustomerAsset": true, "createQuoteForAccount": true, "selectProducts": true, "sendQuoteSummary": true, "calculateDepositAmount": true, "createDepositAgreement": true, "recordDepositAgreementAccepted": true, "collectDeposit": true, "updateElecMeterPointAccessDetails": true, "updateCreditCardInstruction": true, "createQuoteForProperty": true, "processHouseMove": true, "processHouseMoveInElectricity": true, "processHouseMoveInGas": true, "createElectricityQuote": true, "createGasQuote": true, "updateSsd": true, "claimShoptopusVoucher": true, "replaceAgreement": true, "bulkAwardLoyaltyPoints": true, "startOnboardingProcess": true, "startExportOnboardingProcess": true, "createOrUpdateLoyaltyCard": true, "acceptTermsAndConditions": true,
		"awardLoyaltyPoints": true, "deductLoyaltyPoints": true, "unenrollAccountFromLoyaltyProgram": true,
		"createReminder": true, "createAccountReminder": true, "completeReminder": true,
		"confirmSiteworksAppointmentSlot": true, "cancelSiteworksAppointment": true, "createPaymentExtension": true,
		"makePaymentWithSavedCard": true, "makePaymentWithNewCard": true,
		"sendVerificationEmail": true, "verifyEmail": true,
		"createCentrepayDeduction": true, "changeCentrepayDeduction": true, "pauseDunning": true, "withdrawDunning": true, "cancelCentrepayDeduction": true,
		"addProperty": true, "updatePropertyAddress": true,
		"storeDirectDebitPaymentMethodDetails": true, "setUpDirectDebitInstructionFromStoredDetails": true,
		"createComplaint": true, "updateDocumentAccessibilityPreference": true,
		"orderBlanket": true, "assignDiscountCode": true, "updateExportPaymentMethod": true, "terminateAgreement": true,
		"updateAgreementPeriod": true, "extendAgreementPeriod": true, "createPortfolioUserRole": true, "hasFamilyIssues": true}
	for _, f := range flows {
		name, _, _ := strings.Cut(f.name, "/")
		covered[name] = true
	}
	for _, name := range resolvedMutations() {
		if !covered[name] {
			t.Errorf("mutation %s has no change-then-read flow", name)
		}
	}
}

func resolvedMutations() []string {
	var out []string
	for key := range accounts.Resolvers() {
		if name, ok := strings.CutPrefix(key, "mutation."); ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

const installWaterMeter = `mutation { installMeter(input: {propertyId: "2214531", meter: {serialNumber: "WM-1", installationDate: "2025-05-01"}}) { meter { id } } }`

// waterState tells a property's water meters and whether their supply is measured.
func waterState(w *sim.World, property string) string {
	_, p := w.Property(property)
	var out []string
	for _, mp := range p.WaterMeterPoints {
		for _, m := range mp.Meters {
			s := m.SerialNumber + "@" + m.InstallationDate
			if m.RemovedOn != "" {
				s += " removed " + m.RemovedOn + " at " + strconv.FormatFloat(m.FinalReading, 'f', -1, 64)
			} else {
				s += " fitted"
			}
			s += " " + m.Location
			if m.RemovedOn == "" {
				s += map[bool]string{true: " unmeasured", false: " measured from " + mp.MeasuredFrom}[mp.MeasuredFrom == ""]
			}
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// TestREADMECountsTheMutations checks the README's count of the mutations state
// answers against the resolvers.
func TestREADMECountsTheMutations(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+) mutations \(of the embedded contract`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README's section on state names no count of mutations")
	}
	if got, want := string(m[1]), strconv.Itoa(len(resolvedMutations())); got != want {
		t.Errorf("the README counts %s mutations answered from state, the resolvers %s", got, want)
	}
}
