package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/hotline-org/hotline/internal/catalog"
)

// debounce is how long the watcher waits after the last change before it
// reloads: an editor's save, or a git checkout, is many events.
const debounce = 300 * time.Millisecond

// ReloadAndReport reloads the catalog from fsys and logs the outcome: the
// new size, or every lint error with its file and line while the previous
// catalog keeps serving. onError, if set, also gets the error (to post it
// to the maintainers' channel).
func (a *App) ReloadAndReport(ctx context.Context, fsys fs.FS, onError func(error)) error {
	start := time.Now()
	err := a.Reload(ctx, fsys)
	if err == nil {
		a.log.Info("catalog reloaded", "resources", len(a.Catalog().Resources), "duration", time.Since(start))
		return nil
	}
	if ctx.Err() != nil {
		a.log.Info("catalog reload abandoned: shutting down")
		return err
	}
	var cerr *catalog.Error
	if errors.As(err, &cerr) {
		for _, d := range cerr.Diagnostics {
			a.log.Warn("catalog edit rejected; still serving the previous catalog",
				"file", d.File, "line", d.Line, "col", d.Col, "problem", d.Message)
		}
	} else {
		a.log.Error("catalog reload failed; still serving the previous catalog", "err", err)
	}
	if onError != nil {
		onError(err)
	}
	return err
}

// Reloader is the one owner of catalog reloads. File changes and SIGHUP
// ask for a reload with Request; Run performs them, one at a time, so two
// reloads never race to swap in their catalogs. Whoever starts Run waits
// for it to return before closing the App.
type Reloader struct {
	reload func(context.Context)
	req    chan struct{}
}

// NewReloader returns a Reloader that reloads with reload. reload gets
// Run's context: when it is done, reload should not swap anything in.
func NewReloader(reload func(context.Context)) *Reloader {
	return &Reloader{reload: reload, req: make(chan struct{}, 1)}
}

// Request asks for a reload and returns at once. Requests made while one
// is waiting make one reload; a request made during a reload makes another
// after it, so the last change is always read.
func (r *Reloader) Request() {
	select {
	case r.req <- struct{}{}:
	default: // one is waiting already
	}
}

// Run performs the requested reloads until ctx is done. It returns once a
// reload in progress has finished.
func (r *Reloader) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.req:
			if ctx.Err() != nil {
				return
			}
			r.reload(ctx)
		}
	}
}

// Watcher reports changes under a path: a catalog folder (watched with its
// subfolders) or one file, such as an HSDS export (watched through its
// folder, since editors and exports replace a file rather than write it).
type Watcher struct {
	w    *fsnotify.Watcher
	path string
	file string // the one file watched, or ""
	log  *slog.Logger
}

// NewWatcher starts watching path: a change made after it returns is seen.
// Run reports the changes; Close (or Run's end) stops watching.
func (a *App) NewWatcher(path string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", path, err)
	}
	file := ""
	if st.IsDir() {
		// fsnotify watches one folder at a time: add the whole tree.
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			return w.Add(p)
		})
	} else {
		file = filepath.Clean(path)
		err = w.Add(filepath.Dir(file))
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", path, err)
	}
	a.log.Info("watching for changes", "path", path)
	return &Watcher{w: w, path: path, file: file, log: a.log}, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.w.Close() }

// concerns reports whether a file event is about what w watches.
func (w *Watcher) concerns(ev fsnotify.Event) bool {
	return w.file == "" || filepath.Clean(ev.Name) == w.file
}

// Run calls changed once things stop changing (debounce after the last
// event), until ctx is done; then it stops watching.
func (w *Watcher) Run(ctx context.Context, changed func()) error {
	defer w.w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.w.Events:
			if !ok {
				return fmt.Errorf("watch %s: the watcher stopped", w.path)
			}
			if !w.concerns(ev) {
				continue // another file in the same folder
			}
			if w.file == "" && ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					if err := w.w.Add(ev.Name); err != nil {
						w.log.Warn("watcher: cannot watch a new folder", "path", ev.Name, "err", err)
					}
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.w.Errors:
			if !ok {
				return fmt.Errorf("watch %s: the watcher stopped", w.path)
			}
			w.log.Warn("watcher", "err", err)
		case <-timer.C:
			changed()
		}
	}
}
