// Package app assembles hotline from a catalog folder: the checked catalog,
// its search index, the place resolver and the conversation engine. Every
// command and every test that needs "the bot" builds it here.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/metrics"
	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/internal/search"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

// App is a loaded hotline. Its catalog can be reloaded while it serves.
type App struct {
	Index   *search.Live
	Places  *places.Resolver
	Engine  *bot.Engine
	Metrics *metrics.Metrics

	log     *slog.Logger
	langs   *bot.Languages
	triage  *bot.Triage
	reader  *understand.Reader
	country string
}

// Options tune Load. The zero value is fine.
type Options struct {
	Logger   *slog.Logger
	Sessions bot.SessionStore // default: in memory
	Limiter  bot.Limiter      // default: in memory
	HashKey  []byte           // key for chat hashes in logs; default random per process
	Country  string           // the country assumed until a person names a place; default "US"
	// Catalog, when set, makes the catalog served instead of the catalog
	// files in fsys (an HSDS import); the bot's words and triage rules still
	// come from fsys. Source is then the files it is made from.
	Catalog func() (*catalog.Catalog, error)
	Source  fs.FS
	// Reader, when set, reads messages instead of the models learned from
	// the catalog's examples: to measure other thresholds or examples.
	Reader *understand.Reader
	// IndexDir, when set, keeps the checked catalog and its index on disk
	// there, so a restart with unchanged files skips checking and indexing.
	IndexDir string
}

// Load reads the catalog in fsys (the files of resources/), indexes it and
// builds the engine.
func Load(fsys fs.FS, opt Options) (*App, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	// The bot's words and triage rules are read once: they are code-like
	// and a broken edit to them should fail a start, not a reload. A
	// catalog folder without them (an HSDS import) uses the built-in ones.
	words := fsys
	if _, err := fs.Stat(fsys, bot.TriageFile); errors.Is(err, fs.ErrNotExist) {
		words = resources.FS()
	}
	langs, err := bot.LoadLanguages(words)
	if err != nil {
		return nil, err
	}
	triage, err := bot.LoadTriage(words)
	if err != nil {
		return nil, err
	}
	// The models learn from the examples while the catalog is indexed:
	// they need only its topics, and learning is most of a start.
	reader := opt.Reader
	learned := func() error { return nil } // waits for the learning, if any
	learn := func(c *catalog.Catalog) {
		if reader != nil {
			return
		}
		done := make(chan error, 1)
		go func() {
			var err error
			reader, err = LoadReader(words, c, triage, opt.Logger)
			done <- err
		}()
		learned = func() error { return <-done }
	}
	ix, err := loadIndex(fsys, opt, learn)
	if lerr := learned(); err == nil && lerr != nil {
		ix.Close()
		err = lerr
	}
	if err != nil {
		return nil, err
	}
	live := search.NewLive(ix)
	resolver := places.NewResolver()
	m := metrics.New()
	engine, err := bot.New(bot.Config{
		Search: live, Places: resolver, Languages: langs, Triage: triage, Reader: reader,
		Sessions: opt.Sessions, Limiter: opt.Limiter, Logger: opt.Logger, Observer: m, HashKey: opt.HashKey,
		DefaultCountry: opt.Country,
	})
	if err != nil {
		live.Close()
		return nil, fmt.Errorf("app: %w", err)
	}
	m.CatalogLoaded(len(ix.Catalog().Resources))
	return &App{Index: live, Places: resolver, Engine: engine, Metrics: m, log: opt.Logger, langs: langs, triage: triage, reader: reader, country: opt.Country}, nil
}

