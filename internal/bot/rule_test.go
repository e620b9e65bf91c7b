package bot

import (
	"slices"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// topicIDs lists the built-in catalog's topics.
func topicIDs(t *testing.T) []string {
	t.Helper()
	c, err := catalog.Load(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tp := range c.Topics {
		ids = append(ids, tp.ID)
	}
	return ids
}

// TestScanFindsWhatContainsFinds: the one-pass scan marks a rule exactly
// when strings.Contains finds one of its triggers, for every rule and every
// message of the labelled sets, and at the edges of a message.
func TestScanFindsWhatContainsFinds(t *testing.T) {
	tr, err := LoadTriage(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	var rules []rule
	rules = append(append(rules, tr.now...), tr.unless...)
	for _, c := range tr.categories {
		rules = append(append(rules, c.patterns...), c.cues...)
	}
	var triggers []string
	for _, r := range rules {
		triggers = append(triggers, r.triggers...)
	}
	// Edges: too short to hold a trigger, a trigger alone, at the end,
	// twice, and two overlapping.
	messages := []string{"", "a", "ab", triggers[0], "x " + triggers[1], triggers[2] + triggers[2], triggers[3] + triggers[3][1:]}
	examples, err := understand.LoadExamples(resources.FS(), understand.ExamplesDir, understand.Labels{Topics: topicIDs(t), Dangers: tr.Categories()})
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		messages = append(messages, textfold.Fold(ex.Text))
	}
	marked := 0
	for _, m := range messages {
		found := tr.literals.scan(m)
		for _, r := range rules {
			if r.triggers == nil {
				continue
			}
			want := slices.ContainsFunc(r.triggers, func(tg string) bool { return strings.Contains(m, tg) })
			if found[r.id] != want {
				t.Errorf("%q, rule %s: scan says %v, Contains says %v", m, r.re, found[r.id], want)
			}
			if want {
				marked++
			}
		}
	}
	if len(messages) < 400 || marked < 100 {
		t.Errorf("%d messages, %d rules marked: the sets did not load", len(messages), marked)
	}
}
