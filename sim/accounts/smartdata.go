package accounts

import (
	"context"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// smartFitted is when the account's first smart meter in place today was fitted (the
// day its supply began when state does not say), and whether it has one.
func smartFitted(w *env, a *sim.Account) (time.Time, bool) {
	today := w.today()
	first, has := "", false
	note := func(from string, ags []sim.Agreement) {
		if from == "" && len(ags) > 0 {
			from = ags[0].ValidFrom
		}
		if !has || from != "" && from < first {
			first = from
		}
		has = true
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		for _, mp := range p.ElectricityMeterPoints {
			if k := electricityMeterInPlace(&mp, today); k >= 0 && mp.Meters[k].IsDigital {
				note(mp.Meters[k].ActiveFrom, mp.Agreements)
			}
		}
		for _, mp := range p.GasMeterPoints {
			if k := gasMeterInPlace(&mp, today); k >= 0 && mp.Meters[k].IsDigital {
				note(mp.Meters[k].ActiveFrom, mp.Agreements)
			}
		}
	}
	t, _ := dayStart(first, w.zone)
	return t, has
}

// coarseSpans are the spans the account's smart meters were read less often than
// half-hourly, for the world's readings: those that ended, and the one in force.
func coarseSpans(a *sim.Account) []world.CoarseSpan {
	d := a.SmartMeterData
	var out []world.CoarseSpan
	for _, c := range d.Coarse {
		out = append(out, world.CoarseSpan{From: c.From, To: c.To, Monthly: c.ReadingFrequency == "MONTHLY"})
	}
	if f := d.Frequency(); f != "HALF_HOURLY" {
		out = append(out, world.CoarseSpan{From: d.Since, Monthly: f == "MONTHLY"})
	}
	return out
}

// smartDataPreferences is an account's SmartMeterDataPreferencesType: each field null
// for an account with no smart meter.
func smartDataPreferences(w *env, a *sim.Account) obj {
	fitted, smart := smartFitted(w, a)
	if !smart {
		return obj{"readingFrequency": nil, "readingsAnalysisConsentProvided": nil, "readingsAnalysisConsentUpdatedDatetime": nil}
	}
	d := a.SmartMeterData
	at := d.ConsentUpdatedAt
	if at.IsZero() {
		at = fitted
	}
	return obj{"readingFrequency": d.Frequency(), "readingsAnalysisConsentProvided": !d.NoAnalysis, "readingsAnalysisConsentUpdatedDatetime": dateTime(at, w.zone)}
}

// smartMeterDataPreferences answers smartMeterDataPreferences(accountNumber:) for an
// account the viewer may read: how often its smart meters are read for its supplier and
// whether their readings may be analysed, as its holder last chose (half-hourly, with
// consent given when the meter was fitted, when they have not).
func smartMeterDataPreferences(_ context.Context, c *sim.Call) (any, error) {
	_, a, err := readable(c, c.StringArg("accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	return smartDataPreferences(newEnv(c), a), nil
}

// updateSmartMeterDataPreferences answers updateSmartMeterDataPreferences: the reading
// frequency (from the next half hour; no half hour is collected while it is daily or
// monthly, nor a day while it is monthly) and, when given, the consent to analysis, which takes the time it
// changed; KT-GB-4015 for an account with no smart meter, or one whose tariff in force
// is priced each half hour (Agile, Go, Intelligent Go, Cosy) asked for less than
// half-hourly reads.
func updateSmartMeterDataPreferences(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	a, err := c.MutableAccount(str(in, "accountNumber"), "")
	if err != nil {
		return nil, err
	}
	w := newEnv(c)
	if _, smart := smartFitted(w, a); !smart {
		return nil, c.ValidationError("KT-GB-4015", "The account has no smart meter whose reads to set.", "input", "accountNumber")
	}
	freq := str(in, "readingFrequency")
	if freq != "HALF_HOURLY" {
		if code := halfHourlyTariff(w, a); code != "" {
			return nil, c.ValidationError("KT-GB-4015", "The account's tariff ("+productName(code)+") is priced each half hour, which needs half-hourly reads.", "input", "readingFrequency")
		}
	}
	d := &a.SmartMeterData
	if was := d.Frequency(); was != freq {
		// The half hour in progress is read as it began; the choice holds from the next.
		next := w.now.Truncate(30 * time.Minute).Add(30 * time.Minute)
		if was != "HALF_HOURLY" && next.After(d.Since) {
			d.Coarse = append(d.Coarse, sim.CoarseSpan{From: d.Since, To: next, ReadingFrequency: was})
			if n := len(d.Coarse) - sim.MaxCoarseSpans; n > 0 {
				d.Coarse = append(d.Coarse[:0:0], d.Coarse[n:]...)
			}
		}
		d.ReadingFrequency, d.Since = freq, next
	}
	if allow, ok := boolean(in, "allowReadingsAnalysis"); ok && allow == d.NoAnalysis {
		d.NoAnalysis, d.ConsentUpdatedAt = !allow, w.now
	}
	return obj{"possibleErrors": []any{}, "preferencesUpdated": true, "smartMeterDataPreferences": smartDataPreferences(w, a)}, nil
}

// halfHourlyTariff is the code of a tariff priced each half hour that one of the
// account's electricity supplies is on today ("" for none).
func halfHourlyTariff(w *env, a *sim.Account) string {
	for i := range a.Properties {
		for _, mp := range a.Properties[i].ElectricityMeterPoints {
			if code := tariffOn(mp.Agreements, w.today()); halfHourly(code) {
				return code
			}
		}
	}
	return ""
}
