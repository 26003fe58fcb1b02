package dataimport

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
	"github.com/krakensim/krakensim/sim"
)

// Messages and codes of the account import.
const (
	msgAccountInvalid    = "Could not validate account data."
	msgScheduleInvalid   = "Import process validation failed during account creation. Please validate the import process to get full details of the validation errors."
	msgAlreadyImported   = "The account import process with the account number %s has already been imported."
	msgBadPhone          = "%s is not a valid phone number"
	msgBadMPXN           = "%s is not a valid MPAN (13 digits) or MPRN (6 to 10 digits)."
	msgBadAustralianMPXN = "%s is not a valid NMI (10 digits or capital letters other than I and O) or MIRN (10 digits from 5)."
	msgBadCheckDigit     = "MPAN %s has a wrong check digit."
	msgMPXNTaken         = "Meter point %s is already on account %s."
	msgMPXNTwice         = "Meter point %s is given more than once."
	msgBadPostcode       = "%s is not a valid postcode for %s."
	msgAddressRequired   = "Give supply_address, or supply_address1 and supply_postcode."
	msgLedgerSum         = "The sum of the ledger balances must equal the transfer_balance."
	msgReadingRegister   = "Register %s is not one of the meter's registers."
	msgRegisterTwice     = "Register %s is given more than once."
	msgNegativeReading   = "A meter reading cannot be negative."
	msgNoLedgerType      = "%s is not a ledger type of this Kraken; use one of %s."
	codeAccountInvalid   = "account_failed_validation"
	codeScheduleInvalid  = "import_process_failed_validation"
	codeAlreadyImported  = "account_import_process_already_imported"
	defaultImportedBrand = "OCTOPUS_ENERGY"
)

var (
	accountTypes  = []string{"DOMESTIC", "BUSINESS", "MANAGED", "PORTFOLIO_LEAD", "DOMESTIC_VACANT", "BUSINESS_VACANT"}
	commsPrefs    = []string{"ONLINE", "PRINT"}
	phoneRe       = lazyre.New(`^\+?[0-9][0-9 ()-]{5,19}$`)
	auPostcodeRe  = lazyre.New(`^[0-9]{4}$`)
	worldAcctType = map[string]string{"DOMESTIC_VACANT": "VACANT"}
	readingTypes  = []string{"CUSTOMER", "ESTIMATE", "ROUTINE", "SMART", "REGULAR"}
	commsDelivery = map[string]string{"ONLINE": "EMAIL", "PRINT": "POSTAL_MAIL"}
)

// accountIn is a validated account import payload.
type accountIn struct {
	ref       accountRef
	dryRun    bool
	account   sim.Account
	customers []sim.User
	mpxns     []string
	// zone is the tenant's, where a reading's date begins.
	zone *time.Location
	// products finds the product of a tariff code (Session.TariffProduct).
	products func(code string) (string, bool)
	// supply are each meter point's supply_start_date and supply_end_date, by mpxn.
	supply       map[string][2]string
	instructions []ledgerCoded[sim.PaymentInstruction]
	schedules    []ledgerCoded[sim.PaymentSchedule]
}

