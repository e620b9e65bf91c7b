package bot

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/resources"
)

// TestTriageLabelledSet runs the labelled messages in testdata: every
// urgent message must be caught, and at most 2% of the others may raise a
// false alarm. triage.yaml is the set the rules were written against;
// triage-holdout.yaml was written apart from the rules, to check they
// generalise.
func TestTriageLabelledSet(t *testing.T) {
	for _, file := range []string{"testdata/triage.yaml", "testdata/triage-holdout.yaml", "testdata/triage-blind.yaml", "testdata/triage-blind2.yaml", "testdata/triage-blind3.yaml"} {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(file, "testdata/"), ".yaml"), func(t *testing.T) {
			checkTriageSet(t, file)
		})
	}
}

func checkTriageSet(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Cases []struct {
			Text     string `yaml:"text"`
			Lang     string `yaml:"lang"`
			Urgent   bool   `yaml:"urgent"`
			Category string `yaml:"category"`
		} `yaml:"cases"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&set); err != nil {
		t.Fatal(err)
	}
	tr, err := LoadTriage(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	var urgent, caught, calm, falseAlarms, wrongCategory int
	langs := map[string]int{}
	for _, c := range set.Cases {
		langs[c.Lang]++
		got := tr.Check(textfold.Fold(c.Text))
		if c.Urgent {
			urgent++
			if got.Urgent {
				caught++
				if got.Category != c.Category {
					wrongCategory++
					t.Logf("category: %q is %s, labelled %s", c.Text, got.Category, c.Category)
				}
			} else {
				t.Errorf("missed urgent (%s): %q %q", c.Category, c.Text, tr.Explain(textfold.Fold(c.Text)))
			}
			continue
		}
		calm++
		if got.Urgent {
			falseAlarms++
			t.Logf("false alarm (%s): %q %q", got.Category, c.Text, tr.Explain(textfold.Fold(c.Text)))
		}
	}
	if urgent < 40 || calm < 40 || langs["en"] == 0 || langs["es"] == 0 {
		t.Fatalf("the set needs at least 40 urgent and 40 other messages in en and es; has %d, %d, %v", urgent, calm, langs)
	}
	rate := float64(falseAlarms) / float64(calm)
	t.Logf("triage: %d/%d urgent caught, %d/%d false alarms (%.1f%%), %d in another category", caught, urgent, falseAlarms, calm, 100*rate, wrongCategory)
	if rate > 0.02 {
		t.Errorf("false alarms %.1f%%, above 2%%", 100*rate)
	}
}

func TestTriageRuleErrors(t *testing.T) {
	if _, err := compileRule("(unclosed"); err == nil {
		t.Error("a broken pattern compiled")
	}
}
