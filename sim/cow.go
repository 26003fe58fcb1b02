package sim

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// cow is what a forked world copied from the world it shares: which of its lists are
// its own, and which entities (with their last measured size in bytes).
type cow struct {
	lists uint8
	mine  map[any]int
	// bytes is the sum of mine's sizes.
	bytes int
	// dirty are the entities handed out for change since the last Bytes.
	dirty []any
	// changes counts the entities handed out for change and the measures that found
	// some (Changes).
	changes uint64
	// txs is what each account's transactions reach beyond their array, as far as
	// Bytes measured them.
	txs map[*Account]txsMeasured
}

// txsMeasured is what an account's first n transactions reach beyond their array
// (their strings), lastBytes what the nth reached, and last its id, which tells that
// they are the ones measured.
type txsMeasured struct {
	n, bytes, lastBytes int
	last                string
}

// Bits of cow.lists, one per list of a World.
const (
	listUsers uint8 = 1 << iota
	listAccounts
	listImportSuppliers
	listReferralClaimCodes
	listGoodsQuotes
	listMessages
	listCheckouts
)

// Fork returns a world that shares w's entities, copying each one (deeply) the first
// time the fork hands it out through a Mutable accessor: changing the fork leaves w as
// it was, and a fork costs a few words until it changes. w itself must not change while
// forks of it are in use.
func (w *World) Fork() *World {
	return &World{
		Users:              slices.Clip(w.Users),
		Accounts:           slices.Clip(w.Accounts),
		ImportSuppliers:    slices.Clip(w.ImportSuppliers),
		Organizations:      slices.Clip(w.Organizations),
		Campaigns:          slices.Clip(w.Campaigns),
		ReferralClaimCodes: slices.Clip(w.ReferralClaimCodes),
		RewardSchemes:      slices.Clip(w.RewardSchemes),
		GoodsQuotes:        slices.Clip(w.GoodsQuotes),
		Fans:               slices.Clip(w.Fans),
		Messages:           slices.Clip(w.Messages),
		Checkouts:          slices.Clip(w.Checkouts),
		cow:                &cow{mine: map[any]int{}},
	}
}

// mutable makes (*list)[i] the world's own: on a fork, a deep copy of the shared entity
// replaces it (once); a world that is not a fork owns everything already.
func mutable[T any](w *World, list *[]*T, bit uint8, i int, deep func(*T)) *T {
	p := (*list)[i]
	if w.cow == nil || p == nil {
		return p
	}
	if _, ok := w.cow.mine[p]; ok {
		w.cow.touch(p)
		return p
	}
	if w.cow.lists&bit == 0 {
		*list = slices.Clone(*list)
		w.cow.lists |= bit
	}
	c := new(T)
	*c = *p
	if deep != nil {
		deep(c)
	}
	(*list)[i] = c
	w.cow.mine[c] = 0
	w.cow.touch(c)
	return c
}

// touch marks an entity to measure again.
func (c *cow) touch(p any) {
	c.changes++
	if n := len(c.dirty); n == 0 || c.dirty[n-1] != p {
		c.dirty = append(c.dirty, p)
	}
}

// add appends an entity the world owns from the start. A fork's shared lists are
// clipped, so appending to one moves it to an array of the fork's own.
func add[T any](w *World, list *[]*T, bit uint8, p *T) {
	*list = append(*list, p)
	if w.cow != nil {
		w.cow.lists |= bit
		w.cow.mine[p] = 0
		w.cow.touch(p)
	}
}

// MutableUser returns the user with the given id for changing, or nil.
func (w *World) MutableUser(id string) *User {
	i := slices.IndexFunc(w.Users, func(u *User) bool { return u != nil && u.ID == id })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.Users, listUsers, i, (*User).clone)
}

// MutableUserByEmail returns the user whose email is email (ignoring case) for
// changing, or nil.
func (w *World) MutableUserByEmail(email string) *User {
	i := slices.IndexFunc(w.Users, func(u *User) bool { return u != nil && strings.EqualFold(u.Email, email) })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.Users, listUsers, i, (*User).clone)
}