// readAccount validates an account import payload: the account itself, or wrapped as
// {"payload": …, "task_params": …}.
func (c *call) readAccount(body map[string]any) (*accountIn, *form) {
	in := &accountIn{zone: c.sess.Zone(), products: c.sess.TariffProduct, supply: map[string][2]string{}}
	top := newForm(body)
	payload := body
	if p, ok := top.object("payload", false); ok {
		payload = p
		if tp, ok := top.object("task_params", false); ok {
			tf := newForm(tp)
			in.dryRun, _ = tf.boolean("is_dry_run", false)
			tf.datetime("schedule_window_start", false)
			tf.datetime("schedule_window_end", false)
			top.nest("task_params", tf.errs)
		}
	}
	if !top.ok() {
		return in, top
	}
	f := newForm(payload)
	today := c.today()
	a := &in.account
	in.ref.supplier, _ = f.choice("import_supplier", true, supplierCodes(c.world()))
	in.ref.external, _ = f.str("external_account_number", strOpt{required: true, max: 128})
	if t, ok := f.choice("account_type", false, accountTypes); ok {
		a.AccountType = t
		if w, ok := worldAcctType[t]; ok {
			a.AccountType = w
		}
	}
	if p, ok := f.choice("communication_preference", false, commsPrefs); ok {
		a.CommsDeliveryPreference = commsDelivery[p]
	}
	a.PreferredLanguageForComms, _ = f.str("language_preference", strOpt{blank: true, nullable: true, max: 16})
	a.BillingName, _ = f.str("billing_name", strOpt{blank: true, nullable: true, max: 255})
	a.BillingSubName, _ = f.str("billing_sub_name", strOpt{blank: true, nullable: true, max: 255})
	a.BillingEmail, _ = f.email("billing_email", false)
	for i := 1; i <= 5; i++ {
		if l, ok := f.str(fmt.Sprintf("billing_address%d", i), strOpt{blank: true, nullable: true, max: 255}); ok && l != "" {
			a.BillingAddress.Lines = append(a.BillingAddress.Lines, l)
		}
	}
	a.BillingAddress.Postcode, _ = f.str("billing_postcode", strOpt{blank: true, nullable: true, max: 16})
	transfer, transferred := f.decimal("transfer_balance", false, money)
	if transferred {
		a.Balance = int(transfer.minorUnits())
	}
	f.date("date_of_sale", false, true)
	billedTo, _ := f.date("last_billed_to_date", false, true)
	f.boolean("unknown_occupier", false)
	in.readCustomers(f)
	in.readSupplyAddresses(f, c.world())
	forEachItem(f, "notes", listOpt{}, func(_ int, nf *form) {
		a.Notes = append(a.Notes, readNote(nf, c.sess.Now()).note)
	})
	forEachItem(f, "statements", listOpt{}, func(_ int, sf *form) {
		a.Statements = append(a.Statements, readStatement(sf).st)
	})
	types := ledgerTypes(c.world())
	in.readPayments(f, c.sess.Now(), types)
	readBillingOptions(f)
	balanced := in.readLedgers(f, today, types)
	if !f.ok() {
		return in, f
	}
	// The ledgers' balances add up to the balance transferred; without any, the first
	// ledger holds it.
	switch sum := sumBalances(a.Ledgers); {
	case balanced && transferred && sum != a.Balance:
		f.nonField(msgLedgerSum)
		return in, f
	case balanced:
		a.Balance = sum
	case len(a.Ledgers) > 0:
		a.Ledgers[0].Balance = a.Balance
	}
	if billedTo != "" && a.OpenPeriodStart() == "" {
		a.Statements = append(a.Statements, billedToStatement(billedTo, supplyStart(a), len(a.Statements)))
	}
	if a.BillingAddress.Postcode == "" && len(a.Properties) > 0 {
		a.BillingAddress = a.Properties[0].Address
	}
	if a.BillingAddress.Postcode != "" && a.BillingAddress.CountryCode == "" && !sim.IsUKPostcode(a.BillingAddress.Postcode) && !auPostcodeRe().MatchString(a.BillingAddress.Postcode) {
		f.fail("billing_postcode", fmt.Sprintf(msgBadPostcode, a.BillingAddress.Postcode, "the UK"))
	}
	return in, f
}

