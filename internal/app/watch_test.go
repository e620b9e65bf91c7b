package app

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/logtest"
	"github.com/hotline-org/hotline/resources"
)

// TestWatchUnderLoad edits the catalog while queries run without pause:
// no query fails, a valid edit is answered within 2 seconds, and a broken
// edit changes nothing.
func TestWatchUnderLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, resources.FS()); err != nil {
		t.Fatal(err)
	}
	var logs logtest.Buffer
	a, err := Load(os.DirFS(dir), Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.Watch(ctx, dir, func() { a.ReloadAndReport(os.DirFS(dir), nil) })

	// A steady load of questions from four clients.
	var asked, failed atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				r := a.Engine.Handle(context.Background(), bot.Message{Text: "what is the trafficking hotline number"})
				asked.Add(1)
				if r.Intent == "error" || len(r.Resources) == 0 {
					failed.Add(1)
				}
			}
		}()
	}

	file := filepath.Join(dir, "hotlines", "us-national-human-trafficking-hotline.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	nameIs := func(want string) bool {
		r, ok := a.Catalog().Resource("us-national-human-trafficking-hotline")
		return ok && r.Name.In("en") == want
	}

	// A valid edit: the new name is served within 2 seconds.
	edited := strings.Replace(string(orig), "en: National Human Trafficking Hotline", "en: National Human Trafficking Hotline (edited)", 1)
	time.Sleep(100 * time.Millisecond) // let the load start first
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for !nameIs("National Human Trafficking Hotline (edited)") {
		if time.Since(start) > 2*time.Second {
			t.Fatalf("a valid edit was not served within 2 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("valid edit served after %v", time.Since(start).Round(time.Millisecond))

	// A broken edit: the previous catalog keeps serving, and the log says
	// which file and line.
	broken := strings.Replace(edited, "value: \"1-888-373-7888\"", "value: \"1-888-373-788\"", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	for !strings.Contains(logs.String(), "catalog edit rejected") {
		if time.Since(start) > 2*time.Second {
			t.Fatalf("the broken edit was not reported; logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !nameIs("National Human Trafficking Hotline (edited)") {
		t.Error("a broken edit replaced the catalog")
	}
	if !strings.Contains(logs.String(), "file=hotlines/us-national-human-trafficking-hotline.yaml") {
		t.Errorf("the log does not name the file:\n%s", logs.String())
	}

	stop.Store(true)
	wg.Wait()
	if failed.Load() > 0 || asked.Load() < 50 {
		t.Errorf("%d of %d queries failed", failed.Load(), asked.Load())
	}
	t.Logf("%d queries during the edits, %d failed", asked.Load(), failed.Load())
}

// TestWatchFile: watching one file (an HSDS export) reloads when it is
// replaced, and not when another file beside it changes.
func TestWatchFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "export.json")
	if err := os.WriteFile(file, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &App{log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reloads := make(chan struct{}, 100)
	go a.Watch(ctx, file, func() { reloads <- struct{}{} })

	// Exports replace the file: write beside it, then rename over it.
	// Until the watcher is set up nothing is seen, so keep replacing.
	replace := func() {
		tmp := filepath.Join(dir, "export.json.tmp")
		os.WriteFile(tmp, []byte(`{"changed":true}`), 0o644)
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.After(3 * time.Second)
	for reloaded := false; !reloaded; {
		replace()
		select {
		case <-reloads:
			reloaded = true
		case <-time.After(2 * debounce):
		case <-deadline:
			t.Fatal("replacing the file did not reload within 3 s")
		}
	}
	time.Sleep(2 * debounce) // let the last replacements settle
	for len(reloads) > 0 {
		<-reloads
	}

	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	select {
	case <-reloads:
		t.Fatal("a change to another file reloaded")
	case <-time.After(3 * debounce):
	}
}
