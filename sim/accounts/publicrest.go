package accounts

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/auth"
	"github.com/krakensim/krakensim/sim/world"
)

// Octopus's public REST API (api.octopus.energy/v1), which open-source clients read
// beside GraphQL: the products on sale and each tariff's unit rates and standing
// charges, as GraphQL's tariffs price them (period by period for a tariff whose rate
// changes in the day, newest first), an electricity meter point's region, and, for its
// owner's API key given as the Basic auth user name (or a token it signed in with), an account's properties, meter
// points and agreements (restaccount.go) and a smart meter's half hours as its register
// draws them (what the GraphQL measurements of the meter say). Answers and
// errors are shaped as Django REST framework's: paged results with count, next and
// previous, and {"detail": …}.

// Paths of the public REST API.
const (
	PathProducts            = "/v1/products/"
	PathProduct             = "/v1/products/{product}/"
	PathElectricityRates    = "/v1/products/{product}/electricity-tariffs/{tariff}/{kind}/"
	PathGasRates            = "/v1/products/{product}/gas-tariffs/{tariff}/{kind}/"
	PathElectricityPoint    = "/v1/electricity-meter-points/{mpan}/"
	PathElectricityUse      = "/v1/electricity-meter-points/{mpan}/meters/{serial}/consumption/"
	PathGasUse              = "/v1/gas-meter-points/{mprn}/meters/{serial}/consumption/"
	PathGridSupplyPoints    = "/v1/industry/grid-supply-points/"
	PathAccount             = "/v1/accounts/{account_number}/"
	restDefaultPage         = 100
	restMaxRatesPage        = 1500
	restMaxConsumptionPage  = 25000
	restMaxConsumptionYears = 20
	restDefaultRateWindowHr = 48
	// restMaxRatesAhead is how far ahead a tariff's rates are listed at most.
	restMaxRatesAhead = 366 * 24 * time.Hour
)

// PublicRoutes are the public REST API's endpoints.
func PublicRoutes() []sim.Route {
	return []sim.Route{
		{Method: "GET", Pattern: PathProducts, Name: "list the energy products on sale", Handle: restProducts, Statuses: []int{200, 400}},
		{Method: "GET", Pattern: PathProduct, Name: "an energy product and its tariffs in each region", Handle: restProduct, Statuses: []int{200, 404}},
		{Method: "GET", Pattern: PathElectricityRates, Name: "an electricity tariff's unit rates or standing charges", Handle: restRates(true), Statuses: []int{200, 400, 404}},
		{Method: "GET", Pattern: PathGasRates, Name: "a gas tariff's unit rates or standing charges", Handle: restRates(false), Statuses: []int{200, 400, 404}},
		{Method: "GET", Pattern: PathGridSupplyPoints, Name: "the GSP groups, or a postcode's", Handle: restGridSupplyPoints, Statuses: []int{200}},
		{Method: "GET", Pattern: PathElectricityPoint, Name: "an electricity meter point's region and profile class", Handle: restMeterPoint, Statuses: []int{200, 404}},
		{Method: "GET", Pattern: PathElectricityUse, Name: "a smart electricity meter's consumption", Handle: restConsumption(true), Statuses: []int{200, 400, 401, 404}},
		{Method: "GET", Pattern: PathGasUse, Name: "a smart gas meter's consumption", Handle: restConsumption(false), Statuses: []int{200, 400, 401, 404}},
		{Method: "GET", Pattern: PathAccount, Name: "an account's properties, meter points, meters and agreements", Handle: restAccount, Statuses: []int{200, 401, 404}},
	}
}

// restDetail is a DRF error answer.
func restDetail(status int, detail string) *sim.HTTPResponse {
	return sim.JSONResponse(status, map[string]any{"detail": detail})
}

// restUnauthorized is DRF's 401: the detail, with the challenge of the first of the
// API's authentication classes (Basic, realm "api"), which DRF sends with every 401 so
// that a client that sends its key only when challenged (Python's HTTPBasicAuthHandler)
// sends it.
func restUnauthorized(detail string) *sim.HTTPResponse {
	r := restDetail(401, detail)
	r.Header["WWW-Authenticate"] = []string{`Basic realm="api"`}
	return r
}

