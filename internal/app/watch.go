package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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
func (a *App) ReloadAndReport(fsys fs.FS, onError func(error)) error {
	start := time.Now()
	err := a.Reload(fsys)
	if err == nil {
		a.log.Info("catalog reloaded", "resources", len(a.Catalog().Resources), "duration", time.Since(start))
		return nil
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

// Watch calls reload whenever something under path changes, until ctx is
// done: path is a catalog folder (watched with its subfolders) or one file,
// such as an HSDS export (watched through its folder, since editors and
// exports replace a file rather than write it).
func (a *App) Watch(ctx context.Context, path string, reload func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", path, err)
	}
	defer w.Close()
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("watch %s: %w", path, err)
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
		return fmt.Errorf("watch %s: %w", path, err)
	}
	a.log.Info("watching for changes", "path", path)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if file != "" && filepath.Clean(ev.Name) != file {
				continue // another file in the same folder
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					w.Add(ev.Name)
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			a.log.Warn("watcher", "err", err)
		case <-timer.C:
			reload()
		}
	}
}
