package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
)

func runAsk(ctx context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	country := countryFlag(fs)
	lang := fs.String("lang", "", "reply in this language (en, es); default: the language of the message")
	near := fs.String("near", "", "where the person is: a city, state, province, country, US ZIP code, or lat,lon")
	audience := fs.String("audience", "youth", "who is asking: youth, staff or all")
	asJSON := fs.Bool("json", false, "print one JSON object (JSON Lines with -)")
	explain := fs.Bool("explain", false, "after the reply, say which rules, vocabulary and model features made it urgent or gave it its topics")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: hotline ask [flags] TEXT…\n\nPrints the reply a person would get. TEXT of - reads one message per line\nfrom standard input and prints one JSON object per line.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		fs.Usage()
		return 2
	}
	switch *audience {
	case "youth", "staff", "all":
	default:
		fmt.Fprintf(env.stderr, "hotline ask: --audience must be youth, staff or all, not %q\n", *audience)
		return 2
	}
	code, err := countryCode(*country)
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline ask:", err)
		return 2
	}
	fsys, err := cat.fs()
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline ask:", err)
		return 2
	}
	a, err := app.Load(fsys, app.Options{Country: code})
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline ask:", err)
		return 1
	}
	defer a.Close()

	answer := func(text string) bot.Reply {
		// No chat key: each message is answered as a fresh conversation.
		return a.Engine.Handle(ctx, bot.Message{Surface: "cli", Text: text, Lang: *lang, Near: *near, Audience: *audience})
	}
	if text == "-" {
		return askLines(env, answer)
	}
	reply := answer(text)
	if *asJSON {
		if err := json.NewEncoder(env.stdout).Encode(reply.JSON(text)); err != nil {
			fmt.Fprintln(env.stderr, "hotline ask:", err)
			return 1
		}
		return 0
	}
	fmt.Fprintln(env.stdout, reply.Text())
	if *explain {
		fmt.Fprintln(env.stdout, "\nWhy:")
		for _, line := range a.Explain(text) {
			fmt.Fprintln(env.stdout, "  "+line)
		}
	}
	return 0
}

// askLines answers one message per input line, printing JSON Lines in order.
func askLines(env *cmdEnv, answer func(string) bot.Reply) int {
	sc := bufio.NewScanner(env.stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	enc := json.NewEncoder(env.stdout)
	for sc.Scan() {
		line := sc.Text()
		if err := enc.Encode(answer(line).JSON(line)); err != nil {
			fmt.Fprintln(env.stderr, "hotline ask:", err)
			return 1
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(env.stderr, "hotline ask: reading standard input:", err)
		return 1
	}
	return 0
}
