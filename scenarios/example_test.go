package scenarios_test

import (
	"fmt"

	"github.com/krakensim/krakensim/scenarios"
)

func ExampleParse() {
	src := []byte(`name: payment-schedule-errors
rules:
  - when:
      field: createAccountPaymentSchedule
      variables: {input.accountNumber: A-FA11ED01}
    then: {error: KT-CT-3942}
  - when: {http: POST /v1/data-import/payment-instruction/create/}
    then:
      - {status: 500, times: 2}
      - {status: 201}
`)
	scs, err := scenarios.Parse("example.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range scs[0].Rules {
		fmt.Printf("%s at %s:", r.ID, r.Pos)
		for _, a := range r.Then {
			fmt.Printf(" [times %d status %d errors %d]", a.Times, a.Status, len(a.Errors))
		}
		fmt.Println()
	}
	// Output:
	// payment-schedule-errors#1 at example.yaml:3:5: [times 0 status 0 errors 1]
	// payment-schedule-errors#2 at example.yaml:7:5: [times 2 status 500 errors 0] [times 0 status 201 errors 0]
}

func ExampleCheck() {
	c, err := scenarios.DefaultContract()
	if err != nil {
		fmt.Println(err)
		return
	}
	src := []byte(`name: typo
rules:
  - when: {field: createAccountPaymentSchedule, variables: {input.acountNumber: A-1}}
    then: {error: KT-CT-4177}
`)
	for _, p := range scenarios.Check("typo.yaml", src, c, false) {
		fmt.Println(p.String())
	}
	// Output:
	// typo.yaml:3:61: error: variables: CreateAccountPaymentScheduleInput has no field "acountNumber" (did you mean "accountNumber"?)
	// typo.yaml:4:19: warning: createAccountPaymentSchedule does not document KT-CT-4177; it documents KT-CT-1111, KT-CT-3815, KT-CT-3822, KT-CT-3923, KT-CT-3941, KT-CT-3942, KT-CT-3947, KT-CT-3960, KT-CT-3961, KT-CT-3962, KT-CT-1113, KT-CT-1112, and the platform's KT-CT-1124, KT-CT-1143, KT-CT-1188, KT-CT-1189, KT-CT-1199
}
