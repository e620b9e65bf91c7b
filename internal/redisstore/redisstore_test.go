package redisstore

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/resources"
)

// redisServer starts a private redis-server on a free port. .ci/run
// installs redis-server and sets HOTLINE_REDIS_TESTS=1, which makes a
// missing server a failure rather than a skip.
func redisServer(t *testing.T) (url string, stop func()) {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("HOTLINE_REDIS_TESTS") == "1" {
			t.Fatal("HOTLINE_REDIS_TESTS=1 but redis-server is not installed")
		}
		t.Skip("no redis-server; install it (apt-get install redis-server) to run the Redis tests")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return startRedis(t, bin, port)
}

// startRedis starts redis-server on port and waits until it accepts
// connections.
func startRedis(t *testing.T, bin string, port int) (url string, stop func()) {
	t.Helper()
	cmd := exec.Command(bin, "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() { once.Do(func() { cmd.Process.Kill(); cmd.Wait() }) }
	t.Cleanup(stop)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(time.Minute); ; { // bounds a redis-server that never starts
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("redis-server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "redis://" + addr + "/0", stop
}

var secret = []byte("a test secret shared by the replicas")

func open(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url, Options{Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// replica builds an engine as one replica of hotline does with REDIS_URL set.
func replica(t *testing.T, s *Store, logs *bytes.Buffer) *bot.Engine {
	t.Helper()
	var logger *slog.Logger
	if logs != nil {
		logger = slog.New(slog.NewTextHandler(logs, nil))
	}
	a, err := app.Load(resources.FS(), app.Options{Sessions: s, Limiter: Limiter{Store: s, Limit: 20, Window: time.Second}, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a.Engine
}

func TestConversationAcrossReplicas(t *testing.T) {
	url, _ := redisServer(t)
	one, two := replica(t, open(t, url), nil), replica(t, open(t, url), nil)
	ctx := context.Background()
	msg := func(text string) bot.Message { return bot.Message{Surface: "test", ChatKey: "telegram:42", Text: text} }

	first := one.Handle(ctx, msg("how do i know if a job offer abroad is a scam"))
	more := two.Handle(ctx, msg("more"))
	if more.Intent != bot.IntentMore || len(more.Resources) == 0 {
		t.Fatalf("the second replica does not continue the conversation: %q, %d resources", more.Intent, len(more.Resources))
	}
	for _, c := range more.Resources {
		for _, f := range first.Resources {
			if c.ID == f.ID {
				t.Errorf("'more' on the other replica repeats %s", c.ID)
			}
		}
	}
	if es := one.Handle(ctx, msg("en español")); es.Language != "es" {
		t.Fatalf("language switch: %q", es.Language)
	}
	if r := two.Handle(ctx, msg("how do i help a friend")); r.Language != "es" {
		t.Errorf("the other replica forgot the chosen language: %q", r.Language)
	}
	two.Handle(ctx, msg("forget me"))
	if r := one.Handle(ctx, msg("more")); len(r.Resources) != 0 {
		t.Errorf("after forget me on one replica, the other still remembers: %v", r.Resources)
	}
}

func TestSessionsHoldNoChatIDOrText(t *testing.T) {
	url, _ := redisServer(t)
	s := open(t, url)
	e := replica(t, s, nil)
	e.Handle(context.Background(), bot.Message{ChatKey: "telegram:9988776655", Text: "wombatine my boss took my passport"})
	keys, err := s.rdb.Keys(context.Background(), "*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("keys: %v %v", keys, err)
	}
	for _, k := range keys {
		v, _ := s.rdb.Get(context.Background(), k).Result()
		// The session keeps the ids of the resources shown (so "more" works
		// on any replica), never the chat id or the words.
		for _, secret := range []string{"9988776655", "wombatine"} {
			if strings.Contains(k, secret) || strings.Contains(v, secret) {
				t.Errorf("redis holds %q in %s = %s", secret, k, v)
			}
		}
		if ttl := s.rdb.TTL(context.Background(), k).Val(); ttl <= 0 || ttl > bot.DefaultSessionTTL {
			t.Errorf("%s has TTL %v", k, ttl)
		}
	}
}

func TestEventAnsweredOnce(t *testing.T) {
	url, _ := redisServer(t)
	a, b := open(t, url), open(t, url)
	ctx := context.Background()
	var firsts int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := s.FirstSeen(ctx, "slack-event:Ev123", time.Minute); err == nil && ok {
				mu.Lock()
				firsts++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firsts != 1 {
		t.Errorf("the same event was first-seen %d times across replicas", firsts)
	}
	// An update taken but not handed on is forgotten, on every replica.
	if err := a.Unsee(ctx, "slack-event:Ev123"); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.FirstSeen(ctx, "slack-event:Ev123", time.Minute); err != nil || !ok {
		t.Errorf("after Unsee, FirstSeen = %v, %v; want it new again", ok, err)
	}
}

func TestRateLimitAcrossReplicas(t *testing.T) {
	url, _ := redisServer(t)
	a, b := open(t, url), open(t, url)
	ctx := context.Background()
	allowed := 0
	for i := range 10 {
		s := a
		if i%2 == 1 {
			s = b
		}
		if ok, err := s.Allow(ctx, "web:abc", 4, time.Minute); err != nil {
			t.Fatal(err)
		} else if ok {
			allowed++
		}
	}
	if allowed != 4 {
		t.Errorf("%d allowed across two replicas, want 4", allowed)
	}
}

// TestRedisGoesAway stops Redis mid-conversation: the engine still answers
// every message (without memory) and says why in the logs.
func TestRedisGoesAway(t *testing.T) {
	url, stop := redisServer(t)
	var logs bytes.Buffer
	e := replica(t, openLogged(t, url, &logs), &logs)
	ctx := context.Background()
	e.Handle(ctx, bot.Message{ChatKey: "web:x", Text: "what are signs of grooming"})
	stop()
	for _, text := range []string{"more", "he is going to kill me", "what is the trafficking hotline"} {
		r := e.Handle(ctx, bot.Message{ChatKey: "web:x", Text: text})
		if r.Intent == "error" || r.Text() == "" {
			t.Errorf("%q without Redis: %q", text, r.Intent)
		}
		if text == "he is going to kill me" && !strings.Contains(r.Text(), "911") {
			t.Errorf("an urgent message without Redis lacks 911:\n%s", r.Text())
		}
	}
	if !strings.Contains(logs.String(), "Redis unavailable") {
		t.Errorf("the logs do not say Redis is gone:\n%s", logs.String())
	}
	if _, err := Open(ctx, url, Options{Secret: secret}); err == nil {
		t.Error("Open succeeded with Redis down")
	}
}

// TestRedisOutageLoggedOnce: while Redis is down, the log says so once, not
// for every message (a session read, a rate count and a session write
// each), and once more when it is back.
func TestRedisOutageLoggedOnce(t *testing.T) {
	url, stop := redisServer(t)
	var logs bytes.Buffer
	e := replica(t, openLogged(t, url, &logs), &logs)
	ctx := context.Background()
	ask := func(text string) {
		if r := e.Handle(ctx, bot.Message{ChatKey: "web:x", Text: text}); r.Intent == "error" {
			t.Errorf("%q: an error reply", text)
		}
	}
	ask("what are signs of grooming")
	stop()
	for _, text := range []string{"more", "he is going to kill me", "what is the trafficking hotline", "hi"} {
		ask(text)
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 || !strings.Contains(logs.String(), "Redis unavailable") {
		t.Errorf("%d warnings for one outage, want 1 saying Redis is unavailable:\n%s", n, logs.String())
	}

	// Redis comes back on the same address. For a moment go-redis fails
	// some calls with the dial error it remembers (it tries to dial again
	// each second); the outage ends once calls succeed in a row.
	var port int
	fmt.Sscanf(url, "redis://127.0.0.1:%d/0", &port)
	bin, _ := exec.LookPath("redis-server")
	startRedis(t, bin, port)
	for !strings.Contains(logs.String(), "Redis answers again") {
		ask("what is the trafficking hotline")
	}
	ask("more")
	if n := strings.Count(logs.String(), "Redis answers again"); n != 1 {
		t.Errorf("the end of the outage logged %d times, want 1:\n%s", n, logs.String())
	}
	if n := strings.Count(logs.String(), "level=WARN"); n != 1 {
		t.Errorf("%d warnings in all, want 1:\n%s", n, logs.String())
	}
}

// openLogged opens the store at url with its logs in logs, closed when the
// test ends.
func openLogged(t *testing.T, url string, logs *bytes.Buffer) *Store {
	t.Helper()
	s, err := Open(context.Background(), url, Options{Secret: secret, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
