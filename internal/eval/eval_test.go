package eval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// The splits: train is what the models learn from (in the catalog), dev is
// what thresholds and rules are tuned on, sealed is measured and never
// looked at (docs/evaluation.md).
const (
	devDir    = "testdata/dev"
	sealedDir = "testdata/sealed"
	hashDoc   = "../../docs/evaluation.md"
)

var loaded = sync.OnceValues(func() (*app.App, error) { return app.Load(resources.FS(), app.Options{}) })

func loadApp(t *testing.T) *app.App {
	t.Helper()
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func split(t *testing.T, dir string) []understand.Example {
	t.Helper()
	a := loadApp(t)
	labels := app.Labels(a.Catalog(), a.Triage())
	var out []understand.Example
	var err error
	if dir == "train" {
		out, err = understand.LoadExamples(resources.FS(), understand.ExamplesDir, labels)
	} else {
		out, err = understand.LoadExamples(os.DirFS(dir), ".", labels)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no examples", dir)
	}
	return out
}

// TestSealedSplitUnchanged: the sealed split is the one whose SHA-256 sums
// docs/evaluation.md recorded when it was committed, before any tuning.
// If this fails, the figures the README reports no longer mean anything.
func TestSealedSplitUnchanged(t *testing.T) {
	doc, err := os.ReadFile(hashDoc)
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]string{}
	for _, m := range regexp.MustCompile("`(sealed/[a-z0-9-]+\\.jsonl)` *\\| *`([0-9a-f]{64})`").FindAllStringSubmatch(string(doc), -1) {
		recorded[m[1]] = m[2]
	}
	files, err := filepath.Glob(filepath.Join(sealedDir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sealed files: %v", err)
	}
	if len(recorded) != len(files) {
		t.Errorf("%s records %d sealed files, %s holds %d", hashDoc, len(recorded), sealedDir, len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		name := "sealed/" + filepath.Base(f)
		if got := hex.EncodeToString(sum[:]); got != recorded[name] {
			t.Errorf("%s: SHA-256 %s, recorded %q: the sealed split changed", name, got, recorded[name])
		}
	}
}

// TestNoSealedPhrasesInRules: no run of three words of a sealed message is
// in the vocabulary or the triage rules unless the train split has it too,
// or the file had it when the split was sealed (testdata/rules-at-sealing
// holds both files as they were then: nothing in them can have been
// copied from a split that did not exist yet). Copying a test message's
// words into the rules makes the test worthless.
func TestNoSealedPhrasesInRules(t *testing.T) {
	train := shingles(split(t, "train"))
	sealed := shingles(split(t, sealedDir))
	for _, file := range []string{"vocabulary.yaml", "triage.yaml"} {
		now, err := fs.ReadFile(resources.FS(), file)
		if err != nil {
			t.Fatal(err)
		}
		then, err := os.ReadFile(filepath.Join("testdata/rules-at-sealing", file))
		if err != nil {
			t.Fatal(err)
		}
		before := rulePhrases(then)
		var leaked []string
		for s := range rulePhrases(now) {
			if sealed[s] && !train[s] && !before[s] {
				leaked = append(leaked, s)
			}
		}
		slices.Sort(leaked)
		if len(leaked) > 0 {
			t.Errorf("%s has %d phrases of the sealed split that the train split lacks: %q", file, len(leaked), leaked)
		}
	}
}

// rulePhrases returns the runs of three words in a rules file: in each
// quoted entry and each pattern, comments left out.
func rulePhrases(data []byte) map[string]bool {
	out := map[string]bool{}
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, part := range phrasePart.FindAllString(line, -1) {
			for s := range threeWords(textfold.Fold(part)) {
				out[s] = true
			}
		}
	}
	return out
}

var phrasePart = regexp.MustCompile(`"[^"]*"|[^,\[\]]+`)

func shingles(examples []understand.Example) map[string]bool {
	out := map[string]bool{}
	for _, ex := range examples {
		for s := range threeWords(textfold.Fold(ex.Text)) {
			out[s] = true
		}
	}
	return out
}

// threeWords yields every run of three words of a folded text.
func threeWords(folded string) func(func(string) bool) {
	return func(yield func(string) bool) {
		w := strings.Fields(folded)
		for i := 0; i+3 <= len(w); i++ {
			if !yield(strings.Join(w[i:i+3], " ")) {
				return
			}
		}
	}
}

// The figures each split must keep. They are floors against regressions,
// set a little under what was measured; the measured figures are in
// docs/evaluation.md and the README.
type floors struct {
	top3, top3ES, caught, disclosure, harmLine, ownEmergency float64
	falseAlarms, wrongEmergency                              float64 // ceilings
}

func check(t *testing.T, name string, examples []understand.Example, min floors, showFailures bool) Report {
	t.Helper()
	a := loadApp(t)
	engine, err := a.NewEngine(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, failures := Run(context.Background(), engine, a.Catalog(), examples)
	var b strings.Builder
	r.Print(&b, name)
	t.Log("\n" + b.String())
	if showFailures && os.Getenv("HOTLINE_EVAL_FAILURES") != "" {
		for _, f := range failures {
			ex := examples[f.Index]
			t.Logf("%s: %q topics=%v danger=%s country=%s top=%v", f.Check, ex.Text, ex.Topics, ex.Danger, ex.Country, f.Top)
		}
	}
	expect := func(what string, got, want float64, atMost bool) {
		if (!atMost && got < want) || (atMost && got > want) {
			t.Errorf("%s %s: %.1f%%, want %s %.1f%%", name, what, 100*got, map[bool]string{true: "at most", false: "at least"}[atMost], 100*want)
		}
	}
	expect("right answer in top 3", r.Top3["all"].Value(), min.top3, false)
	if es := r.Top3["es"]; es != nil {
		expect("right answer in top 3 (es)", es.Value(), min.top3ES, false)
	}
	expect("urgent caught", r.Caught["all"].Value(), min.caught, false)
	expect("false alarms", r.FalseAlarms["all"].Value(), min.falseAlarms, true)
	expect("trafficking line for a disclosure", r.Disclosure.Value(), min.disclosure, false)
	expect("the line for the main harm", r.HarmLine.Value(), min.harmLine, false)
	expect("replies naming another country's emergency number", r.WrongEmergency.Value(), min.wrongEmergency, true)
	expect("replies naming the person's own emergency number", r.OwnEmergency.Value(), min.ownEmergency, false)
	expect("replies showing a card twice", r.Repeated.Value(), 0, true)
	return r
}

// TestSealed measures the sealed split. Its figures are the results the
// README reports; its failures are never printed.
func TestSealed(t *testing.T) {
	check(t, "sealed", split(t, sealedDir), sealedFloors, false)
}

// TestDev measures the dev split, on which thresholds and rules are
// tuned: a development score. HOTLINE_EVAL_FAILURES=1 lists its failures.
func TestDev(t *testing.T) {
	check(t, "dev", split(t, devDir), devFloors, true)
}

// TestTrain measures the train split the models learned from: a training
// score, to compare with dev and see how much the models overfit.
func TestTrain(t *testing.T) {
	check(t, "train", split(t, "train"), trainFloors, true)
}

// Floors: see floors. Set a little under the figures measured on
// 2026-12-05 (docs/evaluation.md), so that a change that loses ground
// fails, and a change that gains it is written down here.
var (
	sealedFloors = floors{top3: 0.965, top3ES: 0.96, caught: 0.975, disclosure: 0.98, harmLine: 0.975, ownEmergency: 0.89, falseAlarms: 0.05, wrongEmergency: 0.015}
	devFloors    = floors{top3: 0.95, top3ES: 0.95, caught: 0.975, disclosure: 0.97, harmLine: 0.96, ownEmergency: 0.9, falseAlarms: 0.075, wrongEmergency: 0.012}
	trainFloors  = floors{top3: 0.965, top3ES: 0.965, caught: 0.995, disclosure: 0.98, harmLine: 0.985, ownEmergency: 0.9, falseAlarms: 0.035, wrongEmergency: 0.015}
)

// TestSplitsDisjoint: no message is in two splits, folded alike ("help",
// "ayuda porfa" are written by more than one writer): a test message the
// models learned from would be a training score.
func TestSplitsDisjoint(t *testing.T) {
	seen := map[string]string{}
	both := map[string]int{}
	for _, dir := range []string{sealedDir, devDir, "train"} {
		for _, ex := range split(t, dir) {
			f := textfold.Fold(ex.Text)
			if other, ok := seen[f]; ok && other != dir {
				both[other+" and "+dir]++
			}
			if _, ok := seen[f]; !ok {
				seen[f] = dir
			}
		}
	}
	// Counts only: the sealed split's messages are not printed.
	for pair, n := range both {
		t.Errorf("%d messages are in both %s", n, pair)
	}
}

// TestWrongEmergency: a number counts as another country's emergency
// number only as a whole run of digits that is not one of the person's
// country's own numbers, its lines included.
func TestWrongEmergency(t *testing.T) {
	all := []string{"911", "112", "119", "123", "113"}
	tests := []struct {
		text string
		own  []string
		want bool
	}{
		{"Si estás en peligro ahora, llama al 911.", []string{"911"}, false},
		{"Si estás en peligro ahora, llama al 112.", []string{"911"}, true},
		{"Llama al 119.", []string{"911"}, true},
		{"Llama al 119.", []string{"911", "119"}, false},
		{"Call 116 123 any time.", []string{"999"}, false}, // not Colombia's 123
		{"Call 1-800-799-7233", []string{"911"}, false},
	}
	for _, tt := range tests {
		if got := wrongEmergency(tt.text, tt.own, all); got != tt.want {
			t.Errorf("wrongEmergency(%q, %q) = %v, want %v", tt.text, tt.own, got, tt.want)
		}
	}
	// El Salvador's line for children (119) and Peru's for mental health
	// (113) are theirs, though Japan and Italy ring emergencies on them.
	lines := numbersByCountry(loadApp(t).Catalog())
	for country, n := range map[string]string{"SV": "119", "PE": "113"} {
		if !isOneOf(n, lines[country]) {
			t.Errorf("numbersByCountry()[%s] = %q, want it to hold %s", country, lines[country], n)
		}
	}
}
