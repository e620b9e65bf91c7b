package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

func runLint(_ context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	strict := fs.Bool("strict", false, "treat entries not verified in the last 12 months as errors")
	asJSON := fs.Bool("json", false, "print diagnostics as a JSON array")
	var cat catalogFlag
	cat.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: hotline lint [--strict] [--json] [DIR | --resources DIR]\n\nChecks the catalog in DIR (default: the built-in one).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	dir := cat.dir
	if fs.NArg() == 1 {
		dir = fs.Arg(0) // DIR says which folder, whatever HOTLINE_RESOURCES says
	}
	fsys, name := resources.FS(), "built-in catalog"
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			fmt.Fprintf(env.stderr, "hotline lint: %s is not a folder\n", dir)
			return 2
		}
		fsys, name = os.DirFS(dir), dir
	}

	c, diags := catalog.Check(fsys, catalog.Options{Strict: *strict})
	diags = append(diags, checkBotFiles(fsys, c)...)
	errs := len(diags.Errors())
	if *asJSON {
		type jsonDiag struct {
			catalog.Diagnostic
			Severity string `json:"severity"`
		}
		out := make([]jsonDiag, len(diags))
		for i, d := range diags {
			out[i] = jsonDiag{d, d.Severity.String()}
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		for _, d := range diags {
			fmt.Fprintln(env.stdout, d)
		}
		fmt.Fprintf(env.stderr, "%s: %d resources, %d errors, %d warnings\n",
			name, len(c.Resources), errs, len(diags)-errs)
	}
	if errs > 0 {
		return 1
	}
	return 0
}

// checkBotFiles loads the bot's words, triage rules and labelled examples
// as serve does, when the folder has them: a broken edit fails lint, not a
// start.
func checkBotFiles(fsys fs.FS, c *catalog.Catalog) catalog.Diagnostics {
	if _, err := fs.Stat(fsys, bot.TriageFile); err != nil {
		return nil // a catalog without them uses the built-in ones
	}
	var out catalog.Diagnostics
	report := func(err error, file string) {
		if err == nil {
			return
		}
		d := placed(catalog.Diagnostic{File: file, Line: 1, Col: 1, Message: strings.TrimPrefix(err.Error(), "bot: ")})
		if m := yamlLine.FindStringSubmatch(d.Message); m != nil {
			d.Line, _ = strconv.Atoi(m[1])
		}
		out = append(out, d)
	}
	_, err := bot.LoadLanguages(fsys)
	report(err, bot.MessagesDir)
	triage, err := bot.LoadTriage(fsys)
	report(err, bot.TriageFile)
	if triage == nil || c == nil {
		return out
	}
	_, err = understand.LoadExamples(fsys, understand.ExamplesDir, app.Labels(c, triage))
	if err != nil {
		// One error a line: "examples/x.jsonl:12: unknown topic …".
		for line := range strings.Lines(err.Error()) {
			out = append(out, placed(catalog.Diagnostic{File: understand.ExamplesDir, Col: 1, Message: strings.TrimSpace(line)}))
		}
	}
	return out
}

// placed reads the file, line and column an error of the bot's own files
// starts with ("triage.yaml:12:11: …", "examples/x.jsonl:3: …",
// "messages/es.yaml: …") into d, which holds the whole message and the
// place to use when it names none.
func placed(d catalog.Diagnostic) catalog.Diagnostic {
	d.Severity = catalog.SeverityError
	m := filePlace.FindStringSubmatch(d.Message)
	if m == nil {
		return d
	}
	d.File, d.Message = m[1], m[4]
	if m[2] != "" {
		d.Line, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		d.Col, _ = strconv.Atoi(m[3])
	}
	return d
}

// filePlace is a file of the bot's, and where in it, opening an error.
var filePlace = regexp.MustCompile(`^(?:understand: )?([^:]+\.(?:yaml|jsonl))(?::(\d+)(?::(\d+))?)?: (.*)$`)

// yamlLine is the line a YAML parser's error names.
var yamlLine = regexp.MustCompile(`yaml: (?:line|unmarshal errors:\n\s*line) (\d+)`)
