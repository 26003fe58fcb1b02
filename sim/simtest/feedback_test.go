package simtest_test

import (
	"testing"
	"time"

	"github.com/krakensim/krakensim/sim/simtest"
)

const submitFeedback = `mutation($n: String!, $id: Int!, $form: Int!, $answer: String) { submitCustomerFeedback(input: {accountNumber: $n, feedbackId: $id, formId: $form, answer: $answer, issueResolved: true}) { customerFeedback { id rawScore submittedAt } } }`

// TestFeedbackIsAnsweredOnce answers the demo account's feedback request after its
// phone call: refused as documented for no request, another account's, the wrong form,
// and once answered; the answer's score is its rawScore.
func TestFeedbackIsAnsweredOnce(t *testing.T) {
	srv, c := vendorServer(t)
	other := srv.ClientIn(t, c.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	for _, tc := range []struct {
		name   string
		client *simtest.Client
		vars   map[string]any
		code   string
	}{
		{"no request", c, map[string]any{"n": "A-C90DC431", "id": 0, "form": 1, "answer": "5"}, "KT-CT-5511"},
		{"no such request", c, map[string]any{"n": "A-C90DC431", "id": 9999, "form": 1, "answer": "5"}, "KT-CT-5514"},
		{"another account's", other, map[string]any{"n": "A-0F4A2B19", "id": 7001, "form": 1, "answer": "5"}, "KT-CT-5512"},
		{"the email's form", c, map[string]any{"n": "A-C90DC431", "id": 7001, "form": 2, "answer": "5"}, "KT-CT-5514"},
	} {
		if out := tc.client.Query(submitFeedback, tc.vars); len(out.Errors) != 1 || out.Errors[0].Code() != tc.code {
			t.Errorf("%s: %+v, want %s", tc.name, out.Errors, tc.code)
		}
	}
	f := simtest.Get(mustQuery(t, c)(submitFeedback, map[string]any{"n": "A-C90DC431", "id": 7001, "form": 1, "answer": "4"}), "submitCustomerFeedback", "customerFeedback")
	if simtest.Get(f, "id") != "7001" || simtest.Get(f, "rawScore") != 4.0 || simtest.Get(f, "submittedAt") != "2026-12-02T09:00:00+00:00" {
		t.Errorf("answered %v", f)
	}
	if out := c.Query(submitFeedback, map[string]any{"n": "A-C90DC431", "id": 7001, "form": 1, "answer": "5"}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5514" {
		t.Errorf("answered again: %+v", out.Errors)
	}
}

// TestOriginFeedbackIsAskedByEmail asks for feedback by email on Origin: the email links
// the request and its form, which customerFeedbackForms lists for the source, and the
// customer answers it with them.
func TestOriginFeedbackIsAskedByEmail(t *testing.T) {
	_, c := tenant(t, "origin-schema.graphql")
	query := mustQuery(t, c)
	if out := c.Query(`mutation { createCustomerFeedback(input: {accountNumber: "A-C90DC431", feedbackSource: "CARRIER_PIGEON"}) { customerFeedback { id } } }`, nil); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-5516" {
		t.Errorf("an unknown source: %+v", out.Errors)
	}
	f := simtest.Get(query(`mutation { createCustomerFeedback(input: {accountNumber: "A-C90DC431", feedbackSource: "FEEDBACK_SOURCE_EMAIL_FOLLOW_UP"}) { customerFeedback { id rawScore submittedAt } } }`, nil), "createCustomerFeedback", "customerFeedback")
	if simtest.Get(f, "id") != "7002" || simtest.Get(f, "submittedAt") != nil {
		t.Fatalf("asked %v", f)
	}
	mail := c.Messages()[0]
	if mail.Data["feedbackId"] != "7002" || mail.Data["formId"] != "2" {
		t.Fatalf("the email %+v", mail)
	}
	forms := simtest.Get(query(`{ customerFeedbackForms(accountNumber: "A-C90DC431", feedbackSource: FEEDBACK_SOURCE_EMAIL_FOLLOW_UP) { edges { node { id name } } } }`, nil), "customerFeedbackForms", "edges").([]any)
	if len(forms) != 1 || simtest.Get(forms[0], "node", "id") != "2" {
		t.Errorf("the source's forms %v", forms)
	}
	got := simtest.Get(query(submitFeedback, map[string]any{"n": "A-C90DC431", "id": 7002, "form": 2, "answer": "great"}), "submitCustomerFeedback", "customerFeedback")
	if simtest.Get(got, "rawScore") != nil || simtest.Get(got, "submittedAt") == nil {
		t.Errorf("answered in words %v", got)
	}
}

// TestFormSubmissionsAreNumbered submits two forms for the demo account: each is kept
// and numbered after the last, its content as sent; another's account is refused.
func TestFormSubmissionsAreNumbered(t *testing.T) {
	_, c := vendorServer(t)
	const submit = `mutation($n: String!, $c: JSONString!) { createFormSubmission(input: {accountNumber: $n, formType: COVID_19_FINANCIAL_ENERGY_ASSESSMENT, content: $c}) { id content errors { field } } }`
	query := mustQuery(t, c)
	first := simtest.Get(query(submit, map[string]any{"n": "A-C90DC431", "c": `{"monthlyIncome": 1200}`}), "createFormSubmission")
	second := simtest.Get(query(submit, map[string]any{"n": "A-C90DC431", "c": `{"monthlyIncome": 1300}`}), "createFormSubmission")
	if simtest.Get(first, "id") != 1.0 || simtest.Get(second, "id") != 2.0 || simtest.Get(second, "content") != `{"monthlyIncome": 1300}` {
		t.Errorf("submitted %v then %v", first, second)
	}
	if out := c.Query(submit, map[string]any{"n": "A-0F4A2B19", "c": `{}`}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-CT-1111" {
		t.Errorf("another's account: %+v", out.Errors)
	}
}

