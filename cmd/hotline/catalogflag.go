package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/resources"
)

// catalogFlag is the --resources flag every command takes.
type catalogFlag struct{ dir string }

func (c *catalogFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&c.dir, "resources", os.Getenv("HOTLINE_RESOURCES"), "read the catalog from this `folder` instead of the built-in one (env HOTLINE_RESOURCES)")
}

// countryFlag is the --country flag of the commands that answer people.
func countryFlag(fs *flag.FlagSet) *string {
	return fs.String("country", envOr("HOTLINE_COUNTRY", "US"), "the ISO `country` assumed until a person names a place: its emergency number and lines come first (env HOTLINE_COUNTRY)")
}

// countryCode reads the --country flag: an ISO 3166 alpha-2 code or a
// country's common name ("UK" is GB). Anything else is refused: a guess
// would give people another country's emergency number.
func countryCode(s string) (string, error) {
	code, err := places.NewResolver().Country(s)
	if err != nil {
		return "", fmt.Errorf("--country %q: not a country: use an ISO 3166 code such as US, GB or MX, or a country's name", s)
	}
	return code, nil
}

// fs returns the catalog files to read.
func (c *catalogFlag) fs() (fs.FS, error) {
	if c.dir == "" {
		return resources.FS(), nil
	}
	st, err := os.Stat(c.dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--resources %s is not a folder", c.dir)
	}
	return os.DirFS(c.dir), nil
}
