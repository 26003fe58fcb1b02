package uploads_test

import (
	"fmt"
	"time"

	"github.com/krakensim/krakensim/sim/uploads"
)

// A signed upload form is checked back to the session and key it was made for.
func ExampleSigner_Post() {
	s := uploads.NewSigner([]byte("secret"))
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	post := s.Post("http://127.0.0.1:8080", "my-test", "account-file-attachments/A-C90DC431/4500001/mcs.pdf", now)
	fmt.Println(post.URL)
	up, err := s.Check(post.Fields)
	fmt.Println(up.Session, up.Key, up.Expires, err)
	// Output:
	// http://127.0.0.1:8080/uploads/
	// my-test account-file-attachments/A-C90DC431/4500001/mcs.pdf 2026-12-02 10:00:00 +0000 UTC <nil>
}
