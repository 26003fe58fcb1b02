package world

import (
	"fmt"
	"testing"
)

// TestPagedListIsTheList: a connection named for a plain list beside it, but for a
// paging word (paginatedFileAttachments beside fileAttachments), pages the same items;
// a list of the same items under another name (previousProperties) is its own.
func TestPagedListIsTheList(t *testing.T) {
	const sdl = `type Query { account(number: String!): Account }
type Account { number: String! fileAttachments: [FileAttachment] paginatedFileAttachments(first: Int, after: String): FileAttachmentConnection
  properties: [Property] previousProperties: [Property] }
type FileAttachment { id: ID! filename: String! }
type Property { id: ID! postcode: String }
type FileAttachmentConnection { edges: [FileAttachmentEdge]! totalCount: Int! pageInfo: PageInfo! }
type FileAttachmentEdge { node: FileAttachment cursor: String! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }`
	w := newSDLWorld(t, sdl, Options{State: func(_ *Env, _, _, number string) (map[string]any, bool) {
		return map[string]any{"number": number}, true
	}})
	lists, differ := 0, 0
	for i := range 30 {
		data := w.ask(`query($n: String!) { account(number: $n) { fileAttachments { id filename }
			paginatedFileAttachments(first: 100) { totalCount edges { node { id filename } } } properties { id } previousProperties { id } } }`,
			map[string]any{"n": fmt.Sprint("A-", i)})
		acct := data["account"].(map[string]any)
		var paged []any
		for _, e := range acct["paginatedFileAttachments"].(map[string]any)["edges"].([]any) {
			paged = append(paged, e.(map[string]any)["node"])
		}
		plain := acct["fileAttachments"].([]any)
		if fmt.Sprint(paged) != fmt.Sprint(plain) || acct["paginatedFileAttachments"].(map[string]any)["totalCount"] != float64(len(plain)) {
			t.Errorf("account %d: paged %v, listed %v", i, paged, plain)
		}
		lists += len(plain)
		if fmt.Sprint(acct["properties"]) != fmt.Sprint(acct["previousProperties"]) {
			differ++
		}
	}
	if lists == 0 || differ == 0 {
		t.Errorf("%d attachments listed, %d accounts whose previous properties differ; want some of each", lists, differ)
	}
}
