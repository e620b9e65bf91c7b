package bot_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/search"
	"github.com/hotline-org/hotline/resources"
)

// churningLive is a live index that a reload replaces after every read:
// the worst timing a reload can have for a reply.
type churningLive struct {
	*search.Live
	next func() *search.Index
}

func (l churningLive) reload() {
	if err := l.Swap(l.next()); err != nil {
		panic(err)
	}
}

func (l churningLive) Search(ctx context.Context, q search.Query) ([]search.Result, error) {
	defer l.reload()
	return l.Live.Search(ctx, q)
}

func (l churningLive) Understand(text string) search.Understanding {
	defer l.reload()
	return l.Live.Understand(text)
}

func (l churningLive) Snapshot() (*search.Index, func()) {
	defer l.reload()
	return l.Live.Snapshot()
}

// TestReloadDuringAReply: a catalog reload that removes the resources a
// search has just found, before the reply reads them from the catalog,
// still gets a whole reply: one reply reads one snapshot of the index.
func TestReloadDuringAReply(t *testing.T) {
	full, err := catalog.Load(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, resources.FS()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "hotlines", "us-national-human-trafficking-hotline.yaml")); err != nil {
		t.Fatal(err)
	}
	// A catalog without the line must name another, or it is refused.
	lines, err := os.ReadFile(filepath.Join(dir, catalog.LinesFile))
	if err != nil {
		t.Fatal(err)
	}
	lines = bytes.ReplaceAll(lines, []byte("us-national-human-trafficking-hotline"), []byte("us-hsi-tip-line"))
	if err := os.WriteFile(filepath.Join(dir, catalog.LinesFile), lines, 0o644); err != nil {
		t.Fatal(err)
	}
	without, err := catalog.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	index := func(c *catalog.Catalog) *search.Index {
		ix, err := search.New(c)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	live := search.NewLive(index(full))
	defer live.Close()
	flip := false
	next := func() *search.Index {
		flip = !flip
		if flip {
			return index(without)
		}
		return index(full)
	}

	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	e, err := bot.New(bot.Config{Search: churningLive{live, next}, Places: a.Places,
		Languages: mustLanguages(t), Triage: mustTriage(t), Limiter: bot.Unlimited{}})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Handle(context.Background(), bot.Message{Text: "what is the trafficking hotline number"})
	if r.Intent == "error" || len(r.Resources) == 0 || r.Resources[0].ID != "us-national-human-trafficking-hotline" {
		t.Fatalf("a reload during the reply broke it: intent %s, resources %v", r.Intent, ids(r))
	}
}

func mustLanguages(t *testing.T) *bot.Languages {
	l, err := bot.LoadLanguages(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustTriage(t *testing.T) *bot.Triage {
	tr, err := bot.LoadTriage(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
