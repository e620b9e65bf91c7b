package app

import (
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// builtIn is the built-in catalog and triage rules.
func builtIn() (*catalog.Catalog, *bot.Triage, error) {
	c, err := catalog.Load(resources.FS())
	if err != nil {
		return nil, nil, err
	}
	triage, err := bot.LoadTriage(resources.FS())
	return c, triage, err
}

// builtInReader is the models saved with the built-in examples, read once
// for the tests that are about serving, reloading or caching rather than
// learning. TestLoadLearnsBesideIndexing learns its own.
var builtInReader = sync.OnceValues(func() (*understand.Reader, error) {
	c, triage, err := builtIn()
	if err != nil {
		return nil, err
	}
	return LoadReader(resources.FS(), c, triage, slog.New(slog.DiscardHandler))
})

// withReader returns opt with the shared built-in models.
func withReader(t testing.TB, opt Options) Options {
	t.Helper()
	r, err := builtInReader()
	if err != nil {
		t.Fatal(err)
	}
	opt.Reader = r
	return opt
}

// TestBuiltInModelsAreSaved: the models saved with the built-in examples
// are up to date, and read messages as the models learned from them now.
// If this fails, save them again: go generate ./resources
func TestBuiltInModelsAreSaved(t *testing.T) {
	known, th := builtInLabels(t), understand.DefaultThresholds()
	// Built into the binary, the examples' names and sizes are checked;
	// copied to a folder, their bytes.
	copied := t.TempDir()
	if err := os.CopyFS(copied, resources.FS()); err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{resources.FS(), os.DirFS(copied)} {
		if r, err := understand.LoadSaved(fsys, known, th); err != nil || r == nil {
			t.Fatalf("%s is missing or out of date (%v): run go generate ./resources", understand.SavedFile, err)
		}
	}
	saved, err := understand.LoadSaved(resources.FS(), known, th)
	if err != nil {
		t.Fatal(err)
	}
	learned, err := understand.LoadAndLearn(resources.FS(), known, th)
	if err != nil {
		t.Fatal(err)
	}
	examples, err := understand.LoadExamples(resources.FS(), understand.ExamplesDir, known)
	if err != nil {
		t.Fatal(err)
	}
	// Learning is the same arithmetic on every machine this runs on, so
	// the two read alike; a change to the features or the learning that
	// was not saved again reads otherwise.
	for i := 0; i < len(examples); i += 97 {
		folded := textfold.Fold(examples[i].Text)
		got, want := saved.Read(folded), learned.Read(folded)
		if !sameReading(got, want) {
			t.Fatalf("%s reads example %d otherwise than the models learned now: %+v, want %+v; run go generate ./resources", understand.SavedFile, i, got, want)
		}
	}
}

// builtInLabels are the labels of the built-in catalog's models.
func builtInLabels(tb testing.TB) understand.Labels {
	tb.Helper()
	c, triage, err := builtIn()
	if err != nil {
		tb.Fatal(err)
	}
	return Labels(c, triage)
}

// BenchmarkLoadSavedBuiltIn reads the models saved with the built-in
// examples, as a start does (BenchmarkLearnBuiltIn in internal/understand
// learns them).
func BenchmarkLoadSavedBuiltIn(b *testing.B) {
	known := builtInLabels(b)
	for b.Loop() {
		if r, err := understand.LoadSaved(resources.FS(), known, understand.DefaultThresholds()); r == nil || err != nil {
			b.Fatalf("LoadSaved = %v, %v", r, err)
		}
	}
}

// sameReading reports whether two readings name the same topics and
// danger, with probabilities within a thousandth.
func sameReading(a, b understand.Reading) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-3 }
	same := func(x, y []understand.Guess) bool {
		return slices.EqualFunc(x, y, func(g, h understand.Guess) bool { return g.Label == h.Label && near(g.P, h.P) })
	}
	return same(a.Topics, b.Topics) && same(a.Leaning, b.Leaning) && same(a.All, b.All) && a.Urgent == b.Urgent &&
		a.Danger.Label == b.Danger.Label && near(a.Danger.P, b.Danger.P)
}

// TestLoadLearnsBesideIndexing: without saved models (or with out of date
// ones, which the log says), Load learns the models from the catalog's
// examples while it indexes, from a fresh index and from the index cache;
// broken examples fail the start with the file and line.
func TestLoadLearnsBesideIndexing(t *testing.T) {
	src, cache := t.TempDir(), t.TempDir()
	if err := os.CopyFS(src, resources.FS()); err != nil {
		t.Fatal(err)
	}
	// Out of date: saved from examples that have one more now.
	extra := filepath.Join(src, understand.ExamplesDir, "extra.jsonl")
	if err := os.WriteFile(extra, []byte(`{"text": "hola", "lang": "es", "topics": [], "danger": "none"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	a, err := Load(os.DirFS(src), Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if !strings.Contains(logs.String(), "out of date") {
		t.Errorf("out of date saved models: the log says %q", logs.String())
	}
	if err := os.Remove(filepath.Join(src, understand.SavedFile)); err != nil {
		t.Fatal(err)
	}
	for _, pass := range []string{"fresh index", "index cache"} {
		a, err := Load(os.DirFS(src), Options{IndexDir: cache})
		if err != nil {
			t.Fatalf("%s: %v", pass, err)
		}
		if got := a.Reader().Read(textfold.Fold("they locked me in the basement and i cant get out")); !got.Urgent {
			t.Errorf("%s: the models learned nothing: %+v", pass, got)
		}
		a.Close()
	}

	broken := filepath.Join(src, understand.ExamplesDir, "broken.jsonl")
	if err := os.WriteFile(broken, []byte(`{"text": "hi", "topics": ["no-such-topic"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(os.DirFS(src), Options{})
	if err == nil || !strings.Contains(err.Error(), "broken.jsonl:1") {
		t.Errorf("broken examples: %v, want an error naming broken.jsonl:1", err)
	}
}
