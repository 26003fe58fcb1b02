package fake

// class is the JSON shape a scalar type demands, derived from the type's name.
type class uint8

const (
	cString   class = iota // String and unknown custom scalars: a string
	cID                    // ID: a numeric string
	cInt                   // Int: an int within int32
	cFloat                 // Float: a float64
	cBool                  // Boolean: a bool
	cDate                  // Date: "2025-03-14"
	cDateTime              // DateTime: RFC 3339 with a UK offset
	cTime                  // Time: "09:30:00"
	cDuration              // Duration: ISO 8601 "PT30M"
	cDecimal               // Decimal and its variants: a string with 2 decimals
	cBigInt                // BigInt: an int64 within 2^53
	cGeneric               // GenericScalar: a small JSON object
	cJSON                  // JSONString: a string holding compact JSON
	cUUID                  // UUID: an RFC 4122 v4 string
	cEmail                 // Email: an address
	cUpload                // Upload: always null
	cBase64                // Base64String: standard base64
)

// classSet is a bit set of classes.
type classSet uint32

func set(cs ...class) classSet {
	var s classSet
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

func (s classSet) has(c class) bool { return s&(1<<c) != 0 }

// Class groups used by the rule table.
var (
	anyClass  = ^classSet(0)
	textual   = set(cString, cID)                    // free-form string scalars
	numeric   = set(cInt, cBigInt, cFloat, cDecimal) // numbers of any representation
	intsOnly  = set(cInt, cBigInt)
	boolClass = set(cBool)
)

// classOf maps a scalar type name to its class; unknown custom scalars are strings.
func classOf(name string) class {
	switch name {
	case "String":
		return cString
	case "ID":
		return cID
	case "Int":
		return cInt
	case "Float":
		return cFloat
	case "Boolean":
		return cBool
	case "Date":
		return cDate
	case "DateTime":
		return cDateTime
	case "Time":
		return cTime
	case "Duration":
		return cDuration
	case "Decimal", "FloatSafeDecimal", "NormalizedDecimal":
		return cDecimal
	case "BigInt", "Long":
		return cBigInt
	case "GenericScalar", "JSON", "JSONObject":
		return cGeneric
	case "JSONString":
		return cJSON
	case "UUID":
		return cUUID
	case "Email":
		return cEmail
	case "Upload":
		return cUpload
	case "Base64String":
		return cBase64
	}
	return cString
}
