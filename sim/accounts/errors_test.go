package accounts_test

import (
	"testing"
)

// TestDomainErrors checks each domain rule's documented code, signed in as demo.
func TestDomainErrors(t *testing.T) {
	tests := []struct {
		name, setup, query, code string
	}{
		{"payment day 0", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 0}) { schedule { id } } }`, "KT-CT-3960"},
		{"payment day 29", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 29}) { schedule { id } } }`, "KT-CT-3960"},
		{"payment amount 0", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentAmount: 0}) { schedule { id } } }`, "KT-CT-3941"},
		{"nothing changes", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 15}) { schedule { id } } }`, "KT-CT-3962"},
		{"no schedule in force", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1D", paymentDay: 3}) { schedule { id } } }`, "KT-CT-3815"},
		{"ledger of another account", "", `mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-0F4A2B01", paymentDay: 3}) { schedule { id } } }`, "KT-CT-3822"},
		{"unknown schedule", "", `mutation { updatePaymentSchedule(input: {accountNumber: "A-C90DC431", paymentScheduleId: "99", updatedParameters: {validFrom: "2025-07-01", scheduleType: DIRECT_DEBIT, paymentAmount: 1}}) { paymentSchedule { id } } }`, "KT-CT-3966"},
		{"dd day 31", "", `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 31}) { paymentSchedule { id } } }`, "KT-GB-3931"},
		{"dd future schedule", `mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 5, validFrom: "2025-09-01"}) { paymentSchedule { id } } }`,
			`mutation { createDirectDebitPaymentSchedule(input: {accountNumber: "A-C90DC431", paymentDay: 6}) { paymentSchedule { id } } }`, "KT-CT-3964"},
		{"bad bank details", "", `mutation { createDirectDebitInstructionAndSchedule(input: {accountNumber: "A-C90DC431", bankDetails: {accountHolder: "J", accountNumber: "12"}, paymentDay: 3}) { paymentSchedule { id } } }`, "KT-CT-3948"},
		{"not enough points", "", `mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: 5000}) { pointsRedeemed } }`, "KT-CT-9205"},
		{"zero points", "", `mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: 0}) { pointsRedeemed } }`, "KT-CT-9204"},
		{"transfer too many", "", `mutation { transferLoyaltyPointsBetweenUsers(input: {accountNumber: "A-C90DC431", receivingUserId: "3235448", points: 1201}) { pointsTransferred } }`, "KT-CT-9205"},
		{"transfer to outsider", "", `mutation { transferLoyaltyPointsBetweenUsers(input: {accountNumber: "A-C90DC431", receivingUserId: "3235449", points: 1}) { pointsTransferred } }`, "KT-CT-9210"},
		{"loyalty user not on account", "", `mutation { setLoyaltyPointsUser(input: {accountNumber: "A-C90DC431", newLoyaltyPointsUserId: "3235449"}) { newLoyaltyPointsUserId } }`, "KT-CT-9214"},
		{"already enrolled", "", `mutation { enrollAccountInLoyaltyProgram(input: {accountNumber: "A-C90DC431"}) { outcome { hasEnrolled } } }`, "KT-CT-9213"},
		{"claim code unknown", "", `mutation { redeemReferralClaimCode(input: {accountNumber: "A-C90DC431", code: "NOPE"}) { success } }`, "KT-CT-6724"},
		{"claim code spent", "", `mutation { redeemReferralClaimCode(input: {accountNumber: "A-C90DC431", code: "SPENT-25"}) { success } }`, "KT-CT-6726"},
		{"claim code twice", `mutation { redeemReferralClaimCode(input: {accountNumber: "A-C90DC431", code: "WELCOME-50"}) { success } }`,
			`mutation { redeemReferralClaimCode(input: {accountNumber: "A-7B3E9D12", code: "WELCOME-50"}) { success } }`, "KT-CT-6726"},
		{"claim code paused", "", `mutation { redeemReferralClaimCode(input: {accountNumber: "A-C90DC431", code: "PAUSED-10"}) { success } }`, "KT-CT-6727"},
		{"self referral", "", `mutation { createReferral(input: {accountNumber: "A-C90DC431", reference: "jamie-otter-431"}) { referredAccountRewardAmount } }`, "KT-CT-6711"},
		{"unknown referral", "", `mutation { createReferral(input: {accountNumber: "A-C90DC431", reference: "nobody-999"}) { referredAccountRewardAmount } }`, "KT-CT-6712"},
		{"referred twice", `mutation { createReferral(input: {accountNumber: "A-C90DC431", reference: "sam-badger-219"}) { referredAccountRewardAmount } }`,
			`mutation { createReferral(input: {accountNumber: "A-C90DC431", reference: "jamie-heron-912"}) { referredAccountRewardAmount } }`, "KT-CT-6710"},
		{"unknown campaign", "", `mutation { addCampaignToAccount(input: {accountNumber: "A-C90DC431", campaign: "nope"}) { campaignAdded } }`, "KT-CT-7427"},
		{"bad billing email", "", `mutation { updateAccountBillingEmail(input: {accountNumber: "A-C90DC431", billingEmail: "not-an-email"}) { account { number } } }`, "KT-CT-4122"},
		{"bad postcode", "", `mutation { updateAccountBillingAddress(input: {accountNumber: "A-C90DC431", billingAddress: {streetAddress: "1 Road", postalCode: "XYZ"}}) { account { number } } }`, "KT-CT-4145"},
		{"unknown account address", "", `mutation { updateAccountAddress(input: {accountNumber: "A-00000000", billingAddress: {streetAddress: "1 Road", postalCode: "NR3 1AB"}}) { account { number } } }`, "KT-CT-4178"},
		{"unknown namespace", "", `mutation { createAccountReference(input: {accountNumber: "A-C90DC431", namespace: "NOPE", value: "1"}) { accountReference { value } } }`, "KT-CT-8310"},
		{"reference taken", "", `mutation { createAccountReference(input: {accountNumber: "A-7B3E9D12", namespace: "TENTACLE_ENERGY", value: "EXTERNAL-1234"}) { accountReference { value } } }`, "KT-CT-8311"},
		{"metadata without a key", "", `mutation { updateMetadata(input: {identifier: "A-C90DC431", linkedObjectType: ACCOUNT, key: " ", value: "{}"}) { metadata { key } } }`, "KT-CT-8413"},
		{"duplicate consent", "", `mutation { updateAccountConsents(accountNumber: "A-C90DC431", consents: [{code: "MARKETING_SMS", value: ACCEPTED}, {code: "MARKETING_SMS", value: REJECTED}]) { consents { code } } }`, "KT-CT-9014"},
		{"unknown consent", "", `mutation { updateAccountUserConsents(consents: [{consentTypeCode: "NOPE", value: ACCEPTED}]) { accountUserConsents { consents { code } } } }`, "KT-CT-9017"},
		{"unknown consent account", "", `mutation { updateAccountConsents(accountNumber: "A-00000000", consents: []) { consents { code } } }`, "KT-CT-9018"},
		{"bad user email", "", `mutation { updateUser(input: {email: "nope"}) { viewer { id } } }`, "KT-CT-5413"},
		{"email in use", "", `mutation { updateUser(input: {email: "other@krakensim.dev"}) { viewer { id } } }`, "KT-CT-5414"},
		{"weak password", "", `mutation { updateEmailAndPassword(input: {email: "demo@krakensim.dev", password: "1234"}) { success } }`, "KT-CT-5450"},
		{"wrong old password", "", `mutation { updatePassword(input: {oldPassword: "nope", newPassword: "a-long-one", newPasswordConfirmed: "a-long-one"}) { viewer { id } } }`, "KT-CT-5460"},
		{"font size", "", `mutation { updateCommsPreferences(input: {fontSizeMultiplier: 9}) { commsPreferences { emailFormat } } }`, "KT-GB-5414"},
		{"occupants 0", "", `mutation { updateNumberOfOccupants(input: {propertyId: "2214531", numberOfOccupants: 0}) { propertyId } }`, "KT-CT-6628"},
		{"unknown property type", "", `mutation { updatePropertyType(input: {propertyId: "2214531", propertyType: "CASTLE"}) { propertyId } }`, "KT-GB-5418"},
		{"unknown meter", "", `mutation { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "1", value: "1", readAt: "2025-05-01T00:00:00Z"}) { reading { id } } }`, "KT-GB-6414"},
		{"reading in the future", "", `mutation { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: "15000", readAt: "2030-01-01T00:00:00Z"}) { reading { id } } }`, "KT-GB-6414"},
		{"reading goes backwards", "", `mutation { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: "100", readAt: "2025-05-01T00:00:00Z"}) { reading { id } } }`, "KT-CT-6422"},
		{"reading beyond what the meter could use", "", `mutation { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: "25000", readAt: "2025-06-02T08:00:00Z"}) { reading { id } } }`, "KT-CT-6422"},
		{"unknown quote", "", `mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 999}) { goodsPurchase { code } } }`, "KT-CT-8201"},
		{"quote accepted twice", `mutation { q: createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}, {productId: 12, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } a: acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 103}) { goodsPurchase { code } } }`,
			`mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 103}) { goodsPurchase { code } } }`, "KT-CT-8224"},
		{"quote expired", "", `mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 101}) { goodsPurchase { code } } }`, "KT-CT-8224"},
		{"quote mixed currencies", "", `mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 7, numberOfUnits: 1, currency: "GBP"}, {productId: 12, numberOfUnits: 1, currency: "EUR"}]}) { goodsQuote { id } } }`, "KT-CT-8202"},
		{"quote unknown product", "", `mutation { createGoodsQuote(input: {accountNumber: "A-C90DC431", productsToQuote: [{productId: 999, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } }`, "KT-CT-8205"},
		{"quote without account unknown product", "", `mutation { createGoodsQuoteWithoutAccount(input: {customerProfile: {givenName: "A", familyName: "B", email: "x@example.com", phoneNumber: "07700900123", postcode: "NR1 1AA", addressLine1: "1 Road"}, productsToQuote: [{productId: 999, numberOfUnits: 1, currency: "GBP"}]}) { goodsQuote { id } } }`, "KT-CT-8202"},
		{"purchase unknown product", "", `mutation { createGoodsPurchase(input: {accountNumber: "A-C90DC431", saleItems: [{productCode: "NOPE", numberOfUnits: 1}]}) { goodsPurchase { code } } }`, "KT-CT-8206"},
		{"unknown purchase", "", `mutation { updateActivePurchase(input: {accountNumber: "A-C90DC431", purchaseId: "9", saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 1}]}) { goodsPurchase { code } } }`, "KT-CT-8225"},
		{"share bad email", "", `mutation { shareGoodsQuote(input: {quoteCode: "GQ-C90DC431-101", email: "x"}) { share { id } } }`, "KT-CT-4122"},
		{"share unknown quote", "", `mutation { shareGoodsQuote(input: {quoteCode: "GQ-NOPE", email: "x@example.com"}) { share { id } } }`, "KT-CT-8203"},
		{"collect in the past", "", `mutation { collectPayment(input: {accountNumber: "A-C90DC431", amount: 1, paymentDate: "2020-01-01", description: "d", idempotencyKey: "k", ledgerId: "6100001"}) { payment { id } } }`, "KT-CT-3932"},
		{"amend cleared payment", "", `mutation { amendPayment(input: {accountNumber: "A-C90DC431", paymentId: 5501001, amount: 1, paymentDate: "2025-07-01"}) { payment { id } } }`, "KT-CT-3924"},
		{"unknown instruction", "", `mutation { invalidatePaymentInstruction(input: {accountNumber: "A-C90DC431", id: "1"}) { instruction { id } } }`, "KT-CT-3926"},
		{"store on foreign ledger", "", `mutation { storePaymentInstruction(input: {accountNumber: "A-C90DC431", instructionType: CARD, validFrom: "2025-06-02T00:00:00Z", vendorReference: "x", ledgerId: "6100004"}) { paymentInstruction { id } } }`, "KT-CT-4177"},
		{"unknown pre-signed key", "", `mutation { invalidatePreSignedToken(input: {token: "nope"}) { token { isValid } } }`, "KT-CT-1129"},
		{"accounts needs one key", "", `{ accounts { number } }`, "KT-CT-4184"},
		{"accounts both keys", "", `{ accounts(phoneNumber: "07700 900123", portfolioNumber: "P-1") { number } }`, "KT-CT-4184"},
		{"empty reference value", "", `{ accountReference(value: "") { value } }`, "KT-CT-8310"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := signIn(t, "demo@krakensim.dev")
			if tt.setup != "" {
				c.do(tt.setup, nil)
			}
			if got := c.code(tt.query, nil); got != tt.code {
				t.Errorf("want %s, got %s", tt.code, got)
			}
		})
	}
}

