package telegram_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"
)

// The fake Bot API server: it speaks the wire format of the real one
// (requests as multipart or urlencoded forms to /bot<token>/<method>,
// answers as {"ok": …, "result": …} or {"ok": false, "error_code": …,
// "parameters": {"retry_after": …}}), keeps updates for getUpdates with
// Telegram's offset rules, and records every call for the tests to wait on.

const (
	testToken   = "123456:TEST-token_for-fake"
	botID       = 999000111
	botUsername = "ThisBot"
)

// patience bounds every wait for an event in these tests only so that a
// broken adapter fails the test instead of hanging it: on a loaded 2-core
// machine a whole minute is still an event that never came, not a slow one.
const patience = time.Minute

// call is one request the fake received.
type call struct {
	Method    string
	Form      url.Values
	Multipart bool // the body was multipart/form-data
	Failed    bool // the fake answered with an error
	At        time.Time
}

// failure is an error answer the fake gives to a sendMessage.
type failure struct {
	Code        int
	Description string
	RetryAfter  int
	HTML        bool // a proxy's error page rather than Bot API JSON, as nginx in front of Telegram sends
}

// htmlPage is an answer that is not Bot API JSON.
type htmlPage string

type storedUpdate struct {
	id  int64
	raw json.RawMessage
}

type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every call and every new update
	updates []storedUpdate
	nextID  int64
	calls   []call
	// keepConfirmed makes the fake forget nothing: as if a confirmation
	// never reached Telegram (a crash right after a batch).
	keepConfirmed bool
	failNext      []failure // answers for the next sendMessage calls
	// faults, when set, is asked about every sendMessage that failNext and
	// blockedChats let through, with f.mu held; a non-nil failure is the
	// answer instead of success.
	faults       func(form url.Values) *failure
	blockedChats map[string]bool // chat_id values whose person blocked the bot
	templates    *template.Template
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	tmpl, err := template.New("").Funcs(template.FuncMap{"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	}}).ParseGlob(filepath.Join("testdata", "*.json.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeAPI{t: t, changed: make(chan struct{}), nextID: 1, blockedChats: map[string]bool{}, templates: tmpl}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// fields fill an update template; the zero values are a private chat in
// English.
type fields struct {
	ID, MessageID, UserID, ChatID int64
	Lang, Text, Data, CallbackID  string
	Lat, Lon                      float64
}

// push adds an update made from testdata/<name>.json.tmpl and returns its id.
func (f *fakeAPI) push(name string, v fields) int64 {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	v.ID = f.nextID
	f.nextID++
	if v.MessageID == 0 {
		v.MessageID = 100 + v.ID
	}
	if v.UserID == 0 {
		v.UserID = v.ChatID
	}
	if v.Lang == "" {
		v.Lang = "en"
	}
	var b bytes.Buffer
	if err := f.templates.ExecuteTemplate(&b, name+".json.tmpl", v); err != nil {
		f.t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		f.t.Fatalf("testdata/%s.json.tmpl made invalid JSON:\n%s", name, b.String())
	}
	f.updates = append(f.updates, storedUpdate{v.ID, b.Bytes()})
	f.broadcast()
	return v.ID
}

// update renders an update without queueing it, for the webhook.
func (f *fakeAPI) update(name string, v fields) []byte {
	f.t.Helper()
	if v.UserID == 0 {
		v.UserID = v.ChatID
	}
	if v.Lang == "" {
		v.Lang = "en"
	}
	var b bytes.Buffer
	if err := f.templates.ExecuteTemplate(&b, name+".json.tmpl", v); err != nil {
		f.t.Fatal(err)
	}
	return b.Bytes()
}

func (f *fakeAPI) failSends(fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failNext = append(f.failNext, fs...)
}

func (f *fakeAPI) block(chatID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.blockedChats[strconv.FormatInt(chatID, 10)] = true
}

func (f *fakeAPI) broadcast() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// await waits until cond holds for the calls so far.
func (f *fakeAPI) await(what string, cond func([]call) bool) []call {
	f.t.Helper()
	return f.awaitWithin(patience, what, cond)
}

// awaitWithin is await with another bound than patience.
func (f *fakeAPI) awaitWithin(d time.Duration, what string, cond func([]call) bool) []call {
	f.t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		calls := append([]call(nil), f.calls...)
		ch := f.changed
		f.mu.Unlock()
		if cond(calls) {
			return calls
		}
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("timed out waiting for %s; calls: %v", what, summary(calls))
		}
	}
}

// awaitSent waits for n messages delivered to a chat and returns them.
func (f *fakeAPI) awaitSent(chatID int64, n int) []call {
	f.t.Helper()
	var got []call
	f.await(fmt.Sprintf("%d message(s) to chat %d", n, chatID), func(cs []call) bool {
		got = sentTo(cs, chatID)
		return len(got) >= n
	})
	return got
}

