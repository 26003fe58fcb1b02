package world

import (
	"fmt"
	"strings"
	"testing"
)

// reportsSDL has payloads and results that report what went wrong beside what was
// done: Graphene's serializer errors, a tenant's error unions, a product's error, a
// device's active alerts.
const reportsSDL = `
type Query { product(code: String!): Product lastRejection: ValidationErrorType devices: [Device] }
type Device { id: ID! status: String alerts: [DeviceAlertInterface] }
interface DeviceAlertInterface { message: String publishedAt: String }
type DeviceAlert implements DeviceAlertInterface { message: String publishedAt: String }
type Mutation {
  createMeterReading(mpan: String, reading: Int): CreateMeterReadingOutput
  createConcession(input: CreateConcessionInput!): CreateConcession
}
input CreateConcessionInput { cardNumber: String! }
type CreateMeterReadingOutput { readingErrors: [SerializerFieldErrorsType] errors: [ErrorType] possibleErrors: [PossibleErrorType] id: String }
type SerializerFieldErrorsType { field: String errors: [SerializerErrorType] }
type SerializerErrorType { message: String code: String }
type ErrorType { field: String! messages: [String!]! }
type PossibleErrorType { message: String code: String }
type CreateConcession { concession: Concession error: ConcessionCreationErrorUnion }
type Concession { id: ID! cardNumber: String }
union ConcessionCreationErrorUnion = ValidationErrorType | ConcessionExistsErrorType
type ValidationErrorType { message: String fieldErrors: [ValidationErrorFieldType] }
type ValidationErrorFieldType { message: String inputPath: [String] }
type ConcessionExistsErrorType { message: String }
type Product { code: String! displayName: String error: ProductErrorUnion }
union ProductErrorUnion = ProductNotFoundErrorType
type ProductNotFoundErrorType { message: String }
`

func TestReportsOfSuccessAreEmpty(t *testing.T) {
	s := newSessionOf(t, reportsSDL, 0)
	for _, c := range []struct {
		op   string
		path []any
		want string
	}{
		{`mutation { createMeterReading(mpan: "1013004420117", reading: 1234) { readingErrors { field errors { message } } errors { field } id } }`,
			[]any{"createMeterReading"}, "errors:[] id:"},
		{`mutation { createMeterReading(mpan: "1013004420117", reading: 1234) { readingErrors { field } } }`,
			[]any{"createMeterReading"}, "readingErrors:[]"},
		{`mutation { createConcession(input: {cardNumber: "123456789A"}) { concession { cardNumber } error { __typename } } }`,
			[]any{"createConcession"}, "error:<nil>"},
		{`{ product(code: "SIMPLE-24M") { code error { __typename } } }`, []any{"product"}, "error:<nil>"},
		{`{ devices { status alerts { message } } }`, []any{"devices"}, "alerts:[]"},
	} {
		got := fmt.Sprint(s.do(c.op, c.path...))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: got %s, want %s in it", c.op, got, c.want)
		}
	}
	possible := s.do(`mutation { createMeterReading(mpan: "1013004420117") { possibleErrors { message } } }`, "createMeterReading", "possibleErrors")
	if l, _ := possible.([]any); len(l) == 0 {
		t.Errorf("possibleErrors, what the mutation may raise, answered %v", possible)
	}
	parts := s.do(`{ lastRejection { fieldErrors { message } } }`, "lastRejection", "fieldErrors")
	if l, _ := parts.([]any); len(l) == 0 {
		t.Errorf("an error's own field errors answered %v", parts)
	}
}
