package dataimport

import (
	"fmt"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Statuses of a meter point's registration flow.
const (
	RegistrationSuccess = "REGISTRATION_FLOW_SUCCESS"
	RegistrationError   = "REGISTRATION_FLOW_ERROR"
)

const (
	msgNoMeterPoints     = "No meter points found to register for %s."
	msgNotCurrent        = "%s not current supplier"
	msgStartTooEarly     = "The supply start date must be on or after %s."
	registrationLeadDays = 1
)

// sendRegistrationFlows answers POST
// /v1/data-import/send-registration-flows/{import_supplier_code}/{external_account_number}/.
func sendRegistrationFlows(c *call, _ map[string]any) *sim.HTTPResponse {
	code, number := c.req.Params["import_supplier_code"], c.req.Params["external_account_number"]
	q := newForm(queryObject(c.req.Query))
	start, given := q.date("supply_start_date", false, true)
	if !q.ok() {
		return sim.JSONResponse(400, q.errs)
	}
	earliest := c.sess.Now().In(c.sess.Zone()).AddDate(0, 0, registrationLeadDays).Format(time.DateOnly)
	if given && start < earliest {
		return sim.JSONResponse(400, map[string]any{"supply_start_date": []string{fmt.Sprintf(msgStartTooEarly, earliest)}})
	}
	if !given {
		start = earliest
	}
	notFound := func(msg string) *sim.HTTPResponse {
		return sim.JSONResponse(404, []map[string]any{{
			"error_detail":            msg,
			"import_supplier_code":    code,
			"external_account_number": number,
		}})
	}
	supplier := c.world().ImportSupplier(code)
	if supplier != nil && !c.caller.mayActFor(code) {
		return detail(403, msgForbidden)
	}
	var a *sim.Account
	if supplier != nil {
		a = c.world().AccountByExternal(code, number)
	}
	if a == nil {
		return notFound(accountNotFound(number))
	}
	a = c.world().MutableAccount(a.Number)
	var points []map[string]any
	result := func(mpxn, current string, startDate *string) {
		r := map[string]any{"mpxn": mpxn}
		if current != "" && current != supplier.MPID {
			r["status"] = RegistrationError
			r["error_detail"] = fmt.Sprintf(msgNotCurrent, supplier.MPID)
		} else {
			r["status"] = RegistrationSuccess
			r["supply_start_date"] = start
			*startDate = start
		}
		points = append(points, r)
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			result(mp.Identifier(), mp.CurrentSupplierMPID, &mp.RegistrationStartDate)
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			result(mp.Identifier(), mp.CurrentSupplierMPID, &mp.RegistrationStartDate)
		}
	}
	if len(points) == 0 {
		return notFound(fmt.Sprintf(msgNoMeterPoints, number))
	}
	return sim.JSONResponse(200, []map[string]any{{
		"import_supplier_code":    code,
		"external_account_number": number,
		"meter_points":            points,
	}})
}

// transferStatus answers GET
// /v1/data-import/account-transfer-status/{import_supplier_code}/{external_account_number}/.
func transferStatus(c *call, _ map[string]any) *sim.HTTPResponse {
	code, number := c.req.Params["import_supplier_code"], c.req.Params["external_account_number"]
	if c.world().ImportSupplier(code) != nil && !c.caller.mayActFor(code) {
		return detail(403, msgForbidden)
	}
	if a := c.world().AccountByExternal(code, number); a != nil {
		status := "COMPLETED"
		if a.StatusOn(c.sess.Now().In(c.sess.Zone()).Format(time.DateOnly)) == "PENDING" {
			status = "IN_PROGRESS"
		}
		return sim.JSONResponse(200, map[string]any{"status": status, "account_number": a.Number, "kraken_account_number": a.Number})
	}
	if p := imports(c.sess)[importKey{code, number}]; p != nil {
		return sim.JSONResponse(200, map[string]any{"status": "UNKNOWN", "account_number": "", "kraken_account_number": ""})
	}
	return detail(404, accountNotFound(number))
}

// accountImportStatus answers GET
// /v2/data-import/accounts/{import_supplier_code}/{external_identifier}/.
func accountImportStatus(c *call, _ map[string]any) *sim.HTTPResponse {
	code, number := c.req.Params["import_supplier_code"], c.req.Params["external_identifier"]
	if c.world().ImportSupplier(code) != nil && !c.caller.mayActFor(code) {
		return detail(403, msgForbidden)
	}
	p := imports(c.sess)[importKey{code, number}]
	if p == nil {
		if a := c.world().AccountByExternal(code, number); a != nil {
			p = &importProcess{status: "PROCESSED", account: a.Number, created: a.CreatedAt, modified: a.CreatedAt, event: "EVENT_ACCOUNT_IMPORT_PROCESS_PROCESSED"}
		}
	}
	if p == nil {
		return sim.JSONResponse(404, map[string]any{"detail": "The requested resource was not found.", "code": "not_found"})
	}
	return sim.JSONResponse(200, p.answer())
}

// importProcess is an account import the v2 endpoint scheduled in a session.
type importProcess struct {
	status            string
	account           string
	created, modified time.Time
	event             string
}

func (p *importProcess) answer() map[string]any {
	var id any
	if p.account != "" {
		id = p.account
	}
	return map[string]any{
		"status":            p.status,
		"kraken_identifier": id,
		"created_at":        p.created.UTC().Format(time.RFC3339),
		"modified_at":       p.modified.UTC().Format(time.RFC3339),
		"latest_event":      map[string]any{"event": p.event, "occurred_at": p.modified.UTC().Format(time.RFC3339), "data": nil},
		"latest_error":      nil,
	}
}

type importKey struct{ supplier, external string }

type importsKey struct{}

// imports are the session's account import processes.
func imports(s *sim.Session) map[importKey]*importProcess {
	m, _ := s.Value(importsKey{}).(map[importKey]*importProcess)
	if m == nil {
		m = map[importKey]*importProcess{}
		s.SetValue(importsKey{}, m)
	}
	return m
}
