package app

import (
	"github.com/hotline-org/hotline/internal/logtest"

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
	go a.Watch(ctx, dir, nil)

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
