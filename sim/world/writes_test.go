package world

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/krakensim/krakensim/sim/fake"
	"github.com/krakensim/krakensim/sim/graphql"
)

// writesSDL has the mutations real clients send to Octopus's smart-charging API, in the
// shapes its SDL gives them.
const writesSDL = `
type Query {
  registeredKrakenflexDevice(accountNumber: String!): KrakenFlexDeviceType
  vehicleChargingPreferences(accountNumber: String!): VehicleChargingPreferencesType
  devices(accountNumber: String!, deviceId: String): [SmartFlexDeviceInterface!]
  instruction(accountNumber: String!): PaymentInstructionType
  car(accountNumber: String!): Car
}
type Mutation {
  setVehicleChargePreferences(input: VehicleChargingPreferencesInput): SetVehicleChargingPreferences
  createChargingPreferences(input: VehicleChargingPreferencesInput): SetVehicleChargingPreferences
  suspendControl(input: AccountNumberInput): SuspendDeviceControl
  resumeControl(input: AccountNumberInput): ResumeDeviceControl
  updateDeviceSmartControl(input: SmartControlInput!): SmartFlexDeviceInterface
  renameDevice(deviceId: String!, name: String!): RenameDevice
  invalidatePaymentInstruction(input: InvalidateInput!): InvalidatePayment
  setDevicePreferences(input: SmartFlexDevicePreferencesInput!): SmartFlexDeviceInterface
  joinSavingSessionsEvent(input: JoinInput!): JoinSavingSessionsEvent
  cancelPayment(input: CancelPaymentInput!): CancelPayment
  removeDevice(deviceId: String!): RemoveDevice
  deleteCar(id: ID!): DeleteCar
  renameCar(id: ID!, make: String!): Car
}
type Car { id: ID! make: String }
type DeleteCar { car: Car }
type RemoveDevice { device: SmartFlexDeviceInterface }
input CancelPaymentInput { accountNumber: String! paymentId: ID! }
type CancelPayment { payment: PaymentType }
type PaymentType { id: ID! status: PaymentStatus amount: Int }
enum PaymentStatus { PENDING CLEARED CANCELLED FAILED }
input JoinInput { accountNumber: String! eventCode: String! }
type JoinSavingSessionsEvent { joinedEventCodes: [String] accountNumber: String eventCode: Int }
input SmartFlexDevicePreferencesInput { deviceId: ID! mode: ControlMode! unit: ControlUnit! schedules: [SmartFlexDeviceScheduleInput!] }
input SmartFlexDeviceScheduleInput { dayOfWeek: DayOfWeek! time: Time! min: Int max: Int }
enum ControlMode { CHARGE EXPORT }
enum ControlUnit { PERCENTAGE KILOWATT_HOURS }
enum DayOfWeek { MONDAY TUESDAY }
scalar Time
type SmartFlexDevicePreferences { mode: ControlMode unit: ControlUnit targetType: String schedules: [SmartFlexDeviceSchedule] }
type SmartFlexDeviceSchedule { dayOfWeek: DayOfWeek time: Time min: Int max: Float }
input AccountNumberInput { accountNumber: String! }
input VehicleChargingPreferencesInput { accountNumber: String! weekdayTargetTime: String! weekdayTargetSoc: Int!
  weekendTargetTime: String! weekendTargetSoc: Int! targetType: String }
input SmartControlInput { deviceId: ID! action: SmartControlAction! }
input InvalidateInput { accountNumber: String! id: String! }
enum SmartControlAction { SUSPEND UNSUSPEND }
type KrakenFlexDeviceType { krakenflexDeviceId: ID suspended: Boolean vehicleMake: String }
type VehicleChargingPreferencesType { weekdayTargetTime: String weekdayTargetSoc: Int weekendTargetTime: String weekendTargetSoc: Int }
type SetVehicleChargingPreferences { krakenflexDevice: KrakenFlexDeviceType preferencesUpdated: Boolean success: Boolean failed: Boolean }
type SuspendDeviceControl { krakenflexDevice: KrakenFlexDeviceType }
type ResumeDeviceControl { krakenflexDevice: KrakenFlexDeviceType }
type RenameDevice { device: SmartFlexDeviceInterface }
type InvalidatePayment { instruction: PaymentInstructionType }
type PaymentInstructionType { id: Int status: String }
interface SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatusInterface preferences: SmartFlexDevicePreferences }
type SmartFlexVehicle implements SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus preferences: SmartFlexDevicePreferences }
type SmartFlexChargePoint implements SmartFlexDeviceInterface { id: ID! name: String status: SmartFlexDeviceStatus preferences: SmartFlexDevicePreferences }
interface SmartFlexDeviceStatusInterface { isSuspended: Boolean }
type SmartFlexDeviceStatus implements SmartFlexDeviceStatusInterface { isSuspended: Boolean current: String }
`

