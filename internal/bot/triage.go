package bot

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hotline-org/hotline/internal/understand"
)

// TriageFile is the catalog file with the rules for urgent messages.
const TriageFile = "triage.yaml"

// Triage recognises messages that signal immediate danger. Its rules live
// in the catalog so that maintainers can tune them without touching code.
type Triage struct {
	categories []triageCategory
	now        []rule
	unless     []rule
	literals   literals // every rule's triggers
}

type triageCategory struct {
	id       string
	lines    []string // topics of the crisis line to show
	patterns []rule
	cues     []rule
	withNow  bool // one cue and a `now` word are enough
}

type triageFile struct {
	Categories []struct {
		ID       string                `yaml:"id"`
		Lines    []string              `yaml:"lines"`
		Patterns map[string][]ruleText `yaml:"patterns"`
		Cues     map[string][]ruleText `yaml:"cues"`
		// CueWithNow false means one cue and a `now` word are not enough:
		// "outside" and "rn" are everyday words together.
		CueWithNow *bool `yaml:"cue_with_now"`
	} `yaml:"categories"`
	Now    map[string][]ruleText `yaml:"now"`
	Unless map[string][]ruleText `yaml:"unless"`
}

// ruleText is one pattern as written, and where: errors name its line.
type ruleText struct {
	text      string
	line, col int
}

func (r *ruleText) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a rule is one pattern in quotes", n.Line)
	}
	r.text, r.line, r.col = n.Value, n.Line, n.Column
	return nil
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
	if err = dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("bot: %s: %w", TriageFile, err)
	}
	t := &Triage{}
	for _, c := range f.Categories {
		tc := triageCategory{id: c.ID, lines: c.Lines, withNow: c.CueWithNow == nil || *c.CueWithNow}
		if tc.patterns, err = compileRules(c.Patterns, "category "+c.ID+" patterns"); err != nil {
			return nil, err
		}
		if tc.cues, err = compileRules(c.Cues, "category "+c.ID+" cues"); err != nil {
			return nil, err
		}
		if c.ID == "" || len(tc.patterns) == 0 {
			return nil, fmt.Errorf("bot: %s: every category needs an id and patterns", TriageFile)
		}
		t.categories = append(t.categories, tc)
	}
	if t.now, err = compileRules(f.Now, "now"); err != nil {
		return nil, err
	}
	if t.unless, err = compileRules(f.Unless, "unless"); err != nil {
		return nil, err
	}
	lists := [][]rule{t.now, t.unless}
	for _, c := range t.categories {
		lists = append(lists, c.patterns, c.cues)
	}
	t.literals = number(lists...)
	return t, nil
}

// Result is the urgent result of a category, as if a rule of it matched:
// for a person who says they are in danger now.
func (t *Triage) Result(category string) TriageResult {
	for _, c := range t.categories {
		if c.id == category {
			return TriageResult{Urgent: true, Category: c.id, Lines: c.lines}
		}
	}
	return TriageResult{Urgent: true, Category: category}
}

// Categories lists the ids of the kinds of danger, in the file's order.
func (t *Triage) Categories() []string {
	ids := make([]string, len(t.categories))
	for i, c := range t.categories {
		ids[i] = c.id
	}
	return ids
}

func compileRules(byLang map[string][]ruleText, where string) ([]rule, error) {
	var out []rule
	for lang, pats := range byLang {
		for _, p := range pats {
			re, err := compileRule(p.text)
			if err != nil {
				return nil, fmt.Errorf("bot: %s:%d:%d: %s (%s): %w", TriageFile, p.line, p.col, where, lang, err)
			}
			out = append(out, newRule(re, strings.HasPrefix(p.text, "^") && strings.HasSuffix(p.text, "$")))
		}
	}
	return out, nil
}

// compileRule anchors a pattern on word boundaries of folded text.
func compileRule(p string) (*regexp.Regexp, error) {
	if strings.Contains(p, ".*(") {
		// The anchors bound the pattern's ends only: after ".*" a word may
		// start inside another ("miedo .* abajo" matched "miedo de
		// perder mi trabajo").
		return nil, errors.New(`".*(" lets the words after it match inside another word: write ".*\b(" (or ".* (" where a space must come first)`)
	}
	return regexp.Compile(`(?:^|\s)(?:` + p + `)(?:$|\s)`)
}

// RulesText is the text the rules and the models read: the message
// folded, and "lol" for a laughing emoji, which folding drops: "im
// throwing myself in the lake 😂" laughs at itself as "lol" does, and an
// unless rule and the danger model read both. (The models learn from
// folded text as written; a writer's emoji are few.)
func RulesText(text, folded string) string {
	if strings.ContainsAny(text, "😂🤣😆😹💀") {
		return folded + " lol"
	}
	return folded
}

// TriageResult says whether a message is urgent, and why.
type TriageResult struct {
	Urgent   bool
	Category string   // the category that matched
	Lines    []string // topics of the crisis line for it
	Learned  bool     // the learned model found it, not a rule
}