// AddUser adds a new user, which the world owns.
func (w *World) AddUser(u *User) { add(w, &w.Users, listUsers, u) }

// MutableAccount returns the account numbered number for changing, or nil.
func (w *World) MutableAccount(number string) *Account {
	i := slices.IndexFunc(w.Accounts, func(a *Account) bool { return a != nil && a.Number == number })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.Accounts, listAccounts, i, (*Account).clone)
}

// AddAccount adds a new account, which the world owns.
func (w *World) AddAccount(a *Account) { add(w, &w.Accounts, listAccounts, a) }

// MutableProperty returns the property with the given id and its account for changing,
// or nils.
func (w *World) MutableProperty(id string) (*Account, *Property) {
	a, _ := w.Property(id)
	if a == nil {
		return nil, nil
	}
	a = w.MutableAccount(a.Number)
	for i := range a.Properties {
		if a.Properties[i].ID == id {
			return a, &a.Properties[i]
		}
	}
	return nil, nil
}

// MutableImportSupplier returns the import supplier with the given code for changing,
// or nil.
func (w *World) MutableImportSupplier(code string) *ImportSupplier {
	i := slices.IndexFunc(w.ImportSuppliers, func(s *ImportSupplier) bool { return s != nil && s.Code == code })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.ImportSuppliers, listImportSuppliers, i, (*ImportSupplier).clone)
}

// MutableReferralClaimCode returns the claim code equal to code (ignoring case) for
// changing, or nil.
func (w *World) MutableReferralClaimCode(code string) *ReferralClaimCode {
	i := slices.IndexFunc(w.ReferralClaimCodes, func(c *ReferralClaimCode) bool { return c != nil && strings.EqualFold(c.Code, code) })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.ReferralClaimCodes, listReferralClaimCodes, i, nil)
}

// MutableGoodsQuote returns the goods quote with the given id for changing, or nil.
func (w *World) MutableGoodsQuote(id string) *GoodsQuote {
	i := slices.IndexFunc(w.GoodsQuotes, func(q *GoodsQuote) bool { return q != nil && q.ID == id })
	if i < 0 {
		return nil
	}
	return mutable(w, &w.GoodsQuotes, listGoodsQuotes, i, (*GoodsQuote).clone)
}

// AddGoodsQuote adds a new goods quote, which the world owns.
func (w *World) AddGoodsQuote(q *GoodsQuote) { add(w, &w.GoodsQuotes, listGoodsQuotes, q) }

// AddMessage keeps an email sent, numbered after the last, dropping the oldest beyond
// MaxMessages; what a request put in it is cut to a bound (an address to 320 bytes, the
// text to 4 KiB), so that a session's messages stay small.
func (w *World) AddMessage(m *Message) {
	n := 1
	if len(w.Messages) > 0 {
		n, _ = strconv.Atoi(w.Messages[len(w.Messages)-1].ID)
		n++
	}
	m.ID = strconv.Itoa(n)
	m.To, m.Subject, m.Body = clip(m.To, 320), clip(m.Subject, 200), clip(m.Body, 4096)
	for k, v := range m.Data {
		m.Data[k] = clip(v, 512)
	}
	if len(w.Messages) >= MaxMessages {
		w.Messages = slices.Clone(w.Messages[len(w.Messages)-MaxMessages+1:])
	}
	add(w, &w.Messages, listMessages, m)
}

// Changes moves each time the fork hands out an entity for change and each time Bytes
// measures entities so handed out (a request's end), so that an answer worked out while
// it stood still holds; ok is false for a world that is not a fork, which changes
// without telling.
func (w *World) Changes() (n uint64, ok bool) {
	if w.cow == nil {
		return 0, false
	}
	return w.cow.changes, true
}

