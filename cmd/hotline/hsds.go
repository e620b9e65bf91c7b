package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/hsds"
)

// runImport reads an Open Referral HSDS directory and writes it as catalog
// files, reporting row by row what did not map.
func runImport(_ context.Context, args []string, env *cmdEnv) int {
	if len(args) == 0 || args[0] != "hsds" {
		fmt.Fprintln(env.stderr, "Usage: hotline import hsds PATH --out DIR [--source URL] [--topics a,b] [--report FILE]")
		return usageExit(args)
	}
	fs := flag.NewFlagSet("import hsds", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	out := fs.String("out", "", "write the catalog into this `folder` (empty, or an earlier catalog)")
	opts := hsdsFlags(fs)
	report := fs.String("report", "", "also write the row-by-row report to this `file`")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: hotline import hsds PATH --out DIR [flags]\n\nReads HSDS 3.x (a CSV data package folder, its datapackage.json, or a JSON file\nof services) and writes catalog files. Nothing is written when the input is malformed.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 || *out == "" {
		fs.Usage()
		return 2
	}
	c, rep, err := importHSDS(pos[0], opts())
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline import:", err)
		return 1
	}
	fmt.Fprint(env.stdout, rep.Summary(30))
	if len(rep.Issues) > 30 && *report == "" {
		fmt.Fprintln(env.stdout, "Write every issue to a file with --report FILE.")
	}
	if *report != "" {
		if err := os.WriteFile(*report, []byte(rep.String()), 0o644); err != nil {
			fmt.Fprintln(env.stderr, "hotline import:", err)
			return 1
		}
	}
	if err := hsds.WriteCatalog(c.Resources, *out); err != nil {
		fmt.Fprintln(env.stderr, "hotline import:", err)
		return 1
	}
	fmt.Fprintf(env.stderr, "Wrote %d resources to %s. Check them with: hotline lint %s\n", len(c.Resources), *out, *out)
	return 0
}

// hsdsFlags registers the mapping options on fs.
func hsdsFlags(fs *flag.FlagSet) func() hsds.Options {
	source := fs.String("source", "", "an https page to cite for services that name none (the directory's publisher)")
	topics := fs.String("topics", "", "comma-separated topics for services whose terms map to none")
	country := fs.String("country", "US", "the ISO country of services with no area")
	return func() hsds.Options {
		o := hsds.Options{Source: *source, Country: *country}
		if *topics != "" {
			o.Topics = strings.Split(*topics, ",")
		}
		return o
	}
}

// importHSDS imports the directory at path on disk.
func importHSDS(path string, opt hsds.Options) (*catalog.Catalog, *hsds.Report, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil, err
	}
	fsys, name := hsdsLocation(path)
	return hsds.Import(fsys, name, opt)
}

// hsdsLocation splits the path of an HSDS directory (a folder, or a JSON
// or datapackage.json file) into the files it is read from and its name
// among them.
func hsdsLocation(path string) (fs.FS, string) {
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		return os.DirFS(filepath.Dir(path)), filepath.Base(path)
	}
	return os.DirFS(path), "."
}

// runExport writes the catalog as an HSDS 3.x CSV data package.
func runExport(_ context.Context, args []string, env *cmdEnv) int {
	if len(args) == 0 || args[0] != "hsds" {
		fmt.Fprintln(env.stderr, "Usage: hotline export hsds OUT [--resources DIR]")
		return usageExit(args)
	}
	fs := flag.NewFlagSet("export hsds", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.stderr, "Usage: hotline export hsds OUT [--resources DIR]")
		return 2
	}
	c, code := loadCatalog(&cat, env, "export")
	if c == nil {
		return code
	}
	if err := hsds.Export(c, pos[0]); err != nil {
		fmt.Fprintln(env.stderr, "hotline export:", err)
		return 1
	}
	fmt.Fprintf(env.stderr, "Wrote an HSDS 3.x data package to %s (hotlines and services; warning signs and guides are not services).\n", pos[0])
	return 0
}

// runGenerate writes a synthetic HSDS directory, for benchmarks and tests.
func runGenerate(_ context.Context, args []string, env *cmdEnv) int {
	if len(args) < 3 || args[0] != "hsds" {
		fmt.Fprintln(env.stderr, "Usage: hotline generate hsds N DIR [SEED]\n\nWrites N synthetic services (not real ones) as an HSDS data package.")
		return usageExit(args)
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		fmt.Fprintln(env.stderr, "hotline generate: N must be a positive number")
		return 2
	}
	seed := int64(1)
	if len(args) > 3 {
		if seed, err = strconv.ParseInt(args[3], 10, 64); err != nil {
			fmt.Fprintln(env.stderr, "hotline generate: SEED must be a number")
			return 2
		}
	}
	if err := hsds.Generate(args[2], n, seed); err != nil {
		fmt.Fprintln(env.stderr, "hotline generate:", err)
		return 1
	}
	return 0
}

// parseInterspersed parses flags given before or after the positional
// arguments ("import hsds PATH --out DIR"), which flag.Parse alone stops at.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
