package dataimport

import (
	"slices"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
)

// Statuses of an imported note.
const (
	NoteCreated       = "NOTE_CREATION_SUCCESS"
	NoteAlreadyExists = "NOTE_ALREADY_EXISTS"
)

const (
	msgNoteEmpty      = "A note must have a body or at least one document path."
	msgNoteUnpinEarly = "unpin_at must not be earlier than created_at."
)

// noteIn is one note of a payload, validated.
type noteIn struct {
	note       sim.Note
	hasCreated bool
	hasPinned  bool
	hasDocs    bool
	externalID string
}

// readNote validates one note object, past what the OpenAPI document's Note schema
// states (which the caller has checked); it is shared with the account import.
func readNote(f *form, now time.Time) noteIn {
	var n noteIn
	n.note.Body, _ = f.str("body", strOpt{blank: true, nullable: true})
	n.note.CreatedAt, n.hasCreated = f.datetime("created_at", false)
	n.note.UnpinAt, _ = f.datetime("unpin_at", false)
	n.note.IsPinned, n.hasPinned = f.boolean("is_pinned", false)
	f.boolean("is_archived", false)
	n.externalID, _ = f.str("external_id", strOpt{blank: true, nullable: true})
	n.hasDocs = forEachItem(f, "document_paths", listOpt{}, func(_ int, df *form) {
		if p, ok := df.str("document_path", strOpt{}); ok {
			n.note.DocumentPaths = append(n.note.DocumentPaths, p)
		}
	})
	if !f.ok() {
		return n
	}
	if !n.hasCreated {
		n.note.CreatedAt = now.UTC().Truncate(time.Second)
	}
	if n.note.Body == "" && len(n.note.DocumentPaths) == 0 {
		f.nonField(msgNoteEmpty)
	}
	if n.hasCreated && !n.note.UnpinAt.IsZero() && n.note.UnpinAt.Before(n.note.CreatedAt) {
		f.nonField(msgNoteUnpinEarly)
	}
	return n
}

// sameNote reports whether an account's note is the one being imported: the same body,
// and the same creation time when the import gives one.
func sameNote(have sim.Note, in noteIn) bool {
	if have.Body != in.note.Body {
		return false
	}
	if in.note.Body == "" && !slices.Equal(have.DocumentPaths, in.note.DocumentPaths) {
		return false
	}
	return !in.hasCreated || have.CreatedAt.Equal(in.note.CreatedAt)
}

// smallImport is how many notes an import may send for a plain scan of the account's
// notes to beat indexing them.
const smallImport = 4

// noteKey is what two notes sameNote finds equal share: the body, or the document
// paths of a note without one.
func noteKey(body string, paths []string) string {
	if body != "" {
		return "b" + body
	}
	return "d" + strings.Join(paths, "\x00")
}

// createNotes answers POST /v1/data-import/notes/create/.
func createNotes(c *call, body map[string]any) *sim.HTTPResponse {
	f := newForm(body)
	ref := c.readAccountRef(f, false)
	notes, _ := eachItem(f, "notes", listOpt{required: true}, func(_ int, nf *form) noteIn {
		return readNote(nf, c.sess.Now())
	})
	a, resp := c.resolveRead(f, ref)
	if resp != nil {
		return resp
	}
	// The account is taken for change only when a note is new, so that importing
	// notes the account holds leaves the session as it was.
	taken := false
	mutable := func() {
		if !taken {
			a, taken = c.world().MutableAccount(a.Number), true
		}
	}
	out := make([]map[string]any, 0, len(notes))
	if len(notes) <= smallImport {
		// A few notes: scanning the account's notes allocates nothing, which beats
		// indexing them on an account that holds thousands.
		for _, n := range notes {
			var status any = NoteCreated // a constant in an any costs no allocation
			if slices.ContainsFunc(a.Notes, func(have sim.Note) bool { return sameNote(have, n) }) {
				status = NoteAlreadyExists
			} else {
				mutable()
				a.Notes = append(a.Notes, n.note)
			}
			out = append(out, noteAnswer(n, status))
		}
		return sim.JSONResponse(201, out)
	}
	// Index the account's notes by what sameNote compares first, so that an import
	// costs the size of the account plus the notes sent, not their product.
	byKey := make(map[string][]int, len(a.Notes)+len(notes))
	for i, have := range a.Notes {
		k := noteKey(have.Body, have.DocumentPaths)
		byKey[k] = append(byKey[k], i)
	}
	for _, n := range notes {
		var status any = NoteCreated
		k := noteKey(n.note.Body, n.note.DocumentPaths)
		if slices.ContainsFunc(byKey[k], func(i int) bool { return sameNote(a.Notes[i], n) }) {
			status = NoteAlreadyExists
		} else {
			mutable()
			a.Notes = append(a.Notes, n.note)
			byKey[k] = append(byKey[k], len(a.Notes)-1)
		}
		out = append(out, noteAnswer(n, status))
	}
	return sim.JSONResponse(201, out)
}

// noteAnswer is the answer for an imported note n, status NoteCreated or
// NoteAlreadyExists.
func noteAnswer(n noteIn, status any) map[string]any {
	m := map[string]any{
		"created_at": n.note.CreatedAt.UTC().Format(time.RFC3339),
		"body":       n.note.Body,
		"status":     status,
	}
	if n.hasPinned {
		m["is_pinned"] = n.note.IsPinned
	}
	if !n.note.UnpinAt.IsZero() {
		m["unpin_at"] = n.note.UnpinAt.UTC().Format(time.RFC3339)
	}
	if n.hasDocs {
		docs := make([]map[string]string, len(n.note.DocumentPaths))
		for i, p := range n.note.DocumentPaths {
			docs[i] = map[string]string{"document_path": p}
		}
		m["document_paths"] = docs
	}
	if n.externalID != "" {
		m["external_id"] = n.externalID
	}
	return m
}