// Bytes estimates the memory a fork holds of its own: the entities it copied or added
// (measured again when handed out for change) and the lists it copied. A world that is
// not a fork owns everything, and Bytes measures all of it.
func (w *World) Bytes() int {
	if w.cow == nil {
		return approxSize(reflect.ValueOf(*w))
	}
	if len(w.cow.dirty) > 0 { // what was handed out may have changed since
		w.cow.changes++
	}
	for _, p := range w.cow.dirty {
		size := w.cow.size(p) + 16
		w.cow.bytes += size - w.cow.mine[p]
		w.cow.mine[p] = size
	}
	clear(w.cow.dirty)
	w.cow.dirty = w.cow.dirty[:0]
	n := int(reflect.TypeFor[World]().Size()) + 64 + w.cow.bytes
	lists := [...]struct {
		bit uint8
		len int
	}{
		{listUsers, len(w.Users)}, {listAccounts, len(w.Accounts)}, {listImportSuppliers, len(w.ImportSuppliers)},
		{listReferralClaimCodes, len(w.ReferralClaimCodes)}, {listGoodsQuotes, len(w.GoodsQuotes)}, {listMessages, len(w.Messages)},
		{listCheckouts, len(w.Checkouts)},
	}
	for _, l := range lists {
		if w.cow.lists&l.bit != 0 {
			n += 8 * l.len
		}
	}
	return n
}

// size measures an entity the fork owns. An account's transactions, which are only
// added at the end, are walked once each: only those added since the account was last
// measured (and the last of those, which its poster may have amended) are walked again.
func (c *cow) size(p any) int {
	a, ok := p.(*Account)
	if !ok {
		return approxSize(reflect.ValueOf(p).Elem())
	}
	m := c.txs[a]
	if m.n > len(a.Transactions) || m.n > 0 && a.Transactions[m.n-1].ID != m.last {
		m = txsMeasured{}
	}
	var z sizer
	if m.n > 0 {
		m.n--
		m.bytes -= m.lastBytes
	}
	for ; m.n < len(a.Transactions); m.n++ {
		m.lastBytes = z.indirect(reflect.ValueOf(a.Transactions[m.n]))
		m.bytes += m.lastBytes
	}
	if m.n > 0 {
		m.last = a.Transactions[m.n-1].ID
	}
	if c.txs == nil {
		c.txs = map[*Account]txsMeasured{}
	}
	c.txs[a] = m
	rest := *a
	rest.Transactions = nil
	return approxSize(reflect.ValueOf(rest)) + cap(a.Transactions)*int(reflect.TypeFor[Transaction]().Size()) + m.bytes
}

var timeType = reflect.TypeFor[time.Time]()

// approxSize estimates the bytes v holds: its own size plus what its strings, slices,
// maps and pointers reach, each pointer's target counted once.
func approxSize(v reflect.Value) int {
	var z sizer
	return int(v.Type().Size()) + z.indirect(v)
}

// sizer measures values, remembering the pointers it followed so that shared and
// cyclic data are counted once.
type sizer struct{ seen map[uintptr]bool }

// indirect is the memory v reaches beyond its own size.
func (z *sizer) indirect(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Slice:
		if v.IsNil() {
			return 0
		}
		n := v.Cap() * int(v.Type().Elem().Size())
		for i := range v.Len() {
			n += z.indirect(v.Index(i))
		}
		return n
	case reflect.Pointer:
		if v.IsNil() {
			return 0
		}
		if z.seen == nil {
			z.seen = map[uintptr]bool{}
		}
		if z.seen[v.Pointer()] {
			return 0
		}
		z.seen[v.Pointer()] = true
		return int(v.Type().Elem().Size()) + z.indirect(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return 0
		}
		e := v.Elem()
		return int(e.Type().Size()) + z.indirect(e)
	case reflect.Map:
		if v.IsNil() {
			return 0
		}
		n := 48
		kt, vt := int(v.Type().Key().Size()), int(v.Type().Elem().Size())
		for it := v.MapRange(); it.Next(); {
			n += kt + vt + 8 + z.indirect(it.Key()) + z.indirect(it.Value())
		}
		return n
	case reflect.Struct:
		if v.Type() == timeType {
			return 0
		}
		n := 0
		for i := range v.NumField() {
			n += z.indirect(v.Field(i))
		}
		return n
	}
	return 0
}

// Clip is s cut to at most n bytes, at a character boundary, with an ellipsis when cut:
// a bound on what a request may keep in state.
func Clip(s string, n int) string { return clip(s, n) }

// clip is s cut to at most n bytes, at a character boundary, with an ellipsis when cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