// billedToStatement stands for the statement last_billed_to_date closes, as Kraken reads
// it where last_statement_closing_date is not given (the account's nth statement): billing
// begins the day after it, or on the day supply began for an account never billed
// (billed to that day or before it).
func billedToStatement(billedTo, start string, n int) sim.Statement {
	if d, err := time.Parse(time.DateOnly, start); err == nil && billedTo <= start {
		billedTo = d.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	id := fmt.Sprintf("closing-%d", n)
	return sim.Statement{ID: id, Number: id, BillPeriodFrom: billedTo, BillPeriodTo: billedTo}
}

// transfers are the balances the previous supplier brought to each ledger, beyond what
// its transactions listed make up, posted as each ledger's first transaction: on the
// day of the last statement it closed, else (or when that is to come) on the day of the
// import (today).
func transfers(a *sim.Account, today string) []sim.Transaction {
	day := today
	if open := a.OpenPeriodStart(); open != "" {
		t, _ := time.Parse(time.DateOnly, open)
		day = min(t.AddDate(0, 0, -1).Format(time.DateOnly), today)
	}
	var out []sim.Transaction
	for i, l := range a.Ledgers {
		ledger, left, first := fmt.Sprint(i), l.Balance, day
		for _, t := range a.Transactions {
			if t.LedgerNumber == ledger {
				left -= t.Signed()
				first = min(first, t.Date)
			}
		}
		if left == 0 {
			continue
		}
		t := sim.Transaction{LedgerNumber: ledger, Date: first, Amount: left, Type: "CREDIT", Reason: "BALANCE_TRANSFER", DisplayNote: "Balance brought forward"}
		if left < 0 {
			t.Amount, t.Type = -left, "CHARGE"
		}
		out = append(out, t)
	}
	return out
}

// supplyStart is the first day any of the account's homes is supplied ("" for none).
func supplyStart(a *sim.Account) string {
	start := ""
	for _, p := range a.Properties {
		if p.OccupiedFrom != "" && (start == "" || p.OccupiedFrom < start) {
			start = p.OccupiedFrom
		}
	}
	return start
}

// readCustomers reads the account's customers. A customer whose email a user of the
// world already signs in with is that user, given the new account as well
// (createAccount): Kraken's import validates no email as taken, and says a customer may
// already exist in Kraken.
func (in *accountIn) readCustomers(f *form) {
	forEachItem(f, "customers", listOpt{}, func(_ int, cf *form) {
		var u sim.User
		opt := strOpt{blank: true, nullable: true, max: 255}
		u.GivenName, _ = cf.str("given_name", opt)
		u.FamilyName, _ = cf.str("family_name", opt)
		u.Title, _ = cf.str("title", strOpt{blank: true, nullable: true, max: 32})
		u.Email, _ = cf.email("email", false)
		u.DateOfBirth, _ = cf.date("date_of_birth", false, true)
		for key, dst := range map[string]*string{"mobile": &u.Mobile, "landline": &u.Landline} {
			if p, ok := cf.str(key, strOpt{blank: true, nullable: true, max: 32}); ok && p != "" {
				if !phoneRe().MatchString(p) {
					cf.fail(key, fmt.Sprintf(msgBadPhone, p))
					continue
				}
				*dst = p
			}
		}
		in.customers = append(in.customers, u)
	})
}

func (in *accountIn) readSupplyAddresses(f *form, w *sim.World) {
	seen := map[string]bool{}
	forEachItem(f, "supply_addresses", listOpt{}, func(_ int, sf *form) {
		var p sim.Property
		p.OccupiedFrom, _ = sf.date("customer_at_supply_address_from_date", true, false)
		p.OccupiedTo, _ = sf.date("customer_at_supply_address_to_date", false, true)
		p.EmbeddedNetwork, _ = sf.str("embedded_network_code", strOpt{blank: true, nullable: true, max: 512})
		if addr, ok := sf.object("supply_address", false); ok {
			af := newForm(addr)
			p.Address = readRichAddress(af)
			sf.nest("supply_address", af.errs)
		} else {
			for j := 1; j <= 5; j++ {
				if l, ok := sf.str(fmt.Sprintf("supply_address%d", j), strOpt{blank: true, nullable: true, max: 255}); ok && l != "" {
					p.Address.Lines = append(p.Address.Lines, l)
				}
			}
			p.Address.Postcode, _ = sf.str("supply_postcode", strOpt{blank: true, nullable: true, max: 16})
			p.Address.CountryCode = "GB"
			switch {
			case len(p.Address.Lines) == 0 || p.Address.Postcode == "":
				sf.nonField(msgAddressRequired)
			case !sim.IsUKPostcode(p.Address.Postcode):
				sf.fail("supply_postcode", fmt.Sprintf(msgBadPostcode, p.Address.Postcode, "GB"))
			}
		}
		forEachItem(sf, "meter_points", listOpt{required: true, nonEmpty: true}, func(_ int, mf *form) {
			in.readMeterPoint(mf, &p, w, seen)
		})
		in.account.Properties = append(in.account.Properties, p)
	})
}

// readBritishMeterPoint adds the meter point of a supply in Great Britain: a 13-digit
// MPAN with its check digit for electricity, or a 6- to 10-digit MPRN for gas; false,
// with the problem reported, when it cannot.
func readBritishMeterPoint(mf *form, p *sim.Property, w *sim.World, id string, meters []sim.ElectricityMeter, agreements []sim.Agreement) bool {
	if !sim.IsDigits(id) || !(len(id) == 13 || len(id) >= 6 && len(id) <= 10) {
		mf.fail("mpxn", fmt.Sprintf(msgBadMPXN, id))
		return false
	}
	if len(id) == 13 {
		if want, _ := sim.MPANCheckDigit(id[:12]); want != id[12] {
			mf.fail("mpxn", fmt.Sprintf(msgBadCheckDigit, id))
			return false
		}
	}
	if owner := meterPointOwner(w, id); owner != "" {
		mf.fail("mpxn", fmt.Sprintf(msgMPXNTaken, id, owner))
		return false
	}
	if len(id) == 13 {
		p.ElectricityMeterPoints = append(p.ElectricityMeterPoints, sim.ElectricityMeterPoint{MPAN: id, Meters: meters, Agreements: agreements})
		return true
	}
	p.GasMeterPoints = append(p.GasMeterPoints, sim.GasMeterPoint{MPRN: id, Meters: gasMeters(meters), Agreements: agreements})
	return true
}

// readAustralianMeterPoint adds the meter point of a supply in Australia: an NMI (ten
// digits or capital letters) for electricity, or a MIRN (ten digits, or eleven with its
// checksum, from the gas networks' 5… blocks) for gas; false, with the problem
// reported, when it cannot.
func readAustralianMeterPoint(mf *form, p *sim.Property, w *sim.World, id string, meters []sim.ElectricityMeter, agreements []sim.Agreement) bool {
	gas := sim.IsDigits(id) && id[0] == '5' && (len(id) == 10 || len(id) == 11)
	if !gas && !sim.IsNMI(id) {
		mf.fail("mpxn", fmt.Sprintf(msgBadAustralianMPXN, id))
		return false
	}
	if owner := meterPointOwner(w, id); owner != "" {
		mf.fail("mpxn", fmt.Sprintf(msgMPXNTaken, id, owner))
		return false
	}
	if gas {
		p.GasMeterPoints = append(p.GasMeterPoints, sim.GasMeterPoint{MIRN: id, Meters: gasMeters(meters), Agreements: agreements})
	} else {
		p.ElectricityMeterPoints = append(p.ElectricityMeterPoints, sim.ElectricityMeterPoint{NMI: id, Meters: meters, Agreements: agreements})
	}
	return true
}

// gasMeters are the meters an import lists, as a gas supply's.
func gasMeters(meters []sim.ElectricityMeter) []sim.GasMeter {
	var out []sim.GasMeter
	for _, m := range meters {
		out = append(out, sim.GasMeter{SerialNumber: m.SerialNumber, ActiveFrom: m.ActiveFrom, ActiveTo: m.ActiveTo, Readings: m.Readings})
	}
	return out
}

// meterPointOwner is the number of the account with a meter point of that identifier,
// electricity or gas; "" for none.
func meterPointOwner(w *sim.World, id string) string {
	if a, _ := w.ElectricityMeterPoint(id); a != nil {
		return a.Number
	}
	if a, _ := w.GasMeterPoint(id); a != nil {
		return a.Number
	}
	return ""
}

// readRichAddress reads a structured supply address.
func readRichAddress(af *form) sim.Address {
	var addr sim.Address
	req := strOpt{required: true, max: 255}
	area, _ := af.str("administrative_area", req)
	country, _ := af.str("country", strOpt{required: true, max: 2})
	locality, _ := af.str("locality", req)
	postcode, pOK := af.str("postal_code", strOpt{required: true, max: 16})
	addr.CountryCode, addr.Postcode = strings.ToUpper(country), postcode
	if st, ok := af.object("structured_street_address", true); ok {
		sf := newForm(st)
		parts := map[string]string{}
		for _, k := range []string{"flat_or_unit_type", "flat_or_unit_number", "building_or_property_name", "house_number_1", "street_name", "street_type"} {
			parts[k], _ = sf.str(k, strOpt{blank: true, nullable: true, max: 255})
		}
		if parts["street_name"] == "" && parts["building_or_property_name"] == "" {
			sf.fail("street_name", msgRequired)
		}
		af.nest("structured_street_address", sf.errs)
		if unit := strings.TrimSpace(parts["flat_or_unit_type"] + " " + parts["flat_or_unit_number"]); unit != "" {
			addr.Lines = append(addr.Lines, unit)
		}
		if parts["building_or_property_name"] != "" {
			addr.Lines = append(addr.Lines, parts["building_or_property_name"])
		}
		if street := strings.TrimSpace(strings.Join(strings.Fields(parts["house_number_1"]+" "+parts["street_name"]+" "+parts["street_type"]), " ")); street != "" {
			addr.Lines = append(addr.Lines, street)
		}
	}
	for _, l := range []string{locality, area} {
		if l != "" && len(addr.Lines) < 5 {
			addr.Lines = append(addr.Lines, l)
		}
	}
	if pOK {
		switch addr.CountryCode {
		case "GB", "":
			if !sim.IsUKPostcode(postcode) {
				af.fail("postal_code", fmt.Sprintf(msgBadPostcode, postcode, "GB"))
			}
		case "AU":
			if !auPostcodeRe().MatchString(postcode) {
				af.fail("postal_code", fmt.Sprintf(msgBadPostcode, postcode, "AU"))
			}
		}
	}
	return addr
}

// readMeterPoint reads one meter point into the property: in Great Britain 13 digits
// are an MPAN, 6 to 10 an MPRN; in Australia an NMI or a MIRN.
func (in *accountIn) readMeterPoint(mf *form, p *sim.Property, w *sim.World, seen map[string]bool) {
	mpxn, ok := mf.str("mpxn", strOpt{required: true, max: 64})
	start, _ := mf.date("supply_start_date", false, true)
	end, _ := mf.date("supply_end_date", false, true)
	meters, _ := eachItem(mf, "meters", listOpt{}, func(_ int, ef *form) sim.ElectricityMeter {
		var m sim.ElectricityMeter
		m.SerialNumber, _ = ef.str("meter_serial_number", strOpt{required: true, max: 64})
		m.ActiveFrom, _ = ef.date("installed_on", false, true)
		if removed, ok := ef.date("removed_on", false, true); ok && m.ActiveFrom != "" && removed < m.ActiveFrom {
			ef.fail("removed_on", "removed_on must not be before installed_on.")
		} else {
			m.ActiveTo = removed
		}
		m.Readings, m.Registers = in.readReadings(ef)
		return m
	})
	agreements, _ := eachItem(mf, "agreements", listOpt{}, func(_ int, gf *form) sim.Agreement {
		var ag sim.Agreement
		if ag.TariffCode, _ = gf.str("tariff_code", strOpt{required: true, max: 128}); ag.TariffCode != "" {
			ag.ProductCode, _ = in.products(ag.TariffCode)
		}
		ag.ValidFrom, _ = gf.date("effective_from", true, false)
		ag.ValidTo, _ = gf.date("effective_to", false, true)
		if ag.ValidFrom != "" && ag.ValidTo != "" && ag.ValidTo < ag.ValidFrom {
			gf.fail("effective_to", "effective_to must not be before effective_from.")
		}
		if at, ok := gf.datetime("agreed_at", false); ok && !at.IsZero() {
			ag.AgreedAt = at
		}
		return ag
	})
	if !ok {
		return
	}
	if seen[mpxn] {
		mf.fail("mpxn", fmt.Sprintf(msgMPXNTwice, mpxn))
		return
	}
	read := readBritishMeterPoint
	if p.Address.CountryCode == "AU" {
		read = readAustralianMeterPoint
	}
	if !read(mf, p, w, mpxn, meters, agreements) {
		return
	}
	seen[mpxn] = true
	in.supply[mpxn] = [2]string{start, end}
	if start != "" && (p.OccupiedFrom == "" || start < p.OccupiedFrom) {
		p.OccupiedFrom = start
	}
	in.mpxns = append(in.mpxns, mpxn)
}

// readReadings reads a meter's registers, each id once, and its reading_history and
// transfer_readings (the reading its previous supplier last billed to, Kraken's
// opening one) as its readings, oldest first, each of one of those registers (register
// 1 when it lists none), taken at the start of its day.
func (in *accountIn) readReadings(ef *form) ([]sim.MeterReading, []string) {
	declared, _ := eachItem(ef, "registers", listOpt{}, func(_ int, rf *form) string {
		id, _ := rf.str("register_id", strOpt{required: true, max: 32})
		rf.date("last_billed_to_date", false, true)
		return id
	})
	for i, id := range declared {
		if id != "" && slices.Contains(declared[:i], id) {
			ef.fail("registers", fmt.Sprintf(msgRegisterTwice, id))
		}
	}
	registers := declared
	if len(registers) == 0 {
		registers = []string{"1"}
	}
	var out []sim.MeterReading
	for _, key := range []string{"reading_history", "transfer_readings"} {
		rs, _ := eachItem(ef, key, listOpt{}, func(_ int, rf *form) sim.MeterReading {
			var r sim.MeterReading
			r.Register, _ = rf.str("register_id", strOpt{required: true, max: 32})
			if r.Register != "" && !slices.Contains(registers, r.Register) {
				rf.fail("register_id", fmt.Sprintf(msgReadingRegister, r.Register))
			}
			if d, ok := rf.date("reading_date", true, false); ok {
				r.ReadAt, _ = time.ParseInLocation(time.DateOnly, d, in.zone)
			}
			if v, ok := rf.decimal("reading_value", true, units4); ok {
				f, _ := v.rat().Float64()
				if f < 0 {
					rf.fail("reading_value", msgNegativeReading)
				}
				r.Value = f
			}
			r.Source, _ = rf.choice("reading_type", true, readingTypes)
			rf.boolean("billed", false)
			return r
		})
		out = append(out, rs...)
	}
	slices.SortStableFunc(out, func(x, y sim.MeterReading) int { return x.ReadAt.Compare(y.ReadAt) })
	return out, declared
}

// supplyStatus is a meter point's status as its supply dates leave it today: on supply
// from its supply_start_date (or with none given) until its supply_end_date; "" before
// it starts (registering), OFF_SUPPLY after it ends.
func (in *accountIn) supplyStatus(mpxn, today string) string {
	switch d := in.supply[mpxn]; {
	case d[1] != "" && d[1] <= today:
		return "OFF_SUPPLY"
	case d[0] > today:
		return ""
	}
	return "ON_SUPPLY"
}

// scheduleIDsOf are the ids of an account's payment schedules.
func scheduleIDsOf(a *sim.Account) []string {
	ids := make([]string, 0, len(a.PaymentSchedules))
	for _, s := range a.PaymentSchedules {
		ids = append(ids, s.ID)
	}
	return ids
}

// statementIDsOf are the ids of every statement state holds in the world.
func statementIDsOf(w *sim.World) []string {
	var ids []string
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, st := range a.Statements {
			ids = append(ids, st.ID)
		}
	}
	return ids
}

