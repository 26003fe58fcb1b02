package world

import (
	"fmt"
	"testing"
)

// TestFailureIsOnlyWhatFailed: what went wrong with an object (a task's error, a
// rollover's failure reason, a card validation's failure) is said only when its status
// or its validity flag says it failed, nothing (or an empty string, where it may not be
// null) otherwise.
func TestFailureIsOnlyWhatFailed(t *testing.T) {
	const sdl = `type Query { taskResult(taskId: String!): TaskResult rollovers: [AgreementRolloverType] validations: [ConcessionCardValidationType] }
type ConcessionCardValidationType { id: ID! isCardValid: Boolean! failureCode: String failureReason: String }
type TaskResult { status: TaskStatusEnum result: String error: String }
enum TaskStatusEnum { STARTED FAILED FINISHED }
type AgreementRolloverType { id: ID! status: AgreementRolloverStatus! failureReason: String! }
enum AgreementRolloverStatus { PENDING REJECTED ENQUEUED ERROR COMPLETED }`
	w := newSDLWorld(t, sdl, Options{})
	seen := map[string]bool{}
	for i := range 40 {
		data := w.ask(`query($id: String!) { taskResult(taskId: $id) { status error } rollovers { status failureReason }
			validations { isCardValid failureCode failureReason } }`, map[string]any{"id": fmt.Sprint("task-", i)})
		task := data["taskResult"].(map[string]any)
		want := map[bool]any{true: "The task failed.", false: nil}[task["status"] == "FAILED"]
		if task["error"] != want {
			t.Errorf("a task %v: error %v, want %v", task["status"], task["error"], want)
		}
		seen[fmt.Sprint(task["status"])] = true
		for _, v := range data["validations"].([]any) {
			v := v.(map[string]any)
			valid := v["isCardValid"] == true
			seen[fmt.Sprint("valid ", valid)] = true
			if valid != (v["failureCode"] == nil) || valid != (v["failureReason"] == nil) ||
				!valid && v["failureReason"] != "The concession card validation failed." {
				t.Errorf("a card validation: %v", v)
			}
		}
		for _, r := range data["rollovers"].([]any) {
			r := r.(map[string]any)
			want := map[bool]any{true: "The agreement rollover failed.", false: ""}[r["status"] == "ERROR" || r["status"] == "REJECTED"]
			if r["failureReason"] != want {
				t.Errorf("a rollover %v: failure reason %q, want %q", r["status"], r["failureReason"], want)
			}
		}
	}
	if !seen["FAILED"] || !seen["valid true"] || !seen["valid false"] {
		t.Errorf("seen: %v; want a failed task and a valid and an invalid card", seen)
	}
}

// TestRejectionIsOnlyWhatWasRejected: why an application was turned down is said only
// when its status says it was; an approved one has no rejection reason.
func TestRejectionIsOnlyWhatWasRejected(t *testing.T) {
	const sdl = `type Query { applications(accountNumber: String!): [Application] cards(accountNumber: String!): [Card] }
type Application { id: ID! status: Status rejectionReason: RejectionReason updatedAt: Date }
scalar Date
scalar DateTime
enum Status { PENDING APPROVED REJECTED }
enum RejectionReason { DUPLICATE NOT_ELIGIBLE }
type Card { id: ID! status: CardStatus! refusalReason: String! createdAt: DateTime }
enum CardStatus { ACCEPTED DECLINED }`
	w := newSDLWorld(t, sdl, Options{})
	seen := map[string]bool{}
	for i := range 40 {
		data := w.ask(`query($n: String!) { applications(accountNumber: $n) { id status rejectionReason } cards(accountNumber: $n) { status refusalReason } }`,
			map[string]any{"n": fmt.Sprint("A-", i)})
		for _, a := range data["applications"].([]any) {
			a := a.(map[string]any)
			seen[fmt.Sprint(a["status"])] = true
			if rejected := a["status"] == "REJECTED"; rejected != (a["rejectionReason"] != nil) {
				t.Errorf("an application %v: rejection reason %v", a["status"], a["rejectionReason"])
			}
		}
		for _, c := range data["cards"].([]any) {
			c := c.(map[string]any)
			seen[fmt.Sprint(c["status"])] = true
			want := map[bool]any{true: "The card was rejected.", false: ""}[c["status"] == "DECLINED"]
			if c["refusalReason"] != want {
				t.Errorf("a card %v: refusal reason %q, want %q", c["status"], c["refusalReason"], want)
			}
		}
	}
	if !seen["REJECTED"] || !seen["APPROVED"] || !seen["DECLINED"] || !seen["ACCEPTED"] {
		t.Errorf("seen: %v; want each status", seen)
	}
}
