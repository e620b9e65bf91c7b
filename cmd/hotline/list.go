package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hotline-org/hotline/internal/catalog"
)

func runList(_ context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	asJSON := fs.Bool("json", false, "print a JSON array of every resource")
	lang := fs.String("lang", "en", "language of names and summaries")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	c, code := loadCatalog(&cat, env, "list")
	if c == nil {
		return code
	}
	if *asJSON {
		out := make([]catalog.EntryJSON, len(c.Resources))
		for i, r := range c.Resources {
			out[i] = r.JSON(*lang)
		}
		return encodeJSON(env, "list", out)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tAREAS\tVERIFIED\tNAME")
	for _, r := range c.Resources {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Kind, strings.Join(r.Areas, ","), r.Verified, r.Name.In(*lang))
	}
	tw.Flush()
	return 0
}
