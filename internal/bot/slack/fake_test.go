package slack

import (
	"github.com/hotline-org/hotline/internal/logtest"

	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/resources"
)

// The test doubles: a fake Slack Web API (and response URLs) on
// 127.0.0.1, the real engine over the embedded catalog, and a real adapter
// between them with the real Slack library.

const (
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5" // Slack's documented example secret
	testBotToken = "xoxb-test-token"
	testAppToken = "xapp-test-token"
)

var loaded = sync.OnceValues(func() (*app.App, error) { return app.Load(resources.FS(), app.Options{}) })

// posted is one message the adapter sent to Slack.
type posted struct {
	Method       string // chat.postMessage or response_url
	Channel      string
	ThreadTS     string
	Text         string
	ResponseType string
	Replace      bool
	Blocks       []any
	At           time.Time
}

// Content is every piece of text in the message's blocks, buttons included,
// as Slack would show them.
func (p posted) Content() string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range []string{"text", "value", "action_id"} {
				if s, ok := v[k].(string); ok {
					b.WriteString(s)
					b.WriteString("\n")
				}
			}
			for k, e := range v {
				if _, isString := e.(string); !isString || k == "elements" {
					walk(e)
				}
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(p.Blocks)
	return b.String()
}

// Buttons are the action ids of the message's buttons.
func (p posted) Buttons() map[string]string {
	out := map[string]string{}
	for _, blk := range p.Blocks {
		m, _ := blk.(map[string]any)
		if m["type"] != "actions" {
			continue
		}
		els, _ := m["elements"].([]any)
		for _, e := range els {
			em, _ := e.(map[string]any)
			id, _ := em["action_id"].(string)
			val, _ := em["value"].(string)
			out[id] = val
		}
	}
	return out
}

// fakeSlack is a stand-in for Slack's Web API and response URLs.
type fakeSlack struct {
	t     *testing.T
	srv   *httptest.Server
	posts chan posted

	rateLimited  atomic.Int32 // how many more posts get 429
	retryAfter   atomic.Int32 // the Retry-After they carry, in seconds
	attempts     atomic.Int32 // posts tried, 429s included
	socketServer http.HandlerFunc
	// faults, when set, is asked about every post that rateLimited lets
	// through, by method and fallback text; a non-nil fault is the answer
	// instead of taking the post. It must be safe for concurrent use. Set
	// it before the adapter runs.
	faults func(method, text string) *fault
}

// fault is an error answer the fake gives to a post.
type fault struct {
	Status     int    // HTTP status: 429, or a 5xx with an HTML page as Slack sends
	RetryAfter int    // with 429: the Retry-After header, in seconds
	Error      string // with 200: {"ok":false,"error":Error}
}

// failed answers with the fault planned for a post, if any.
func (f *fakeSlack) failed(w http.ResponseWriter, method, text string) bool {
	if f.faults == nil {
		return false
	}
	fl := f.faults(method, text)
	switch {
	case fl == nil:
		return false
	case fl.Status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(fl.RetryAfter))
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
	case fl.Status == http.StatusOK:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, fl.Error)
	default:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(fl.Status)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1></body></html>\n", fl.Status, http.StatusText(fl.Status))
	}
	return true
}

