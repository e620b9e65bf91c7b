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
//	hotline import hsds PATH --out DIR
//	hotline export hsds OUT
//	hotline generate hsds N DIR [SEED]
//
// Every command takes --resources DIR to read a catalog folder instead of
// the one built into the binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// Soft heap limits when GOMEMLIMIT is not set. The short commands on the
// built-in catalog live in about 15 MB once loaded; indexing makes garbage
// that a default GC leaves around, and a person running `hotline ask` on a
// small machine should not pay for it. Learning the models from 13,000
// examples needs about 50 MB while it runs: under 24 MB the GC ran all the
// time (`ask` took 1.6 s instead of 0.8 s, for 5 MB less at its peak).
// HSDS imports of 211-sized directories need most of a gigabyte and stay
// under one with the limit.
const (
	cliMemoryLimit    = 64 << 20
	importMemoryLimit = 900 << 20
)

func main() {
	if len(os.Args) > 1 && os.Getenv("GOMEMLIMIT") == "" {
		switch os.Args[1] {
		case "ask", "list", "lint", "stale", "coverage", "chat":
			debug.SetMemoryLimit(cliMemoryLimit)
		case "import", "export":
			debug.SetMemoryLimit(importMemoryLimit)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, installLogger: installLogger}
	code := runEnv(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// installLogger makes l the logger of everything in the process that logs
// on its own: Go's log package (libraries such as bleve write to it; at
// warning level here) and go-redis's logger (at debug level). It returns
// what undoes it. Only main installs it: it changes process-wide settings.
func installLogger(l *slog.Logger) (restore func()) {
	prevLevel := slog.SetLogLoggerLevel(slog.LevelWarn)
	prev, prevOut, prevFlags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(l) // also sends the log package's output to l
	redis.SetLogger(redisLogger{l})
	return func() {
		redis.SetLogger(redisLogger{prev})
		slog.SetDefault(prev)
		log.SetOutput(prevOut)
		log.SetFlags(prevFlags)
		slog.SetLogLoggerLevel(prevLevel)
	}
}

// redisLogger passes go-redis's log lines to slog at debug level: they are
// mostly a line per failed dial, and the store itself reports an outage
// once when it begins and once when it ends.
type redisLogger struct{ l *slog.Logger }

func (r redisLogger) Printf(ctx context.Context, format string, v ...any) {
	r.l.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
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
	// installLogger, when set (by main, not by tests), routes the logs of
	// the process's libraries to a command's logger until what it returns
	// is called.
	installLogger func(*slog.Logger) (restore func())
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
		"import":   {"read an Open Referral HSDS directory into catalog files", runImport},
		"export":   {"write the catalog as an Open Referral HSDS data package", runExport},
		"generate": {"write a synthetic HSDS directory for benchmarks", runGenerate},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr})
}

func runEnv(ctx context.Context, args []string, env *cmdEnv) int {
	stderr := env.stderr
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

// flagExit is a command's exit code when its flags do not parse: 0 when
// they asked for help (-h, --help), 2 for a usage error.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

// usageExit is the exit code of a command that printed its usage because
// of args: 0 when they asked for it, 2 otherwise.
func usageExit(args []string) int {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return 0
		}
	}
	return 2
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Usage: hotline COMMAND [flags]\n\nCommands:")
	for _, name := range []string{"serve", "chat", "ask", "list", "lint", "stale", "coverage", "import", "export", "generate"} {
		if c, ok := cmds[name]; ok {
			fmt.Fprintf(w, "  %-9s %s\n", name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nRun hotline COMMAND --help for its flags.")
}