// loadIndex builds the catalog's index, or opens the one the index cache
// holds for the same files. It calls loaded with the catalog as soon as
// it has it, before indexing.
func loadIndex(fsys fs.FS, opt Options, loaded func(*catalog.Catalog)) (*search.Index, error) {
	load := func() (*catalog.Catalog, error) {
		if opt.Catalog != nil {
			return opt.Catalog()
		}
		return catalog.Load(fsys)
	}
	source := fsys
	if opt.Catalog != nil {
		source = opt.Source
	}
	if opt.IndexDir == "" || source == nil {
		c, err := load()
		if err != nil {
			return nil, err
		}
		loaded(c)
		return search.New(c)
	}
	key, err := hashFS(source)
	if err != nil {
		return nil, err
	}
	if ix, ok := openCached(opt.IndexDir, key); ok {
		opt.Logger.Info("catalog and index opened from the index cache", "dir", opt.IndexDir)
		loaded(ix.Catalog())
		return ix, nil
	}
	c, err := load()
	if err != nil {
		return nil, err
	}
	loaded(c)
	ix, err := storeCached(opt.IndexDir, key, c)
	if err != nil {
		// The cache only saves time: a folder that cannot hold it (read
		// only, full, not a folder) must not stop the bot.
		opt.Logger.Warn("index cache unusable; indexing in memory for this start", "dir", opt.IndexDir, "err", err)
		return search.New(c)
	}
	return ix, nil
}

func buildIndex(fsys fs.FS) (*search.Index, error) {
	c, err := catalog.Load(fsys)
	if err != nil {
		return nil, err
	}
	return search.New(c)
}

// NewEngine returns another engine over this App's catalog, words and
// rules, with its own logger and limiter (nil: the engine's defaults) and
// its own sessions: tests give each case a fresh conversation this way.
func (a *App) NewEngine(logger *slog.Logger, limiter bot.Limiter) (*bot.Engine, error) {
	return bot.New(bot.Config{Search: a.Index, Places: a.Places, Languages: a.langs, Triage: a.triage, Reader: a.reader,
		Logger: logger, Limiter: limiter, DefaultCountry: a.country})
}

// LoadReader returns the models that read topics and danger, saved with
// the labelled examples in fsys (understand.SavedFile) or, where none was
// saved from these examples and the catalog's topics, learned from them
// now. A saved file that is out of date is said in the log: learning
// makes a start about a second slower.
func LoadReader(fsys fs.FS, c *catalog.Catalog, triage *bot.Triage, logger *slog.Logger) (*understand.Reader, error) {
	known, th := Labels(c, triage), understand.DefaultThresholds()
	r, err := understand.LoadSaved(fsys, known, th)
	if r != nil || err != nil {
		return r, err
	}
	if _, err := fs.Stat(fsys, understand.SavedFile); err == nil {
		logger.Warn("the saved models are out of date: learning them at start; save them again with tools/learn", "file", understand.SavedFile)
	}
	return understand.LoadAndLearn(fsys, known, th)
}

// Labels are the labels examples may carry: the catalog's topics and the
// triage's kinds of danger.
func Labels(c *catalog.Catalog, triage *bot.Triage) understand.Labels {
	var topics []string
	for _, t := range c.Topics {
		topics = append(topics, t.ID)
	}
	return understand.Labels{Topics: topics, Dangers: triage.Categories()}
}

// Triage returns the triage rules.
func (a *App) Triage() *bot.Triage { return a.triage }

// Reader returns the models that read messages.
func (a *App) Reader() *understand.Reader { return a.reader }

// Catalog returns the catalog being served.
func (a *App) Catalog() *catalog.Catalog { return a.Index.Catalog() }

// Reload reads the catalog in fsys again and, when it is valid, swaps it in.
// When it is not, the catalog being served stays and the error (a
// *catalog.Error listing every problem) is returned. When ctx is done
// before the new index is built, nothing is swapped in.
func (a *App) Reload(ctx context.Context, fsys fs.FS) error {
	ix, err := buildIndex(fsys)
	if err != nil {
		a.Metrics.Reload(false)
		return err
	}
	return a.swapIndex(ctx, ix)
}

// Swap swaps in a catalog checked elsewhere (an HSDS import), as Reload
// does for catalog files.
func (a *App) Swap(ctx context.Context, c *catalog.Catalog) error {
	ix, err := search.New(c)
	if err != nil {
		a.Metrics.Reload(false)
		return err
	}
	return a.swapIndex(ctx, ix)
}

func (a *App) swapIndex(ctx context.Context, ix *search.Index) error {
	if err := ctx.Err(); err != nil {
		ix.Close()
		return fmt.Errorf("reload: %w", err)
	}
	a.Metrics.Reload(true)
	a.Metrics.CatalogLoaded(len(ix.Catalog().Resources))
	return a.Index.Swap(ix)
}

// Close releases the index.
func (a *App) Close() error { return a.Index.Close() }