func newFakeSlack(t *testing.T) *fakeSlack {
	f := &fakeSlack{t: t, posts: make(chan posted, 64)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("token") != testBotToken && r.Header.Get("Authorization") != "Bearer "+testBotToken {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprint(w, `{"ok":true,"url":"https://ngo.slack.com/","team":"NGO","user":"hotline","team_id":"T1","user_id":"UBOT","bot_id":"BBOT"}`)
	})
	mux.HandleFunc("POST /api/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
		if f.limited(w) || f.failed(w, "chat.postMessage", r.FormValue("text")) {
			return
		}
		if r.FormValue("token") != testBotToken {
			fmt.Fprint(w, `{"ok":false,"error":"not_authed"}`)
			return
		}
		p := posted{Method: "chat.postMessage", Channel: r.FormValue("channel"), ThreadTS: r.FormValue("thread_ts"), Text: r.FormValue("text"), At: time.Now()}
		if err := json.Unmarshal([]byte(r.FormValue("blocks")), &p.Blocks); err != nil {
			t.Errorf("chat.postMessage blocks are not JSON: %v", err)
		}
		f.posts <- p
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1764226999.000900"}`, p.Channel)
	})
	mux.HandleFunc("POST /hooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		if f.limited(w) {
			return
		}
		var m struct {
			Text            string `json:"text"`
			ThreadTS        string `json:"thread_ts"`
			ResponseType    string `json:"response_type"`
			ReplaceOriginal *bool  `json:"replace_original"`
			Blocks          []any  `json:"blocks"`
		}
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			t.Errorf("response_url body is not JSON: %v", err)
		}
		if m.ReplaceOriginal == nil {
			t.Errorf("response_url body does not say replace_original")
		}
		if f.failed(w, "response_url", m.Text) {
			return
		}
		f.posts <- posted{Method: "response_url", Text: m.Text, ThreadTS: m.ThreadTS, ResponseType: m.ResponseType,
			Replace: m.ReplaceOriginal != nil && *m.ReplaceOriginal, Blocks: m.Blocks, At: time.Now()}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"ok":true}`)
	})
	mux.HandleFunc("POST /api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testAppToken {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/socket"}`, r.Host)
	})
	mux.HandleFunc("GET /socket", func(w http.ResponseWriter, r *http.Request) {
		if f.socketServer == nil {
			http.NotFound(w, r)
			return
		}
		f.socketServer(w, r)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// limited answers 429 while the fake is set to.
func (f *fakeSlack) limited(w http.ResponseWriter) bool {
	f.attempts.Add(1)
	for {
		n := f.rateLimited.Load()
		if n <= 0 {
			return false
		}
		if f.rateLimited.CompareAndSwap(n, n-1) {
			break
		}
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(f.retryAfter.Load())))
	w.WriteHeader(http.StatusTooManyRequests)
	fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
	return true
}

func (f *fakeSlack) responseURL(id string) string { return f.srv.URL + "/hooks/" + id }

// next waits for the adapter's next post.
func (f *fakeSlack) next() posted {
	f.t.Helper()
	select {
	case p := <-f.posts:
		return p
	case <-time.After(patience):
		f.t.Fatal("nothing was posted to Slack")
	}
	return posted{}
}

// none checks that nothing more was posted. Call it once the adapter has no
// reply in flight.
func (f *fakeSlack) none() {
	f.t.Helper()
	select {
	case p := <-f.posts:
		f.t.Errorf("unexpected %s post: %.200q", p.Method, p.Content())
	default:
	}
}

// patience bounds every wait for an event in these tests only so that a
// broken adapter fails the test instead of hanging it: on a loaded 2-core
// machine a whole minute is still an event that never came, not a slow one.
const patience = time.Minute

// countingEngine is the real engine, counting the messages it answers.
type countingEngine struct {
	*bot.Engine
	calls atomic.Int32
	// gate, when set, holds every answer until it is closed.
	gate atomic.Pointer[chan struct{}]
}

func (e *countingEngine) Handle(ctx context.Context, m bot.Message) bot.Reply {
	e.calls.Add(1)
	if g := e.gate.Load(); g != nil {
		select {
		case <-*g:
		case <-ctx.Done():
		}
	}
	return e.Engine.Handle(ctx, m)
}

// harness is an adapter in HTTP mode with everything around it.
type harness struct {
	t      *testing.T
	a      *Adapter
	fake   *fakeSlack
	engine *countingEngine
	srv    *httptest.Server // the main listener with the adapter's endpoints
	logs   *logtest.Buffer
	runErr chan error
}

// newHarness builds and runs an adapter; edit may change its Config.
// builtinWords are the bot's words from the built-in message files, for an
// adapter whose engine under test has none.
func builtinWords(tb testing.TB) *bot.Languages {
	tb.Helper()
	ls, err := bot.LoadLanguages(resources.FS())
	if err != nil {
		tb.Fatal(err)
	}
	return ls
}

func newHarness(t *testing.T, edit func(*Config)) *harness {
	t.Helper()
	return newHarnessWith(t, edit, nil)
}

// newHarnessWith is newHarness with a chance to prepare the fake Slack,
// and to tune the adapter, before the adapter starts.
func newHarnessWith(t *testing.T, edit func(*Config), prepare func(*fakeSlack), tune ...func(*Adapter)) *harness {
	t.Helper()
	h := &harness{t: t, fake: newFakeSlack(t), logs: &logtest.Buffer{}, runErr: make(chan error, 1)}
	if prepare != nil {
		prepare(h.fake)
	}
	logger := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.engine = &countingEngine{Engine: newEngine(t, logger)}
	cfg := Config{
		BotToken: testBotToken, SigningSecret: testSecret, APIURL: h.fake.srv.URL + "/api", // no trailing slash: New adds it
		Engine: h.engine, Words: builtinWords(t), Logger: logger,
	}
	if edit != nil {
		edit(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a.admitWait = 50 * time.Millisecond
	for _, f := range tune {
		f(a)
	}
	h.a = a
	mux := http.NewServeMux()
	a.Register(mux)
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)

	ctx, cancel := context.WithCancel(context.Background())
	go func() { h.runErr <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-h.runErr:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(patience):
			t.Error("Run did not return after its context was cancelled")
		}
	})
	select {
	case <-a.selfKnown:
	case err := <-h.runErr:
		t.Fatalf("Run ended early: %v", err)
	case <-time.After(patience):
		t.Fatal("the adapter did not learn who it is")
	}
	return h
}

