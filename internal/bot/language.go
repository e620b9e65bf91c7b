package bot

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/hotline-org/hotline/internal/textfold"
)

// MessagesDir is the folder of the catalog that holds one file of the bot's
// own words per language. Adding a language is adding a file there (and its
// text in the catalog).
const MessagesDir = "messages"

// Language is the bot's own words in one language, and what it needs to
// recognise that language and its requests.
type Language struct {
	Code          string              `yaml:"lang"`
	Name          string              `yaml:"name"`
	Detect        []string            `yaml:"detect"`
	Intents       map[string][]string `yaml:"intents"`
	PlaceFollowup []string            `yaml:"place_followup"`
	Words         map[string]string   `yaml:"words"`

	detect   map[string]bool     // folded Detect
	intents  map[string][]string // folded Intents
	followup []string            // folded PlaceFollowup
}

// hasIntent reports whether the folded message is one of the phrases that
// ask for intent in this language.
func (l *Language) hasIntent(intent, folded string) bool {
	return slices.Contains(l.intents[intent], folded)
}

// LanguageName is the name of the language with this code in l's
// language: the messages' own word for it ("language_es"), else Unicode
// CLDR's ("árabe", "Japanese"), else the code.
func (l *Language) LanguageName(code string) string {
	if name, ok := l.Words["language_"+code]; ok {
		return name
	}
	return DisplayLanguage(code, l.Code)
}

// CountryName is the name of the country with this ISO code in l's
// language: the messages' own word for it ("country_GB": "UK"), else
// CLDR's ("Corea del Sur"), else the code.
func (l *Language) CountryName(code string) string {
	if name, ok := l.Words["country_"+code]; ok {
		return name
	}
	if r, err := language.ParseRegion(code); err == nil {
		if name := display.Regions(language.Make(l.Code)).Name(r); name != "" {
			return name
		}
	}
	return code
}

// DisplayLanguage is CLDR's name, in the language in, of the language
// with this code, or the code where CLDR has none.
func DisplayLanguage(code, in string) string {
	base, err := language.ParseBase(code)
	if err != nil {
		return code // CLDR would say "Unknown language"
	}
	if namer := display.Languages(language.Make(in)); namer != nil {
		if name := namer.Name(base); name != "" {
			return name
		}
	}
	return code
}

// Say returns the words for key with {placeholders} filled from pairs of
// name, value. A missing key says so plainly rather than failing a reply.
func (l *Language) Say(key string, pairs ...string) string {
	s, ok := l.Words[key]
	if !ok {
		return "[" + key + "]"
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// Languages is every language the bot speaks. English is the fallback.
type Languages struct {
	byCode map[string]*Language
	codes  []string
}

// LoadLanguages reads every messages/*.yaml of fsys. Each must have every
// key the English file has, so no reply is ever half translated.
func LoadLanguages(fsys fs.FS) (*Languages, error) {
	entries, err := fs.ReadDir(fsys, MessagesDir)
	if err != nil {
		return nil, fmt.Errorf("bot: read %s: %w", MessagesDir, err)
	}
	ls := &Languages{byCode: map[string]*Language{}}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".yaml" {
			continue
		}
		file := path.Join(MessagesDir, e.Name())
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("bot: %w", err)
		}
		var l Language
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("bot: %s: %w", file, err)
		}
		if l.Code+".yaml" != e.Name() {
			return nil, fmt.Errorf("bot: %s: lang %q does not match the file name", file, l.Code)
		}
		l.detect = map[string]bool{}
		for _, w := range l.Detect {
			l.detect[textfold.Fold(w)] = true
		}
		l.intents = map[string][]string{}
		for intent, phrases := range l.Intents {
			for _, p := range phrases {
				l.intents[intent] = append(l.intents[intent], textfold.Fold(p))
			}
		}
		for _, p := range l.PlaceFollowup {
			l.followup = append(l.followup, textfold.Fold(p))
		}
		ls.byCode[l.Code] = &l
		ls.codes = append(ls.codes, l.Code)
	}
	en, ok := ls.byCode["en"]
	if !ok {
		return nil, fmt.Errorf("bot: %s/en.yaml is missing", MessagesDir)
	}
	for _, l := range ls.byCode {
		for key := range en.Words {
			if _, ok := l.Words[key]; !ok {
				return nil, fmt.Errorf("bot: %s/%s.yaml: missing words.%s", MessagesDir, l.Code, key)
			}
		}
		for intent := range en.Intents {
			if len(l.Intents[intent]) == 0 {
				return nil, fmt.Errorf("bot: %s/%s.yaml: missing intents.%s", MessagesDir, l.Code, intent)
			}
		}
	}
	// English first: it is the fallback, and what a menu or page shows
	// when the person's language is not spoken.
	slices.Sort(ls.codes)
	ls.codes = append([]string{"en"}, slices.DeleteFunc(ls.codes, func(c string) bool { return c == "en" })...)
	return ls, nil
}

// Say returns the words for key in the language with code, or in English
// (see Wording).
func (ls *Languages) Say(code, key string, pairs ...string) string {
	return ls.Get(code).Say(key, pairs...)
}

// Get returns the language with code, or English.
func (ls *Languages) Get(code string) *Language {
	if l, ok := ls.byCode[code]; ok {
		return l
	}
	return ls.byCode["en"]
}

// Has reports whether the bot speaks code.
func (ls *Languages) Has(code string) bool {
	_, ok := ls.byCode[code]
	return ok
}

// Codes lists the languages the bot speaks: English, then the others
// sorted.
func (ls *Languages) Codes() []string { return ls.codes }

// DetectPhrase returns the language whose intent phrases include the whole
// folded message ("privacidad", "more"), or "" when none or several do.
func (ls *Languages) DetectPhrase(folded string) string {
	found := ""
	for _, code := range ls.codes {
		for _, phrases := range ls.byCode[code].intents {
			if slices.Contains(phrases, folded) {
				if found != "" && found != code {
					return ""
				}
				found = code
			}
		}
	}
	return found
}

// IsCommonWord reports whether a folded word is a common word of any
// language: one that alone says nothing about what a person needs.
func (ls *Languages) IsCommonWord(w string) bool {
	for _, l := range ls.byCode {
		if l.detect[w] {
			return true
		}
	}
	return false
}

// Detect guesses the language of a folded message from its common words and
// the vocabulary's matches. It returns "" when the message gives no sign,
// so the caller can fall back on what it knew before.
func (ls *Languages) Detect(folded string, vocab map[string]int) string {
	scores := map[string]int{}
	for w := range strings.FieldsSeq(folded) {
		for code, l := range ls.byCode {
			if l.detect[w] {
				scores[code]++
			}
		}
	}
	for code, n := range vocab {
		scores[code] += 2 * n
	}
	best, bestN, tie := "", 0, false
	for _, code := range ls.codes {
		switch n := scores[code]; {
		case n > bestN:
			best, bestN, tie = code, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}
