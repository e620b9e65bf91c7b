package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
)

// runChat is a terminal chat over the same engine: for maintainers, and for
// trying the bot without a browser.
func runChat(ctx context.Context, args []string, env *cmdEnv) int {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var cat catalogFlag
	cat.register(fs)
	country := countryFlag(fs)
	audience := fs.String("audience", "youth", "who is asking: youth, staff or all")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	code, err := countryCode(*country)
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline chat:", err)
		return 2
	}
	fsys, err := cat.fs()
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline chat:", err)
		return 2
	}
	a, err := app.Load(fsys, app.Options{Country: code})
	if err != nil {
		fmt.Fprintln(env.stderr, "hotline chat:", err)
		return 1
	}
	defer a.Close()

	say := func(m bot.Message) {
		m.Surface, m.ChatKey, m.Audience = "console", "console", *audience
		r := a.Engine.Handle(ctx, m)
		fmt.Fprintln(env.stdout, r.Text())
		if len(r.Actions) > 0 {
			var labels []string
			for _, act := range r.Actions {
				labels = append(labels, "["+act.Label+"]")
			}
			fmt.Fprintln(env.stdout, strings.Join(labels, " "))
		}
		fmt.Fprint(env.stdout, "\n> ")
	}
	say(bot.Message{Action: bot.IntentStart})
	in := bufio.NewReader(env.stdin)
	for ctx.Err() == nil {
		line, err := in.ReadString('\n')
		if strings.TrimSpace(line) != "" {
			say(bot.Message{Text: strings.TrimRight(line, "\r\n")})
		}
		if err != nil {
			break
		}
	}
	fmt.Fprintln(env.stdout)
	return 0
}
