package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Een gedeelde visie en ambitie realiseren", "een-gedeelde-visie-en-ambitie-realiseren"},
		{"Mogelijkheden creëren", "mogelijkheden-creeren"},
		{"  Één-op-één   ontwikkeling! ", "een-op-een-ontwikkeling"},
		{"Auto's & ideeën", "autos-ideeen"},
		{"Tijd, budget en middelen", "tijd-budget-en-middelen"},
		{"100% zeker?", "100-zeker"},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Creëren", "creeren"},
		{"IDEEËN", "ideeen"},
		{"Ĳsselmeer", "ijsselmeer"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
