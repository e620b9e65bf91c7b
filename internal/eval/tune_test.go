package eval

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// TestTuneDanger shows, on the dev split, how many urgent messages the
// rules, the model and both catch, and their false alarms, at a range of
// model thresholds: how understand.DefaultThresholds was chosen (recall
// first). Run it with HOTLINE_TUNE=1; it never reads the sealed split.
func TestTuneDanger(t *testing.T) {
	if os.Getenv("HOTLINE_TUNE") == "" {
		t.Skip("HOTLINE_TUNE=1 runs it")
	}
	a := loadApp(t)
	dev := split(t, devDir)
	reader := a.Reader()
	tr := a.Triage()
	type row struct{ caught, urgent, alarms, calm int }
	count := func(urgent func(rulesText string, r understand.Reading) bool) row {
		var c row
		for _, ex := range dev {
			if ex.Danger == "" {
				continue
			}
			f := bot.RulesText(ex.Text, textfold.Fold(ex.Text))
			got := urgent(f, reader.Read(f))
			if ex.Danger == understand.DangerNone {
				c.calm++
				if got {
					c.alarms++
				}
			} else {
				c.urgent++
				if got {
					c.caught++
				}
			}
		}
		return c
	}
	show := func(name string, c row) {
		t.Logf("%-22s caught %5.1f%% (%d/%d)  false alarms %5.1f%% (%d/%d)", name,
			100*float64(c.caught)/float64(c.urgent), c.caught, c.urgent, 100*float64(c.alarms)/float64(c.calm), c.alarms, c.calm)
	}
	show("rules alone", count(func(f string, _ understand.Reading) bool { return tr.Check(f, understand.Reading{}).Urgent }))
	for _, th := range []float64{0.15, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6} {
		show(fmt.Sprintf("model alone at %.2f", th), count(func(_ string, r understand.Reading) bool { return r.Danger.P >= th }))
		show(fmt.Sprintf("both, model at %.2f", th), count(func(f string, r understand.Reading) bool {
			r.Urgent = r.Danger.P >= th
			return tr.Check(f, r).Urgent
		}))
	}
}

// TestTuneTopics shows the dev split's relevance at a range of topic
// thresholds, then of lean thresholds at the default topic threshold: how
// understand.DefaultThresholds' Topic and Lean were chosen. Run it with
// HOTLINE_TUNE=1.
func TestTuneTopics(t *testing.T) {
	if os.Getenv("HOTLINE_TUNE") == "" {
		t.Skip("HOTLINE_TUNE=1 runs it")
	}
	base := loadApp(t)
	dev := split(t, devDir)
	run := func(name string, th understand.Thresholds) {
		a, err := app.Load(resources.FS(), app.Options{Reader: base.Reader().WithThresholds(th)})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		r, _ := Run(context.Background(), a.Engine, a.Catalog(), dev)
		t.Logf("%s: top 3 %s (en %s, es %s), main topic %s, disclosure %s, harm line %s, asked %s",
			name, r.Top3["all"], r.Top3["en"], r.Top3["es"], r.MainTop3["all"], r.Disclosure, r.HarmLine, r.Asked)
	}
	for _, th := range []float64{0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 1.01} {
		thresholds := understand.DefaultThresholds()
		thresholds.Topic, thresholds.Lean = th, min(th, thresholds.Lean)
		run(fmt.Sprintf("topic threshold %.2f", th), thresholds)
	}
	for _, lean := range []float64{0.01, 0.02, 0.03, 0.05, 0.08} {
		thresholds := understand.DefaultThresholds()
		thresholds.Lean = min(lean, thresholds.Topic)
		run(fmt.Sprintf("lean threshold %.2f", lean), thresholds)
	}
}
