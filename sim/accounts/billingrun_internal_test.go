package accounts

import (
	"fmt"
	"testing"
)

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   int
		weights []float64
		want    string
	}{
		{"one part", 1234, []float64{5}, "[1234]"},
		{"two prices", 100, []float64{2, 1}, "[67 33]"},
		{"thirds add up", 100, []float64{1, 1, 1}, "[33 34 33]"},
		{"an export's negative charge", -100, []float64{1, 3}, "[-25 -75]"},
		{"no weight", 7, []float64{0, 0}, "[0 7]"},
		{"none", 7, nil, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(apportion(tt.total, tt.weights)); got != tt.want {
			t.Errorf("%s: apportion(%d, %v) = %s, want %s", tt.name, tt.total, tt.weights, got, tt.want)
		}
	}
}
