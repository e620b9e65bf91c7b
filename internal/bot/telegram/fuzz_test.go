package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/lru"
	"github.com/hotline-org/hotline/resources"
)

// FuzzWebhookUpdate posts random bodies, with the right secret, to the
// webhook, and handles each update to the end (the reply included) before
// the next. Whatever the body: no panic, in the handler or in the worker;
// never a 5xx; 400 unless it is one Telegram update, 413 past the size
// limit, 200 otherwise; and every message sent is one Telegram takes
// (valid UTF-8, within its length).
//
//	go test ./internal/bot/telegram -run '^$' -fuzz '^FuzzWebhookUpdate$' -fuzztime 10s
func FuzzWebhookUpdate(f *testing.F) {
	for _, seed := range webhookSeeds(f) {
		f.Add(seed)
	}
	w := newWebhookTarget(f)
	// The target is wired up: a private message gets its reply.
	w.post([]byte(`{"update_id":1,"message":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"},"text":"hi"}}`))
	w.mu.Lock()
	sent := w.sent
	w.mu.Unlock()
	if sent != 1 || w.problems() != "" {
		f.Fatalf("a private message got %d replies, want 1", sent)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		status := w.post(body)
		if msg := w.problems(); msg != "" {
			t.Fatalf("body %q: %s", body, msg)
		}
		want := http.StatusOK
		var u models.Update
		switch {
		case len(body) > maxUpdateBytes:
			want = http.StatusRequestEntityTooLarge
		case json.Unmarshal(body, &u) != nil || u.ID <= 0:
			want = http.StatusBadRequest
		}
		if status != want {
			t.Fatalf("body %q: status %d, want %d", body, status, want)
		}
	})
}