func (f *fakeAPI) allCalls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// sentTo is the messages delivered to a chat.
func sentTo(cs []call, chatID int64) []call {
	id := strconv.FormatInt(chatID, 10)
	var out []call
	for _, c := range cs {
		if c.Method == "sendMessage" && !c.Failed && c.Form.Get("chat_id") == id {
			out = append(out, c)
		}
	}
	return out
}

func callsOf(cs []call, method string) []call {
	var out []call
	for _, c := range cs {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// summary lists a few calls by method, or counts many.
func summary(cs []call) any {
	if len(cs) <= 30 {
		return methods(cs)
	}
	n := map[string]int{}
	for _, c := range cs {
		n[c.Method]++
	}
	return n
}

func methods(cs []call) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Method)
	}
	return out
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot"+testToken+"/")
	if !ok || r.Method != http.MethodPost {
		writeAPI(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	c := call{Method: rest, At: time.Now()}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		c.Multipart = true
		// With no parameters (getMe) the library sends an empty body, which
		// Telegram takes as no parameters.
		if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, io.EOF) {
			writeAPI(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: " + err.Error()})
			return
		}
	default:
		if err := r.ParseForm(); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			writeAPI(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: " + err.Error()})
			return
		}
	}
	c.Form = r.Form

	if c.Method == "getUpdates" {
		f.getUpdates(w, r, c)
		return
	}

	f.mu.Lock()
	status, body := f.answer(&c)
	f.calls = append(f.calls, c)
	f.broadcast()
	f.mu.Unlock()
	writeAPI(w, status, body)
}

// answer is the fake's reply to one method; f.mu is held. The body is
// Bot API JSON, or an htmlPage.
func (f *fakeAPI) answer(c *call) (int, any) {
	ok := func(result any) (int, any) { return 200, map[string]any{"ok": true, "result": result} }
	switch c.Method {
	case "getMe":
		return ok(map[string]any{"id": botID, "is_bot": true, "first_name": "Hotline", "username": botUsername,
			"can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false})
	case "setMyCommands", "deleteWebhook", "setWebhook", "answerCallbackQuery":
		return ok(true)
	case "sendMessage":
		if f.blockedChats[c.Form.Get("chat_id")] {
			c.Failed = true
			return 403, map[string]any{"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
		}
		var fl *failure
		if len(f.failNext) > 0 {
			fl = &f.failNext[0]
			f.failNext = f.failNext[1:]
		} else if f.faults != nil {
			fl = f.faults(c.Form)
		}
		if fl != nil {
			c.Failed = true
			if fl.HTML {
				return fl.Code, htmlPage(fmt.Sprintf("<html><head><title>%d %s</title></head><body><center><h1>%[1]d %[2]s</h1></center><hr><center>nginx</center></body></html>\n", fl.Code, fl.Description))
			}
			body := map[string]any{"ok": false, "error_code": fl.Code, "description": fl.Description}
			if fl.RetryAfter > 0 {
				body["parameters"] = map[string]any{"retry_after": fl.RetryAfter}
			}
			return fl.Code, body
		}
		chatID, _ := strconv.ParseInt(c.Form.Get("chat_id"), 10, 64)
		return ok(map[string]any{"message_id": len(f.calls) + 1000, "date": 1767225601,
			"chat": map[string]any{"id": chatID, "type": "private"}, "text": "(as sent)"})
	}
	return 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"}
}

// getUpdates follows Telegram: an offset confirms every update before it;
// with none ready it waits up to timeout seconds for one.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, c call) {
	offset, _ := strconv.ParseInt(c.Form.Get("offset"), 10, 64)
	limit, _ := strconv.Atoi(c.Form.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(c.Form.Get("timeout"))
	wait := time.NewTimer(time.Duration(timeout) * time.Second)
	defer wait.Stop()

	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.broadcast()
	for {
		if offset > 0 && !f.keepConfirmed {
			kept := f.updates[:0]
			for _, u := range f.updates {
				if u.id >= offset {
					kept = append(kept, u)
				}
			}
			f.updates = kept
		}
		var out []json.RawMessage
		for _, u := range f.updates {
			if u.id >= offset && len(out) < limit {
				out = append(out, u.raw)
			}
		}
		ch := f.changed
		f.mu.Unlock()
		if len(out) > 0 {
			writeAPI(w, 200, map[string]any{"ok": true, "result": out})
			return
		}
		select {
		case <-ch:
		case <-wait.C:
			writeAPI(w, 200, map[string]any{"ok": true, "result": []any{}})
			return
		case <-r.Context().Done():
			return
		}
		f.mu.Lock()
	}
}

func writeAPI(w http.ResponseWriter, status int, body any) {
	if page, ok := body.(htmlPage); ok {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		io.WriteString(w, string(page))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