// session runs operations over writesSDL in one session's store.
type session struct {
	t    *testing.T
	exec *graphql.Executor
	env  *Env
}

func newSession(t *testing.T, size int) *session {
	t.Helper()
	return newSessionOf(t, writesSDL, size)
}

// newSessionOf is a session over the SDL sdl.
func newSessionOf(t *testing.T, sdl string, size int) *session {
	t.Helper()
	s := newSessionWith(t, sdl, Options{})
	s.env.Store = NewStore(size)
	return s
}

// newSessionWith is a session of a world of sdl made with opts.
func newSessionWith(t *testing.T, sdl string, opts Options) *session {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "writes.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	faker := fake.New(3)
	return &session{t: t, exec: graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, opts)}),
		env: &Env{Now: testNow, Store: NewStore(0)}}
}

// do runs an operation and returns the value at path in its data, failing on errors.
func (s *session) do(op string, path ...any) any {
	s.t.Helper()
	b, err := s.exec.Execute(WithEnv(context.Background(), s.env), &graphql.Request{Query: op}).MarshalJSON()
	if err != nil {
		s.t.Fatal(err)
	}
	var out struct {
		Data   any
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(b, &out); err != nil {
		s.t.Fatal(err)
	}
	if len(out.Errors) > 0 {
		s.t.Fatalf("%s: %v", op, out.Errors)
	}
	v := out.Data
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func TestMutationsWriteTheWorld(t *testing.T) {
	const device = `{ registeredKrakenflexDevice(accountNumber: "A-1") { krakenflexDeviceId suspended } }`
	tests := []struct {
		name string
		ops  []string // run in order; the last one's answer at path is checked
		path []any
		want any
	}{
		{"a payload answers the owner's entity", []string{`mutation { suspendControl(input: {accountNumber: "A-1"}) { krakenflexDevice { krakenflexDeviceId } } }`},
			[]any{"suspendControl", "krakenflexDevice", "krakenflexDeviceId"}, "same as registeredKrakenflexDevice"},
		{"the input's values are what the owner's object reads", []string{
			`mutation { setVehicleChargePreferences(input: {accountNumber: "A-1", weekdayTargetTime: "07:30", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { krakenflexDevice { krakenflexDeviceId } } }`,
			`{ vehicleChargingPreferences(accountNumber: "A-1") { weekdayTargetTime weekdayTargetSoc weekendTargetTime weekendTargetSoc } }`},
			[]any{"vehicleChargingPreferences"}, map[string]any{"weekdayTargetTime": "07:30", "weekdayTargetSoc": 80.0, "weekendTargetTime": "09:00", "weekendTargetSoc": 90.0}},
		{"another owner's object is untouched", []string{
			`mutation { setVehicleChargePreferences(input: {accountNumber: "A-1", weekdayTargetTime: "07:30", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { krakenflexDevice { krakenflexDeviceId } } }`,
			`{ vehicleChargingPreferences(accountNumber: "A-2") { weekdayTargetSoc } }`},
			[]any{"vehicleChargingPreferences", "weekdayTargetSoc"}, "as before the mutation"},
		{"a verb ends in the status it names", []string{`mutation { cancelPayment(input: {accountNumber: "A-1", paymentId: "56"}) { payment { id } } }`,
			`mutation { cancelPayment(input: {accountNumber: "A-1", paymentId: "56"}) { payment { id status } } }`},
			[]any{"cancelPayment", "payment"}, map[string]any{"id": "56", "status": "CANCELLED"}},
		{"a payload echoes the input", []string{`mutation { joinSavingSessionsEvent(input: {accountNumber: "A-1", eventCode: "E-7"}) { joinedEventCodes accountNumber } }`},
			[]any{"joinSavingSessionsEvent"}, map[string]any{"joinedEventCodes": []any{"E-7"}, "accountNumber": "A-1"}},
		{"but not into a field of another type", []string{`mutation { joinSavingSessionsEvent(input: {accountNumber: "A-1", eventCode: "E-7"}) { eventCode } }`},
			[]any{"joinSavingSessionsEvent", "eventCode"}, "a number"},
		{"a payload says the mutation worked", []string{
			`mutation { setVehicleChargePreferences(input: {accountNumber: "A-3", weekdayTargetTime: "07:30", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { preferencesUpdated success } }`},
			[]any{"setVehicleChargePreferences"}, map[string]any{"preferencesUpdated": true, "success": true}},
		{"a mutation that makes something leaves the owner's objects as they were", []string{
			`mutation { createChargingPreferences(input: {accountNumber: "A-2", weekdayTargetTime: "07:30", weekdayTargetSoc: 80, weekendTargetTime: "09:00", weekendTargetSoc: 90}) { krakenflexDevice { krakenflexDeviceId } } }`,
			`{ vehicleChargingPreferences(accountNumber: "A-2") { weekdayTargetSoc } }`},
			[]any{"vehicleChargingPreferences", "weekdayTargetSoc"}, "as before the mutation"},
		{"a verb in the name sets its flag, in the payload", []string{`mutation { suspendControl(input: {accountNumber: "A-1"}) { krakenflexDevice { suspended } } }`},
			[]any{"suspendControl", "krakenflexDevice", "suspended"}, true},
		{"and in the next read", []string{`mutation { suspendControl(input: {accountNumber: "A-1"}) { krakenflexDevice { suspended } } }`, device},
			[]any{"registeredKrakenflexDevice", "suspended"}, true},
		{"resume clears it", []string{`mutation { suspendControl(input: {accountNumber: "A-1"}) { krakenflexDevice { suspended } } }`,
			`mutation { resumeControl(input: {accountNumber: "A-1"}) { krakenflexDevice { suspended } } }`, device},
			[]any{"registeredKrakenflexDevice", "suspended"}, false},
		{"a key in the input answers that entity", []string{`mutation { updateDeviceSmartControl(input: {deviceId: "77", action: SUSPEND}) { id } }`},
			[]any{"updateDeviceSmartControl", "id"}, "77"},
		{"an enum verb sets the flag on the entity's status", []string{`mutation { updateDeviceSmartControl(input: {deviceId: "77", action: SUSPEND}) { id } }`,
			`mutation { updateDeviceSmartControl(input: {deviceId: "77", action: SUSPEND}) { status { isSuspended } } }`},
			[]any{"updateDeviceSmartControl", "status", "isSuspended"}, true},
		{"and the opposite verb clears it", []string{`mutation { updateDeviceSmartControl(input: {deviceId: "77", action: SUSPEND}) { id } }`,
			`mutation { updateDeviceSmartControl(input: {deviceId: "77", action: UNSUSPEND}) { status { isSuspended } } }`},
			[]any{"updateDeviceSmartControl", "status", "isSuspended"}, false},
		{"plain arguments write the entity a payload field answers", []string{`mutation { renameDevice(deviceId: "78", name: "Garage") { device { id } } }`,
			`mutation { renameDevice(deviceId: "78", name: "Drive") { device { id name } } }`},
			[]any{"renameDevice", "device"}, map[string]any{"id": "78", "name": "Drive"}},
		{"input objects are read back by the entity's part that holds them", []string{
			`mutation { setDevicePreferences(input: {deviceId: "79", mode: CHARGE, unit: PERCENTAGE, schedules: [{dayOfWeek: MONDAY, time: "07:00", max: 80}, {dayOfWeek: TUESDAY, time: "06:30", min: 10, max: 90}]}) { id } }`,
			`mutation { updateDeviceSmartControl(input: {deviceId: "79", action: SUSPEND}) { preferences { mode unit schedules { dayOfWeek time max } } } }`},
			[]any{"updateDeviceSmartControl", "preferences"}, map[string]any{"mode": "CHARGE", "unit": "PERCENTAGE", "schedules": []any{
				map[string]any{"dayOfWeek": "MONDAY", "time": "07:00", "max": 80.0}, map[string]any{"dayOfWeek": "TUESDAY", "time": "06:30", "max": 90.0}}}},
		{"a mutation that answers the entity it names writes to it", []string{`mutation { renameCar(id: "9", make: "Tesla") { id } }`,
			`mutation { deleteCar(id: "9") { car { id make } } }`},
			[]any{"deleteCar", "car"}, map[string]any{"id": "9", "make": "Tesla"}},
		{"a key that cannot be the entity's is not acted on", []string{`mutation { invalidatePaymentInstruction(input: {accountNumber: "A-1", id: "A-1"}) { instruction { id } } }`},
			[]any{"invalidatePaymentInstruction", "instruction", "id"}, "a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, 0)
			before := s.do(`{ registeredKrakenflexDevice(accountNumber: "A-1") { krakenflexDeviceId } vehicleChargingPreferences(accountNumber: "A-2") { weekdayTargetSoc } }`)
			var got any
			for _, op := range tt.ops {
				got = s.do(op)
			}
			for _, p := range tt.path {
				got = got.(map[string]any)[p.(string)]
			}
			want := tt.want
			switch want {
			case "same as registeredKrakenflexDevice":
				want = before.(map[string]any)["registeredKrakenflexDevice"].(map[string]any)["krakenflexDeviceId"]
			case "as before the mutation":
				want = before.(map[string]any)["vehicleChargingPreferences"].(map[string]any)["weekdayTargetSoc"]
			case "a number":
				if _, ok := got.(float64); !ok {
					t.Fatalf("got %#v, want a number", got)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestWritesStayInTheirSession(t *testing.T) {
	a, b := newSession(t, 0), newSession(t, 0)
	a.do(`mutation { suspendControl(input: {accountNumber: "A-1"}) { krakenflexDevice { suspended } } }`)
	fresh := newSession(t, 0).do(`{ registeredKrakenflexDevice(accountNumber: "A-1") { suspended } }`, "registeredKrakenflexDevice", "suspended")
	if got := b.do(`{ registeredKrakenflexDevice(accountNumber: "A-1") { suspended } }`, "registeredKrakenflexDevice", "suspended"); got != fresh {
		t.Errorf("another session reads suspended %v, a fresh one %v", got, fresh)
	}
	if got := a.do(`{ registeredKrakenflexDevice(accountNumber: "A-1") { suspended } }`, "registeredKrakenflexDevice", "suspended"); got != true {
		t.Errorf("the session that suspended reads %v", got)
	}
}

func TestWritesAreBounded(t *testing.T) {
	s := newSession(t, 3)
	for _, acct := range []string{"A-1", "A-2", "A-3", "A-4", "A-5"} {
		s.do(`mutation { suspendControl(input: {accountNumber: "` + acct + `"}) { krakenflexDevice { suspended } } }`)
	}
	if n := len(s.env.Store.writes); n > 3 {
		t.Errorf("a store of 3 keeps the writes of %d objects", n)
	}
	if got := s.do(`{ registeredKrakenflexDevice(accountNumber: "A-5") { suspended } }`, "registeredKrakenflexDevice", "suspended"); got != true {
		t.Errorf("the newest write reads %v", got)
	}
}

func TestInputsThatHoldThemselves(t *testing.T) {
	const sdl = `type Query { rule(accountNumber: String!): Rule }
type Mutation { setRule(input: SetRuleInput!): Rule }
input SetRuleInput { accountNumber: String! x: Int! and: [RuleInput!] or: RuleInput }
input RuleInput { x: Int! and: [RuleInput!] or: RuleInput }
type Rule { x: Int and: [Rule] or: Rule }`
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "self.graphql", Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	faker := fake.New(3)
	exec := graphql.New(s, graphql.Options{Faker: faker, Generator: New(s, faker, Options{}), MaxDepth: 12})
	env := &Env{Now: testNow, Store: NewStore(0)}
	run := func(q string) map[string]any {
		t.Helper()
		resp := exec.Execute(WithEnv(context.Background(), env), &graphql.Request{Query: q})
		b, _ := resp.MarshalJSON()
		var out struct {
			Data   map[string]any
			Errors []any
		}
		if err := json.Unmarshal(b, &out); err != nil || len(out.Errors) > 0 {
			t.Fatalf("%s: %s", q, b)
		}
		return out.Data
	}
	run(`mutation { setRule(input: {accountNumber: "A-1", x: 1, and: [{x: 2, or: {x: 3}}]}) { x } }`)
	got := run(`{ rule(accountNumber: "A-1") { x and { x or { x } } } }`)["rule"]
	want := map[string]any{"x": 1.0, "and": []any{map[string]any{"x": 2.0, "or": map[string]any{"x": 3.0}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}
}

func TestSucceededNames(t *testing.T) {
	for name, want := range map[string]bool{
		"preferencesUpdated": true, "success": true, "ok": true, "isAccepted": true, "paymentCancelled": true,
		"failed": false, "isRejected": false, "suspended": false, "isActive": false, "paymentRequired": false, "count": false,
	} {
		if got := succeeded(name); got != want {
			t.Errorf("succeeded(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestEndedBy(t *testing.T) {
	for _, c := range []struct {
		verb, status string
		want         bool
	}{
		{"cancel", "cancelled", true}, {"cancel", "canceled", true}, {"close", "closed", true}, {"withdraw", "withdrawn", true},
		{"submit", "submitted", true}, {"approve", "approved", true}, {"end", "ended", true},
		{"cancel", "cancellation", false}, {"set", "settled", false}, {"go", "god", false},
	} {
		if got := endedBy(c.verb, c.status); got != c.want {
			t.Errorf("endedBy(%q, %q) = %v", c.verb, c.status, got)
		}
	}
}

func TestRemovedEntitiesAreGone(t *testing.T) {
	s := newSession(t, 0)
	var account string
	var devices []any
	for _, a := range []string{"A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7", "A-8"} {
		if devices, _ = s.do(`{ devices(accountNumber: "`+a+`") { id } }`, "devices").([]any); len(devices) > 0 {
			account = a
			break
		}
	}
	if len(devices) == 0 {
		t.Fatal("no account of eight has a device")
	}
	id := devices[0].(map[string]any)["id"].(string)
	if got := s.do(`mutation { removeDevice(deviceId: "`+id+`") { device { id } } }`, "removeDevice", "device", "id"); got != id {
		t.Fatalf("removeDevice answered %v, want the device %s", got, id)
	}
	for _, d := range s.do(`{ devices(accountNumber: "`+account+`") { id } }`, "devices").([]any) {
		if d.(map[string]any)["id"] == id {
			t.Errorf("the list still holds device %s", id)
		}
	}
	if got := s.do(`{ devices(accountNumber: "`+account+`", deviceId: "`+id+`") { id } }`, "devices").([]any); len(got) != 0 {
		t.Errorf("looking the device up answered %v", got)
	}
	if got := newSession(t, 0).do(`{ devices(accountNumber: "`+account+`", deviceId: "`+id+`") { id } }`, "devices").([]any); len(got) != 1 {
		t.Errorf("another session lost the device too: %v", got)
	}
	car := s.do(`{ car(accountNumber: "A-1") { id } }`, "car", "id").(string)
	if got := s.do(`mutation { deleteCar(id: "`+car+`") { car { id } } }`, "deleteCar", "car", "id"); got != car {
		t.Fatalf("deleteCar answered car %v, want %s", got, car)
	}
	if got := s.do(`{ car(accountNumber: "A-1") { id } }`, "car"); got != nil {
		t.Errorf("the owner's deleted car still reads %v", got)
	}
}

// TestEndState checks the status a verb leaves behind: its own participle first, else
// one of its synonyms' (a confirmed appointment is BOOKED), else none.
func TestEndState(t *testing.T) {
	enum := func(values ...string) *ast.Definition {
		d := &ast.Definition{Kind: ast.Enum, Name: "Status"}
		for _, v := range values {
			d.EnumValues = append(d.EnumValues, &ast.EnumValueDefinition{Name: v})
		}
		return d
	}
	for _, c := range []struct {
		verb   string
		values []string
		want   string
	}{
		{"confirm", []string{"BOOKED", "COMPLETED", "ABORTED", "CANCELLED"}, "BOOKED"},
		{"confirm", []string{"SCHEDULED", "CONFIRMED", "BOOKED"}, "CONFIRMED"},
		{"book", []string{"PENDING", "CONFIRMED"}, "CONFIRMED"},
		{"cancel", []string{"BOOKED", "CANCELLED"}, "CANCELLED"},
		{"confirm", []string{"PENDING", "COMPLETED"}, ""},
	} {
		if got := endState(enum(c.values...), c.verb); got != c.want {
			t.Errorf("endState(%v, %q) = %q, want %q", c.values, c.verb, got, c.want)
		}
	}
}
