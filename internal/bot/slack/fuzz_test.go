package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/lru"
)

// FuzzSlackEvents posts random bodies, correctly signed, to /slack/events,
// and waits for any answer they start. Whatever the body: no panic, in the
// handler or in the worker; never a 5xx; 400 unless it is a JSON object
// with a type; and every post made is one Slack takes.
//
//	go test ./internal/bot/slack -run '^$' -fuzz '^FuzzSlackEvents$' -fuzztime 10s
func FuzzSlackEvents(f *testing.F) {
	for _, file := range []string{"app_mention.json", "message_im.json"} {
		b, err := os.ReadFile("testdata/" + file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{
		``, `{`, `null`, `[]`, `"event_callback"`, `{}`, `{"type":""}`, `{"type":5}`,
		`{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","token":"x"}`,
		`{"type":"url_verification","challenge":7}`,
		`{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1"}`,
		`{"type":"event_callback","event_id":"Ev1"}`,
		`{"type":"event_callback","event_id":"Ev1","event":null}`,
		`{"type":"event_callback","event_id":"Ev1","event":{}}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"reaction_added","user":"U1"}}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","text":5}}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","ts":"1.2","text":"<@U1|x> <#C1|cases> <https://example.org|link> &lt;&amp;&gt; <!here>"}}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","ts":"1.2","subtype":"file_share","text":""}}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","channel":"C1","user":"U1","ts":"1.2","thread_ts":"1.1","text":"<@UBOT>"}}`,
		`{"type":"something_new","payload":{"a":[1,2,3]}}`,
	} {
		f.Add(s)
	}
	ft := newFuzzTarget(f)
	b, _ := os.ReadFile("testdata/message_im.json")
	ft.mustAnswer(f, "/slack/events", "application/json", string(b))
	f.Fuzz(func(t *testing.T, body string) {
		status := ft.post("/slack/events", "application/json", body)
		if msg := ft.problems(); msg != "" {
			t.Fatalf("body %q: %s", body, msg)
		}
		var envelope struct {
			Type string `json:"type"`
		}
		isEnvelope := json.Unmarshal([]byte(body), &envelope) == nil && envelope.Type != ""
		switch {
		case status >= 500:
			t.Fatalf("body %q: status %d", body, status)
		case !isEnvelope && status != http.StatusBadRequest:
			t.Fatalf("body %q is not an Events API request: status %d, want 400", body, status)
		case status != http.StatusOK && status != http.StatusBadRequest:
			t.Fatalf("body %q: status %d, want 200 or 400", body, status)
		}
	})
}

// FuzzSlackCommand posts random bodies, correctly signed, to
// /slack/commands, and waits for any answer they start. Whatever the body:
// no panic, never a 5xx, 400 unless it is a form with what every slash
// command carries, and every post made is one Slack takes.
//
//	go test ./internal/bot/slack -run '^$' -fuzz '^FuzzSlackCommand$' -fuzztime 10s
func FuzzSlackCommand(f *testing.F) {
	doc, err := os.ReadFile("testdata/signing-example-body.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(doc))
	hook := fuzzAPIURL + "hooks/fuzz" // the stand-in's, so that answers are posted and checked
	for _, text := range []string{"", "help", "stale", "trafficking hotline", "shelter for a 16 yo in Houston", "<@U1> &amp; <https://x.org|x>", strings.Repeat("ñ", 300)} {
		f.Add(commandForm(text, hook))
	}
	for _, s := range []string{
		``, `=`, `&&`, `%`, `%zz`, `a;b`, `text=hi`, `command=%2Fhotline&text=hi`,
		"command=%2Fhotline&team_id=T1&channel_id=C1&user_id=U1&text=hi&response_url=https%3A%2F%2Fevil.example%2F",
		"command=%2Fhotline&team_id=T1&channel_id=C1&user_id=U1&text=hi&response_url=" + url.QueryEscape(hook),
	} {
		f.Add(s)
	}
	ft := newFuzzTarget(f)
	ft.mustAnswer(f, "/slack/commands", "application/x-www-form-urlencoded", commandForm("trafficking hotline", hook))
	f.Fuzz(func(t *testing.T, body string) {
		status := ft.post("/slack/commands", "application/x-www-form-urlencoded", body)
		if msg := ft.problems(); msg != "" {
			t.Fatalf("body %q: %s", body, msg)
		}
		_, formErr := url.ParseQuery(body)
		switch {
		case status >= 500:
			t.Fatalf("body %q: status %d", body, status)
		case formErr != nil && status != http.StatusBadRequest:
			t.Fatalf("body %q is not a form: status %d, want 400", body, status)
		case status != http.StatusOK && status != http.StatusBadRequest:
			t.Fatalf("body %q: status %d, want 200 or 400", body, status)
		}
	})
}

// fuzzAPIURL is where the fuzz targets' Web API stand-in is reached: a
// fixed address is needed for seeds that carry a response_url, so the
// stand-in listens on whatever port and a transport sends it there.
const fuzzAPIURL = "http://slack.fuzz.invalid/"

// fuzzTarget is an adapter in HTTP mode whose requests go straight to its
// handlers, each handled to the end (its answer posted) before the next,
// with a stand-in Web API that takes every post and checks it.
type fuzzTarget struct {
	a   *Adapter
	mux *http.ServeMux

	mu       sync.Mutex
	panicked bool
	bad      []string // posts Slack would refuse
	posts    int      // posts taken, in all
}

func newFuzzTarget(tb testing.TB) *fuzzTarget {
	ft := &fuzzTarget{mux: http.NewServeMux()}
	api := httptest.NewServer(http.HandlerFunc(ft.webAPI))
	tb.Cleanup(api.Close)
	client := api.Client()
	target, _ := url.Parse(api.URL)
	client.Transport = redirect{to: target, next: client.Transport}
	a, err := New(Config{
		BotToken: testBotToken, SigningSecret: testSecret, APIURL: fuzzAPIURL,
		HTTPClient: client, Logger: slog.New(panicWatch{ft}), Words: builtinWords(tb),
		Engine: answerFunc(func(_ context.Context, m bot.Message) bot.Reply {
			// What was sent comes back, so that every input reaches the
			// renderer.
			return bot.Reply{Language: "en", Blocks: []string{m.Text}, Actions: []bot.Action{{ID: bot.ActionMore, Label: m.Text}}}
		}),
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(a.stop)
	a.Register(ft.mux)
	ft.a = a
	return ft
}

// post serves one signed request and waits for the answer it started.
// Each starts with a fresh memory of events seen, so that no input changes
// how the next is taken.
func (ft *fuzzTarget) post(path, contentType, body string) int {
	ft.a.seenMu.Lock()
	ft.a.seen = lru.New[struct{}](16, time.Hour, nil)
	ft.a.seenMu.Unlock()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", signature(testSecret, ts, body))
	rec := httptest.NewRecorder()
	ft.mux.ServeHTTP(rec, req)
	ft.a.inflight.Wait()
	return rec.Code
}

// mustAnswer checks that the target is wired up: a request Slack could
// send is acknowledged and answered with one post.
func (ft *fuzzTarget) mustAnswer(tb testing.TB, path, contentType, body string) {
	ft.mu.Lock()
	before := ft.posts
	ft.mu.Unlock()
	status := ft.post(path, contentType, body)
	ft.mu.Lock()
	posts := ft.posts - before
	ft.mu.Unlock()
	if msg := ft.problems(); status != http.StatusOK || posts != 1 || msg != "" {
		tb.Fatalf("%s: status %d, %d posts, problems %q; want 200 and one post", path, status, posts, msg)
	}
}

// problems reports, and forgets, what went wrong since it was last asked.
func (ft *fuzzTarget) problems() string {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var out []string
	if ft.panicked {
		out = append(out, "answering panicked")
	}
	out = append(out, ft.bad...)
	ft.panicked, ft.bad = false, nil
	return strings.Join(out, "; ")
}

// webAPI takes every post; each must carry blocks Slack accepts.
func (ft *fuzzTarget) webAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	var blocks []json.RawMessage
	if strings.HasPrefix(r.URL.Path, "/hooks/") {
		var m struct {
			Blocks []json.RawMessage `json:"blocks"`
		}
		err := json.NewDecoder(r.Body).Decode(&m)
		if err != nil {
			ft.fail("response_url body is not JSON: %v", err)
		}
		blocks = m.Blocks
	} else if r.URL.Path == "/chat.postMessage" {
		if err := json.Unmarshal([]byte(r.FormValue("blocks")), &blocks); err != nil {
			ft.fail("blocks are not JSON: %v", err)
		}
	}
	if len(blocks) > maxBlocks {
		ft.fail("%d blocks; Slack takes %d", len(blocks), maxBlocks)
	}
	ft.mu.Lock()
	ft.posts++
	ft.mu.Unlock()
	fmt.Fprint(w, `{"ok":true,"channel":"C1","ts":"1.2"}`)
}

func (ft *fuzzTarget) fail(format string, args ...any) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.bad = append(ft.bad, fmt.Sprintf(format, args...))
}

// redirect sends every request to the stand-in, whatever its host.
type redirect struct {
	to   *url.URL
	next http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.to.Scheme, r.to.Host
	return r.next.RoundTrip(req)
}

// panicWatch is a slog.Handler that drops every record but notes the ones
// about panics.
type panicWatch struct{ ft *fuzzTarget }

func (p panicWatch) Enabled(context.Context, slog.Level) bool { return true }
func (p panicWatch) WithAttrs([]slog.Attr) slog.Handler       { return p }
func (p panicWatch) WithGroup(string) slog.Handler            { return p }
func (p panicWatch) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		p.ft.mu.Lock()
		p.ft.panicked = true
		p.ft.mu.Unlock()
	}
	return nil
}
