// Command learn learns the models of a catalog ahead of time and saves
// them in it (understand.SavedFile), so that `serve` reads them instead of
// learning at start. Run it after editing the examples or the topics:
//
//	go generate ./resources
//
// or, for a catalog folder of your own,
//
//	go run ./tools/learn -resources DIR
//
// A saved file that no longer matches its examples is not wrong, only
// slow: the models are learned at start as without it. A test fails for
// the built-in catalog until it is saved again.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/understand"
)

func main() {
	dir := flag.String("resources", "resources", "the catalog folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "learn:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	fsys := os.DirFS(dir)
	c, err := catalog.Load(fsys)
	if err != nil {
		return err
	}
	triage, err := bot.LoadTriage(fsys)
	if err != nil {
		return err
	}
	known := app.Labels(c, triage)
	r, err := understand.LoadAndLearn(fsys, known, understand.DefaultThresholds())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := r.Save(&b, fsys, known); err != nil {
		return err
	}
	out := filepath.Join(dir, filepath.FromSlash(understand.SavedFile))
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("learn: %s (%d KB)\n", out, b.Len()>>10)
	return nil
}
