package sim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// MasqueradeTTL is how long a masquerade token from the support site lasts.
const MasqueradeTTL = 10 * time.Minute

// MasqueradeToken is a one-time token a support user is given to act as a customer.
type MasqueradeToken struct {
	Token   string    `json:"masqueradeToken"`
	UserID  string    `json:"userId"`
	Expires time.Time `json:"expiresAt"`
}

// ErrNoUser is an admin action on a user the session's world does not have.
var ErrNoUser = errors.New("no such user")

// IssueMasqueradeToken does what the support site's "act as this customer" does: gives a
// one-time token for the session's user, for MasqueradeTTL of the session's clock, which
// masqueradeAuthentication exchanges for the user's access token. A new token replaces
// the user's last.
func (s *Simulator) IssueMasqueradeToken(ctx context.Context, session, userID string) (MasqueradeToken, error) {
	sess, err := s.acquire(ctx, session)
	if err != nil {
		return MasqueradeToken{}, err
	}
	defer s.release(sess)
	u := sess.world.MutableUser(userID)
	if u == nil {
		return MasqueradeToken{}, fmt.Errorf("%w: %q in session %q", ErrNoUser, userID, session)
	}
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return MasqueradeToken{}, err
	}
	t := &MasqueradeToken{Token: hex.EncodeToString(b[:]), UserID: u.ID, Expires: sess.Now().Add(MasqueradeTTL).UTC().Truncate(time.Second)}
	u.Masquerade = t
	return *t, nil
}
