package fake

// meterModel is a meter's make and model, and the firmware its smart device reports.
type meterModel struct{ make, model, firmware string }

// Meters by fuel and SMETS generation; those without a smart device are electromechanical
// and half-hourly electricity meters and diaphragm gas meters.
var (
	smets2Electricity = []meterModel{{"Landis+Gyr", "E470", "2.13.7"}, {"Aclara", "SGM1412", "1.1.4"}, {"EDMI", "ES-10B", "3.6.1"}}
	smets1Electricity = []meterModel{{"Secure Meters", "Liberty 100", "5.5.9"}, {"Landis+Gyr", "E470", "1.4.2"}}
	smets2Gas         = []meterModel{{"Landis+Gyr", "G470", "2.3.0"}, {"Flonidan", "G4SZV", "1.2.8"}}
	smets1Gas         = []meterModel{{"Secure Meters", "Europa", "4.1.3"}}
	plainElectricity  = []meterModel{{"Landis+Gyr", "5235", ""}, {"Elster", "A1140", ""}, {"Ampy", "5196B", ""}}
	plainGas          = []meterModel{{"Itron", "U6G", ""}, {"Elster", "BK-G4", ""}}
)

// MeterModel returns the make, model and firmware of the meter key stands for: a smart
// meter of SMETS generation "S1" or "S2", or for "" one without a smart device (and no
// firmware).
func MeterModel(key uint64, gas bool, generation string) (string, string, string) {
	list := plainElectricity
	switch {
	case gas && generation == "S1":
		list = smets1Gas
	case gas && generation == "S2":
		list = smets2Gas
	case gas:
		list = plainGas
	case generation == "S1":
		list = smets1Electricity
	case generation == "S2":
		list = smets2Electricity
	}
	m := list[key%uint64(len(list))]
	return m.make, m.model, m.firmware
}

// EUI64 returns the EUI-64 key stands for, as Kraken writes a device's id: eight hex
// pairs joined by dashes.
func EUI64(key uint64) string {
	r := rng{s: key}
	return eui64(&r)
}

func eui64(r *rng) string {
	b := make([]byte, 0, 23)
	for i := 0; i < 8; i++ {
		if i > 0 {
			b = append(b, '-')
		}
		x := r.next()
		b = append(b, hexDigits[x&15], hexDigits[(x>>4)&15])
	}
	return string(b)
}