// sumBalances is what the ledgers' balances add up to.
func sumBalances(ledgers []sim.Ledger) int {
	sum := 0
	for _, l := range ledgers {
		sum += l.Balance
	}
	return sum
}

// readLedgers reads the ledgers, each of the ledger type its ledger_code names, and
// their transactions, and the top-level statement fields that stand for a single
// ledger; whether any ledger gives its balance.
func (in *accountIn) readLedgers(f *form, today string, types []string) (balanced bool) {
	a := &in.account
	closing := func(lf *form) {
		if d, ok := lf.date("last_statement_closing_date", false, true); ok {
			id := fmt.Sprintf("closing-%d", len(a.Statements))
			a.Statements = append(a.Statements, sim.Statement{ID: id, Number: id, BillPeriodFrom: d, BillPeriodTo: d})
		}
		lf.date("last_statement_issue_date", false, true)
		lf.decimal("last_statement_balance", false, money)
	}
	addTxs := func(lf *form, ledger int) {
		for _, key := range []string{"historical_statement_transactions", "current_statement_transactions"} {
			for _, t := range readTransactions(lf, key, false, today) {
				t.tx.LedgerNumber = fmt.Sprint(ledger)
				a.Transactions = append(a.Transactions, t.tx)
			}
		}
	}
	closing(f)
	addTxs(f, 0)
	forEachItem(f, "ledgers", listOpt{}, func(i int, lf *form) {
		var l sim.Ledger
		l.LedgerType, _ = readLedgerCode(lf, true, types)
		l.Name = ledgerName(l.LedgerType)
		if b, ok := lf.decimal("ledger_balance", false, money); ok {
			l.Balance, balanced = int(b.minorUnits()), true
		}
		closing(lf)
		addTxs(lf, i)
		a.Ledgers = append(a.Ledgers, l)
	})
	return balanced
}

