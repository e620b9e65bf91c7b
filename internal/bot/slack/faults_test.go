package slack

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/faulttest"
	"github.com/hotline-org/hotline/internal/retry"
)

// faultPlan fails a fixed share of posts, the same ones in every run (see
// faulttest.Plan), half with 429 and half with a server error.
type faultPlan struct {
	*faulttest.Plan

	mu       sync.Mutex
	injected map[string]int // by kind, as the Observer names them
}

func newFaultPlan(seed uint64, rate float64) *faultPlan {
	return &faultPlan{Plan: faulttest.New(seed, rate), injected: map[string]int{}}
}

func (p *faultPlan) fault(method, text string) *fault {
	kind, fail := p.Draw(text, 8)
	if !fail {
		return nil
	}
	var f fault
	switch kind {
	case 0, 1, 2, 3:
		// Slack's Retry-After is in whole seconds; the adapter's test
		// timing makes a second 5ms.
		f = fault{Status: http.StatusTooManyRequests, RetryAfter: 1}
	case 4:
		f = fault{Status: http.StatusInternalServerError}
	case 5:
		f = fault{Status: http.StatusBadGateway}
	case 6:
		f = fault{Status: http.StatusServiceUnavailable}
	case 7:
		// Slack's own word for a passing outage, on a 200. A response_url
		// does not answer that way; it gets a 503.
		f = fault{Status: http.StatusOK, Error: "service_unavailable"}
		if method == "response_url" {
			f = fault{Status: http.StatusServiceUnavailable}
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if f.Status == http.StatusTooManyRequests {
		p.injected["slack/rate_limited"]++
	} else {
		p.injected["slack/server"]++
	}
	return &f
}

// request is one thing Slack sends the adapter in the fault test.
type request struct {
	path, contentType, body string
	token                   string // what the answer carries: "m7", "d7", "c7"
}

// TestFaultInjection sends 1,000 requests (400 mentions, 400 direct
// messages, 200 slash commands) from 16 senders at once while the fake
// Web API fails one post in five, chat.postMessage and response_url alike:
// half with 429 and half with 500, 502, 503 or a 200 saying
// service_unavailable. Every request must be answered by exactly one post
// that Slack took. As Slack does, the senders deliver an event again when
// the adapter does not acknowledge it, and a person asks again when told
// the bot is busy.
//
// Retry-After is counted in seconds, so at real speed the injected 429s
// would take minutes; the adapter's waits are scaled down instead (a
// second lasts 5ms, backoff starts at 1ms). The real wait has its own
// test, TestRateLimitHonoured.
func TestFaultInjection(t *testing.T) {
	const mentions, dms, commands = 400, 400, 200
	const total = mentions + dms + commands
	plan := newFaultPlan(20260127, 0.2)
	obs := &retry.Counter{}
	var answered atomic.Int64
	h := newHarnessWith(t, func(c *Config) {
		c.Engine = answerFunc(func(_ context.Context, m bot.Message) bot.Reply {
			answered.Add(1)
			return bot.Reply{Language: "en", Blocks: []string{"echo " + m.Text}}
		})
		c.Observer = obs
		c.Concurrency = 32
	}, func(f *fakeSlack) {
		f.faults = plan.fault
	}, func(a *Adapter) {
		a.timing = retry.Backoff{Min: time.Millisecond, Max: 16 * time.Millisecond, Second: 5 * time.Millisecond}
	})

	var reqs []request
	for i := range mentions {
		tok := "m" + strconv.Itoa(i)
		reqs = append(reqs, request{"/slack/events", "application/json", fixture(t, "app_mention.json", map[string]any{
			"event_id": "EvM" + strconv.Itoa(i), "event.ts": fmt.Sprintf("1764226544.%06d", i),
			"event.channel": "C" + strconv.Itoa(i), "event.text": "<@UBOT> " + tok,
		}), tok})
	}
	for i := range dms {
		tok := "d" + strconv.Itoa(i)
		reqs = append(reqs, request{"/slack/events", "application/json", fixture(t, "message_im.json", map[string]any{
			"event_id": "EvD" + strconv.Itoa(i), "event.ts": fmt.Sprintf("1764226600.%06d", i),
			"event.channel": "D" + strconv.Itoa(i), "event.text": tok,
		}), tok})
	}
	for i := range commands {
		tok := "c" + strconv.Itoa(i)
		reqs = append(reqs, request{"/slack/commands", "application/x-www-form-urlencoded", commandForm(tok, h.fake.responseURL(tok)), tok})
	}
	order := rand.New(rand.NewPCG(3, 4))
	order.Shuffle(len(reqs), func(i, j int) { reqs[i], reqs[j] = reqs[j], reqs[i] })

	// Collect what Slack took while the requests go in.
	got := map[string][]posted{}
	collected := make(chan struct{})
	stop := make(chan struct{})
	go func() {
		defer close(collected)
		add := func(p posted) {
			tok := strings.TrimPrefix(p.Text, "echo ")
			got[tok] = append(got[tok], p)
		}
		for {
			select {
			case p := <-h.fake.posts:
				add(p)
			case <-stop:
				// The fake queued every post before answering it, so once
				// the adapter is idle what is left waits in the buffer.
				for {
					select {
					case p := <-h.fake.posts:
						add(p)
					default:
						return
					}
				}
			}
		}
	}()

	begun := time.Now()
	var refused atomic.Int64
	work := make(chan request)
	var senders sync.WaitGroup
	for range 16 {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for r := range work {
				refused.Add(int64(deliverLikeSlack(t, h, r)))
			}
		}()
	}
	for _, r := range reqs {
		work <- r
	}
	close(work)
	senders.Wait()
	h.idle() // every reply delivered or given up on
	elapsed := time.Since(begun)
	close(stop)
	<-collected

	for _, r := range reqs {
		ps := got[r.token]
		want := "chat.postMessage"
		if r.path == "/slack/commands" {
			want = "response_url"
		}
		switch {
		case len(ps) != 1:
			t.Errorf("%s answered %d times, want once", r.token, len(ps))
		case ps[0].Method != want:
			t.Errorf("%s answered by %s, want %s", r.token, ps[0].Method, want)
		}
		delete(got, r.token)
	}
	for tok, ps := range got {
		t.Errorf("%d unexpected posts: %q", len(ps), tok)
	}
	if n := answered.Load(); n != total {
		t.Errorf("the engine answered %d requests, want %d", n, total)
	}

	plan.mu.Lock()
	injected, most := 0, plan.MostAttempts()
	for _, n := range plan.injected {
		injected += n
	}
	if !maps.Equal(obs.Errors(), plan.injected) {
		t.Errorf("Observer told of failures %v, want %v", obs.Errors(), plan.injected)
	}
	if obs.Retries() != injected {
		t.Errorf("Observer told of %d retries, want %d: every failure tried again", obs.Retries(), injected)
	}
	plan.mu.Unlock()
	if rate := float64(injected) / float64(injected+total); rate < 0.15 || rate > 0.25 {
		t.Errorf("%.1f%% of posts failed; the test means to fail 20%%", 100*rate)
	}
	t.Logf("%d requests; %d injected failures (%v; at most %d attempts at one post; %d requests refused as busy and sent again) in %v",
		total, injected, plan.injected, most, refused.Load(), elapsed.Round(time.Millisecond))
}

// deliverLikeSlack sends a request until the adapter takes it: an event
// left unacknowledged is delivered again with X-Slack-Retry-Num, a command
// answered "Busy" is asked again. It returns how many times the adapter
// refused it.
func deliverLikeSlack(t *testing.T, h *harness, r request) (refusals int) {
	for try := 0; try < 20; try++ {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, err := http.NewRequest(http.MethodPost, h.srv.URL+r.path, strings.NewReader(r.body))
		if err != nil {
			t.Error(err)
			return refusals
		}
		req.Header.Set("Content-Type", r.contentType)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", signature(testSecret, ts, r.body))
		if try > 0 && r.path == "/slack/events" {
			req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(try))
			req.Header.Set("X-Slack-Retry-Reason", "http_error")
		}
		res, err := h.srv.Client().Do(req)
		if err != nil {
			t.Error(err)
			return refusals
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		switch {
		case res.StatusCode == http.StatusServiceUnavailable:
		case res.StatusCode != http.StatusOK:
			t.Errorf("%s: status %d %q", r.token, res.StatusCode, body)
			return refusals
		case strings.Contains(string(body), "Busy"):
		default:
			return refusals
		}
		refusals++
	}
	t.Errorf("%s: refused 20 times", r.token)
	return refusals
}

// A refusal that will not pass (a 4xx, or an error Slack does not call
// temporary) is not tried again, and the Observer hears of it as a client
// error and no retry.
func TestClientErrorIsNotRetried(t *testing.T) {
	obs := &retry.Counter{}
	var calls atomic.Int32
	h := newHarnessWith(t, func(c *Config) { c.Observer = obs }, func(f *fakeSlack) {
		f.faults = func(method, text string) *fault {
			if calls.Add(1) == 1 {
				return &fault{Status: http.StatusOK, Error: "channel_not_found"}
			}
			return &fault{Status: http.StatusNotFound}
		}
	})
	h.event("app_mention.json", nil)
	h.command("trafficking hotline", "gone")
	h.idle()
	h.fake.none()
	if n := calls.Load(); n != 2 {
		t.Errorf("%d attempts at two posts refused for good, want 2", n)
	}
	if want := map[string]int{"slack/client": 2}; !maps.Equal(obs.Errors(), want) || obs.Retries() != 0 {
		t.Errorf("Observer told of %v and %d retries; want %v and none", obs.Errors(), obs.Retries(), want)
	}
}

// Server errors that do not pass are given up on after MaxRetries, with a
// growing backoff in between.
func TestServerErrorsGiveUpAfterMaxRetries(t *testing.T) {
	obs := &retry.Counter{}
	var mu sync.Mutex
	var at []time.Time
	h := newHarnessWith(t, func(c *Config) { c.Observer = obs; c.MaxRetries = 2 }, func(f *fakeSlack) {
		f.faults = func(method, text string) *fault {
			mu.Lock()
			defer mu.Unlock()
			at = append(at, time.Now())
			return &fault{Status: http.StatusBadGateway}
		}
	}, func(a *Adapter) {
		a.timing = retry.Backoff{Min: 20 * time.Millisecond, Max: 40 * time.Millisecond, Second: time.Millisecond}
	})
	h.event("message_im.json", nil)
	h.idle()
	h.fake.none()
	mu.Lock()
	defer mu.Unlock()
	if len(at) != 3 {
		t.Fatalf("%d attempts, want 3 (one and two retries)", len(at))
	}
	// Backoff of 20ms then 40ms, each jittered over its second half (at
	// least 10ms and 20ms). Attempts are timed as the fake server receives
	// them; one that arrives late shortens the next gap: the checks leave
	// room.
	if gap := at[1].Sub(at[0]); gap < 5*time.Millisecond {
		t.Errorf("posted again %v after a 502; want a backoff", gap)
	}
	if gap := at[2].Sub(at[1]); gap < 12*time.Millisecond {
		t.Errorf("posted a third time %v after the second; want the backoff doubled", gap)
	}
	if want := map[string]int{"slack/server": 3}; !maps.Equal(obs.Errors(), want) || obs.Retries() != 2 {
		t.Errorf("Observer told of %v and %d retries; want %v and 2", obs.Errors(), obs.Retries(), want)
	}
	if logs := h.logs.String(); !strings.Contains(logs, "reply not delivered") || !strings.Contains(logs, "kind=server") {
		t.Errorf("the lost reply is not logged with its kind:\n%s", logs)
	}
}