// TestOwnership checks that demo may not touch Sam's account A-0F4A2B19, with each
// field's documented unauthorized code.
func TestOwnership(t *testing.T) {
	const other = `"A-0F4A2B19"`
	tests := []struct{ query, code string }{
		{`{ account(accountNumber: ` + other + `) { number } }`, "KT-CT-4177"},
		{`{ properties(accountNumber: ` + other + `) { id } }`, "KT-CT-1111"},
		{`{ property(id: "2214533") { id } }`, "KT-CT-1111"},
		{`{ meterPoints(mpan: "1200019374620") { status } }`, "KT-CT-1111"},
		{`{ metadata(linkedObjectType: ACCOUNT, identifier: ` + other + `) { key } }`, "KT-CT-1111"},
		{`{ metadata(linkedObjectType: ACCOUNT_USER, identifier: "3235449") { key } }`, "KT-CT-1111"},
		{`{ goodsPurchases(accountNumber: ` + other + `) { code } }`, "KT-CT-1111"},
		{`{ goodsQuotes(accountNumber: ` + other + `) { code } }`, "KT-CT-1111"},
		{`{ accounts(phoneNumber: "07700 900456") { number } }`, "KT-CT-1111"},
		{`mutation { createAccountPaymentSchedule(input: {accountNumber: ` + other + `, ledgerNumber: "L-0F4A2B01", paymentDay: 3}) { schedule { id } } }`, "KT-CT-3923"},
		{`mutation { updatePaymentSchedule(input: {accountNumber: ` + other + `, paymentScheduleId: "81712"}) { paymentSchedule { id } } }`, "KT-CT-1128"},
		{`mutation { createDirectDebitPaymentSchedule(input: {accountNumber: ` + other + `, paymentDay: 3}) { paymentSchedule { id } } }`, "KT-CT-1128"},
		{`mutation { updateAccountBillingAddress(input: {accountNumber: ` + other + `, billingAddress: {streetAddress: "x", postalCode: "SE1 7PB"}}) { account { number } } }`, "KT-CT-7123"},
		{`mutation { updateAccountBillingEmail(input: {accountNumber: ` + other + `, billingEmail: "a@b.co"}) { account { number } } }`, "KT-CT-4123"},
		{`mutation { updateAccountAddress(input: {accountNumber: ` + other + `, billingAddress: {streetAddress: "x", postalCode: "SE1 7PB"}}) { account { number } } }`, "KT-CT-4178"},
		{`mutation { updateCommsDeliveryPreference(input: {accountNumber: ` + other + `, commsDeliveryPreference: EMAIL}) { account { number } } }`, "KT-CT-4123"},
		{`mutation { updateAccountConsents(accountNumber: ` + other + `, consents: []) { consents { code } } }`, "KT-CT-1111"},
		{`mutation { createAccountReference(input: {accountNumber: ` + other + `, namespace: "CRM", value: "x"}) { accountReference { value } } }`, "KT-CT-4123"},
		{`mutation { updateMetadata(input: {identifier: ` + other + `, linkedObjectType: ACCOUNT, key: "k", value: "1"}) { metadata { key } } }`, "KT-CT-4323"},
		{`mutation { addCampaignToAccount(input: {accountNumber: ` + other + `, campaign: "winter-saver"}) { campaignAdded } }`, "KT-CT-4123"},
		{`mutation { updateNumberOfOccupants(input: {propertyId: "2214533", numberOfOccupants: 2}) { propertyId } }`, "KT-CT-1111"},
		{`mutation { submitMeterReading(input: {accountNumber: ` + other + `, meterId: "3010003", value: "1", readAt: "2025-05-01T00:00:00Z"}) { reading { id } } }`, "KT-CT-1111"},
		{`mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: ` + other + `, points: 1}) { pointsRedeemed } }`, "KT-CT-1111"},
		{`mutation { createReferral(input: {accountNumber: ` + other + `, reference: "jamie-otter-431"}) { referredAccountRewardAmount } }`, "KT-CT-6723"},
		{`mutation { redeemReferralClaimCode(input: {accountNumber: ` + other + `, code: "WELCOME-50"}) { success } }`, "KT-CT-6723"},
		{`mutation { acceptGoodsQuote(input: {accountNumber: ` + other + `, quoteId: 102}) { goodsPurchase { code } } }`, "KT-CT-8223"},
		{`mutation { acceptGoodsQuote(input: {accountNumber: "A-C90DC431", quoteId: 102}) { goodsPurchase { code } } }`, "KT-CT-8201"},
		{`mutation { createGoodsPurchase(input: {accountNumber: ` + other + `, saleItems: [{productCode: "SMART-PLUG", numberOfUnits: 1}]}) { goodsPurchase { code } } }`, "KT-CT-1131"},
		{`mutation { storePaymentInstruction(input: {accountNumber: ` + other + `, instructionType: CARD, validFrom: "2025-06-02T00:00:00Z", vendorReference: "x"}) { paymentInstruction { id } } }`, "KT-CT-3822"},
		{`mutation { invalidatePaymentInstruction(input: {accountNumber: ` + other + `, id: "412884"}) { instruction { id } } }`, "KT-CT-3926"},
		{`mutation { amendPayment(input: {accountNumber: ` + other + `, paymentId: 1, amount: 1, paymentDate: "2025-07-01"}) { payment { id } } }`, "KT-CT-4123"},
		{`mutation { shareGoodsQuote(input: {quoteCode: "GQ-0F4A2B19-102", email: "x@example.com"}) { share { id } } }`, "KT-CT-8203"},
		{`mutation { updateUser(input: {userId: "3235449", givenName: "X"}) { viewer { id } } }`, "KT-CT-1111"},
		{`mutation { updateAccountUserConsents(userNumber: "3235449", consents: []) { accountUserConsents { consents { code } } } }`, "KT-CT-1111"},
	}
	c := signIn(t, "demo@krakensim.dev")
	for _, tt := range tests {
		if got := c.code(tt.query, nil); got != tt.code {
			t.Errorf("%s\nwant %s, got %s", tt.query, tt.code, got)
		}
	}
	// Nothing changed on Sam's account.
	sam := signIn(t, "other@krakensim.dev")
	sam.session = c.session
	data := sam.do(`{ account(accountNumber: "A-0F4A2B19") { billingEmail balance campaigns { slug } } }`, nil)
	if got := dig(data, "account.billingEmail"); got != nil {
		t.Errorf("Sam's billing email changed: %v", got)
	}
}

