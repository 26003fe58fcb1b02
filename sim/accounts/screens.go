package accounts

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Backend screens: the mobile app's screens that Kraken lays out (backendScreen) and the
// events their buttons trigger (backendScreenEvent), each registered by id
// (backendScreenIds, backendScreenEventIds). krakensim registers its own few, for the
// journeys its state keeps (a tenant's are its own and published nowhere): signing up
// to Octoplus and to Saving Sessions. A screen or an event takes the parameters it
// names: an unknown screen is KT-CT-8001 and an unknown event KT-CT-8002; a parameter
// a screen does not name is KT-CT-8005, one it needs and lacks (or an account the
// viewer does not hold) KT-CT-8008; an event's wrong or missing parameters are
// KT-CT-8007, an account that may not join Octoplus KT-GB-9310, and a sign-up the
// account's supply cannot make KT-CT-8004.

// screenParams are a screen's or an event's parameters by key.
type screenParams map[string]string

// backendScreen is a screen the app can ask for: the parameters it takes, and what it
// shows given them.
type backendScreen struct {
	name   string
	params []string
	items  func(w *env, a *sim.Account, p screenParams) []any
}

// backendEvent is an event a screen's button triggers: the parameters it takes (those
// after the first optional), and what it does.
type backendEvent struct {
	params   []string
	required int
	run      func(c *sim.Call, a *sim.Account, p screenParams) (obj, error)
}

// backendScreens are the screens krakensim registers, by id.
var backendScreens = map[string]backendScreen{
	"octoplus-sign-up":        {"Join Octoplus", []string{"accountNumber"}, octoplusSignUpItems},
	"octoplus-welcome":        {"Welcome to Octoplus", []string{"accountNumber"}, octoplusWelcomeItems},
	"saving-sessions-sign-up": {"Saving Sessions", []string{"accountNumber"}, savingSessionsItems},
}

// backendEvents are the events krakensim registers, by id.
var backendEvents = map[string]backendEvent{
	"join-octoplus":        {[]string{"accountNumber"}, 1, joinOctoplusEvent},
	"join-saving-sessions": {[]string{"accountNumber", "mpan"}, 1, joinSavingSessionsScreenEvent},
}

// readParams reads a [BackendScreenParamInputType] (key and value) into params.
func readParams(v any) (screenParams, bool) {
	out := screenParams{}
	items, _ := v.([]any)
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		key, value := str(m, "key"), str(m, "value")
		if _, twice := out[key]; twice {
			return nil, false
		}
		out[key] = value
	}
	return out, true
}

// paramList is params as [BackendScreenParam], in key order.
func paramList(p screenParams) []any {
	out := []any{}
	for _, k := range slices.Sorted(maps.Keys(p)) {
		out = append(out, obj{"key": k, "value": p[k]})
	}
	return out
}

// listScreenIDs answers backendScreenIds.
func listScreenIDs(_ context.Context, _ *sim.Call) (any, error) {
	return slices.Sorted(maps.Keys(backendScreens)), nil
}

// listScreenEventIDs answers backendScreenEventIds.
func listScreenEventIDs(_ context.Context, _ *sim.Call) (any, error) {
	return slices.Sorted(maps.Keys(backendEvents)), nil
}

// screenAccount is the account a screen's or an event's accountNumber names, when the
// viewer holds it; missing is the code for none or one the viewer does not hold.
func screenAccount(c *sim.Call, p screenParams, missing, unauthorized string) (*sim.Account, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	number := p["accountNumber"]
	if number == "" {
		return nil, c.ValidationError(missing, "Send the accountNumber parameter.", "params")
	}
	a := c.Session.World().Account(number)
	if a == nil || !u.CanAccess(number) {
		return nil, c.Error(unauthorized)
	}
	return a, nil
}