// TestOctopusSpecialCircumstances registers the demo user's needs on Octopus: set one by
// one with the consent to share them, a temporary one until its day and gone after it,
// one cleared; a temporary one with no day is refused as documented.
func TestOctopusSpecialCircumstances(t *testing.T) {
	_, c := octopus(t)
	query := mustQuery(t, c)
	const update = `mutation($in: UpdateSpecialCircumstancesInput!) { updateSpecialCircumstances(input: $in) { specialCircumstances { isSharingConsentGiven records {
		__typename ... on SpecialCircumstanceRecordType { internalCode summary electricityPSRCode } ... on TemporarySpecialCircumstanceRecordType { internalCode expiryDate } } } } }`
	if out := c.Query(update, map[string]any{"in": map[string]any{"temporaryPostHospitalRecovery": true}}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5411" {
		t.Errorf("a temporary need with no day: %+v", out.Errors)
	}
	query(update, map[string]any{"in": map[string]any{"blind": true, "stairLift": true, "userConsent": true,
		"temporaryPostHospitalRecovery": true, "temporaryPostHospitalRecoveryEndDate": "2026-12-10"}})
	got := simtest.Get(query(update, map[string]any{"in": map[string]any{"stairLift": false}}), "updateSpecialCircumstances", "specialCircumstances")
	records := simtest.Get(got, "records").([]any)
	if simtest.Get(got, "isSharingConsentGiven") != true || len(records) != 2 || simtest.Get(records[0], "internalCode") != "BLIND" ||
		simtest.Get(records[0], "summary") != "Blind" || simtest.Get(records[1], "expiryDate") != "2026-12-10" {
		t.Errorf("the needs %v", got)
	}
	c.AdvanceClock(9 * 24 * time.Hour)
	c.SignIn("demo@krakensim.dev", "krakensim")
	read := query(`{ viewer { specialCircumstances { records { ... on SpecialCircumstanceRecordType { internalCode } } } } }`, nil)
	if records := simtest.Get(read, "viewer", "specialCircumstances", "records").([]any); len(records) != 1 {
		t.Errorf("the needs once the recovery's day passed %v", records)
	}
}

// TestPSRRecordsAreReplaced: insertUserPsrRecords replaces the user's records with those
// given, refusing a code that is none, a temporary one without its day and any with a
// day already past, which leave the records as they were.
func TestPSRRecordsAreReplaced(t *testing.T) {
	_, c := vendorServer(t)
	const insert = `mutation($in: [SpecialCircumstanceRecordInput]!) { insertUserPsrRecords(input: $in) { records { internalCode } } }`
	for code, in := range map[string][]any{
		"KT-GB-5415": {map[string]any{"internalCode": "BLIND"}, map[string]any{"internalCode": "ASTRONAUT"}},
		"KT-GB-5411": {map[string]any{"internalCode": "TEMPORARY_LIFE_CHANGES"}},
	} {
		if out := c.Query(insert, map[string]any{"in": in}); len(out.Errors) != 1 || out.Errors[0].Code() != code {
			t.Errorf("%v: %+v, want %s", in, out.Errors, code)
		}
	}
	query := mustQuery(t, c)
	query(insert, map[string]any{"in": []any{map[string]any{"internalCode": "BLIND"}, map[string]any{"internalCode": "DEMENTIA"}}})
	got := simtest.Get(query(insert, map[string]any{"in": []any{map[string]any{"internalCode": "NEBULISER"}}}), "insertUserPsrRecords", "records").([]any)
	if len(got) != 1 || simtest.Get(got[0], "internalCode") != "NEBULISER" {
		t.Errorf("replaced by %v", got)
	}
	for _, in := range [][]any{
		{map[string]any{"internalCode": "BLIND", "expiryDate": "2020-01-01"}},
		{map[string]any{"internalCode": "DEMENTIA"}, map[string]any{"internalCode": "TEMPORARY_LIFE_CHANGES", "expiryDate": "2020-01-01"}},
	} {
		if out := c.Query(insert, map[string]any{"in": in}); len(out.Errors) != 1 || out.Errors[0].Code() != "KT-GB-5411" {
			t.Errorf("%v, a day already past: %+v, want KT-GB-5411", in, out.Errors)
		}
	}
	kept := simtest.Get(query(`{ viewer { specialCircumstances { records { ... on SpecialCircumstanceRecordType { internalCode } } } } }`, nil), "viewer", "specialCircumstances", "records").([]any)
	if len(kept) != 1 || simtest.Get(kept[0], "internalCode") != "NEBULISER" {
		t.Errorf("after the refused records, the user's are %v, want NEBULISER still", kept)
	}
}
