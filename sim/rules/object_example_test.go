package rules_test

import (
	"encoding/json"
	"fmt"

	"github.com/krakensim/krakensim/sim/rules"
)

func ExampleObject() {
	data := rules.SortObject(rules.Object{{Key: "number", Value: "A-1"}, {Key: "balance", Value: 12}})
	balance, _ := data.Get("balance")
	out, _ := json.Marshal(data)
	fmt.Println(balance, string(out))
	// Output: 12 {"balance":12,"number":"A-1"}
}
