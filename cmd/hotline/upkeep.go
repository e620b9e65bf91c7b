package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hotline-org/hotline/internal/catalog"
)

// runStale prints the maintainers' re-verification worklist.
func runStale(_ context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("stale", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	days := fs.Int("days", 365, "list entries last verified more than this many days ago")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *days < 0 {
		fmt.Fprintln(env.stderr, "hotline stale: --days must be 0 or more")
		return 2
	}
	c, code := loadCatalog(&cat, env, "stale")
	if c == nil {
		return code
	}
	stale := c.Stale(time.Now(), time.Duration(*days)*24*time.Hour)
	if *asJSON {
		type entry struct {
			ID       string `json:"id"`
			Name     string `json:"name"`
			Verified string `json:"verified"`
			Source   string `json:"source"`
			File     string `json:"file"`
		}
		out := make([]entry, len(stale))
		for i, d := range stale {
			out[i] = entry{d.ID, d.Name, d.Verified.String(), d.Source, d.File}
		}
		return encodeJSON(env, "stale", out)
	}
	if len(stale) == 0 {
		fmt.Fprintf(env.stderr, "Every entry was verified in the last %d days.\n", *days)
		return 0
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERIFIED\tID\tSOURCE")
	for _, d := range stale {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Verified, d.ID, d.Source)
	}
	tw.Flush()
	fmt.Fprintf(env.stderr, "%d entries to check again.\n", len(stale))
	return 0
}

// runCoverage shows, per country and US state, where the catalog is thin.
func runCoverage(_ context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	c, code := loadCatalog(&cat, env, "coverage")
	if c == nil {
		return code
	}
	cov := c.Coverage(catalog.Subdivisions("US"))
	if *asJSON {
		return encodeJSON(env, "coverage", cov)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AREA\tLOCAL\tNATIONAL ONLY\tNOTHING")
	for _, a := range cov {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", a.Area, len(a.Local), len(a.National), len(a.None))
	}
	tw.Flush()
	fmt.Fprintln(env.stdout, "\nLOCAL: topics with a service for that area; NATIONAL ONLY: only country-wide lines; NOTHING: no resource.")
	fmt.Fprintln(env.stdout, "Run with --json for the topics by name. Topics with nothing anywhere:")
	nowhere := map[string]int{}
	for _, a := range cov {
		for _, t := range a.None {
			nowhere[t]++
		}
	}
	var all []string
	for t, n := range nowhere {
		if n == len(cov) {
			all = append(all, t)
		}
	}
	if len(all) == 0 {
		all = []string{"(none)"}
	}
	fmt.Fprintln(env.stdout, "  "+strings.Join(all, ", "))
	return 0
}

func loadCatalog(cat *catalogFlag, env *cmdEnv, cmd string) (*catalog.Catalog, int) {
	fsys, err := cat.fs()
	if err != nil {
		fmt.Fprintf(env.stderr, "hotline %s: %v\n", cmd, err)
		return nil, 2
	}
	c, err := catalog.Load(fsys)
	if err != nil {
		fmt.Fprintf(env.stderr, "hotline %s: %v\n", cmd, err)
		return nil, 1
	}
	return c, 0
}

func encodeJSON(env *cmdEnv, cmd string, v any) int {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(env.stderr, "hotline %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
