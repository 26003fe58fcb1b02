package accounts

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Customer feedback: the supplier asks for it after contact (Origin's
// createCustomerFeedback; the demo account has one waiting, after a phone call), and a
// follow-up by email sends the customer a link naming the request and its form. The
// customer answers it once (submitCustomerFeedback): a score of 1 to 5 is its rawScore.
// An answer for no request is KT-CT-5511, for another account's KT-CT-5512, for one
// answered or not on its source's form KT-CT-5514. customerFeedbackForms lists the forms
// of a source. Forms submitted for an account (createFormSubmission) are kept, numbered.

// feedbackForm is one of the brand's feedback forms and the sources that use it.
type feedbackForm struct {
	id      int
	name    string
	sources []string
}

var feedbackForms = []feedbackForm{
	{1, "How did we do on the phone?", []string{"PHONE_CALL_FOLLOW_UP"}},
	{2, "How did we do by email?", []string{"EMAIL_FOLLOW_UP"}},
	{3, "How are we doing?", []string{"LOGIN_FOLLOW_UP", "CONSUMER_SITE", "MANUAL", "TRUSTPILOT"}},
}

// formFor is the form a feedback source asks with.
func formFor(source string) (feedbackForm, bool) {
	for _, f := range feedbackForms {
		if slices.Contains(f.sources, source) {
			return f, true
		}
	}
	return feedbackForm{}, false
}

func feedbackMap(w *env, f sim.CustomerFeedback) obj {
	m := obj{"id": strconv.Itoa(f.ID), "rawScore": nil, "submittedAt": nil}
	if f.RawScore != nil {
		m["rawScore"] = *f.RawScore
	}
	if !f.SubmittedAt.IsZero() {
		m["submittedAt"] = dateTime(f.SubmittedAt, w.zone)
	}
	return m
}

// submitCustomerFeedback answers one of the account's feedback requests.
func submitCustomerFeedback(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	id, _ := integer(in, "feedbackId")
	if id <= 0 {
		return nil, c.ValidationError("KT-CT-5511", "Name the feedback request being answered.", "input", "feedbackId")
	}
	w := c.Session.World()
	var owner *sim.Account
	for _, a := range w.Accounts {
		if a != nil && slices.ContainsFunc(a.Feedback, func(f sim.CustomerFeedback) bool { return f.ID == id }) {
			owner = a
		}
	}
	switch {
	case owner == nil:
		return nil, c.ValidationError("KT-CT-5514", "No feedback request has id "+strconv.Itoa(id)+".", "input", "feedbackId")
	case owner.Number != held.Number:
		return nil, c.ValidationError("KT-CT-5512", "The feedback request is another account's.", "input", "feedbackId")
	}
	a := w.MutableAccount(held.Number)
	i := slices.IndexFunc(a.Feedback, func(f sim.CustomerFeedback) bool { return f.ID == id })
	f := &a.Feedback[i]
	form, _ := formFor(f.Source)
	formID, _ := integer(in, "formId")
	switch {
	case !f.SubmittedAt.IsZero():
		return nil, c.ValidationError("KT-CT-5514", "The feedback was given on "+f.SubmittedAt.Format(time.RFC3339)+".", "input", "feedbackId")
	case formID != form.id:
		return nil, c.ValidationError("KT-CT-5514", "The feedback request is answered on form "+strconv.Itoa(form.id)+".", "input", "formId")
	}
	answer := sim.Clip(strings.TrimSpace(str(in, "answer")), 2000)
	f.Answer, f.FormID, f.IssueResolved = answer, formID, in["issueResolved"] == true
	if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= 5 {
		f.RawScore = &n
	}
	f.SubmittedAt = c.Session.Now().UTC().Truncate(time.Second)
	return obj{"customerFeedback": feedbackMap(newEnv(c), *f)}, nil
}

// createCustomerFeedback (Origin's) asks the account for its feedback; a follow-up by
// email or at sign-in is sent to the billing email with the link that answers it.
func createCustomerFeedback(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	source := strings.TrimPrefix(str(in, "feedbackSource"), "FEEDBACK_SOURCE_")
	form, ok := formFor(source)
	if !ok {
		return nil, c.ValidationError("KT-CT-5516", "feedbackSource is none of CustomerFeedbackSourceChoices.", "input", "feedbackSource")
	}
	w := c.Session.World()
	id, _ := strconv.Atoi(nextID(7001, accountIDs(w, func(a *sim.Account) []sim.CustomerFeedback { return a.Feedback },
		func(f *sim.CustomerFeedback) string { return strconv.Itoa(f.ID) })))
	a := w.MutableAccount(held.Number)
	f := sim.CustomerFeedback{ID: id, Source: source, CreatedAt: c.Session.Now().UTC().Truncate(time.Second)}
	a.Feedback = append(a.Feedback, f)
	if to := mailFirst(w, a); to != "" && source != "PHONE_CALL_FOLLOW_UP" && source != "MANUAL" && source != "TRUSTPILOT" {
		url := link(c, "/feedback/?feedbackId="+strconv.Itoa(id)+"&formId="+strconv.Itoa(form.id))
		w.AddMessage(&sim.Message{
			To: to, Subject: form.name, SentAt: f.CreatedAt,
			Body: "Hi " + cmp.Or(a.BillingName, "there") + ",\n\nTell us at " + url,
			Data: map[string]string{"feedbackId": strconv.Itoa(id), "formId": strconv.Itoa(form.id), "accountNumber": a.Number, "link": url},
		})
	}
	return obj{"customerFeedback": feedbackMap(newEnv(c), f)}, nil
}

// customerFeedbackForms (Origin's) lists the brand's feedback forms, of one source when
// given.
func customerFeedbackForms(_ context.Context, c *sim.Call) (any, error) {
	if _, _, err := readable(c, c.StringArg("accountNumber"), "", ""); err != nil {
		return nil, err
	}
	source := strings.TrimPrefix(c.StringArg("feedbackSource"), "FEEDBACK_SOURCE_")
	w := newEnv(c)
	nodes := []any{}
	for _, f := range feedbackForms {
		if source == "" || slices.Contains(f.sources, source) {
			nodes = append(nodes, obj{"id": strconv.Itoa(f.id), "name": f.name})
		}
	}
	return connection(w, nodes, c.Field.Args)
}

// createFormSubmission keeps a form's answers for an account, numbered.
func createFormSubmission(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, held, err := readable(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	content := str(in, "content")
	refuse := func(msg string) (any, error) {
		return obj{"id": nil, "content": nil, "errors": []any{obj{"__typename": "SerializerFieldErrorsType", "field": "content",
			"errors": []any{obj{"__typename": "SerializerErrorType", "message": msg, "code": "invalid"}}}}}, nil
	}
	if !json.Valid([]byte(content)) {
		return refuse("Enter valid JSON.")
	}
	if len(content) > 64<<10 {
		return refuse("The content is more than 64 KiB.")
	}
	w := c.Session.World()
	id, _ := strconv.Atoi(nextID(1, accountIDs(w, func(a *sim.Account) []sim.FormSubmission { return a.FormSubmissions },
		func(s *sim.FormSubmission) string { return strconv.Itoa(s.ID) })))
	a := w.MutableAccount(held.Number)
	s := sim.FormSubmission{ID: id, FormType: str(in, "formType"), Content: content, SubmittedAt: c.Session.Now().UTC().Truncate(time.Second)}
	a.FormSubmissions = append(a.FormSubmissions, s)
	return obj{"id": s.ID, "content": s.Content, "errors": []any{}}, nil
}
