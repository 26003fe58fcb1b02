package world

import (
	"math"
	"testing"
)

// refsSDL is Kraken's Saving Sessions: the events, and the events an account joined,
// which name them by id.
const refsSDL = `type Query { savingSessions: SavingSessionsType }
type SavingSessionsType {
  account(accountNumber: String!): SavingSessionsAccountType
  events(getDevEvents: Boolean): [SavingSessionsEventType]
}
type SavingSessionsAccountType { hasJoinedCampaign: Boolean joinedEvents: [SavingSessionsAccountJoinedEventsType] }
type SavingSessionsEventType { id: Int code: String startAt: DateTime endAt: DateTime status: SavingSessionsAccountEventStatus rewardPerKwhInOctoPoints: Int }
type SavingSessionsAccountJoinedEventsType {
  eventId: Int startAt: DateTime endAt: DateTime
  rewardGivenInOctoPoints: Int energySavedInKwh: Float
  status: SavingSessionsAccountEventResultStatusChoices eventStatus: SavingSessionsAccountEventStatus
}
enum SavingSessionsAccountEventStatus { UPCOMING ONGOING DONE }
enum SavingSessionsAccountEventResultStatusChoices { NONE CALCULATING UPCOMING SUCCESS PARTIAL_SUCCESS FAIL MISSING_READINGS }
scalar DateTime`

// TestJoinedEventsAreEvents: each event an account joined is one of the events, by id
// and over its time; its status follows its time, as the event's does, what came of it
// is known only once it is over, and its reward is the event's points per kWh for what
// it saved.
func TestJoinedEventsAreEvents(t *testing.T) {
	w := newSDLWorld(t, refsSDL, Options{})
	joined, failed, rewarded := 0, 0, 0
	for _, acct := range []string{"A-C90DC431", "A-7B3E9D12", "A-0F4A2B19", "A-B1A2C3D4", "A-00000001", "A-00000002", "A-00000003", "A-00000004"} {
		data := w.ask(`query($a: String!) { savingSessions { events { id startAt endAt status rewardPerKwhInOctoPoints }
			account(accountNumber: $a) { joinedEvents { eventId startAt endAt status eventStatus rewardGivenInOctoPoints energySavedInKwh } } } }`, map[string]any{"a": acct})
		ss := data["savingSessions"].(map[string]any)
		events := map[any]map[string]any{}
		for _, e := range ss["events"].([]any) {
			events[e.(map[string]any)["id"]] = e.(map[string]any)
		}
		for _, j := range ss["account"].(map[string]any)["joinedEvents"].([]any) {
			j := j.(map[string]any)
			joined++
			e, ok := events[j["eventId"]]
			if !ok {
				t.Errorf("%s joined event %v, which is not among the events", acct, j["eventId"])
				continue
			}
			if j["startAt"] != e["startAt"] || j["endAt"] != e["endAt"] || j["eventStatus"] != e["status"] {
				t.Errorf("%s joined %v over %v–%v (%v); the event is %v–%v (%v)", acct, j["eventId"], j["startAt"], j["endAt"], j["eventStatus"], e["startAt"], e["endAt"], e["status"])
			}
			if e["status"] != "DONE" && (j["rewardGivenInOctoPoints"] != nil || j["energySavedInKwh"] != nil) {
				t.Errorf("%s was rewarded for event %v, which is %v", acct, j["eventId"], e["status"])
			}
			if saved, ok := j["energySavedInKwh"].(float64); ok && saved > 0 {
				rewarded++
				if want := math.Round(e["rewardPerKwhInOctoPoints"].(float64) * saved); j["rewardGivenInOctoPoints"] != want {
					t.Errorf("%s saved %v kWh in event %v at %v points a kWh and was given %v points, want %v",
						acct, saved, j["eventId"], e["rewardPerKwhInOctoPoints"], j["rewardGivenInOctoPoints"], want)
				}
			}
			switch j["status"] {
			case "FAIL", "MISSING_READINGS", "NONE":
				failed++
				if e["status"] == "DONE" && (j["rewardGivenInOctoPoints"] != 0.0 || j["energySavedInKwh"] != 0.0) {
					t.Errorf("%s was given %v points and saved %v kWh in event %v, which it took part in with %v",
						acct, j["rewardGivenInOctoPoints"], j["energySavedInKwh"], j["eventId"], j["status"])
				}
			}
		}
	}
	if joined == 0 || failed == 0 || rewarded == 0 {
		t.Errorf("%d events joined, %d of them failed, %d rewarded; want some of each", joined, failed, rewarded)
	}
}
