package textfold

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"¿Señales?", "senales"},
		{"I can't LEAVE!!", "i cant leave"},
		{"he’s   outside", "hes outside"},
		{"Línea   Nacional—contra la TRATA", "linea nacional contra la trata"},
		{"", ""},
		{"🙂 help 🙂", "help"},
		{"75201-1234", "75201 1234"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
