package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of text as the matcher sees it.
type token struct {
	key   string // folded: lower case, no accents; see fold
	raw   string // as written
	start int    // byte offset of raw in the text
	end   int
	upper bool // has letters, all of them upper case
	comma bool // a comma stands between this token and the previous one
	stop  bool // so does the end of a sentence: ".", "!", "?" or a line break
}

// tokenize splits s into words. Hyphens and other punctuation separate
// words ("Winston-Salem" is "winston salem"); apostrophes inside a word
// are dropped ("St. John's" is "st johns"). Dotted abbreviations of
// letter pairs stay one token with their dots ("U.S.", "EE.UU.", "D.C."),
// because without the dots they would be other words: "N.L." is Nuevo
// León, "NL" Newfoundland.
func tokenize(s string) []token {
	var toks []token
	comma, stop := false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			switch r {
			case ',', ';':
				comma = true
			case '.', '!', '?', '\n', '(', ')':
				// A bracket sets its words apart like a sentence:
				// "(Year 8, Sydney)".
				stop = true
			}
			i += size
			continue
		}
		end := scanWord(s, i)
		if dotted := scanDotted(s, i, end); dotted > end {
			end = dotted
		}
		raw := s[i:end]
		toks = append(toks, token{
			key:   fold(raw),
			raw:   raw,
			start: i,
			end:   end,
			upper: isUpper(raw),
			comma: comma,
			stop:  stop,
		})
		comma, stop = false, false
		i = end
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isPossessive reports whether the word ends in "'s": its folded key
// ends in an "s" that is no part of the name ("Sydney's" is "sydneys").
func isPossessive(raw string) bool {
	r, size := utf8.DecodeLastRuneInString(raw)
	if r != 's' && r != 'S' {
		return false
	}
	a, _ := utf8.DecodeLastRuneInString(raw[:len(raw)-size])
	return isApostrophe(a)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u2018' }

// scanWord returns the end of the word starting at s[i].
func scanWord(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += size
			continue
		}
		if isApostrophe(r) && i+size < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(next) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

// scanDotted returns the end of a dotted abbreviation such as "U.S.A." or
// "EE.UU." whose first segment is s[start:end], or end if there is none:
// at least two segments of one or two letters, each followed by a dot
// (the last dot may be missing).
func scanDotted(s string, start, end int) int {
	if !shortSegment(s[start:end]) || end >= len(s) || s[end] != '.' {
		return end
	}
	segments, i := 1, end+1
	for i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		j := scanWord(s, i)
		if !shortSegment(s[i:j]) {
			break
		}
		segments++
		i = j
		if i < len(s) && s[i] == '.' {
			i++
		} else {
			break
		}
	}
	if segments < 2 {
		return end
	}
	return i
}

func shortSegment(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 2
}

// startsUpper reports whether s begins with a capital letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// fold lower-cases a word and strips its accents, dropping apostrophes and
// ending a dotted abbreviation with a dot ("D.C" and "D.C." are "d.c.").
// It keeps ñ: "montaña" is not Montana. Names with ñ are indexed with and
// without it, so "Espana" still finds España.
func fold(word string) string {
	var b strings.Builder
	b.Grow(len(word) + 1)
	dotted := false
	for _, r := range word {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		case isApostrophe(r):
			continue
		case r == 'ñ' || r == 'Ñ':
			r = 'ñ'
		case 0xC0 <= r && r <= 0x17F && latinFold[r-0xC0] != '-':
			r = rune(latinFold[r-0xC0])
		case 0x218 <= r && r <= 0x21B:
			// Romanian ș and ț, with a comma below; GeoNames has the
			// older ş and ţ, with a cedilla, which latinFold covers.
			r = rune("sstt"[r-0x218])
		default:
			r = unicode.ToLower(r)
		}
		if r == '\'' {
			continue // an ASCII apostrophe
		}
		if r == '.' {
			dotted = true
		}
		b.WriteRune(r)
	}
	if dotted && !strings.HasSuffix(b.String(), ".") {
		b.WriteByte('.')
	}
	return b.String()
}

// latinFold maps U+00C0 to U+017F (Latin-1 Supplement and Latin
// Extended-A, which cover the languages of the Americas and Europe) to
// lower-case ASCII letters without diacritics, made with NFD
// decomposition; ø, ł and đ, which do not decompose, were mapped by hand.
// fold also maps the Romanian letters just past it, ș and ț.
// '-' marks the few letters with no ASCII fold (æ, ß, þ...), which are
// only lower-cased.
const latinFold = "aaaaaa-ceeeeiiiidnooooo-ouuuuy--aaaaaa-ceeeeiiiidnooooo-ouuuuy-yaaaaaaccccccccddddeeeeeeeeeegggg" +
	"gggghhhhiiiiiiiiii--jjkk-llllllllllnnnnnn---oooooo--rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz-"

// enye returns key with ñ replaced by n, and whether there was one.
func enye(key string) (string, bool) {
	if !strings.Contains(key, "ñ") {
		return key, false
	}
	return strings.ReplaceAll(key, "ñ", "n"), true
}