// TestSignedOut checks that state fields without a token fail with KT-CT-1112, or with
// the field's own documented "Unauthorized." code when it does not document 1112.
func TestSignedOut(t *testing.T) {
	c := signIn(t, "demo@krakensim.dev")
	c.token = ""
	for _, tc := range []struct{ q, code string }{
		{`{ viewer { id } }`, "KT-CT-1112"},
		{`{ account(accountNumber: "A-C90DC431") { number } }`, "KT-CT-1112"},
		{`mutation { createAccountPaymentSchedule(input: {accountNumber: "A-C90DC431", ledgerNumber: "L-6B2F0A1C", paymentDay: 3}) { schedule { id } } }`, "KT-CT-1112"},
		// It documents KT-CT-1111 but not 1112.
		{`mutation { redeemLoyaltyPointsForAccountCredit(input: {accountNumber: "A-C90DC431", points: 1}) { pointsRedeemed } }`, "KT-CT-1111"},
	} {
		if got := c.code(tc.q, nil); got != tc.code {
			t.Errorf("%s: want %s, got %s", tc.q, tc.code, got)
		}
	}
	c.token = "garbage"
	if got := c.code(`{ viewer { id } }`, nil); got != "KT-CT-1143" {
		t.Errorf("bad token: want KT-CT-1143, got %s", got)
	}
}