// restQuery is a query parameter's first value, trimmed.
func restQuery(req *sim.HTTPRequest, key string) string {
	if v := req.Query[key]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// restTime reads an ISO 8601 date-time parameter as parseRESTTime does in the tenant's
// zone; fault is why a value given is none ("" when it is one or none is given).
func restTime(w *env, req *sim.HTTPRequest, key string) (t time.Time, given bool, fault string) {
	v := restQuery(req, key)
	if v == "" {
		return time.Time{}, false, ""
	}
	t, fault = parseRESTTime(v, w.zone)
	return t, true, fault
}

// Why parseRESTTime reads no time from a value.
const (
	restTimeFormat = "format" // not a date-time Django reads
	restTimeLocal  = "local"  // a wall time the zone skips or passes twice
)

// restTimeRE is the grammar of Django's parse_datetime: T or a space between date and
// time, optional seconds and fraction (digits past the sixth ignored), and an optional
// zone, spaces allowed before it.
var restTimeRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$`)

// parseRESTTime reads a date-time as Django REST Framework's filters do
// ("2026-12-05T12:00Z", "2026-12-05 12:00:00+00:00", "2026-12-05T12:00:00.0000000"), or
// a bare date as its midnight; a time without a zone is the local one (Octopus assumes
// Europe/London), refused (restTimeLocal) in the hour the clocks skip or repeat, as
// Django refuses a naive time it cannot make aware; fault "" when read.
func parseRESTTime(v string, local *time.Location) (time.Time, string) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return localTime(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, local)
	}
	m := restTimeRE.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, restTimeFormat
	}
	n := func(s string) int { i, _ := strconv.Atoi(s); return i }
	year, month, day, hour, minute, second := n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6])
	nano := n((m[7] + "000000000")[:9])
	wall := time.Date(year, time.Month(month), day, hour, minute, second, nano, time.UTC)
	if wall.Month() != time.Month(month) || wall.Day() != day || wall.Hour() != hour || wall.Minute() != minute || wall.Second() != second {
		return time.Time{}, restTimeFormat
	}
	tz := strings.ReplaceAll(m[8], ":", "")
	switch {
	case tz == "":
		return localTime(year, time.Month(month), day, hour, minute, second, nano, local)
	case tz == "Z":
		return wall, ""
	}
	off := n(tz[1:3]) * 3600
	if len(tz) == 5 {
		off += n(tz[3:5]) * 60
	}
	if off >= 24*3600 || len(tz) == 5 && n(tz[3:5]) > 59 {
		return time.Time{}, restTimeFormat
	}
	if tz[0] == '-' {
		off = -off
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, nano, time.FixedZone("", off)), ""
}

// localTime is the one instant a wall time names in a zone; restTimeLocal when the
// zone's clocks skip it (none) or pass it twice (two).
func localTime(year int, month time.Month, day, hour, minute, second, nano int, zone *time.Location) (time.Time, string) {
	wall := time.Date(year, month, day, hour, minute, second, nano, time.UTC)
	var found []time.Time
	// The offsets in force a day either side cover any change of the clocks at the time.
	for _, probe := range []time.Duration{-24 * time.Hour, 0, 24 * time.Hour} {
		_, off := wall.Add(probe).In(zone).Zone()
		t := wall.Add(-time.Duration(off) * time.Second)
		if _, at := t.In(zone).Zone(); at == off && !slices.ContainsFunc(found, t.Equal) {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		return time.Time{}, restTimeLocal
	}
	return found[0].In(zone), ""
}

// restTimeError is DRF's answer to a date-time filter it cannot read: of a bad format,
// or of a local time the zone's clocks skip or repeat.
func restTimeError(w *env, field, fault string) *sim.HTTPResponse {
	if fault == restTimeLocal {
		return restFieldError(field, fmt.Sprintf("Invalid datetime for the timezone \"%s\".", w.zone))
	}
	return restFieldError(field, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].")
}

// restPeriod reads a rates or consumption window's period_from and period_to (each
// where given); an answer naming what is wrong with them.
func restPeriod(w *env, req *sim.HTTPRequest) (from, to time.Time, hasFrom, hasTo bool, fail *sim.HTTPResponse) {
	from, hasFrom, fromFault := restTime(w, req, "period_from")
	to, hasTo, toFault := restTime(w, req, "period_to")
	for _, p := range []struct{ key, fault string }{{"period_from", fromFault}, {"period_to", toFault}} {
		if p.fault == restTimeLocal {
			return from, to, hasFrom, hasTo, restDetail(400, fmt.Sprintf("%s %s has no offset and is an hour %s's clocks skip or pass twice; give its offset, such as Z or +01:00.", p.key, restQuery(req, p.key), w.zone))
		}
	}
	if fromFault != "" || toFault != "" || hasFrom && hasTo && !to.After(from) {
		return from, to, hasFrom, hasTo, restDetail(400, "period_from and period_to are ISO 8601 date-times, period_to after period_from.")
	}
	return from, to, hasFrom, hasTo, nil
}

// restPage pages results as DRF does: page (from 1) and page_size (up to most), with
// the next and previous pages' URLs; an answer for a bad page.
func restPage(req *sim.HTTPRequest, results []any, most int) *sim.HTTPResponse {
	return restPageOf(req, len(results), most, func(i int) any { return results[i] })
}

// restPageOf is restPage over n results made by result, each when its page holds it.
func restPageOf(req *sim.HTTPRequest, n, most int, result func(i int) any) *sim.HTTPResponse {
	// A page_size that is not a whole number of at least 1 is the default, and page
	// "last" the last page, as DRF's PageNumberPagination reads them.
	size, page := restDefaultPage, 1
	if v, err := strconv.Atoi(restQuery(req, "page_size")); err == nil && v >= 1 {
		size = min(v, most)
	}
	if v := restQuery(req, "page"); v != "" {
		p, err := strconv.Atoi(v)
		if v == "last" {
			p, err = max(1, (n+size-1)/size), nil
		}
		if err != nil || p < 1 || (p-1)*size >= max(n, 1) {
			return restDetail(404, "Invalid page.")
		}
		page = p
	}
	from := (page - 1) * size
	to := min(from+size, n)
	link := func(p int) any {
		q := url.Values{}
		for k, v := range req.Query {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(p))
		if p == 1 {
			q.Del("page") // DRF's previous link to the first page names none
		}
		path := req.Path
		if !strings.HasSuffix(path, "/") {
			path += "/" // the URL Django redirected a slash-less request to, which DRF's links name
		}
		return sim.Origin(req.Host, req.Secure, req.Header) + path + "?" + q.Encode()
	}
	results := make([]any, 0, max(to-from, 0))
	for i := from; i < to; i++ {
		results = append(results, result(i))
	}
	body := map[string]any{"count": n, "next": nil, "previous": nil, "results": results}
	if to < n {
		body["next"] = link(page + 1)
	}
	if page > 1 {
		body["previous"] = link(page - 1)
	}
	return sim.JSONResponse(200, body)
}

// restTimestamp is a time as the REST API writes it: the tenant's local time, Z at UTC.
func restTimestamp(t time.Time, zone *time.Location) string {
	s := t.In(zone).Format(time.RFC3339)
	return strings.Replace(s, "+00:00", "Z", 1)
}

// restProductSummary is a product as the products list gives it.
func restProductSummary(w *env, origin, code string) map[string]any {
	p := productMap(w, code)
	return map[string]any{
		"code": code, "direction": p["direction"], "full_name": p["fullName"], "display_name": p["displayName"], "description": p["description"],
		"is_variable": p["isVariable"], "is_green": p["isGreen"], "is_tracker": productName(code) == "Tracker", "is_prepay": p["isPrepay"], "is_business": p["isBusiness"],
		"is_restricted": false, "term": p["term"], "available_from": restZ(p["availableFrom"]), "available_to": restZ(p["availableTo"]), "brand": w.brand(),
		"links": []any{map[string]any{"href": origin + strings.Replace(PathProduct, "{product}", code, 1), "method": "GET", "rel": "self"}},
	}
}

// restZ writes a GraphQL date-time at UTC as the REST API does, with Z.
func restZ(v any) any {
	if s, ok := v.(string); ok {
		return strings.Replace(s, "+00:00", "Z", 1)
	}
	return v
}

// restProductFlags are the products list's Boolean filters, each a flag a product has.
var restProductFlags = []string{"is_variable", "is_green", "is_tracker", "is_prepay", "is_business", "is_restricted"}

// restBool reads a Boolean as DRF's BooleanField does: true, false and their short and
// capitalised forms, yes and no, on and off, 1 and 0; ok false for anything else.
func restBool(v string) (b, ok bool) {
	switch v {
	case "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1":
		return true, true
	case "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0":
		return false, true
	}
	return false, false
}

// restFieldError is DRF's answer to a query parameter its serializer refuses.
func restFieldError(field, message string) *sim.HTTPResponse {
	return sim.JSONResponse(400, map[string]any{field: []any{message}})
}

// availableAt reports whether a product was on sale at t: launched by then and not yet
// withdrawn.
func availableAt(w *env, code string, t time.Time) bool {
	from, dated := launched(code, w.zone)
	if !dated {
		from, _ = firstAgreed(w, code)
	}
	until, gone := withdrawn(w, code)
	return !from.After(t) && (!gone || until.After(t))
}

// supersededProducts are products Octopus has withdrawn that clients still read by a
// code they hard-code (every Agile since the first, the first Go and Intelligent Go, the
// Flexible Octopus of 2021, Tracker's versions), which its
// REST API keeps serving, available_to the day the next of its family launched.
var supersededProducts = []string{
	"AGILE-18-02-21", "AGILE-22-07-22", "AGILE-22-08-31", "AGILE-VAR-22-10-19", "AGILE-FLEX-22-11-25", "AGILE-23-12-06", "AGILE-24-04-03",
	"INTELLI-VAR-22-10-14", "INTELLI-BB-VAR-23-03-01", "GO-18-06-12", "VAR-21-09-29",
	"SILVER-FLEX-22-11-25", "SILVER-23-12-06", "SILVER-24-04-03", "SILVER-24-07-01", "SILVER-24-10-01",
}

// restCodes are the products REST serves, in code order: the catalogue's, those the
// session's accounts are or were on, and the superseded ones that launched by now.
func restCodes(w *env) []string {
	codes := slices.Clone(productCodes(w))
	for _, code := range supersededProducts {
		if from, _ := launched(code, w.zone); !from.After(w.now) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return slices.Compact(codes)
}

// unlisted reports whether a product is served by its code but never listed: a
// superseded one no later product of its family followed (Tracker, closed to new
// customers, its rates still read by code).
func unlisted(w *env, code string) bool {
	if !slices.Contains(supersededProducts, code) {
		return false
	}
	_, gone := withdrawn(w, code)
	return !gone
}

// restProducts lists the products REST serves (restCodes) that were on sale at
// available_at (now when not given), kept by the flags asked for (is_business false
// when not given) and the brand.
func restProducts(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	w := sessionEnv(s)
	want := map[string]bool{}
	for _, f := range restProductFlags {
		if v := restQuery(req, f); v != "" {
			b, ok := restBool(v)
			if !ok {
				return restFieldError(f, "Must be a valid boolean.")
			}
			want[f] = b
		}
	}
	if _, asked := want["is_business"]; !asked {
		want["is_business"] = false // business products only when asked for, as Octopus documents the default
	}
	brand := restQuery(req, "brand")
	at, given, fault := restTime(w, req, "available_at")
	if fault != "" {
		return restTimeError(w, "available_at", fault)
	}
	if !given {
		at = w.now
	}
	var results []any
	for _, code := range restCodes(w) {
		if !availableAt(w, code, at) || unlisted(w, code) {
			continue
		}
		p := restProductSummary(w, sim.Origin(req.Host, req.Secure, req.Header), code)
		keep := brand == "" || brand == p["brand"]
		for f, b := range want {
			keep = keep && p[f] == b
		}
		if keep {
			results = append(results, p)
		}
	}
	return restPage(req, results, restMaxRatesPage)
}

// Octopus's sample household's year of use in kWh (Ofgem's typical domestic
// consumption), by which a product's sample quotes price each region's tariffs.
const (
	sampleElectricity = 2700
	sampleDay         = 2262
	sampleNight       = 1638
	sampleGas         = 11500
)

// restProduct answers a product with its tariffs in each region, by register kind and
// payment method (each with the links to its rates and standing charges), at their
// prices at tariffs_active_at (now when not given; none before the product launched),
// and what its sample household would pay a year on them, as DRF lists them.
func restProduct(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	w := sessionEnv(s)
	code := strings.ToUpper(req.Params["product"])
	if !slices.Contains(restCodes(w), code) {
		return restDetail(404, "No EnergyProduct matches the given query.")
	}
	origin := sim.Origin(req.Host, req.Secure, req.Header)
	body := restProductSummary(w, origin, code)
	delete(body, "direction") // the list's, not in a captured product's detail
	groups := map[string]map[string]any{"single_register_electricity_tariffs": {}, "dual_register_electricity_tariffs": {}, "single_register_gas_tariffs": {}}
	method := restPaymentMethod(code)
	quotes := map[string]any{}
	at, given, fault := restTime(w, req, "tariffs_active_at")
	if fault != "" {
		return restTimeError(w, "tariffs_active_at", fault)
	}
	if !given {
		at = w.now
	}
	regions := gspGroups()
	if launch, dated := launched(code, w.zone); dated && at.Before(launch) {
		regions = nil // no tariff was active before the product launched
	}
	for _, region := range regions {
		// The year's cost of each register kind, before and with VAT, by its prefix.
		cost := map[string][2]float64{}
		for _, k := range tariffKinds(code) {
			tc := k.prefix + code + "-" + region
			p := w.prices(tc, k.electricity, at).taxedAt(w.tariffTax(tc))
			path, group := PathGasRates, "single_register_gas_tariffs"
			if k.electricity {
				path, group = PathElectricityRates, "single_register_electricity_tariffs"
			}
			link := func(kind string) any {
				href := strings.NewReplacer("{product}", code, "{tariff}", tc, "{kind}", kind).Replace(path)
				return map[string]any{"href": origin + href, "method": "GET", "rel": strings.ReplaceAll(kind, "-", "_")}
			}
			t := map[string]any{
				"code": tc, "standing_charge_exc_vat": p.standing, "standing_charge_inc_vat": p.taxed(p.standing),
				"online_discount_exc_vat": 0, "online_discount_inc_vat": 0, "dual_fuel_discount_exc_vat": 0, "dual_fuel_discount_inc_vat": 0,
				"exit_fees_exc_vat": 0, "exit_fees_inc_vat": 0, "exit_fees_type": "NONE",
			}
			year := [2]float64{365 * p.standing, 365 * p.taxed(p.standing)}
			if k.prefix == "E-2R-" {
				group = "dual_register_electricity_tariffs"
				t["links"] = []any{link("standing-charges"), link("day-unit-rates"), link("night-unit-rates")}
				t["day_unit_rate_exc_vat"], t["day_unit_rate_inc_vat"] = p.day, p.taxed(p.day)
				t["night_unit_rate_exc_vat"], t["night_unit_rate_inc_vat"] = p.night, p.taxed(p.night)
				year[0] += sampleDay*p.day + sampleNight*p.night
				year[1] += sampleDay*p.taxed(p.day) + sampleNight*p.taxed(p.night)
			} else {
				unit, use := p.unit, float64(sampleGas)
				if k.electricity {
					use = sampleElectricity
					if timeOfUse(tc) {
						unit = p.day
					}
				}
				t["links"] = []any{link("standing-charges"), link("standard-unit-rates")}
				t["standard_unit_rate_exc_vat"], t["standard_unit_rate_inc_vat"] = unit, p.taxed(unit)
				year[0] += use * unit
				year[1] += use * p.taxed(unit)
			}
			cost[k.prefix] = year
			groups[group]["_"+region] = map[string]any{method: t}
		}
		quotes["_"+region] = map[string]any{method: restSampleQuotes(cost)}
	}
	for k, v := range groups {
		body[k] = v
	}
	body["sample_quotes"] = quotes
	body["sample_consumption"] = map[string]any{
		"electricity_single_rate": map[string]any{"electricity_standard": sampleElectricity},
		"electricity_dual_rate":   map[string]any{"electricity_day": sampleDay, "electricity_night": sampleNight},
		"dual_fuel_single_rate":   map[string]any{"electricity_standard": sampleElectricity, "gas_standard": sampleGas},
		"dual_fuel_dual_rate":     map[string]any{"electricity_day": sampleDay, "electricity_night": sampleNight, "gas_standard": sampleGas},
	}
	body["tariffs_active_at"] = at.UTC().Format("2006-01-02T15:04:05.000000Z") // as captured, to the microsecond
	return sim.JSONResponse(200, body)
}

// restPaymentMethod is the key a product's tariffs are listed under in each region: a
// household's Flexible Octopus's "varying", as a captured VAR-22-11-01 lists them, any
// other's "direct_debit_monthly", as captured Agile and fixed products do.
func restPaymentMethod(code string) string {
	if productName(code) == "Flexible" && !businessProduct(code) && !prepayProduct(code) {
		return "varying"
	}
	return "direct_debit_monthly"
}

// restSampleQuotes are a region's sample quotes from the year's cost of each register
// kind a product has (by its tariff prefix): in whole pence, before and with VAT, for
// each of electricity's registers alone and with gas.
func restSampleQuotes(cost map[string][2]float64) map[string]any {
	out := map[string]any{}
	quote := func(name string, kinds ...string) {
		var exc, inc float64
		for _, k := range kinds {
			c, ok := cost[k]
			if !ok {
				return
			}
			exc, inc = exc+c[0], inc+c[1]
		}
		out[name] = map[string]any{"annual_cost_exc_vat": int(math.Round(exc)), "annual_cost_inc_vat": int(math.Round(inc))}
	}
	quote("electricity_single_rate", "E-1R-")
	quote("electricity_dual_rate", "E-2R-")
	quote("dual_fuel_single_rate", "E-1R-", "G-1R-")
	quote("dual_fuel_dual_rate", "E-2R-", "G-1R-")
	return out
}

// restRates answers a tariff's standard, day or night unit rates or its standing
// charges over period_from to period_to (rates that change in the day: the last
// restDefaultRateWindowHr hours and what is published ahead when not given; Agile's no
// later than its prices are published), newest first, each period whole where the
// window cuts it.
func restRates(electricity bool) sim.RESTHandler {
	return func(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
		w := sessionEnv(s)
		product, tc, kind := strings.ToUpper(req.Params["product"]), strings.ToUpper(req.Params["tariff"]), req.Params["kind"]
		prefix, region := tariffShape(tc)
		if !slices.Contains(restCodes(w), product) || tc != prefix+product+"-"+region || !productSupplies(product, prefix) ||
			(prefix[0] == 'E') != electricity || !slices.Contains(gspGroups(), region) {
			return restDetail(404, "No Tariff matches the given query.")
		}
		from, to, hasFrom, hasTo, fail := restPeriod(w, req)
		if fail != nil {
			return fail
		}
		tax := w.tariffTax(tc)
		launch, _ := launched(product, w.zone)
		taxer := tariffPrices{tax: tax}
		rate := func(from, to any, pre float64, method any) any {
			return map[string]any{"value_exc_vat": pre, "value_inc_vat": taxer.taxed(pre), "valid_from": from, "valid_to": to, "payment_method": method}
		}
		var pick func(tariffPrices) float64
		switch {
		case kind == "standing-charges":
			pick = func(p tariffPrices) float64 { return p.standing }
		case kind == "day-unit-rates" && prefix == "E-2R-":
			pick = func(p tariffPrices) float64 { return p.day }
		case kind == "night-unit-rates" && prefix == "E-2R-":
			pick = func(p tariffPrices) float64 { return p.night }
		case kind != "standard-unit-rates" || prefix == "E-2R-":
			return restDetail(404, "Not found.")
		case tracker(tc):
			return restTrackerDays(w, req, tc, electricity, launch, from, to, hasFrom, hasTo, rate)
		case !electricity || !halfHourly(tc):
			pick = func(p tariffPrices) float64 { return p.unit }
		}
		if pick != nil {
			return restPage(req, restSteps(w, tc, electricity, launch, from, to, hasFrom, hasTo, pick, kind == "standing-charges", rate), restMaxRatesPage)
		}
		// With no period_from, from the tariff's launch, as the API lists a tariff's whole
		// history; never before it.
		if !hasFrom || from.Before(launch) {
			from = launch
		}
		if !hasTo {
			day := w.now.In(w.zone)
			to = time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, w.zone)
		}
		if published := agilePublishedTo(w.now, w.zone); agile(tc) && (!hasTo || to.After(published)) {
			to = published
		}
		if ahead := w.now.Add(restMaxRatesAhead); to.After(ahead) {
			to = ahead
		}
		if !to.After(from) {
			return restPage(req, nil, restMaxRatesPage)
		}
		if agile(tc) {
			// Every half hour its own price: the page asked for is made, not the years.
			first, last := from.Truncate(30*time.Minute), to.Add(30*time.Minute-1).Truncate(30*time.Minute)
			n := int(last.Sub(first) / (30 * time.Minute))
			p := pricesOf(tc, electricity, w.zone)
			return restPageOf(req, n, restMaxRatesPage, func(i int) any {
				t := last.Add(-time.Duration(i+1) * 30 * time.Minute)
				return rate(restTimestamp(t, time.UTC), restTimestamp(t.Add(30*time.Minute), time.UTC), agileRate(tc, p, t, w.zone), nil)
			})
		}
		// Whole periods, as the API lists them: a night's off-peak from 23:30 to 05:30
		// is one rate however the window cuts it.
		var periods []ratePeriod
		for _, sp := range priceSpans(tc, electricity, w.zone, w.now, from.Add(-24*time.Hour), to.Add(24*time.Hour)) {
			periods = append(periods, ratePeriods(tc, sp.prices.taxedAt(tax), sp.from, sp.to, w.zone)...)
		}
		results := make([]any, 0, len(periods))
		for i := len(periods) - 1; i >= 0; i-- {
			if r := periods[i]; r.to.After(from) && r.from.Before(to) {
				results = append(results, rate(restTimestamp(maxTime(r.from, launch), time.UTC), restTimestamp(r.to, time.UTC), r.pre, nil))
			}
		}
		return restPage(req, results, restMaxRatesPage)
	}
}

// restTrackerDays answers a Tracker tariff's unit rates: one a UK day, midnight to
// midnight, newest first, from period_from (its launch when not given, never before
// it) to period_to (when not given, or later, the end of the last day published),
// each day whole where the window cuts it; the page asked for is made, not the years.
func restTrackerDays(w *env, req *sim.HTTPRequest, tc string, electricity bool, launch, from, to time.Time, hasFrom, hasTo bool,
	rate func(from, to any, pre float64, method any) any) *sim.HTTPResponse {
	if !hasFrom || from.Before(launch) {
		from = launch
	}
	if published := trackerPublishedTo(w.now, w.zone); !hasTo || to.After(published) {
		to = published
	}
	if ahead := w.now.Add(restMaxRatesAhead); to.After(ahead) {
		to = ahead
	}
	first, last := dayOfTime(from, w.zone), dayOfTime(to.Add(-time.Nanosecond), w.zone)+1
	if !to.After(from) {
		last = first
	}
	base := pricesOf(tc, electricity, w.zone)
	return restPageOf(req, last-first, restMaxRatesPage, func(i int) any {
		day := dayTime(last-1-i, w.zone)
		pre := trackerDay(tc, electricity, base, w.zone, w.now, day).unit
		return rate(restTimestamp(day, time.UTC), restTimestamp(dayTime(last-i, w.zone), time.UTC), pre, nil)
	})
}

// restSteps are a tariff's prices (pick's of them) from its launch as they stepped with
// the market, newest first, those in the window asked for (from and to, where given): a
// variable tariff's each as a direct debit payer pays it and as one paying otherwise
// does (standing charges about 11.5% and unit rates 5% dearer, as captured answers
// show), a fixed tariff's one price for any payer.
func restSteps(w *env, tc string, electricity bool, launch, from, to time.Time, hasFrom, hasTo bool, pick func(tariffPrices) float64, standing bool,
	rate func(from, to any, pre float64, method any) any) []any {
	since := launch
	if hasFrom && from.After(since) {
		since = from
	}
	var spans []priceSpan
	if tracker(tc) {
		// Tracker's standing charge is set for the term: one price from its launch.
		spans = []priceSpan{{launch, time.Time{}, pricesOf(tc, electricity, w.zone)}}
	} else {
		spans = priceSpans(tc, electricity, w.zone, w.now, launch, time.Time{})
	}
	market := followsMarket(tc)
	nonDebit := nonDebitUnit
	if standing {
		nonDebit = nonDebitStanding
	}
	var out []any
	for i := len(spans) - 1; i >= 0; i-- {
		sp := spans[i]
		if hasTo && !sp.from.Before(to) || !sp.to.IsZero() && !sp.to.After(since) {
			continue
		}
		var validTo any
		if !sp.to.IsZero() {
			validTo = restTimestamp(sp.to, time.UTC) // a price's times are UTC's, in summer too
		}
		validFrom := restTimestamp(sp.from, time.UTC)
		pre := pick(sp.prices)
		if !market {
			out = append(out, rate(validFrom, validTo, pre, nil))
			continue
		}
		out = append(out, rate(validFrom, validTo, pre, "DIRECT_DEBIT"),
			rate(validFrom, validTo, math.Round(pre*nonDebit*10000)/10000, "NON_DIRECT_DEBIT"))
	}
	return out
}

// gspGroups are the GSP groups' letters, in order.
func gspGroups() []string {
	var out []string
	for _, r := range gspAreas() {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// restGridSupplyPoints lists the GSP groups, or the one a postcode's area is in (none
// for a postcode of no area).
func restGridSupplyPoints(_ context.Context, _ *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	groups := gspGroups()
	if pc := restQuery(req, "postcode"); pc != "" {
		groups = nil
		if r := gspOf(pc); r != "" {
			groups = []string{r}
		}
	}
	results := make([]any, len(groups))
	for i, g := range groups {
		results[i] = map[string]any{"group_id": "_" + g}
	}
	return restPage(req, results, restMaxRatesPage)
}

// restMeterPoint answers an electricity meter point: its GSP group, MPAN and profile
// class, those state holds or its distributor's (mpanGSP).
func restMeterPoint(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	mpan := req.Params["mpan"]
	gsp, class := mpanGSP(sessionEnv(s), mpan)
	if gsp == "" {
		return restDetail(404, "Not found.")
	}
	return sim.JSONResponse(200, map[string]any{"gsp": gsp, "mpan": mpan, "profile_class": class})
}

// restCaller is the user whose API key the Basic auth header gives as its user name, or
// whose Kraken token the header carries ("JWT <token>" or the raw token), as the public
// REST API accepts either.
func restCaller(s *sim.Session, req *sim.HTTPRequest) (*sim.User, *sim.HTTPResponse) {
	h := strings.TrimSpace(req.HeaderValue("Authorization"))
	if h == "" {
		return nil, restUnauthorized("Authentication credentials were not provided.")
	}
	scheme, cred := auth.ParseAuthorization(h)
	switch {
	case scheme == "" && strings.Count(cred, ".") == 2, strings.EqualFold(scheme, "JWT"):
		return tokenCaller(s, h)
	case !strings.EqualFold(scheme, "Basic"): // DRF's Basic authentication passes over another scheme
		return nil, restUnauthorized("Authentication credentials were not provided.")
	}
	raw, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		return nil, restUnauthorized("Invalid basic header. Credentials not correctly base64 encoded.")
	}
	key, _, _ := strings.Cut(string(raw), ":")
	u := s.World().UserByAPIKey(key)
	if u == nil {
		return nil, restUnauthorized("Invalid API key.")
	}
	return u, nil
}

// tokenCaller is the user a Kraken token signed in, refused as DRF's JWT authentication
// refuses one: expired, undecodable, or of an organization rather than a user.
func tokenCaller(s *sim.Session, header string) (*sim.User, *sim.HTTPResponse) {
	claims, fail := s.Authenticate(header)
	switch {
	case fail != nil && fail.Code == auth.CodeTokenExpired:
		return nil, restUnauthorized("Signature has expired.")
	case fail != nil:
		return nil, restUnauthorized("Error decoding signature.")
	}
	u := s.World().User(claims.UserID)
	if u == nil || claims.Scope != "" { // a pre-signed key's token is for its scope's mutation only
		return nil, restDetail(403, "You do not have permission to perform this action.")
	}
	return u, nil
}

// restConsumption answers a smart meter's half hours (or their sums by hour, day,
// week, month or quarter: group_by) between period_from and period_to, up to the last
// midnight and from when its supply began, newest first unless order_by=period; in kWh,
// a smart gas meter's in m³ as its register counts them.
func restConsumption(electricity bool) sim.RESTHandler {
	return func(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
		u, fail := restCaller(s, req)
		if fail != nil {
			return fail
		}
		w := sessionEnv(s)
		number, meterID, home, found := viewersMeter(w, u, electricity, req.Params["mpan"]+req.Params["mprn"], req.Params["serial"])
		if !found {
			return restDetail(404, "Not found.")
		}
		// The register the world reads the meter by, with when its supplier began to.
		wm, _ := meterAmong(w, []*sim.Account{w.Account(number)}, meterID)
		smart, readFrom := digitalMeter(w.Account(number), meterID), wm.ReadFrom
		reg := readableUse(wm.In(w.zone).Use, readFrom, cmp.Or(wm.PerUnit, 1))
		from, to, hasFrom, hasTo, fail := restPeriod(w, req)
		group := restQuery(req, "group_by")
		order := restQuery(req, "order_by")
		grouping, stepOK := restGrouping(group)
		switch {
		case fail != nil:
			return fail
		case !stepOK:
			return restDetail(400, "group_by is one of hour, day, week, month and quarter.")
		case order != "" && order != "period" && order != "-period":
			return restDetail(400, "order_by is period or -period.")
		}
		day := w.now.In(w.zone)
		midnight := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, w.zone)
		if !hasTo || to.After(midnight) {
			to = midnight
		}
		if left := occupiedTo(w.Account(number), home); left != "" { // the account read the meter until it moved out or left us
			if left, ok := dayStart(addDays(left, 1), w.zone); ok && to.After(left) {
				to = left
			}
		}
		// Whole half hours, those starting from period_from up to period_to, as GraphQL's
		// measurements list them.
		from, to = world.HalfHourFrom(from), world.HalfHourFrom(to)
		if !hasFrom { // all the meter's readings, as Kraken pages them, from when they begin
			from = cmp.Or(readFrom, to.Add(-restMaxConsumptionPage*30*time.Minute))
		}
		if oldest := to.AddDate(-restMaxConsumptionYears, 0, 0); from.Before(oldest) {
			from = oldest
		}
		var first time.Time // the intervals the meter was read in, oldest first, from first
		var n int
		if smart && (readFrom.IsZero() || to.After(readFrom)) {
			first = grouping.Floor(maxTime(from, readFrom).In(w.zone))
			n = grouping.Count(first, to)
		}
		at := func(i int) int { return i }
		if order != "period" {
			at = func(i int) int { return n - 1 - i }
		}
		return restPageOf(req, n, restMaxConsumptionPage, func(i int) any {
			t, next := grouping.Add(first, at(i)), grouping.Add(first, at(i)+1)
			return map[string]any{"consumption": halfHourSum(reg, maxTime(t, from), minTime(next, to)), "interval_start": restTimestamp(t, w.zone), "interval_end": restTimestamp(next, w.zone)}
		})
	}
}

// halfHourSum is a meter's use from one time to another as the sum of its half hours,
// each to the Wh as its half-hourly consumption states it, so that a group and the
// half hours in it add up alike.
func halfHourSum(reg func(from, to time.Time) (float64, bool), from, to time.Time) float64 {
	total := 0.0
	for t := from; t.Before(to); {
		next := minTime(t.Truncate(30*time.Minute).Add(30*time.Minute), to)
		if v, ok := reg(t, next); ok {
			total += math.Round(v * 1000)
		}
		t = next
	}
	return total / 1000
}

// restGrouping is the group group_by sums a meter's half hours in (none: the half
// hours), on the calendar of the household's zone, a week from Monday, a quarter from
// January, April, July or October; false for another group_by.
func restGrouping(group string) (world.Grouping, bool) {
	name, ok := map[string]string{"": "THIRTY_MIN", "hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "quarter": "QUARTER"}[group]
	if !ok {
		return world.Grouping{}, false
	}
	return world.GroupingOf(name)
}

// readableUse is a register's use over a span in its units (unit kWh each), none
// before its supplier began reading it.
func readableUse(use func(from, to time.Time) float64, readFrom time.Time, unit float64) func(from, to time.Time) (float64, bool) {
	return func(from, to time.Time) (float64, bool) {
		if !readFrom.IsZero() && from.Before(readFrom) {
			if !to.After(readFrom) {
				return 0, false
			}
			from = readFrom
		}
		return use(from, to) / unit, true
	}
}

// digitalMeter reports whether the account's meter with the id is a smart meter.
func digitalMeter(a *sim.Account, meterID string) bool {
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.ElectricityMeter) bool { return m.ID == meterID && m.IsDigital }) {
				return true
			}
		}
		for _, mp := range p.GasMeterPoints {
			if slices.ContainsFunc(mp.Meters, func(m sim.GasMeter) bool { return m.ID == meterID && m.IsDigital }) {
				return true
			}
		}
	}
	return false
}
