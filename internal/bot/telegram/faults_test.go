package telegram_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/bot/telegram"
	"github.com/hotline-org/hotline/internal/faulttest"
	"github.com/hotline-org/hotline/internal/retry"
)

// echo is an Answerer that answers every message with its own text, so
// that each reply is unique and losses and duplicates can be counted. The
// real engine is not what the fault test is about.
type echo struct{ calls atomic.Int64 }

func (e *echo) Handle(_ context.Context, m bot.Message) bot.Reply {
	e.calls.Add(1)
	return bot.Reply{Language: "en", Blocks: []string{"echo " + m.Text}}
}

// faultPlan fails a fixed share of sendMessage calls, the same ones in
// every run (see faulttest.Plan), half with 429 and half with a 5xx.
type faultPlan struct {
	*faulttest.Plan
	injected map[int]int // by status code; guarded by the fake's mutex, under which fault is called
}

func (p *faultPlan) fault(form url.Values) *failure {
	kind, fail := p.Draw(form.Get("text"), 8)
	if !fail {
		return nil
	}
	var f failure
	switch kind {
	case 0, 1, 2, 3:
		// Telegram's least retry_after is 1 second; the adapter's test
		// timing makes that second 5ms.
		f = failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}
	case 4:
		f = failure{Code: 500, Description: "Internal Server Error"}
	case 5:
		f = failure{Code: 502, Description: "Bad Gateway"}
	case 6:
		f = failure{Code: 503, Description: "Service Unavailable"}
	case 7:
		f = failure{Code: 502, Description: "Bad Gateway", HTML: true}
	}
	p.injected[f.Code]++
	return &f
}

// TestFaultInjection sends 1,000 private messages from 200 chats through
// long polling while the Bot API fails one sendMessage in five, half with
// 429 and half with 500, 502 (JSON or a proxy's HTML page) or 503. Every
// reply must be delivered by a successful sendMessage exactly once, and
// each chat's replies in the order of its messages.
//
// Telegram's retry_after is 1 second at least, and a 429 holds every chat
// (flood control is per bot), so at real speed some 125 injected 429s
// would take minutes. The adapter's waits are scaled down through an
// unexported hook instead (a second lasts 5ms, backoff starts at 1ms):
// the real one-second wait has its own test,
// TestTooManyRequestsWaitsAndResendsOnce.
func TestFaultInjection(t *testing.T) {
	const (
		chats    = 200
		perChat  = 5
		total    = chats * perChat
		baseChat = 7_000_000
	)
	api := newFakeAPI(t)
	plan := &faultPlan{Plan: faulttest.New(20260127, 0.2), injected: map[int]int{}}
	api.faults = plan.fault

	// The messages come interleaved, as from people writing at once, each
	// chat's in order: a batch of 100 holds several from one chat.
	order := rand.New(rand.NewPCG(1, 2))
	var queue []int
	for c := range chats {
		for range perChat {
			queue = append(queue, c)
		}
	}
	order.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	next := make([]int, chats)
	for _, c := range queue {
		api.push("private_text", fields{ChatID: baseChat + int64(c), Text: fmt.Sprintf("msg-%d-%d", c, next[c])})
		next[c]++
	}

	engine := &echo{}
	obs := &retry.Counter{}
	begun := time.Now()
	r := start(t, api, telegram.Config{
		Engine: engine, Observer: obs, Workers: 16,
		ChatRate: 1e6, OverallRate: 1e6, // pacing has its own tests
	}, func(a *telegram.Adapter) {
		telegram.SetTiming(a, time.Millisecond, 16*time.Millisecond, 5*time.Millisecond)
	})
	// Done when the adapter asks for updates past the last one: it asks
	// only once a batch is handled to the end, every reply delivered or
	// given up on. A lost reply then shows as a wrong count below, not as
	// a timeout.
	last := int64(total) // the fake numbers updates from 1
	api.awaitWithin(patience, "every update handled", func(cs []call) bool {
		for _, c := range callsOf(cs, "getUpdates") {
			if off, _ := strconv.ParseInt(c.Form.Get("offset"), 10, 64); off > last {
				return true
			}
		}
		return false
	})
	elapsed := time.Since(begun)
	if err := r.stop(); err != nil { // every reply in flight is done when Run returns
		t.Fatalf("Run: %v", err)
	}

	calls := api.allCalls()
	delivered := 0
	for c := range chats {
		var got []string
		for _, s := range sentTo(calls, baseChat+int64(c)) {
			got = append(got, s.Form.Get("text"))
		}
		var want []string
		for i := range perChat {
			want = append(want, fmt.Sprintf("echo msg-%d-%d", c, i))
		}
		if !slices.Equal(got, want) {
			t.Errorf("chat %d got %q, want %q (each once, in order)", c, got, want)
		}
		delivered += len(got)
	}
	if delivered != total {
		t.Errorf("%d replies delivered, want %d", delivered, total)
	}
	if n := engine.calls.Load(); n != total {
		t.Errorf("the engine answered %d messages, want %d: an update was handled twice or not at all", n, total)
	}

	api.mu.Lock()
	injected, most := 0, plan.MostAttempts()
	var limited, server int
	for code, n := range plan.injected {
		injected += n
		if code == 429 {
			limited += n
		} else {
			server += n
		}
	}
	api.mu.Unlock()
	failed := 0
	for _, c := range callsOf(calls, "sendMessage") {
		if c.Failed {
			failed++
		}
	}
	if failed != injected {
		t.Errorf("%d sendMessage calls failed, but the fake injected %d failures", failed, injected)
	}
	if rate := float64(failed) / float64(failed+delivered); rate < 0.15 || rate > 0.25 {
		t.Errorf("%.1f%% of sendMessage calls failed; the test means to fail 20%%", 100*rate)
	}

	// Every failure was reported, by kind, and followed by a retry: none
	// was given up on.
	want := map[string]int{"telegram/rate_limited": limited, "telegram/server": server}
	if !maps.Equal(obs.Errors(), want) {
		t.Errorf("Observer told of failures %v, want %v", obs.Errors(), want)
	}
	if obs.Retries() != injected {
		t.Errorf("Observer told of %d retries, want %d", obs.Retries(), injected)
	}
	t.Logf("%d replies delivered to %d chats; %d injected failures (%d 429, %d 5xx; at most %d attempts at one message) in %v",
		delivered, chats, injected, limited, server, most, elapsed.Round(time.Millisecond))
}