// getBackendScreen answers backendScreen: the screen laid out for the viewer.
func getBackendScreen(_ context.Context, c *sim.Call) (any, error) {
	id := c.StringArg("screenId")
	s, ok := backendScreens[id]
	if !ok {
		return nil, c.Error("KT-CT-8001")
	}
	p, ok := readParams(c.Arg("params"))
	if !ok {
		return nil, c.Error("KT-CT-8006")
	}
	for k := range p {
		if !slices.Contains(s.params, k) {
			return nil, c.ValidationError("KT-CT-8005", "Screen "+id+" takes no parameter "+strconv.Quote(k)+".", "params")
		}
	}
	a, err := screenAccount(c, p, "KT-CT-8008", "KT-CT-8008")
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(obj{"id": id, "name": s.name, "items": s.items(newEnv(c), a, p)})
	if err != nil {
		return nil, err
	}
	return obj{"__typename": "GenericBackendScreen", "name": s.name, "refreshFrequency": nil, "screenData": string(data)}, nil
}

// backendScreenEvent runs an event a screen's button triggered and answers the action
// that follows.
func backendScreenEvent(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	id := str(in, "eventId")
	e, ok := backendEvents[id]
	if !ok {
		return nil, c.ValidationError("KT-CT-8002", "No event has id "+strconv.Quote(id)+"; backendScreenEventIds lists them.", "input", "eventId")
	}
	p, ok := readParams(in["params"])
	if !ok {
		return nil, c.ValidationError("KT-CT-8007", "A parameter is sent twice.", "input", "params")
	}
	for k := range p {
		if !slices.Contains(e.params, k) {
			return nil, c.ValidationError("KT-CT-8007", "Event "+id+" takes no parameter "+strconv.Quote(k)+".", "input", "params")
		}
	}
	for _, k := range e.params[:e.required] {
		if p[k] == "" {
			return nil, c.ValidationError("KT-CT-8007", "Event "+id+" needs the parameter "+strconv.Quote(k)+".", "input", "params")
		}
	}
	if _, err := screenAccount(c, p, "KT-CT-8007", codeUnauthorized); err != nil {
		return nil, err
	}
	a := c.Session.World().MutableAccount(p["accountNumber"])
	action, err := e.run(c, a, p)
	if err != nil {
		return nil, err
	}
	return obj{"action": action}, nil
}

// joinOctoplusEvent signs the viewer up to Octoplus for the account, as
// joinOctoplusCampaign does, and shows the welcome.
func joinOctoplusEvent(c *sim.Call, a *sim.Account, p screenParams) (obj, error) {
	if octoplusIneligibility(a) != "" || statusOf(newEnv(c), a) != "ACTIVE" {
		return nil, c.Error("KT-GB-9310")
	}
	u, _, _ := c.Viewer()
	setPointsUser(c, a, u.ID)
	return screenAction("octoplus-welcome", screenParams{"accountNumber": a.Number}, false), nil
}

// joinSavingSessionsScreenEvent signs the account up to Saving Sessions with the smart
// import supply named (or its first), as joinSavingSessionsCampaign does, and closes
// the screen.
func joinSavingSessionsScreenEvent(c *sim.Call, a *sim.Account, p screenParams) (obj, error) {
	now := c.Session.Now()
	points := sessionMeterPoints(a, now.In(c.Session.Zone()).Format(time.DateOnly))
	mpan := p["mpan"]
	if mpan == "" && len(points) > 0 {
		mpan = points[0]["mpan"].(string)
	}
	switch {
	case statusOf(newEnv(c), a) != "ACTIVE" || sessionMeterPoint(points, mpan) == nil:
		return nil, c.ValidationError("KT-CT-8004", "Account "+a.Number+" has no smart import supply "+mpan+" to sign up with.", "input", "params")
	case a.SavingSessions != nil && a.SavingSessions.MPAN != mpan:
		return nil, c.ValidationError("KT-CT-8004", "Account "+a.Number+" is signed up with MPAN "+a.SavingSessions.MPAN+".", "input", "params")
	case a.SavingSessions == nil:
		a.SavingSessions = &sim.SavingSessions{MPAN: mpan, JoinedAt: now.UTC().Truncate(time.Second)}
	}
	return obj{"__typename": "CloseActionType", "typeName": "CloseActionType", "typename": "CloseActionType", "id": "close", "accessibilityHidden": false, "accessibilityLabel": "Close"}, nil
}

