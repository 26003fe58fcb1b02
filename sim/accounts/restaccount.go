package accounts

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/krakensim/krakensim/sim"
)

// The REST account endpoint REST-only clients read first for their MPAN, meter serial
// numbers and tariff codes: every property the account has occupied, each with its
// move-in and move-out, its address, and its meter points with their meters and
// agreements (oldest first), an export supply's among them; times are local midnights
// as the REST API writes them, an open-ended agreement's valid_to null. Only a user of
// the account may read it by their API key: any other account, or none of the number,
// is not found.

// restAccount answers an account of the caller's as the REST API gives it.
func restAccount(_ context.Context, s *sim.Session, req *sim.HTTPRequest) *sim.HTTPResponse {
	u, fail := restCaller(s, req)
	if fail != nil {
		return fail
	}
	w := sessionEnv(s)
	number := strings.ToUpper(strings.TrimSpace(req.Params["account_number"]))
	a := w.Account(number)
	if a == nil || !slices.Contains(u.AccountNumbers, a.Number) {
		return restDetail(404, "Not found.")
	}
	properties := make([]any, 0, len(a.Properties))
	for i := range a.Properties {
		properties = append(properties, restProperty(w, a, &a.Properties[i]))
	}
	return sim.JSONResponse(200, map[string]any{"number": a.Number, "properties": properties})
}

// restProperty is a property as the account endpoint lists it: its address as lines, a
// town and a county ("" for none), and its meter points.
func restProperty(w *env, a *sim.Account, p *sim.Property) map[string]any {
	street, town, county := addressParts(p.Address)
	if len(street) > 3 {
		street = append(street[:2:2], strings.Join(street[2:], ", "))
	}
	var movedIn, movedOut any
	if t := w.occupancy(a, p).Start; !t.IsZero() {
		movedIn = restTimestamp(t, w.zone)
	}
	if t, ok := dayStart(addDays(occupiedTo(a, p), 1), w.zone); ok { // the end of the move-out day
		movedOut = restTimestamp(t, w.zone)
	}
	elec := make([]any, 0, len(p.ElectricityMeterPoints))
	for i := range p.ElectricityMeterPoints {
		elec = append(elec, restElectricityPoint(w, a, &p.ElectricityMeterPoints[i]))
	}
	gas := make([]any, 0, len(p.GasMeterPoints))
	for i := range p.GasMeterPoints {
		gas = append(gas, restGasPoint(w, a, &p.GasMeterPoints[i]))
	}
	return map[string]any{
		"id": numericID(p.ID), "moved_in_at": movedIn, "moved_out_at": movedOut,
		"address_line_1": lineAt(street, 0), "address_line_2": lineAt(street, 1), "address_line_3": lineAt(street, 2),
		"town": town, "county": county, "postcode": p.Address.Postcode,
		"electricity_meter_points": elec, "gas_meter_points": gas,
	}
}

// restElectricityPoint is an electricity meter point as the account endpoint lists it:
// its meters each with their settlement registers (one STANDARD, or an Economy 7
// meter's DAY and NIGHT), its agreements, its estimated annual consumption (the meter
// in place's: consumption_standard, or an Economy 7 point's consumption_day and
// consumption_night, GraphQL's registers' eac) and whether it exports (an Outgoing
// tariff).
func restElectricityPoint(w *env, a *sim.Account, mp *sim.ElectricityMeterPoint) map[string]any {
	rates := map[string]string{"1": "STANDARD"}
	if dayNightCode(w, mp) != "" {
		rates = map[string]string{"1": "DAY", "2": "NIGHT"}
	}
	meters := make([]any, 0, len(mp.Meters))
	for _, m := range mp.Meters {
		registers := []any{}
		for _, id := range meterRegisters(w, mp, &m) {
			registers = append(registers, map[string]any{"identifier": id, "rate": cmp.Or(rates[id], "STANDARD"), "is_settlement_register": true})
		}
		meters = append(meters, map[string]any{"serial_number": m.SerialNumber, "registers": registers})
	}
	point := map[string]any{
		"mpan": mp.Identifier(), "profile_class": mp.ProfileClass, "consumption_standard": nil,
		"meters": meters, "agreements": restAgreements(w, mp.Agreements), "is_export": exportPoint(mp),
	}
	k := electricityMeterInPlace(mp, w.today())
	if dayNightCode(w, mp) != "" { // as captured answers give an Economy 7 point's, no consumption_standard
		delete(point, "consumption_standard")
		point["consumption_day"], point["consumption_night"] = nil, nil
		if k >= 0 {
			point["consumption_day"] = int(registerEAC(w, a, mp, &mp.Meters[k], 1-nightShare))
			point["consumption_night"] = int(registerEAC(w, a, mp, &mp.Meters[k], nightShare))
		}
	} else if k >= 0 {
		point["consumption_standard"] = int(registerEAC(w, a, mp, &mp.Meters[k], 1))
	}
	return point
}

// restGasPoint is a gas meter point of a's as the account endpoint lists it: its meters by
// serial number, its agreements and its annual quantity in kWh (the meter in place's).
func restGasPoint(w *env, a *sim.Account, mp *sim.GasMeterPoint) map[string]any {
	meters := make([]any, 0, len(mp.Meters))
	for _, m := range mp.Meters {
		meters = append(meters, map[string]any{"serial_number": m.SerialNumber})
	}
	var aq any
	if k := gasMeterInPlace(mp, w.today()); k >= 0 {
		aq = int(math.Round(yearOfUse(w, gasRegister(w, a, *mp, mp.Meters[k]))))
	}
	return map[string]any{"mprn": mp.Identifier(), "consumption_standard": aq, "meters": meters, "agreements": restAgreements(w, mp.Agreements)}
}

// restAgreements are a meter point's agreements by valid_from, each from and to the
// local midnight of its days.
func restAgreements(w *env, ags []sim.Agreement) []any {
	ags = slices.Clone(ags)
	slices.SortStableFunc(ags, func(x, y sim.Agreement) int { return strings.Compare(x.ValidFrom, y.ValidFrom) })
	out := make([]any, 0, len(ags))
	day := func(d string) any {
		if t, ok := dayStart(d, w.zone); ok {
			return restTimestamp(t, w.zone)
		}
		return nil
	}
	for _, ag := range ags {
		out = append(out, map[string]any{"tariff_code": ag.TariffCode, "valid_from": day(ag.ValidFrom), "valid_to": day(ag.ValidTo)})
	}
	return out
}
