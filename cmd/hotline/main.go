// Command hotline answers people at risk of trafficking and exploitation
// with the nearest relevant hotlines, warning signs, guides and services.
//
// Usage:
//
//	hotline serve [--addr HOST:PORT]
//	hotline chat
//	hotline ask [--lang en|es] [--near PLACE] [--audience youth|staff] [--json] TEXT…
//	hotline list [--json]
//	hotline lint [--strict] [--json] [DIR]
//	hotline stale [--days N] [--json]
//	hotline coverage [--json]
//
// Every command takes --resources DIR to read a catalog folder instead of
// the one built into the binary.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// cliMemoryLimit is the soft heap limit for the short commands (ask, list,
// lint) when GOMEMLIMIT is not set: indexing makes garbage that a default
// GC leaves around, and a person running `hotline ask` on a small machine
// should not pay for it. The live heap with the built-in catalog is about
// 15 MB; serve keeps the Go default.
const cliMemoryLimit = 24 << 20

func main() {
	if len(os.Args) > 1 && os.Args[1] != "serve" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cliMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand: it gets its own arguments and returns the exit code.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, env *cmdEnv) int
}

// cmdEnv is what a command reads and writes, so tests can run commands in
// process.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() map[string]command {
	return map[string]command{
		"serve":    {"run the web chat and every configured adapter", runServe},
		"chat":     {"chat with the bot in this terminal", runChat},
		"ask":      {"print the reply a person would get", runAsk},
		"list":     {"list every resource in the catalog", runList},
		"lint":     {"check catalog files; exit 1 with file:line:col errors", runLint},
		"stale":    {"list entries due for re-verification, oldest first", runStale},
		"coverage": {"show where the catalog has local services, and where it is thin", runCoverage},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "hotline: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	return c.run(ctx, args[1:], env)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Usage: hotline COMMAND [flags]\n\nCommands:")
	for _, name := range []string{"serve", "chat", "ask", "list", "lint", "stale", "coverage"} {
		if c, ok := cmds[name]; ok {
			fmt.Fprintf(w, "  %-9s %s\n", name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nRun hotline COMMAND --help for its flags.")
}
