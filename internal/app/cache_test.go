package app

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/resources"
)

// TestIndexCache starts twice on the same files: the second start opens the
// cached catalog and index and answers the same. An edit makes a new entry.
func TestIndexCache(t *testing.T) {
	src, cache := t.TempDir(), t.TempDir()
	if err := os.CopyFS(src, resources.FS()); err != nil {
		t.Fatal(err)
	}
	start := func() (*App, string) {
		var logs bytes.Buffer
		a, err := Load(os.DirFS(src), Options{IndexDir: cache, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a, logs.String()
	}
	ask := func(a *App) string {
		return a.Engine.Handle(context.Background(), bot.Message{Text: "someone is making me work and won't let me leave"}).Text()
	}

	first, logs := start()
	if strings.Contains(logs, "index cache") {
		t.Fatal("the first start used a cache it could not have")
	}
	want := ask(first)
	first.Close()

	second, logs := start()
	if !strings.Contains(logs, "opened from the index cache") {
		t.Fatalf("the second start did not use the cache:\n%s", logs)
	}
	if got := ask(second); got != want {
		t.Errorf("the cached catalog answers differently:\n%s\n---\n%s", got, want)
	}
	if len(second.Catalog().Resources) != len(first.Catalog().Resources) {
		t.Errorf("cached catalog has %d resources, want %d", len(second.Catalog().Resources), len(first.Catalog().Resources))
	}
	second.Close()

	// An edit: a new entry, and the old one is removed.
	file := filepath.Join(src, "hotlines", "us-national-human-trafficking-hotline.yaml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), "en: National Human Trafficking Hotline", "en: National Human Trafficking Hotline (new)", 1)), 0o644)
	third, logs := start()
	if strings.Contains(logs, "opened from the index cache") {
		t.Error("an edited catalog was served from the cache")
	}
	if !strings.Contains(ask(third), "(new)") {
		t.Error("the edit is not served")
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Errorf("the cache holds %d entries, want only the newest", len(entries))
	}
}
