package hsds

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hotline-org/hotline/internal/textfold"
)

// maxSummary is the longest first paragraph used whole as a summary; a
// longer one is cut at a sentence.
const maxSummary = 400

var (
	htmlTagRE   = regexp.MustCompile(`(?s)<[a-zA-Z/!][^>]*>`)
	htmlBreakRE = regexp.MustCompile(`(?i)<(br\s*/?|/p|/div|/li|/h[1-6]|p|li)\b[^>]*>`)
	blankRunRE  = regexp.MustCompile(`\n[ \t]*\n(\s*\n)*`)
	spaceRunRE  = regexp.MustCompile(`[ \t]+`)
)

// plainText turns a description, which the specification allows to hold
// HTML or Markdown, into the plain text the catalog holds: tags out,
// entities decoded, paragraphs kept.
func plainText(s string) string {
	if isPlain(s) {
		return strings.TrimSpace(s)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if htmlTagRE.MatchString(s) {
		s = htmlBreakRE.ReplaceAllStringFunc(s, func(tag string) string {
			if strings.HasPrefix(strings.ToLower(tag), "<br") || strings.HasPrefix(strings.ToLower(tag), "<li") {
				return "\n"
			}
			return "\n\n"
		})
		s = htmlTagRE.ReplaceAllString(s, "")
		s = html.UnescapeString(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRunRE.ReplaceAllString(l, " "))
	}
	s = strings.Join(lines, "\n")
	return strings.TrimSpace(blankRunRE.ReplaceAllString(s, "\n\n"))
}

// isPlain reports whether s needs no cleaning but trimming: no markup, no
// runs of blanks. Most descriptions are like this, and the regular
// expressions of plainText are a tenth of an import's mapping time.
func isPlain(s string) bool {
	for _, bad := range []string{"<", "&", "\r", "\t", "  ", " \n", "\n ", "\n\n\n"} {
		if strings.Contains(s, bad) {
			return false
		}
	}
	return true
}

// splitDescription makes a summary and a body of a description: the first
// paragraph is the summary when it is short, the rest the body. A long
// first paragraph gives its first sentences as the summary and the whole
// text as the body, so nothing is lost.
func splitDescription(s string) (summary, body string) {
	s = plainText(s)
	first, rest, _ := strings.Cut(s, "\n\n")
	first, rest = strings.TrimSpace(first), strings.TrimSpace(rest)
	if utf8.RuneCountInString(first) <= maxSummary {
		return first, rest
	}
	return firstSentences(first, maxSummary), s
}

// firstSentences returns the sentences that begin s and fit in max runes,
// or s cut at a word with an ellipsis when the first sentence is longer.
func firstSentences(s string, max int) string {
	end, n := 0, 0
	for i, r := range s {
		if n >= max {
			break
		}
		n++
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
			end = i + 1
		}
	}
	if end > 0 {
		return s[:end]
	}
	cut := []rune(s)[:max]
	out := string(cut)
	if i := strings.LastIndexByte(out, ' '); i > max/2 {
		out = out[:i]
	}
	return strings.TrimRight(out, " ,;:") + "…"
}

// maxSlug bounds generated ids: long enough to tell services apart, short
// enough for a file name people read.
const maxSlug = 60

// slugify makes an id of words: "Hope House (Austin)" → "hope-house-austin".
func slugify(s string) string {
	var b strings.Builder
	for _, r := range textfold.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	for strings.Contains(out, "--") {
		out = strings.ReplaceAll(out, "--", "-")
	}
	if len(out) > maxSlug {
		out = out[:maxSlug]
		if i := strings.LastIndexByte(out, '-'); i > maxSlug/2 {
			out = out[:i]
		}
		out = strings.Trim(out, "-")
	}
	return out
}
