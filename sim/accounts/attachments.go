package accounts

import (
	"context"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/world"
)

// File attachments (Octopus's SDL): createAccountFileAttachment names a file and hands
// out a presigned form that uploads it to the simulated storage (served by krakensim
// itself); triggerPostUploadOperations makes an uploaded file ready; the account lists
// its files (fileAttachments, paginatedFileAttachments), an uploaded one with a signed
// URL that fetches it.

// attachmentMap is a file attachment as AccountFileAttachment answers it.
func attachmentMap(w *env, f *sim.FileAttachment) obj {
	var fetch any
	if f.Uploaded && f.Content != nil && w.sess != nil {
		fetch = w.sess.FetchURL(f.Key)
	}
	size := any(nil)
	if f.Uploaded {
		size = f.Size
	}
	return obj{
		"id": world.GlobalID("AccountFileAttachment", f.ID), "filename": f.Filename, "category": f.Category,
		"isUploaded": f.Uploaded, "isReady": f.Ready, "fetchUrl": fetch, "sizeInBytes": size,
	}
}

// attachmentList is an account's fileAttachments, newest first.
func attachmentList(w *env, a *sim.Account) []any {
	out := make([]any, 0, len(a.FileAttachments))
	for i := len(a.FileAttachments) - 1; i >= 0; i-- {
		out = append(out, attachmentMap(w, &a.FileAttachments[i]))
	}
	return out
}

// attachmentConnection is an account's paginatedFileAttachments: its files, newest
// first, those with the id or category the arguments give.
func attachmentConnection(w *env, a *sim.Account, args map[string]any) (any, error) {
	id, hasID := integer(args, "id")
	category := str(args, "category")
	nodes := []any{}
	for i := len(a.FileAttachments) - 1; i >= 0; i-- {
		f := &a.FileAttachments[i]
		if hasID && f.ID != itoa(id) || category != "" && f.Category != category {
			continue
		}
		nodes = append(nodes, attachmentMap(w, f))
	}
	return connection(w, nodes, args)
}

// attachmentName is a filename as the storage keeps it: its last path segment, without
// control characters; "" for a blank one.
func attachmentName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		return ""
	}
	return name
}

// maxFilenameBytes bounds a file attachment's name, as S3 bounds a key.
const maxFilenameBytes = 255

// createAccountFileAttachment names a file of a category for the account and answers
// the form that uploads its content: the storage's URL, the signed fields to send
// before the file, and the key it is kept under.
func createAccountFileAttachment(_ context.Context, c *sim.Call) (any, error) {
	in := input(c)
	_, a, err := owned(c, str(in, "accountNumber"), "", "")
	if err != nil {
		return nil, err
	}
	name := attachmentName(str(in, "filename"))
	if name == "" || len(name) > maxFilenameBytes {
		return nil, c.ValidationError("KT-CT-8710", "The filename must name a file, in at most 255 bytes.", "input", "filename")
	}
	id := nextID(4500001, accountIDs(c.Session.World(), func(a *sim.Account) []sim.FileAttachment { return a.FileAttachments },
		func(f *sim.FileAttachment) string { return f.ID }))
	key := "account-file-attachments/" + a.Number + "/" + id + "/" + name
	a.FileAttachments = append(a.FileAttachments, sim.FileAttachment{
		ID: id, Filename: name, Category: str(in, "category"), Key: key, CreatedAt: c.Session.Now().UTC(),
	})
	post := c.Session.UploadPost(key)
	fields, err := json.Marshal(post.Fields) // a JSONString, as Kraken's boto3 fields
	if err != nil {
		return nil, errorf(c, "upload fields: %v", err)
	}
	return obj{"postRequest": obj{"url": post.URL, "fields": string(fields), "key": post.Key}, "clientMutationId": in["clientMutationId"]}, nil
}

// triggerPostUploadOperations makes the file uploaded under s3Key ready for use; a key
// none of the viewer's files is kept under, or whose file has not arrived, is
// KT-CT-8710.
func triggerPostUploadOperations(_ context.Context, c *sim.Call) (any, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, err
	}
	key := c.StringArg("s3Key")
	a, i := c.Session.World().FileAttachment(key)
	if a == nil || !u.CanAccess(a.Number) || !a.FileAttachments[i].Uploaded {
		return nil, c.ValidationError("KT-CT-8710", "No file of the viewer's has been uploaded under this key; upload it with createAccountFileAttachment's postRequest first.", "s3Key")
	}
	c.Session.World().MutableAccount(a.Number).FileAttachments[i].Ready = true
	return obj{"operationsTriggered": true}, nil
}
