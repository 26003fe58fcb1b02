package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/fuzzcost"
	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/platform"
	"github.com/krakensim/krakensim/sim/server"
	"github.com/krakensim/krakensim/sim/simtest"
)

// FuzzKrakenGraphQL sends operations over the real Kraken SDL, in sessions (one holds
// a sign-in), through the real HTTP handler: every answer is JSON in Kraken's shape,
// never a 5xx, and no input takes more than a second or 100 MB.
func FuzzKrakenGraphQL(f *testing.F) {
	seeds := []struct {
		query, vars, session, forced string
		auth                         bool
	}{
		{`{ viewer { id email accounts { number balance } } }`, `{}`, "signed-in", "", true},
		{obtain, `{"input":{"email":"demo@krakensim.dev","password":"krakensim"}}`, "s1", "", false},
		{`query($n: String!) { account(accountNumber: $n) { number status properties { address } } }`, `{"n":"A-C90DC431"}`, "signed-in", "", true},
		{`mutation($i: UpdateUserInput!) { updateUser(input: $i) { viewer { givenName } } }`, `{"i":{"givenName":"Ada"}}`, "signed-in", "", true},
		{`{ a: viewer { id } a: __typename }`, ``, "", "", false},
		{`{ __schema { queryType { name } types { name kind fields { name } } } }`, `null`, "x:y", "", false},
		{`{ viewer { id } }`, `{}`, "signed-in", "viewer=KT-CT-1111", true},
		{`{ ...F } fragment F on Query { viewer { ...G } } fragment G on AccountUserType { id ...G }`, `{}`, "", "", false},
		{`query { ` + strings.Repeat("__typename ", 200) + `}`, `[]`, "bad session!", "", false},
		{`{ account(accountNumber: "A-C90DC431") { currentEstimatedSsd transactions(first: 2) { edges { node { id balanceCarriedForward billingDocumentIdentifier } } }
  payments(status: CLEARED) { edges { node { status } } } properties { electricityMeterPoints { supplyEndDate targetSsd meters { location certifiedUntil } } } } }`, `{}`, "signed-in", "", true},
		{`mutation($at: DateTime!) { submitMeterReading(input: {accountNumber: "A-C90DC431", meterId: "3010001", value: "14700", readAt: $at}) { reading { readAt } } }`,
			`{"at":"2025-05-01T08:00:00"}`, "signed-in", "", true},
		{`mutation($i: InitiateHostedStandalonePaymentInput!) { initiateHostedStandalonePayment(input: $i) { payment { url retrievalToken } } }`,
			`{"i":{"accountNumber":"A-C90DC431","ledgerNumber":"L-6B2F0A1C","amount":100,"description":"x","collectionMethod":"CARD","returnUrlSuccess":"http://a"}}`, "signed-in", "", true},
		{`mutation($i: MoveInCreateCustomerInput!) { moveInCreateCustomer(input: $i) { accountNumber } }`,
			`{"i":{"givenName":"A","familyName":"B","email":"a@b.example","propertyId":"2214531","moveInDate":"2026-12-20"}}`, "s2", "", false},
		{`mutation { forceMoveIn(input: {accountNumber: "A-C90DC431", propertyId: "2214531", moveInDate: "2026-12-20", givenName: "A", familyName: "B"}) { account { number } } }`, `{}`, "signed-in", "", true},
		{`mutation($in: [SpecialCircumstanceRecordInput]!) { insertUserPsrRecords(input: $in) { records { internalCode } } }`, `{"in":[{"internalCode":"BLIND"}]}`, "signed-in", "", true},
		{`mutation { submitCustomerFeedback(input: {accountNumber: "A-C90DC431", feedbackId: 7001, formId: 1, answer: "5", issueResolved: true}) { customerFeedback { id } } }`, `{}`, "signed-in", "", true},
		{`mutation($m: WaterMeterDetailsInput!) { installMeter(input: {propertyId: "2214531", meter: $m}) { meter { id meterPoint { meters { id } } accumulationReadings { edges { node { value } } } } } }`,
			`{"m":{"serialNumber":"WM-1","installationDate":"2025-05-01","initialReading":"1.5","numberOfDials":6}}`, "signed-in", "", true},
		{`mutation { exchangeMeter(input: {meterId: "9200001", exchangeDate: "2025-06-01", finalReading: "9", newMeter: {serialNumber: "WM-2", installationDate: "2025-06-01"}}) { meter { id } } }`, `{}`, "signed-in", "", true},
		{`mutation($p: [BackendScreenParamInputType]) { backendScreenEvent(input: {eventId: "join-saving-sessions", params: $p}) { action { __typename } } }`,
			`{"p":[{"key":"accountNumber","value":"A-7B3E9D12"}]}`, "signed-in", "", true},
	}
	for _, s := range seeds {
		f.Add(s.query, s.vars, s.session, s.forced, s.auth)
	}
	cfg, err := platform.Default()
	if err != nil {
		f.Fatal(err)
	}
	cfg.MaxSessions = 32
	cfg.RequestTimeout = 500 * time.Millisecond
	s, err := sim.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	h := server.New(server.Config{Sim: s})
	send := func(path, session, token, forced string, body []byte) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if session != "" {
			r.Header.Set(sim.SessionHeader, session)
		}
		if token != "" {
			r.Header.Set("Authorization", token)
		}
		if forced != "" {
			r.Header.Set(sim.HeaderForceError, forced)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	signIn, _ := json.Marshal(map[string]any{"query": obtain, "variables": map[string]any{
		"input": map[string]any{"email": "demo@krakensim.dev", "password": "krakensim"}}})
	var out map[string]any
	_ = json.Unmarshal(send(server.APIPath, "signed-in", "", "", signIn).Body.Bytes(), &out)
	token, _ := simtest.Get(out, "data", "obtainKrakenToken", "token").(string)
	if token == "" {
		f.Fatalf("sign-in failed: %v", out)
	}

	f.Fuzz(func(t *testing.T, query, vars, session, forced string, auth bool) {
		body, err := json.Marshal(map[string]any{"query": query, "variables": json.RawMessage(vars)})
		if err != nil {
			body, _ = json.Marshal(map[string]any{"query": query})
		}
		tok := ""
		if auth {
			tok = token
		}
		if strings.ContainsAny(session+forced, "\r\n\x00") {
			return // not a header a client can send
		}
		for _, path := range []string{server.APIPath, server.AuthPath} {
			var w *httptest.ResponseRecorder
			fuzzcost.Check(t, query, func() { w = send(path, session, tok, forced, body) })
			if w.Code >= 500 {
				t.Fatalf("%s: status %d for %q: %s", path, w.Code, query, w.Body)
			}
			var resp map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%s: body is not a JSON object for %q: %q", path, query, w.Body)
			}
			_, hasData := resp["data"]
			errs, _ := resp["errors"].([]any)
			if !hasData && len(errs) == 0 {
				t.Fatalf("%s: neither data nor errors for %q: %s", path, query, w.Body)
			}
			for _, e := range errs {
				if msg, _ := e.(map[string]any)["message"].(string); msg == "" {
					t.Fatalf("%s: an error without a message for %q: %s", path, query, w.Body)
				}
			}
		}
	})
}
