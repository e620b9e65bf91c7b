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
		a, err := Load(os.DirFS(src), withReader(t, Options{IndexDir: cache, Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
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

// TestUnusableIndexDir: the index cache only saves time, so a folder that
// cannot hold it makes a warning and an index in memory, never a failed
// start.
func TestUnusableIndexDir(t *testing.T) {
	tmp := t.TempDir()
	plainFile := filepath.Join(tmp, "plain-file")
	if err := os.WriteFile(plainFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(tmp, "read-only")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"a plain file":        plainFile,
		"under a plain file":  filepath.Join(plainFile, "index"),
		"under /dev/full":     "/dev/full/index",
		"a read-only folder":  readOnly,
		"missing under /proc": "/proc/hotline-index",
	}
	for name, dir := range cases {
		t.Run(name, func(t *testing.T) {
			if name == "a read-only folder" {
				if f, err := os.CreateTemp(dir, "probe"); err == nil {
					f.Close()
					os.Remove(f.Name())
					t.Skip("this user writes into read-only folders (root)")
				}
			}
			var logs bytes.Buffer
			a, err := Load(resources.FS(), withReader(t, Options{IndexDir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
			if err != nil {
				t.Fatalf("an unusable --index-dir stopped the start: %v", err)
			}
			defer a.Close()
			if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "index cache unusable") {
				t.Errorf("no warning about the index cache:\n%s", logs.String())
			}
			r := a.Engine.Handle(context.Background(), bot.Message{Text: "trafficking hotline"})
			if len(r.Resources) == 0 {
				t.Errorf("no answer from the in-memory index: %+v", r)
			}
		})
	}
}
