package app

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/logtest"
	"github.com/hotline-org/hotline/resources"
)

// TestWatchUnderLoad edits the catalog while queries run without pause:
// no query fails, a valid edit is served, and a broken edit changes
// nothing. It waits on reloads, not on the clock (go test -timeout bounds
// it), and runs under -race in CI.
func TestWatchUnderLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, resources.FS()); err != nil {
		t.Fatal(err)
	}
	var logs logtest.Buffer
	a, err := Load(os.DirFS(dir), withReader(t, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var background sync.WaitGroup
	defer func() {
		cancel()
		background.Wait()
	}()

	// Every reload's outcome.
	reloaded := make(chan error)
	reloads := NewReloader(func(ctx context.Context) {
		err := a.ReloadAndReport(ctx, os.DirFS(dir), nil)
		select {
		case reloaded <- err:
		case <-ctx.Done():
		}
	})
	w, err := a.NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	background.Go(func() { reloads.Run(ctx) })
	background.Go(func() {
		if err := w.Run(ctx, reloads.Request); err != nil {
			t.Error(err)
		}
	})

	// A steady load of questions from four clients; each says when it has
	// had its first answer.
	var asked, failed atomic.Int64
	var stop atomic.Bool
	var clients sync.WaitGroup
	answering := make(chan struct{}, 4)
	for range 4 {
		clients.Go(func() {
			for first := true; !stop.Load(); first = false {
				r := a.Engine.Handle(context.Background(), bot.Message{Text: "what is the trafficking hotline number"})
				asked.Add(1)
				if r.Intent == "error" || len(r.Resources) == 0 {
					failed.Add(1)
				}
				if first {
					answering <- struct{}{}
				}
			}
		})
	}
	for range 4 {
		<-answering
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

	// A valid edit is served after a reload.
	edited := strings.Replace(string(orig), "en: National Human Trafficking Hotline", "en: National Human Trafficking Hotline (edited)", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for !nameIs("National Human Trafficking Hotline (edited)") {
		<-reloaded
	}

	// A broken edit: the reload is rejected, the previous catalog keeps
	// serving, and the log says which file and line.
	broken := strings.Replace(edited, "value: \"1-888-373-7888\"", "value: \"1-888-373-788\"", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		var cerr *catalog.Error
		if err := <-reloaded; errors.As(err, &cerr) {
			break
		}
	}
	if !nameIs("National Human Trafficking Hotline (edited)") {
		t.Error("a broken edit replaced the catalog")
	}
	if !strings.Contains(logs.String(), "file=hotlines/us-national-human-trafficking-hotline.yaml") {
		t.Errorf("the log does not name the file:\n%s", logs.String())
	}

	stop.Store(true)
	clients.Wait()
	if failed.Load() > 0 {
		t.Errorf("%d of %d queries failed", failed.Load(), asked.Load())
	}
	t.Logf("%d queries during the edits, %d failed", asked.Load(), failed.Load())
}

// TestWatchFile: watching one file (an HSDS export) reloads when it is
// replaced, and only changes to that file concern it.
func TestWatchFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "export.json")
	if err := os.WriteFile(file, []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &App{log: slog.New(slog.DiscardHandler)}
	w, err := a.NewWatcher(file)
	if err != nil {
		t.Fatal(err)
	}
	if !w.concerns(fsnotify.Event{Name: file, Op: fsnotify.Create}) ||
		w.concerns(fsnotify.Event{Name: filepath.Join(dir, "notes.txt"), Op: fsnotify.Write}) {
		t.Error("a change to another file in the folder concerns the watcher, or one to the file does not")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reloads := make(chan struct{}, 100)
	go w.Run(ctx, func() { reloads <- struct{}{} })

	// Exports replace the file: write beside it, then rename over it.
	tmp := filepath.Join(dir, "export.json.tmp")
	if err := os.WriteFile(tmp, []byte(`{"changed":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	<-reloads
}

// TestReloadsOneAtATime: requests from the watcher and from SIGHUP, made
// together, run one reload at a time; requests made during a reload make
// one more after it; and Run returns only once the reload in progress has
// finished, so that shutdown can wait for it.
func TestReloadsOneAtATime(t *testing.T) {
	var running, overlaps atomic.Int32
	entered := make(chan int)
	finish := make(chan struct{})
	n := 0
	r := NewReloader(func(context.Context) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		n++
		entered <- n
		<-finish
		running.Add(-1)
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		r.Run(ctx)
		close(done)
	}()
	r.Request()
	<-entered
	// While the first runs, both sources ask many times.
	var askers sync.WaitGroup
	for range 2 {
		askers.Go(func() {
			for range 50 {
				r.Request()
			}
		})
	}
	askers.Wait()
	finish <- struct{}{}
	if got := <-entered; got != 2 {
		t.Errorf("reload %d followed the first; want 2", got)
	}
	// Shutdown during a reload: Run returns after it.
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while a reload was running")
	default:
	}
	close(finish)
	<-done
	if overlaps.Load() > 0 {
		t.Errorf("%d reloads ran at the same time as another", overlaps.Load())
	}
}
