package scenarios

import (
	"errors"

	"github.com/krakensim/krakensim/sim/rules"
)

// checkTemplate compiles one scenario string the way the engine will, so that a bad
// template is reported at load time with its position.
func checkTemplate(s string) error {
	_, err := rules.CompileTemplate(s)
	var te *rules.TemplateError
	if errors.As(err, &te) {
		return te.Err
	}
	return err
}