// Check triages a folded message and what the learned model read in it.
// Rules of every language apply to every message: people switch languages
// mid-sentence, and a miss costs too much.
//
// A message is urgent when a pattern of a category matches (a phrase that
// alone says danger now), or when two different cues of one category match
// ("chained" and "the only key"), or one cue and a word that says it is
// happening now ("rn", "ahorita", "still here") — unless an `unless` rule
// says it is study, the past, a game or a joke. Beside the rules, the
// model's reading makes a message urgent when it is sure enough; all but
// sure, it also overrules them: a calm reading vetoes cues and patterns,
// a reading of danger overrides an unless rule (see cueVeto).
func (t *Triage) Check(folded string, learned understand.Reading) TriageResult {
	found := t.literals.scan(folded)
	read := learned.Danger.Label != ""
	if anyMatch(t.unless, folded, found) {
		// Study, the past, a game, a joke: but the model, all but sure of
		// danger now, overrides the words ("they film in the basement and
		// won't let me go upstairs" is no film).
		if read && learned.Danger.P >= unlessOverride {
			return t.learned(learned)
		}
		return TriageResult{}
	}
	if read && learned.Danger.P < patternVeto {
		// The model is all but sure the message is calm: a pattern in
		// school work ("un trabajo sobre prevencion del suicidio"). On
		// dev, a veto here saved more false alarms than urgent messages
		// it lost. A cry alone, a pattern that reads the whole message
		// ("^…$": "trapped", "odd help"), is no school work.
		for _, c := range t.categories {
			if slices.ContainsFunc(c.patterns, func(r rule) bool { return r.whole && r.match(folded, found) }) {
				return TriageResult{Urgent: true, Category: c.id, Lines: c.lines}
			}
		}
		return TriageResult{}
	}
	for _, c := range t.categories {
		if anyMatch(c.patterns, folded, found) {
			return TriageResult{Urgent: true, Category: c.id, Lines: c.lines}
		}
	}
	// Cues are weaker evidence than patterns: two everyday words of danger
	// ("outside", "tonight") often meet in a calm message. When the
	// learned model is all but sure a message is calm, they do not count.
	if read && learned.Danger.P < cueVeto {
		return t.learned(learned)
	}
	now := anyMatch(t.now, folded, found)
	for _, c := range t.categories {
		if cues := countCues(c.cues, folded, found); cues >= 2 || (cues == 1 && now && c.withNow) {
			return TriageResult{Urgent: true, Category: c.id, Lines: c.lines}
		}
	}
	return t.learned(learned)
}

// The model's probabilities of danger that change what the rules say, set
// on the dev split (docs/evaluation.md): under cueVeto cues alone do not
// make a message urgent, under patternVeto nothing does, and from
// unlessOverride a message is urgent whatever an unless rule says.
const (
	cueVeto        = 0.12
	patternVeto    = 0.05
	unlessOverride = 0.5
)

// learned is the model's verdict.
func (t *Triage) learned(r understand.Reading) TriageResult {
	if r.Urgent {
		if i := slices.IndexFunc(t.categories, func(c triageCategory) bool { return c.id == r.Danger.Label }); i >= 0 {
			c := t.categories[i]
			return TriageResult{Urgent: true, Category: c.id, Lines: c.lines, Learned: true}
		}
	}
	return TriageResult{}
}

// countCues counts the cue rules that match. A rule is one kind of sign
// ("a place outside"), so it counts once however often it matches; and
// words count for one rule only: two rules that both read "can't leave"
// are one sign, not two.
func countCues(cues []rule, folded string, found []bool) int {
	var used [][2]int // the words of the cues counted, as byte spans
	overlaps := func(span []int) bool {
		return slices.ContainsFunc(used, func(u [2]int) bool { return span[0] < u[1] && u[0] < span[1] })
	}
	for _, r := range cues {
		if !r.mayMatch(found) {
			continue
		}
		for _, span := range r.re.FindAllStringIndex(folded, -1) {
			// The anchors take the spaces around the words.
			for span[0] < span[1] && folded[span[0]] == ' ' {
				span[0]++
			}
			for span[1] > span[0] && folded[span[1]-1] == ' ' {
				span[1]--
			}
			if !overlaps(span) {
				used = append(used, [2]int{span[0], span[1]})
				break
			}
		}
	}
	return len(used)
}

func anyMatch(rules []rule, s string, found []bool) bool {
	return slices.ContainsFunc(rules, func(r rule) bool { return r.match(s, found) })
}

// Explain says which rules a folded message matches, for maintainers
// tuning the rules: "pattern captivity: …", "cue outside: …", "now: …".
// The model's side is explained by understand.Reader.Explain.
func (t *Triage) Explain(folded string) []string {
	var out []string
	found := t.literals.scan(folded)
	add := func(kind string, rules []rule) {
		for _, r := range rules {
			if m := r.find(folded, found); m != "" {
				out = append(out, kind+": "+strings.TrimSpace(m))
			}
		}
	}
	add("unless", t.unless)
	for _, c := range t.categories {
		add("pattern "+c.id, c.patterns)
		add("cue "+c.id, c.cues)
	}
	add("now", t.now)
	return out
}
