package simtest_test

import (
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

const submitFeedback = `mutation($n: String!, $id: Int!, $form: Int!, $answer: String) { submitCustomerFeedback(input: {accountNumber: $n, feedbackId: $id, formId: $form, answer: $answer, issueResolved: true}) { customerFeedback { id rawScore submittedAt } } }`

// TestFeedbackIsAnsweredOnce answers the demo account's feedback request after its
// phone call: refused as documented for no request, another account's, the wrong form,
// and once answered; the answer's score is its rawScore.
func TestFeedbackIsAnsweredOnce(t *testing.T) {
	srv, c := vendorServer(t)
	other := srv.Client(t)
	other.Session = c.Session
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
	if out := c.Query(submit, map[string]any{"n": "A-0F4A2B19", "c": `{}`}); len(out.Errors) != 1 {
		t.Errorf("another's account: %+v", out.Errors)
	}
}
