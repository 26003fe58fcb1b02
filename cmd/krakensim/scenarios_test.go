package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/krakensim/krakensim/internal/syncbuf"
)

// waitLog polls until the log holds want.
func waitLog(t *testing.T, logs *syncbuf.Buffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
		if strings.Contains(logs.String(), want) {
			return
		}
	}
	t.Fatalf("no %q in the log:\n%s", want, logs.String())
}

func retryWith(status string) string { return strings.Replace(retryScenario, "%d", status, 1) }

func TestServeWatchesAReplacedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "scenarios")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeScenario(t, filepath.Join(dir, "retry.yaml"), retryWith("503"))
	base, logs := startServe(t, "--scenarios", dir)
	waitStatus(t, base, 503)

	// mv DIR DIR.old; mkdir DIR; then a new file in the new folder.
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	waitLog(t, logs, "the folder was moved or removed")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	waitLog(t, logs, "the folder was replaced; watching it again")
	writeScenario(t, filepath.Join(dir, "retry.yaml"), retryWith("418"))
	waitStatus(t, base, 418)

	// Edits to the old folder no longer count.
	writeScenario(t, filepath.Join(dir+".old", "retry.yaml"), retryWith("429"))
	writeScenario(t, filepath.Join(dir, "other.yaml"), "name: other\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n")
	waitLog(t, logs, "files=2")
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`); got != 418 {
		t.Errorf("after an edit in the old folder: %d, want 418", got)
	}
}

func TestServeKeepsAPartlyWrittenFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "retry.yaml")
	writeScenario(t, file, retryWith("503"))
	base, logs := startServe(t, "--scenarios", dir)
	waitStatus(t, base, 503)

	// Truncated to zero bytes, as an editor does before writing the new content.
	if err := os.Truncate(file, 0); err != nil {
		t.Fatal(err)
	}
	waitLog(t, logs, "file looks partly written")
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`); got != 503 {
		t.Errorf("after truncation: %d, want the last good 503", got)
	}
	// Half written: cut off in the middle of a flow mapping.
	full := retryWith("418")
	n := strings.Count(logs.String(), "file looks partly written")
	if err := os.WriteFile(file, []byte(full[:strings.Index(full, "notes")]), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && strings.Count(logs.String(), "file looks partly written") == n; time.Sleep(25 * time.Millisecond) {
	}
	if strings.Count(logs.String(), "file looks partly written") == n || strings.Contains(logs.String(), "reload rejected") {
		t.Fatalf("a half-written file was not kept back:\n%s", logs.String())
	}
	if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`); got != 503 {
		t.Errorf("while half written: %d, want the last good 503", got)
	}
	// Complete.
	if err := os.WriteFile(file, []byte(full), 0o644); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, base, 418)

	// Deleting the file does remove its scenarios.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
		if got, _ := post(t, base+"/v1/data-import/notes/create/", `{}`); got != 418 {
			return
		}
	}
	t.Error("the deleted file's scenario still answers")
}

func TestServeRefusesSymlinksOutsideTheFolder(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(outside, []byte("name: leak\nsecret-token-xyz: hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeScenario(t, filepath.Join(dir, "retry.yaml"), retryWith("503"))
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "sub", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	// A symlink to a file inside the folder (here in a hidden folder, which is not
	// searched) is fine.
	if err := os.Mkdir(filepath.Join(dir, ".shared"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeScenario(t, filepath.Join(dir, ".shared", "other.yaml"), "name: other\nrules:\n  - when: {field: viewer}\n    then: {error: KT-CT-1111}\n")
	if err := os.Symlink(filepath.Join(dir, ".shared", "other.yaml"), filepath.Join(dir, "alias.yml")); err != nil {
		t.Fatal(err)
	}
	base, logs := startServe(t, "--scenarios", dir)
	waitStatus(t, base, 503)
	waitLog(t, logs, "not loading a file that resolves outside its --scenarios folder")
	if !strings.Contains(logs.String(), "link.yaml") {
		t.Errorf("the refusal does not name the link:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "secret-token-xyz") || strings.Contains(logs.String(), "hunter2") {
		t.Errorf("the log quotes the outside file:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "alias.yml") {
		t.Errorf("an inside symlink was refused:\n%s", logs.String())
	}
	if _, body := do(t, "GET", base+"/__krakensim/scenarios", ""); !strings.Contains(body, `"other"`) || strings.Contains(body, `"leak"`) {
		t.Errorf("scenarios: %s", body)
	}
}