func newEngine(t *testing.T, logger *slog.Logger) *bot.Engine {
	t.Helper()
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.NewEngine(logger, bot.Unlimited{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// idle waits until the adapter has no reply in flight.
func (h *harness) idle() {
	h.t.Helper()
	done := make(chan struct{})
	go func() { h.a.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(patience):
		h.t.Fatal("replies still in flight")
	}
}

// signature is what Slack puts in X-Slack-Signature for body sent at ts.
func signature(secret, ts, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "v0:%s:%s", ts, body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// send posts body to path, signed now with the test secret.
func (h *harness) send(path, contentType, body string, header ...string) (*http.Response, string) {
	h.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	hd := http.Header{}
	hd.Set("Content-Type", contentType)
	hd.Set("X-Slack-Request-Timestamp", ts)
	hd.Set("X-Slack-Signature", signature(testSecret, ts, body))
	for i := 0; i+1 < len(header); i += 2 {
		hd.Set(header[i], header[i+1])
	}
	return h.do(path, hd, body)
}

func (h *harness) do(path string, hd http.Header, body string) (*http.Response, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header = hd
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, string(data)
}

// command sends a slash command, as Slack does.
func (h *harness) command(text, responseID string) (*http.Response, string) {
	h.t.Helper()
	form := commandForm(text, h.fake.responseURL(responseID))
	return h.send("/slack/commands", "application/x-www-form-urlencoded", form)
}

func commandForm(text, responseURL string) string {
	// Slack gives every command a trigger of its own: two commands with the
	// same words are two requests, with two signatures.
	return "token=ZZZZ&team_id=T1&team_domain=ngo&channel_id=C1CASES&channel_name=cases&user_id=U1STAFF&user_name=caseworker" +
		"&command=%2Fhotline&text=" + urlEscape(text) + "&api_app_id=A1&response_url=" + urlEscape(responseURL) + "&trigger_id=" + urlEscape(responseURL)
}

// event sends an Events API payload from testdata with fields changed
// (paths like "event.text").
func (h *harness) event(file string, set map[string]any, header ...string) (*http.Response, string) {
	h.t.Helper()
	return h.send("/slack/events", "application/json", fixture(h.t, file, set), header...)
}

// interaction sends a block_actions payload from testdata with fields changed.
func (h *harness) interaction(set map[string]any) (*http.Response, string) {
	h.t.Helper()
	payload := fixture(h.t, "block_actions.json", set)
	return h.send("/slack/interactions", "application/x-www-form-urlencoded", "payload="+urlEscape(payload))
}

// fixture reads a JSON file from testdata and sets fields in it.
func fixture(t *testing.T, file string, set map[string]any) string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for path, v := range set {
		m := doc
		parts := strings.Split(path, ".")
		for _, p := range parts[:len(parts)-1] {
			switch next := m[p].(type) {
			case map[string]any:
				m = next
			case []any: // "actions.0" style paths go into the first element
				m = next[0].(map[string]any)
			default:
				t.Fatalf("%s: no object at %s", file, p)
			}
		}
		if v == nil {
			delete(m, parts[len(parts)-1])
		} else {
			m[parts[len(parts)-1]] = v
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func urlEscape(s string) string { return url.QueryEscape(s) }
