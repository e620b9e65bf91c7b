// Package app assembles hotline from a catalog folder: the checked catalog,
// its search index, the place resolver and the conversation engine. Every
// command and every test that needs "the bot" builds it here.
package app

import (
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/internal/search"
)

// App is a loaded hotline.
type App struct {
	Catalog *catalog.Catalog
	Index   *search.Index
	Places  *places.Resolver
	Engine  *bot.Engine
}

// Options tune Load. The zero value is fine.
type Options struct {
	Logger   *slog.Logger
	Sessions bot.SessionStore
}

// Load reads the catalog in fsys (the files of resources/), indexes it and
// builds the engine.
func Load(fsys fs.FS, opt Options) (*App, error) {
	c, err := catalog.Load(fsys)
	if err != nil {
		return nil, err
	}
	langs, err := bot.LoadLanguages(fsys)
	if err != nil {
		return nil, err
	}
	triage, err := bot.LoadTriage(fsys)
	if err != nil {
		return nil, err
	}
	idx, err := search.New(c)
	if err != nil {
		return nil, err
	}
	resolver := places.NewResolver()
	engine, err := bot.New(bot.Config{
		Search: idx, Places: resolver, Languages: langs, Triage: triage,
		Sessions: opt.Sessions, Logger: opt.Logger,
	})
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("app: %w", err)
	}
	return &App{Catalog: c, Index: idx, Places: resolver, Engine: engine}, nil
}

// Close releases the index.
func (a *App) Close() error { return a.Index.Close() }
