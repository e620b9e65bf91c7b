package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/understand"
)

// secondLabels is a random sample of 600 dev messages labelled again for
// danger and country by a second labeller who saw only the texts and the
// writers' definitions (testdata/relabel/prompt.md), never the first
// labels, the engine or its rules.
const secondLabels = "testdata/relabel/dev-danger-second.jsonl"

// TestSecondLabeller shows how far two careful people agree on what is
// urgent, beside how the engine agrees with each: the ceiling a figure
// on "urgent caught" and "false alarms" can be trusted to. The numbers are
// in docs/evaluation.md.
func TestSecondLabeller(t *testing.T) {
	byText := map[string]understand.Example{}
	for _, ex := range split(t, devDir) {
		byText[ex.Text] = ex
	}
	dangers := append(slices.Clone(loadApp(t).Triage().Categories()), understand.DangerNone)
	var first, second []understand.Example
	var agree struct{ caught, alarms Rate }
	// The country the second labeller gave: the same, one where the first
	// gave none (the eval then counts the message as the US's), another.
	var places struct{ same, unnamed, other int }
	readLines(t, secondLabels, func(line int, l struct{ Text, Danger, Country string }) {
		ex, ok := byText[l.Text]
		if !ok || ex.Danger == "" {
			t.Fatalf("%s:%d: not a dev message labelled for danger: %.60q", secondLabels, line, l.Text)
		}
		if !slices.Contains(dangers, l.Danger) {
			t.Fatalf("%s:%d: unknown danger %q", secondLabels, line, l.Danger)
		}
		switch {
		case l.Country == ex.Country:
			places.same++
		case ex.Country == "":
			places.unnamed++
		default:
			places.other++
		}
		urgent := l.Danger != understand.DangerNone
		if ex.Danger != understand.DangerNone {
			agree.caught.add(urgent)
		} else {
			agree.alarms.add(urgent)
		}
		first = append(first, ex)
		ex.Danger = l.Danger
		second = append(second, ex)
	})
	if len(first) != 600 {
		t.Fatalf("%s: %d messages, want 600", secondLabels, len(first))
	}
	engine, err := loadApp(t).NewEngine(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := loadApp(t).Catalog()
	byFirst, _ := Run(context.Background(), engine, c, first)
	bySecond, _ := Run(context.Background(), engine, c, second)
	t.Logf("second labeller, against the first:  caught %v  false alarms %v", agree.caught, agree.alarms)
	t.Logf("engine, against the first labeller:  caught %v  false alarms %v", *byFirst.Caught["all"], *byFirst.FalseAlarms["all"])
	t.Logf("engine, against the second labeller: caught %v  false alarms %v", *bySecond.Caught["all"], *bySecond.FalseAlarms["all"])
	t.Logf("country: the same %d, named where the first named none %d, another %d", places.same, places.unnamed, places.other)
}

// secondPlaces gives a country to the dev messages whose writer left it
// empty, from a second labeller who saw only the texts and the writers'
// definition of the place that matters (testdata/relabel/place-prompt.md);
// "" where the message names none.
const secondPlaces = "testdata/relabel/dev-place-second.jsonl"

// TestDevWithSecondPlaces shows the dev figures with those countries
// filled in beside the plain ones: the eval reads a message without a
// country as the US's, so a reply right for the place the text names
// counts as wrong (docs/evaluation.md, "Where it still fails").
func TestDevWithSecondPlaces(t *testing.T) {
	dev := split(t, devDir)
	unplaced := map[string]bool{}
	for _, ex := range dev {
		if ex.Country == "" {
			unplaced[ex.Text] = true
		}
	}
	second := map[string]string{}
	readLines(t, secondPlaces, func(line int, l struct{ Text, Country string }) {
		if !unplaced[l.Text] {
			t.Fatalf("%s:%d: not a dev message without a country: %.60q", secondPlaces, line, l.Text)
		}
		if l.Country != "" && !isCountryCode(l.Country) {
			t.Fatalf("%s:%d: country %q is not an ISO 3166 code", secondPlaces, line, l.Country)
		}
		second[l.Text] = l.Country
	})
	if len(second) != len(unplaced) {
		t.Fatalf("%s: %d messages, want the %d dev messages without a country", secondPlaces, len(second), len(unplaced))
	}
	placed := slices.Clone(dev)
	named := 0
	for i := range placed {
		if c := second[placed[i].Text]; c != "" && placed[i].Country == "" {
			placed[i].Country = c
			named++
		}
	}
	a := loadApp(t)
	engine, err := a.NewEngine(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r, _ := Run(context.Background(), engine, a.Catalog(), placed)
	r.Print(&b, fmt.Sprintf("dev, %d countries given by the second labeller", named))
	t.Log("\n" + b.String())
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// readLines decodes each line of the JSON Lines file at path and hands it
// to each with its line number; any error fails the test there.
func readLines[T any](t *testing.T, path string, each func(line int, v T)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for line := 1; s.Scan(); line++ {
		var v T
		if err := json.Unmarshal(s.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		each(line, v)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
}
