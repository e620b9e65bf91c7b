package bot

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TriageFile is the catalog file with the rules for urgent messages.
const TriageFile = "triage.yaml"

// Triage recognises messages that signal immediate danger. Its rules live
// in the catalog so that maintainers can tune them without touching code.
type Triage struct {
	categories []triageCategory
	unless     []*regexp.Regexp
}

type triageCategory struct {
	id       string
	lines    []string // topics of the crisis line to show
	patterns []*regexp.Regexp
}

type triageFile struct {
	Categories []struct {
		ID       string              `yaml:"id"`
		Lines    []string            `yaml:"lines"`
		Patterns map[string][]string `yaml:"patterns"`
	} `yaml:"categories"`
	Unless map[string][]string `yaml:"unless"`
}

// LoadTriage reads the triage rules from fsys.
func LoadTriage(fsys fs.FS) (*Triage, error) {
	data, err := fs.ReadFile(fsys, TriageFile)
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	var f triageFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("bot: %s: %w", TriageFile, err)
	}
	t := &Triage{}
	for _, c := range f.Categories {
		tc := triageCategory{id: c.ID, lines: c.Lines}
		for lang, pats := range c.Patterns {
			for _, p := range pats {
				re, err := compileRule(p)
				if err != nil {
					return nil, fmt.Errorf("bot: %s: category %s (%s): %w", TriageFile, c.ID, lang, err)
				}
				tc.patterns = append(tc.patterns, re)
			}
		}
		if c.ID == "" || len(tc.patterns) == 0 {
			return nil, fmt.Errorf("bot: %s: every category needs an id and patterns", TriageFile)
		}
		t.categories = append(t.categories, tc)
	}
	for lang, pats := range f.Unless {
		for _, p := range pats {
			re, err := compileRule(p)
			if err != nil {
				return nil, fmt.Errorf("bot: %s: unless (%s): %w", TriageFile, lang, err)
			}
			t.unless = append(t.unless, re)
		}
	}
	return t, nil
}

// compileRule anchors a pattern on word boundaries of folded text.
func compileRule(p string) (*regexp.Regexp, error) {
	return regexp.Compile(`(?:^|\s)(?:` + p + `)(?:$|\s)`)
}

// TriageResult says whether a message is urgent, and why.
type TriageResult struct {
	Urgent   bool
	Category string   // the category that matched
	Lines    []string // topics of the crisis line for it
}

// Check triages a folded message. Rules of every language apply to every
// message: people switch languages mid-sentence, and a miss costs too much.
func (t *Triage) Check(folded string) TriageResult {
	for _, re := range t.unless {
		if re.MatchString(folded) {
			return TriageResult{}
		}
	}
	for _, c := range t.categories {
		for _, re := range c.patterns {
			if re.MatchString(folded) {
				return TriageResult{Urgent: true, Category: c.id, Lines: c.lines}
			}
		}
	}
	return TriageResult{}
}