// screenAction is a ScreenActionType to another screen.
func screenAction(id string, p screenParams, allowBack bool) obj {
	return obj{"__typename": "ScreenActionType", "typeName": "ScreenActionType", "typename": "ScreenActionType",
		"id": "open-" + id, "screenId": id, "params": paramList(p), "allowBack": allowBack}
}

// eventAction is a BackendScreenEventActionType triggering an event.
func eventAction(id string, p screenParams) obj {
	return obj{"__typename": "BackendScreenEventActionType", "typeName": "BackendScreenEventActionType", "typename": "BackendScreenEventActionType",
		"id": id, "eventId": id, "params": paramList(p)}
}

// closeAction is a CloseActionType.
var closeAction = obj{"typename": "CloseActionType", "id": "close", "accessibilityLabel": "Close"}

func text(value, style string) obj {
	return obj{"typename": "TextType", "value": value, "textStyle": style}
}

func button(title string, action obj) obj {
	return obj{"typename": "RectangularButtonType", "title": title, "buttonStyle": "PRIMARY", "variant": "FILLED", "buttonAction": action}
}

// ineligibleWords tells why an account may not join Octoplus.
var ineligibleWords = map[string]string{
	"NO_PROPERTIES": "Octoplus is for accounts that supply a home; this one supplies none.",
}

func octoplusSignUpItems(w *env, a *sim.Account, p screenParams) []any {
	items := []any{text("Octoplus", "TITLE1")}
	switch why := octoplusIneligibility(a); {
	case why == "ALREADY_SIGNED_UP":
		return append(items, text("Account "+a.Number+" is signed up to Octoplus.", "BODY1"), button("Done", closeAction))
	case why != "" || statusOf(w, a) != "ACTIVE":
		reason := ineligibleWords[why]
		if reason == "" {
			reason = "Account " + a.Number + " cannot join Octoplus until its supply has started."
		}
		return append(items, text(reason, "BODY1"), button("Close", closeAction))
	}
	return append(items, text("Earn OctoPoints and claim rewards every week.", "BODY1"),
		button("Join", eventAction("join-octoplus", screenParams{"accountNumber": a.Number})), button("Not now", closeAction))
}

func octoplusWelcomeItems(w *env, a *sim.Account, p screenParams) []any {
	items := []any{text("Welcome to Octoplus", "TITLE1")}
	holder := w.User(a.LoyaltyPointsUserID)
	if holder == nil {
		return append(items, text("Account "+a.Number+" is not signed up to Octoplus.", "BODY1"),
			button("Join", screenAction("octoplus-sign-up", screenParams{"accountNumber": a.Number}, true)))
	}
	return append(items, text(strconv.Itoa(w.loyaltyPoints(holder))+" OctoPoints", "TITLE3"), button("Done", closeAction))
}

func savingSessionsItems(w *env, a *sim.Account, p screenParams) []any {
	items := []any{text("Saving Sessions", "TITLE1")}
	if ss := a.SavingSessions; ss != nil {
		return append(items, text("Signed up with MPAN "+ss.MPAN+" since "+ss.JoinedAt.In(w.zone).Format(time.DateOnly)+".", "BODY1"), button("Done", closeAction))
	}
	points := sessionMeterPoints(a, w.now.In(w.zone).Format(time.DateOnly))
	if len(points) == 0 || statusOf(w, a) != "ACTIVE" {
		return append(items, text("Saving Sessions need a smart meter that reads every half hour.", "BODY1"), button("Close", closeAction))
	}
	return append(items, text("Use less when the grid is busy and earn OctoPoints.", "BODY1"),
		button("Sign up", eventAction("join-saving-sessions", screenParams{"accountNumber": a.Number})), button("Not now", closeAction))
}
