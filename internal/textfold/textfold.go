// Package textfold folds text so that words match however people type
// them: any case, with or without accents, with or without apostrophes.
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, strips accents, drops apostrophes and turns every
// other run of non-letters and non-digits into one space: "¿Señales?" folds
// to "senales" and "I can't" to "i cant", the way people text.
func Fold(s string) string {
	if !isASCII(s) {
		// Decomposed, an accented letter is its letter and a mark
		// ("ñ" is "n" and "~"); the loop drops the marks.
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '`':
			// "don't" and "dont" are the same word.
		case unicode.Is(unicode.Mn, r):
			// An accent, decomposed above.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// isASCII reports whether s has no accents to strip: most messages and
// every English phrase, so Fold skips Unicode normalisation for them.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
