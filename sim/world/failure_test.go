package world

import (
	"fmt"
	"testing"
)

// TestFailureIsOnlyWhatFailed: what went wrong with an object (a task's error, a
// rollover's failure reason) is said only when its status says it failed, nothing (or
// an empty string, where it may not be null) otherwise.
func TestFailureIsOnlyWhatFailed(t *testing.T) {
	const sdl = `type Query { taskResult(taskId: String!): TaskResult rollovers: [AgreementRolloverType] }
type TaskResult { status: TaskStatusEnum result: String error: String }
enum TaskStatusEnum { STARTED FAILED FINISHED }
type AgreementRolloverType { id: ID! status: AgreementRolloverStatus! failureReason: String! }
enum AgreementRolloverStatus { PENDING REJECTED ENQUEUED ERROR COMPLETED }`
	w := newSDLWorld(t, sdl, Options{})
	seen := map[string]bool{}
	for i := range 40 {
		data := w.ask(`query($id: String!) { taskResult(taskId: $id) { status error } rollovers { status failureReason } }`, map[string]any{"id": fmt.Sprint("task-", i)})
		task := data["taskResult"].(map[string]any)
		want := map[bool]any{true: "The task failed.", false: nil}[task["status"] == "FAILED"]
		if task["error"] != want {
			t.Errorf("a task %v: error %v, want %v", task["status"], task["error"], want)
		}
		seen[fmt.Sprint(task["status"])] = true
		for _, r := range data["rollovers"].([]any) {
			r := r.(map[string]any)
			want := map[bool]any{true: "The agreement rollover failed.", false: ""}[r["status"] == "ERROR" || r["status"] == "REJECTED"]
			if r["failureReason"] != want {
				t.Errorf("a rollover %v: failure reason %q, want %q", r["status"], r["failureReason"], want)
			}
		}
	}
	if !seen["FAILED"] || len(seen) < 2 {
		t.Errorf("task statuses seen: %v; want a failed one and another", seen)
	}
}