// flatErrors lists a form's nested errors as the v2 API's {"detail", "code", "attr"}
// entries, attr being the dotted path.
func flatErrors(errs map[string]any) []map[string]any {
	var out []map[string]any
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case []string:
			for _, msg := range v {
				out = append(out, map[string]any{"detail": msg, "code": errorCode(msg), "attr": prefix})
			}
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(join(prefix, k), v[k])
			}
		case []any:
			if isMessages(v) {
				for _, msg := range v {
					walk(prefix, []string{msg.(string)})
				}
				return
			}
			for i, item := range v {
				walk(join(prefix, fmt.Sprint(i)), item)
			}
		}
	}
	walk("", errs)
	return out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// errorCode is the machine-readable code of a field error message.
func errorCode(msg string) string {
	switch {
	case msg == msgRequired:
		return "required"
	case msg == msgNull:
		return "null"
	case msg == msgBlank:
		return "blank"
	case strings.HasSuffix(msg, "is not a valid phone number"):
		return "invalid_phone_number"
	case strings.HasSuffix(msg, "is not a valid choice."):
		return "invalid_choice"
	case msg == msgLedgerSum:
		return "ledger_balances_not_equal_to_transfer_balance"
	case strings.Contains(msg, "is already on account"):
		return "meter_point_already_exists"
	case strings.Contains(msg, "is not a ledger type of this Kraken"):
		return "ledger_code_does_not_exist"
	case strings.HasPrefix(msg, "Register ") && strings.HasSuffix(msg, "is given more than once."):
		return "meter_with_duplicate_register_ids"
	case strings.HasPrefix(msg, "Ensure"):
		return "max_length"
	}
	return "invalid"
}

