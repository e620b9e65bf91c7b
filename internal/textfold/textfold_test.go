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

func TestHasPhrase(t *testing.T) {
	tests := []struct {
		text, phrase string
		want         bool
	}{
		{"im in the life now", "the life", true},
		{"the lifeguard", "the life", false},
		{"daddy", "daddy", true},
		{"my daddyo", "daddy", false},
		{"a daddy a", "daddy", true},
		{"xdaddy daddy", "daddy", true},
		{"anything", "", false},
	}
	for _, tt := range tests {
		if got := HasPhrase(tt.text, tt.phrase); got != tt.want {
			t.Errorf("HasPhrase(%q, %q) = %v, want %v", tt.text, tt.phrase, got, tt.want)
		}
	}
}
