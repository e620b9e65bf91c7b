package app

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// builtInReader is the models learned from the built-in examples, learned
// once for the tests that are about serving, reloading or caching rather
// than learning: under the race detector each learning takes seconds.
// TestLoadLearnsBesideIndexing learns its own.
var builtInReader = sync.OnceValues(func() (*understand.Reader, error) {
	c, err := catalog.Load(resources.FS())
	if err != nil {
		return nil, err
	}
	triage, err := bot.LoadTriage(resources.FS())
	if err != nil {
		return nil, err
	}
	return LoadReader(resources.FS(), c, triage)
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

// TestLoadLearnsBesideIndexing: Load learns the models from the catalog's
// examples while it indexes, from a fresh index and from the index cache;
// broken examples fail the start with the file and line.
func TestLoadLearnsBesideIndexing(t *testing.T) {
	src, cache := t.TempDir(), t.TempDir()
	if err := os.CopyFS(src, resources.FS()); err != nil {
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
	_, err := Load(os.DirFS(src), Options{})
	if err == nil || !strings.Contains(err.Error(), "broken.jsonl:1") {
		t.Errorf("broken examples: %v, want an error naming broken.jsonl:1", err)
	}
}
