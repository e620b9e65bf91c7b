package hsds

import (
	"slices"
	"strings"
	"unicode"
)

// The taxonomies Export writes, so that Import knows its own terms. Their
// URIs identify them; the codes of the topics taxonomy are topic ids
// (resources/topics.yaml), those of the fields taxonomy name catalog
// fields that HSDS has no column for, carried in attribute values.
const (
	topicsTaxonomyURI = "https://github.com/hotline-org/hotline/blob/main/resources/topics.yaml"
	fieldsTaxonomyURI = "https://github.com/hotline-org/hotline/blob/main/resources/README.md"

	fieldID       = "hotline-id"       // value: the catalog id, so a round trip keeps it
	fieldAudience = "hotline-audience" // value: all, youth or staff
	fieldPriority = "hotline-priority" // value: 0 to 10

	// fieldContactType is linked to a row of url.csv: value web or chat.
	fieldContactType = "hotline-contact-type"
)

// topicRules map the names of other taxonomies' terms (AIRS/211, Open
// Eligibility, a directory's own) to catalog topics. A rule matches when
// its words appear in the term's name as whole words, in any case, plural
// or not; rules are tried in order and each consumes the words it matched,
// so the specific ("sex trafficking") wins over the general
// ("trafficking"), and a rule with no topics ("animal shelter") keeps a
// general one ("shelter") from matching. A term that matches no rule is
// tried through its parents; a term that still maps to nothing is
// reported. Terms are matched by name rather than code because codes differ
// between taxonomies and versions while names say what a service does.
var topicRules = []struct {
	words  string
	topics []string
}{
	// Not what they sound like.
	{"animal shelter", nil},
	{"pet", nil},
	{"emergency food", nil},
	{"food shelter", nil},

	{"sex trafficking", []string{"sex-trafficking"}},
	{"sexual exploitation", []string{"sex-trafficking"}},
	{"labor trafficking", []string{"labor-trafficking"}},
	{"labour trafficking", []string{"labor-trafficking"}},
	{"forced labor", []string{"labor-trafficking"}},
	{"trafficking", []string{"sex-trafficking", "labor-trafficking"}},
	{"domestic violence", []string{"domestic-violence"}},
	{"family violence", []string{"domestic-violence"}},
	{"intimate partner violence", []string{"domestic-violence"}},
	{"dating violence", []string{"dating-violence"}},
	{"sexual assault", []string{"sexual-assault"}},
	{"rape", []string{"sexual-assault"}},
	{"sexual abuse", []string{"sexual-assault"}},
	{"child abuse", []string{"child-abuse"}},
	{"child neglect", []string{"child-abuse"}},
	{"child protective", []string{"child-abuse"}},
	{"runaway", []string{"runaway"}},
	{"homeless youth", []string{"runaway", "shelter"}},
	{"street youth", []string{"runaway"}},
	{"youth shelter", []string{"runaway", "shelter"}},
	{"shelter", []string{"shelter"}},
	{"transitional housing", []string{"shelter"}},
	{"emergency housing", []string{"shelter"}},
	{"suicide", []string{"suicide"}},
	{"crisis intervention", []string{"crisis"}},
	{"crisis line", []string{"crisis"}},
	{"crisis hotline", []string{"crisis"}},
	{"crisis counseling", []string{"crisis"}},
	{"crisis counselling", []string{"crisis"}},
	{"mental health crisis", []string{"crisis"}},
	{"legal", []string{"legal-rights"}},
	{"immigration", []string{"immigration"}},
	{"immigrant", []string{"immigration"}},
	{"refugee", []string{"immigration"}},
	{"asylum", []string{"immigration"}},
	{"victim", []string{"survivor-support"}},
	{"survivor", []string{"survivor-support"}},
	{"missing", []string{"missing-children"}},
	{"lgbt", []string{"lgbtq"}},
	{"lgbtq", []string{"lgbtq"}},
	{"lgbtqia", []string{"lgbtq"}},
	{"transgender", []string{"lgbtq"}},
	{"sextortion", []string{"sextortion"}},
	{"online exploitation", []string{"online-exploitation"}},
	{"child sexual abuse material", []string{"online-exploitation"}},
	{"grooming", []string{"grooming"}},
	{"safety planning", []string{"safety-planning"}},
	{"online safety", []string{"online-safety"}},
	{"internet safety", []string{"online-safety"}},
	{"tip line", []string{"reporting"}},
}

// topicsForName maps a term name through topicRules. matched is false when
// no rule matched at all (a rule without topics still counts as a match:
// the term is known not to be a catalog topic).
func topicsForName(name string) (topics []string, matched bool) {
	words := nameWords(name)
	for _, rule := range topicRules {
		rw := nameWords(rule.words)
		for i := 0; i+len(rw) <= len(words); i++ {
			if !equalWords(words[i:i+len(rw)], rw) {
				continue
			}
			matched = true
			for _, t := range rule.topics {
				if !slices.Contains(topics, t) {
					topics = append(topics, t)
				}
			}
			for j := i; j < i+len(rw); j++ {
				words[j] = "" // consumed
			}
		}
	}
	return topics, matched
}

// nameWords splits a name into lower-case words without a plural s, so
// "Domestic Violence Shelters" and "domestic violence shelter" agree.
func nameWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range f {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			f[i] = w[:len(w)-1]
		}
	}
	return f
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