func (c *call) alreadyImported(in *accountIn) *sim.HTTPResponse {
	a := c.world().AccountByExternal(in.ref.supplier, in.ref.external)
	if a == nil {
		return nil
	}
	return sim.JSONResponse(400, map[string]any{
		"non_field_errors": map[string]any{"detail": fmt.Sprintf(msgAlreadyImported, in.ref.external), "code": codeAlreadyImported},
		"account_id":       a.Number,
	})
}

// checkAccount validates an account payload, answering the 400/403 to send, or nil. An
// account the caller's supplier imported already answers account_import_process_already_imported
// before any field is checked, so a retry of a sent payload is told it is done.
func (c *call) checkAccount(body map[string]any, code, msg string) (*accountIn, *sim.HTTPResponse) {
	problems := accountProblems(body)
	in, f := c.readAccount(body)
	if in.ref.supplier != "" && in.ref.external != "" && c.caller.mayActFor(in.ref.supplier) {
		if resp := c.alreadyImported(in); resp != nil {
			return nil, resp
		}
	}
	if problems != nil {
		hand, _ := indexed(f.errs).(map[string]any)
		return nil, sim.JSONResponse(400, map[string]any{"code": code, "detail": msg, "errors": flatErrors(mergeProblems(problems, hand))})
	}
	if !f.ok() {
		return nil, sim.JSONResponse(400, map[string]any{"code": code, "detail": msg, "errors": flatErrors(f.errs)})
	}
	if !c.caller.mayActFor(in.ref.supplier) {
		return nil, detail(403, msgForbidden)
	}
	return in, nil
}