// A refusal that will not pass (400 for other than HTML, 403) is not sent
// again, and the Observer hears of it as a client error and no retry.
func TestClientErrorIsNotRetried(t *testing.T) {
	api := newFakeAPI(t)
	api.failSends(
		failure{Code: 400, Description: "Bad Request: can't parse entities"},  // HTML refused: sent again as text
		failure{Code: 400, Description: "Bad Request: message text is empty"}, // and refused again: final
	)
	obs := &retry.Counter{}
	start(t, api, telegram.Config{Engine: canned(bot.Reply{Blocks: []string{"hello"}}), Observer: obs})
	const chat = 41101
	api.push("private_text", fields{ChatID: chat, Text: "hi"})
	api.await("two refused sends", func(cs []call) bool { return len(callsOf(cs, "sendMessage")) >= 2 })
	// One more message to the same chat: once it is answered, the first
	// is done with (one chat's updates are handled in order).
	api.push("private_text", fields{ChatID: chat, Text: "again"})
	api.awaitSent(chat, 1)
	if n := len(callsOf(api.allCalls(), "sendMessage")); n != 3 {
		t.Errorf("%d sendMessage calls, want 3: HTML, plain text, and the next message", n)
	}
	if want := map[string]int{"telegram/client": 2}; !maps.Equal(obs.Errors(), want) || obs.Retries() != 1 {
		t.Errorf("Observer told of %v and %d retries; want %v and 1 (the plain-text resend)", obs.Errors(), obs.Retries(), want)
	}
}

// A Bot API that keeps failing with 5xx is given up on after MaxResends,
// with a backoff in between.
func TestServerErrorsGiveUpAfterMaxResends(t *testing.T) {
	api := newFakeAPI(t)
	var fails []failure
	for range 3 {
		fails = append(fails, failure{Code: 502, Description: "Bad Gateway", HTML: true})
	}
	api.failSends(fails...)
	obs := &retry.Counter{}
	r := start(t, api, telegram.Config{Engine: canned(bot.Reply{Blocks: []string{"hello"}}), Observer: obs, MaxResends: 2},
		func(a *telegram.Adapter) {
			telegram.SetTiming(a, 20*time.Millisecond, 40*time.Millisecond, time.Millisecond)
		})
	const chat = 41102
	api.push("private_text", fields{ChatID: chat, Text: "hi"})
	api.await("three failed sends", func(cs []call) bool { return len(callsOf(cs, "sendMessage")) >= 3 })
	api.push("private_text", fields{ChatID: chat, Text: "again"})
	api.awaitSent(chat, 1)
	sends := callsOf(api.allCalls(), "sendMessage")
	if len(sends) != 4 {
		t.Fatalf("%d sendMessage calls, want 3 for the first message and 1 for the next", len(sends))
	}
	// Backoff of 20ms then 40ms, each jittered over its second half (at
	// least 10ms and 20ms). The fake server times requests on arrival, and
	// one that arrives late shortens the next gap: the checks leave room.
	if gap := sends[1].At.Sub(sends[0].At); gap < 5*time.Millisecond {
		t.Errorf("sent again %v after a 502; want a backoff", gap)
	}
	if gap := sends[2].At.Sub(sends[1].At); gap < 12*time.Millisecond {
		t.Errorf("sent a third time %v after the second; want the backoff doubled", gap)
	}
	if want := map[string]int{"telegram/server": 3}; !maps.Equal(obs.Errors(), want) || obs.Retries() != 2 {
		t.Errorf("Observer told of %v and %d retries; want %v and 2", obs.Errors(), obs.Retries(), want)
	}
	if !strings.Contains(r.logs.String(), "a reply was not delivered") {
		t.Error("the lost reply is not logged")
	}
}