// webhookSeeds are the testdata updates, filled in several ways, and some
// bodies that are not updates.
func webhookSeeds(tb testing.TB) [][]byte {
	tmpl, err := template.New("").Funcs(template.FuncMap{"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	}}).ParseGlob(filepath.Join("testdata", "*.json.tmpl"))
	if err != nil {
		tb.Fatal(err)
	}
	type fields struct {
		ID, MessageID, UserID, ChatID int64
		Lang, Text, Data, CallbackID  string
		Lat, Lon                      float64
	}
	variants := []fields{
		{ID: 1, MessageID: 10, UserID: 5, ChatID: 5, Lang: "en", Text: "he took my passport", Data: "more", CallbackID: "cb1", Lat: 40.75, Lon: -73.98},
		{ID: 2, MessageID: 11, UserID: 6, ChatID: -1006, Lang: "es", Text: "/near@ThisBot Dallas", Data: "group:control", CallbackID: "cb2", Lat: -91, Lon: 181},
		{ID: 3, MessageID: 12, UserID: 7, ChatID: 7, Text: "@ThisBot ¿qué es esto? <b>&amp;", Data: strings.Repeat("x", 70)},
	}
	var seeds [][]byte
	for _, t := range tmpl.Templates() {
		if t.Name() == "" {
			continue
		}
		for _, v := range variants {
			var b bytes.Buffer
			if err := t.Execute(&b, v); err != nil {
				tb.Fatal(err)
			}
			seeds = append(seeds, b.Bytes())
		}
	}
	for _, s := range []string{
		``, `{`, `null`, `[]`, `"update"`, `{}`, `{"update_id":0}`, `{"update_id":-5}`,
		`{"update_id":1} trailing`, `{"update_id":1}{"update_id":2}`, `{"update_id":1e400}`,
		`{"update_id":9,"message":null}`,
		`{"update_id":9,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"/"}}`,
		`{"update_id":9,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"text":"\ud800 \u0000"}}`,
		`{"update_id":9,"callback_query":{"id":"q","from":{"id":1},"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"}},"data":"pick:1"}}`,
		`{"update_id":9,"callback_query":{"id":"q","from":{"id":1},"data":"more"}}`,
		`{"update_id":9,"my_chat_member":{"chat":{"id":1,"type":"private"},"from":{"id":1},"date":0,"old_chat_member":{"status":"member","user":{"id":2}},"new_chat_member":{"status":"kicked","user":{"id":2}}}}`,
		`{"update_id":9,"my_chat_member":{"chat":{"id":1,"type":"private"},"new_chat_member":{"status":"nonsense"}}}`,
		`{"update_id":9,"message":{"message_id":1,"date":0,"chat":{"id":-1,"type":"supergroup"},"from":{"id":3},"text":"hi","reply_to_message":{"message_id":2,"date":0,"chat":{"id":-1,"type":"supergroup"},"from":{"id":999000111,"is_bot":true}}}}`,
		`{"update_id":9,"message":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"},"venue":{"location":{"latitude":1,"longitude":2},"title":"x","address":"y"}}}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// webhookTarget is an adapter serving its webhook, as Run sets it up, with
// a stand-in Bot API that takes every call and checks each message sent.
type webhookTarget struct {
	a   *Adapter
	mux *http.ServeMux

	mu       sync.Mutex
	panicked bool
	bad      []string // messages Telegram would refuse
	sent     int      // messages sent, in all
}

const fuzzSecret = "fuzz-secret"

func newWebhookTarget(tb testing.TB) *webhookTarget {
	w := &webhookTarget{mux: http.NewServeMux()}
	api := httptest.NewServer(http.HandlerFunc(w.botAPI))
	tb.Cleanup(api.Close)
	a, err := New(Config{
		Token: "123:fuzz", APIURL: api.URL, HTTPClient: api.Client(),
		WebhookURL: "https://hotline.example.org/tg/hook", WebhookSecret: fuzzSecret,
		Engine: echoEngine{}, Logger: slog.New(panicWatch{w}), Words: builtinWords(tb),
		// Every update is answered at once: pacing has its own tests.
		ChatRate: 1e9, ChatBurst: 1e6, OverallRate: 1e9,
	})
	if err != nil {
		tb.Fatal(err)
	}
	a.me.Store(&identity{id: 999000111, username: "ThisBot"})
	a.Register(w.mux)
	w.a = a
	return w
}

// post serves one request and waits until the update it carried, if any,
// is handled to the end. Each gets a fresh dispatcher, and a fresh memory
// of update ids and pace, so that no input changes how the next is taken.
func (w *webhookTarget) post(body []byte) int {
	a := w.a
	a.seen = lru.New[struct{}](16, time.Hour, nil)
	a.pace = newPacer(a.cfg.ChatRate, a.cfg.ChatBurst, a.cfg.OverallRate)
	d := newDispatcher(2, a.process(context.Background()))
	a.active.Store(d)
	req := httptest.NewRequest(http.MethodPost, "/tg/hook", bytes.NewReader(body))
	req.Header.Set(secretHeader, fuzzSecret)
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, req)
	a.active.Store(nil)
	d.close()
	return rec.Code
}

// problems reports, and forgets, what went wrong since it was last asked.
func (w *webhookTarget) problems() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	if w.panicked {
		out = append(out, "handling the update panicked")
	}
	out = append(out, w.bad...)
	w.panicked, w.bad = false, nil
	return strings.Join(out, "; ")
}

// botAPI takes every call. sendMessage must carry text Telegram accepts.
func (w *webhookTarget) botAPI(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", "application/json")
	if !strings.HasSuffix(r.URL.Path, "/sendMessage") {
		fmt.Fprint(rw, `{"ok":true,"result":true}`)
		return
	}
	text := r.FormValue("text")
	w.mu.Lock()
	w.sent++
	w.mu.Unlock()
	if n := len(utf16.Encode([]rune(text))); n == 0 || n > 4096 || !utf8.ValidString(text) {
		w.mu.Lock()
		w.bad = append(w.bad, fmt.Sprintf("sent a message Telegram refuses: %d UTF-16 units, valid UTF-8 %v", n, utf8.ValidString(text)))
		w.mu.Unlock()
	}
	fmt.Fprint(rw, `{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":1,"type":"private"}}}`)
}

// echoEngine answers with what it was sent, so that every input reaches
// the renderer: text as a paragraph, a button's data as a button.
type echoEngine struct{}

func (echoEngine) Handle(_ context.Context, m bot.Message) bot.Reply {
	r := bot.Reply{Language: m.Lang, Blocks: []string{m.Text}}
	if m.Action != "" {
		r.Actions = []bot.Action{{ID: m.Action, Label: m.Action}}
	}
	if m.Location != nil {
		r.Blocks = append(r.Blocks, fmt.Sprint(m.Location.Lat, m.Location.Lon))
	}
	return r
}

// panicWatch is a slog.Handler that drops every record but notes the one
// recoverPanics writes.
type panicWatch struct{ w *webhookTarget }

func (p panicWatch) Enabled(context.Context, slog.Level) bool { return true }
func (p panicWatch) WithAttrs([]slog.Attr) slog.Handler       { return p }
func (p panicWatch) WithGroup(string) slog.Handler            { return p }
func (p panicWatch) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "panic") {
		p.w.mu.Lock()
		p.w.panicked = true
		p.w.mu.Unlock()
	}
	return nil
}

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