// validateAccount answers POST /v2/data-import/accounts/validate/.
func validateAccount(c *call, body map[string]any) *sim.HTTPResponse {
	if _, resp := c.checkAccount(body, codeAccountInvalid, msgAccountInvalid); resp != nil {
		return resp
	}
	return sim.JSONResponse(200, map[string]any{})
}

// scheduleAccount answers POST /v2/data-import/accounts/: the account is created at
// once (Kraken does it asynchronously), or only checked in a dry run.
func scheduleAccount(c *call, body map[string]any) *sim.HTTPResponse {
	in, resp := c.checkAccount(body, codeScheduleInvalid, msgScheduleInvalid)
	if resp != nil {
		return resp
	}
	now := c.sess.Now().UTC().Truncate(time.Second)
	key := importKey{in.ref.supplier, in.ref.external}
	if in.dryRun {
		imports(c.sess)[key] = &importProcess{status: "DRY_RUN_SUCCEEDED", created: now, modified: now, event: "EVENT_ACCOUNT_IMPORT_PROCESS_DRY_RUN_SUCCEEDED"}
		return sim.JSONResponse(201, map[string]any{})
	}
	a := c.createAccount(in, now)
	imports(c.sess)[key] = &importProcess{status: "PROCESSED", account: a.Number, created: now, modified: now, event: "EVENT_ACCOUNT_IMPORT_PROCESS_PROCESSED"}
	return sim.JSONResponse(201, map[string]any{})
}

