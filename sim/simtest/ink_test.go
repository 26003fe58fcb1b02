package simtest_test

import (
	"encoding/base64"
	"testing"

	"github.com/krakensim/krakensim/sim/simtest"
)

// inkMessageIDs are the ids of the InkGenericMessages in the conversations that c's
// inkConversation answers with each of args.
func inkMessageIDs(t *testing.T, c *simtest.Client, args ...string) []string {
	t.Helper()
	var ids []string
	for _, a := range args {
		got := mustQuery(t, c)(`{ inkConversation`+a+` { events(first: 100) { edges { node { ... on InkNewMessage {
			message { ... on InkGenericMessage { id } } } } } } } }`, nil)
		for _, e := range simtest.Get(got, "inkConversation", "events", "edges").([]any) {
			if id, ok := simtest.Get(e, "node", "message", "id").(string); ok {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("no conversation handed out an InkGenericMessage")
	}
	return ids
}

// refused fails t unless out is the single error code and no data.
func refused(t *testing.T, what string, out *simtest.Response, code string) {
	t.Helper()
	if len(out.Errors) != 1 || out.Errors[0].Code() != code || hasData(out) {
		t.Errorf("%s: %+v %v, want %s and no data", what, out.Errors, out.Data, code)
	}
}

// TestInkIsTheCallersOwn holds Octopus's Ink fields to whom a conversation was handed
// out, two users signed in to one session: inkConversation naming neither an account nor
// a conversation is KT-CT-7617, each user's account's conversation is theirs, and a
// conversation or message named by its relay id (inkConversation(conversationRelayId:),
// inkMessage(messageRelayId:), assignInkBucket, updateMessageTags) answers that very
// object to its caller and is Unauthorized to the other user, the missing header's error
// anonymously, and not found (KT-CT-7612, KT-CT-7611) for an id no one was handed.
func TestInkIsTheCallersOwn(t *testing.T) {
	srv, demo := current(t)
	other := srv.ClientIn(t, demo.Session)
	other.SignIn("other@krakensim.dev", "krakensim")
	anonymous := srv.ClientIn(t, demo.Session)
	refused(t, "inkConversation naming nothing", demo.Query(`{ inkConversation { id } }`, nil), "KT-CT-7617")
	refused(t, "inkConversation naming an empty account", demo.Query(`{ inkConversation(accountNumber: "") { id } }`, nil), "KT-CT-7617")
	mine := simtest.Get(mustQuery(t, demo)(`{ inkConversation(accountNumber: "A-C90DC431") { id } }`, nil), "inkConversation", "id")
	theirs := simtest.Get(mustQuery(t, other)(`{ inkConversation(accountNumber: "A-0F4A2B19") { id } }`, nil), "inkConversation", "id")
	if mine == nil || mine == theirs {
		t.Fatalf("inkConversation of each user's account: the demo user's %v, the other user's %v, want one each", mine, theirs)
	}

	const byRelay = `query($c: String) { inkConversation(conversationRelayId: $c) { id } }`
	if got := simtest.Get(mustQuery(t, demo)(byRelay, map[string]any{"c": mine}), "inkConversation", "id"); got != mine {
		t.Errorf("the demo user's conversation by its relay id: %v, want %v", got, mine)
	}
	refused(t, "the demo user's conversation to the other user", other.Query(byRelay, map[string]any{"c": mine}), "KT-CT-1111")
	refused(t, "the demo user's conversation anonymously", anonymous.Query(byRelay, map[string]any{"c": mine}), "KT-CT-1112")
	refused(t, "a conversation no one was handed", demo.Query(byRelay, map[string]any{"c": "1"}), "KT-CT-7612")

	messages := inkMessageIDs(t, demo, `(accountNumber: "A-C90DC431")`, `(accountNumber: "A-7B3E9D12")`)
	const message = `query($m: String!) { inkMessage(messageRelayId: $m) { ... on InkGenericMessage { id } } }`
	for _, m := range messages {
		if got := simtest.Get(mustQuery(t, demo)(message, map[string]any{"m": m}), "inkMessage", "id"); got != m {
			t.Errorf("the demo user's message %s: %v, want it", m, got)
		}
		refused(t, "the demo user's message to the other user", other.Query(message, map[string]any{"m": m}), "KT-CT-1111")
		refused(t, "the demo user's message anonymously", anonymous.Query(message, map[string]any{"m": m}), "KT-CT-1112")
	}
	unknown := base64.StdEncoding.EncodeToString([]byte("InkGenericMessage:1"))
	refused(t, "a message no one was handed", demo.Query(message, map[string]any{"m": unknown}), "KT-CT-7611")

	const bucket = `mutation($c: ID!) { assignInkBucket(input: {conversationRelayId: $c, bucketName: "Billing"}) { conversation { id } } }`
	refused(t, "assignInkBucket of the demo user's conversation by the other user", other.Query(bucket, map[string]any{"c": mine}), "KT-CT-1111")
	if got := demo.Query(bucket, map[string]any{"c": mine}); len(got.Errors) > 0 || simtest.Get(got.Data, "assignInkBucket") == nil {
		t.Errorf("assignInkBucket of the demo user's conversation by them: %+v %v", got.Errors, got.Data)
	}
	const tags = `mutation($m: ID!) { updateMessageTags(input: {messageRelayId: $m, tagNames: ["billing"], taggerCode: "t", taggerVersion: "1"}) { __typename } }`
	refused(t, "updateMessageTags of the demo user's message by the other user", other.Query(tags, map[string]any{"m": messages[0]}), "KT-CT-1111")
	if got := demo.Query(tags, map[string]any{"m": messages[0]}); len(got.Errors) > 0 || simtest.Get(got.Data, "updateMessageTags") == nil {
		t.Errorf("updateMessageTags of the demo user's message by them: %+v %v", got.Errors, got.Data)
	}
}

// TestOriginInkRefusesWithItsOwnCodes holds Origin's Ink fields to the same rule with
// the codes its SDL documents: another's conversation by its relay id is KT-CT-7658
// "Unauthorized to access this conversation.", and another's message, to inkMessage
// and inkMessageTextContent, KT-CT-7611 "The message was not found.".
func TestOriginInkRefusesWithItsOwnCodes(t *testing.T) {
	srv, demo := tenant(t, "origin-schema.graphql")
	other := srv.ClientIn(t, demo.Session)
	other.Token, _ = simtest.Get(other.Query(`mutation { obtainKrakenToken(input: {APIKey: "sk_live_krakensimother3235449"}) { token } }`, nil).Data, "obtainKrakenToken", "token").(string)
	refused(t, "inkConversation naming nothing", demo.Query(`{ inkConversation { id } }`, nil), "KT-CT-7617")
	mine := simtest.Get(mustQuery(t, demo)(`{ inkConversation(accountNumber: "A-C90DC431") { id } }`, nil), "inkConversation", "id")
	const byRelay = `query($c: String) { inkConversation(conversationRelayId: $c) { id } }`
	if got := simtest.Get(mustQuery(t, demo)(byRelay, map[string]any{"c": mine}), "inkConversation", "id"); got != mine {
		t.Errorf("the demo user's conversation by its relay id: %v, want %v", got, mine)
	}
	refused(t, "the demo user's conversation to the other user", other.Query(byRelay, map[string]any{"c": mine}), "KT-CT-7658")
	m := inkMessageIDs(t, demo, `(accountNumber: "A-C90DC431")`, `(accountNumber: "A-7B3E9D12")`)[0]
	if got := simtest.Get(mustQuery(t, demo)(`query($m: String!) { inkMessage(messageRelayId: $m) { ... on InkGenericMessage { id } } }`, map[string]any{"m": m}), "inkMessage", "id"); got != m {
		t.Errorf("the demo user's message %s: %v, want it", m, got)
	}
	refused(t, "the demo user's message to the other user", other.Query(`query($m: String!) { inkMessage(messageRelayId: $m) { __typename } }`, map[string]any{"m": m}), "KT-CT-7611")
	refused(t, "the demo user's message's text to the other user", other.Query(`query($m: ID!) { inkMessageTextContent(messageId: $m) }`, map[string]any{"m": m}), "KT-CT-7611")
}

// TestOriginInkNoteReadsBack: on Origin's SDL, addNoteToInkConversation's note answers,
// and node(id:) reads back, the content, pin and addedAt it was sent (as occurredAt),
// where before occurredAt was the session's now.
func TestOriginInkNoteReadsBack(t *testing.T) {
	_, au := tenant(t, "origin-schema.graphql")
	q := mustQuery(t, au)
	conv := simtest.Get(q(`{ inkConversation(accountNumber: "A-C90DC431") { id } }`, nil), "inkConversation", "id")
	note := simtest.Get(q(`mutation($c: ID!) { addNoteToInkConversation(input: {conversationRelayId: $c, content: "Called back",
		addedAt: "2024-03-01T10:00:00+00:00", isPinned: true}) { note { id occurredAt } } }`, map[string]any{"c": conv}), "addNoteToInkConversation", "note")
	read := simtest.Get(q(`query($id: ID!) { node(id: $id) { ... on InkNote { content isPinned occurredAt } } }`,
		map[string]any{"id": simtest.Get(note, "id")}), "node")
	for what, got := range map[string]any{"the payload's occurredAt": simtest.Get(note, "occurredAt"), "node's": simtest.Get(read, "occurredAt")} {
		if got != "2024-03-01T10:00:00+00:00" {
			t.Errorf("%s: %v, want the addedAt sent", what, got)
		}
	}
	if simtest.Get(read, "content") != "Called back" || simtest.Get(read, "isPinned") != true {
		t.Errorf("node(id:) of the note: %v", read)
	}
}