// createAccount adds the imported account, its users and its supply to the world.
func (c *call) createAccount(in *accountIn, now time.Time) *sim.Account {
	w := c.world()
	ids := w.IDs()
	a := in.account
	a.Number = w.NewAccountNumber(in.ref.supplier, in.ref.external)
	a.Status = "ACTIVE"
	if a.AccountType == "" {
		a.AccountType = "DOMESTIC"
	}
	a.Brand = cmp.Or(w.Brand(), defaultImportedBrand)
	a.CreatedAt = now
	a.ImportSupplier, a.ExternalAccountNumber = in.ref.supplier, in.ref.external
	a.References = []sim.AccountReference{{Namespace: in.ref.supplier, Value: in.ref.external}}
	mpid := ""
	if s := w.ImportSupplier(in.ref.supplier); s != nil {
		mpid = s.MPID
	}
	if len(a.Ledgers) == 0 {
		// The balance transferred opens the ledger, as it opens each of those listed.
		a.Ledgers = []sim.Ledger{{Name: "Main Ledger", Balance: a.Balance}}
	}
	for i := range a.Ledgers {
		l := &a.Ledgers[i]
		l.ID = ids.Next("ledger")
		l.Number = sim.LedgerNumber(a.Number, i)
		if l.LedgerType == "" {
			l.LedgerType, l.Name = "GENERAL_LEDGER", ledgerName("GENERAL_LEDGER")
		}
	}
	for _, pi := range in.instructions {
		pi.v.ID = nextID(paymentInstructionIDs(w), 400000)
		pi.v.LedgerNumber = onLedger(&a, pi.ledger)
		a.PaymentInstructions = append(a.PaymentInstructions, pi.v)
	}
	for _, ps := range in.schedules {
		ps.v.ID = nextID(append(scheduleIDs(w), scheduleIDsOf(&a)...), 81700)
		ps.v.LedgerNumber = onLedger(&a, ps.ledger)
		a.PaymentSchedules = append(a.PaymentSchedules, ps.v)
	}
	// Statements imported are numbered as Kraken numbers a statement it makes, their
	// statement_id kept as their reference.
	next := nextID(statementIDsOf(w), 800000)
	for i := range a.Statements {
		if st := &a.Statements[i]; st.Historical {
			st.ID, next = next, nextID([]string{next}, 0)
		}
	}
	a.Transactions = append(a.Transactions, transfers(&a, c.today())...)
	// The transactions are numbered on from the world's, as Kraken's sequence is one.
	for i := range a.Transactions {
		var li int
		fmt.Sscanf(a.Transactions[i].LedgerNumber, "%d", &li)
		a.Transactions[i].LedgerNumber = a.Ledgers[min(li, len(a.Ledgers)-1)].Number
		a.Transactions[i].ID, a.Transactions[i].ImportSupplier = w.NextTransactionID(), in.ref.supplier
	}
	for i := range a.Properties {
		p := &a.Properties[i]
		p.EachID(func(kind string, id *string) { *id = ids.Next(kind) })
		for j := range p.ElectricityMeterPoints {
			mp := &p.ElectricityMeterPoints[j]
			mp.CurrentSupplierMPID, mp.Status = mpid, in.supplyStatus(mp.Identifier(), c.today())
		}
		for j := range p.GasMeterPoints {
			mp := &p.GasMeterPoints[j]
			mp.CurrentSupplierMPID, mp.Status = mpid, in.supplyStatus(cmp.Or(mp.MPRN, mp.MIRN), c.today())
		}
	}
	for _, cu := range in.customers {
		if a.BillingName == "" {
			a.BillingName = strings.TrimSpace(cu.GivenName + " " + cu.FamilyName)
		}
		if cu.Email == "" {
			continue
		}
		if u := w.UserByEmail(cu.Email); u != nil {
			if !u.CanAccess(a.Number) {
				u = w.MutableUser(u.ID)
				u.AccountNumbers = append(u.AccountNumbers, a.Number)
			}
			continue
		}
		u := cu
		u.ID = ids.Next("user")
		u.Password = sim.DefaultPassword
		u.AccountNumbers = []string{a.Number}
		w.AddUser(&u)
	}
	w.AddAccount(&a)
	return &a
}
