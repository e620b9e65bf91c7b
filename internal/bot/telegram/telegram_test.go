package telegram_test

import (
	"github.com/hotline-org/hotline/internal/logtest"

	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/bot/telegram"
	"github.com/hotline-org/hotline/resources"
)

var loaded = sync.OnceValues(func() (*app.App, error) { return app.Load(resources.FS(), app.Options{}) })

// newEngine is the real engine over the embedded catalog, logging to logs.
func newEngine(t *testing.T, logs io.Writer) *bot.Engine {
	t.Helper()
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.NewEngine(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// running is an adapter under test, talking to a fake Bot API server.
type running struct {
	api     *fakeAPI
	adapter *telegram.Adapter
	logs    *logtest.Buffer
	stop    func() error // cancels Run and returns what it returned
}

// start runs an adapter against api. cfg's zero fields get the fake
// server, a real engine and short test timings; prepare may change the
// adapter before it runs.
func start(t *testing.T, api *fakeAPI, cfg telegram.Config, prepare ...func(*telegram.Adapter)) *running {
	t.Helper()
	logs := &logtest.Buffer{}
	if cfg.Engine == nil {
		cfg.Engine = newEngine(t, logs)
	}
	if _, ok := cfg.Engine.(bot.Wording); !ok && cfg.Words == nil {
		cfg.Words = newEngine(t, logs) // a canned engine has no words of its own
	}
	cfg.Token = testToken
	cfg.APIURL = api.srv.URL
	cfg.HTTPClient = api.srv.Client()
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if cfg.PollTimeout == 0 {
		cfg.PollTimeout = 2 * time.Second
	}
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 2 * time.Second
	}
	if cfg.ChatRate == 0 {
		cfg.ChatRate = 100 // the pacing has its own test
	}
	a, err := telegram.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range prepare {
		p(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(patience):
				t.Fatal("Run did not return after its context was cancelled")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("adapter logs:\n%s", logs.String())
		}
	})
	return &running{api: api, adapter: a, logs: logs, stop: stop}
}

// replyText is the text of the messages sent, joined.
func replyText(cs []call) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Form.Get("text"))
	}
	return strings.Join(parts, "\n\n")
}

func TestTextGetsTheRightHotline(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	const chat = 41001
	api.push("private_text", fields{ChatID: chat, Text: "someone is selling me for sex"})
	sent := api.awaitSent(chat, 1)
	msg := sent[0]
	text := replyText(sent)
	if !strings.Contains(text, "<b>1. National Human Trafficking Hotline</b>") || !strings.Contains(text, "Call: 1-888-373-7888") {
		t.Errorf("reply lacks the National Human Trafficking Hotline and its number:\n%s", text)
	}
	if got := msg.Form.Get("parse_mode"); got != "HTML" {
		t.Errorf("parse_mode %q, want HTML", got)
	}
	var preview struct {
		IsDisabled bool `json:"is_disabled"`
	}
	if err := json.Unmarshal([]byte(msg.Form.Get("link_preview_options")), &preview); err != nil || !preview.IsDisabled {
		t.Errorf("link previews not disabled: %q", msg.Form.Get("link_preview_options"))
	}
	if !msg.Multipart {
		t.Error("sendMessage was not a multipart form, as the library sends it")
	}
	checkHTML(t, text)

	// At start: who am I, the command menu in English and Spanish, and no
	// webhook left in the way of long polling, all before the first poll.
	calls := api.allCalls()
	first := slices.IndexFunc(calls, func(c call) bool { return c.Method == "getUpdates" })
	before := methods(calls[:first])
	for _, m := range []string{"getMe", "setMyCommands", "deleteWebhook"} {
		if !slices.Contains(before, m) {
			t.Errorf("%s not called before the first getUpdates: %v", m, before)
		}
	}
	var langs []string
	for _, c := range callsOf(calls, "setMyCommands") {
		langs = append(langs, c.Form.Get("language_code"))
		var cmds []struct{ Command, Description string }
		if err := json.Unmarshal([]byte(c.Form.Get("commands")), &cmds); err != nil {
			t.Fatalf("commands: %v", err)
		}
		var names []string
		for _, cmd := range cmds {
			names = append(names, cmd.Command)
			// The descriptions come from the message files, in the menu's
			// language, within Telegram's 256 characters.
			if d := cmd.Description; d == "" || strings.HasPrefix(d, "[") || len([]rune(d)) > 256 {
				t.Errorf("setMyCommands(%q): /%s has description %q", c.Form.Get("language_code"), cmd.Command, d)
			}
			if cmd.Command == "signs" {
				want := map[string]string{"": "Warning signs", "es": "Señales"}[c.Form.Get("language_code")]
				if !strings.Contains(cmd.Description, want) {
					t.Errorf("setMyCommands(%q): /signs is %q, want %q in it", c.Form.Get("language_code"), cmd.Description, want)
				}
			}
		}
		for _, want := range []string{"start", "help", "signs", "hotlines", "near", "language", "forget", "privacy"} {
			if !slices.Contains(names, want) {
				t.Errorf("setMyCommands(%q) lacks /%s: %v", c.Form.Get("language_code"), want, names)
			}
		}
	}
	if !slices.Contains(langs, "") || !slices.Contains(langs, "es") {
		t.Errorf("command menu languages %q, want default and es", langs)
	}
}

func TestSharedLocationBringsNearestServices(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	const chat = 41002
	// Midtown Manhattan.
	api.push("private_location", fields{ChatID: chat, Lat: 40.7549, Lon: -73.9840})
	text := replyText(api.awaitSent(chat, 1))
	if !strings.Contains(text, " km)") {
		t.Errorf("no distances in the reply to a shared location:\n%s", text)
	}
	checkHTML(t, text)
}

func TestNearOffersLocationButton(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	const chat = 41003
	api.push("private_text", fields{ChatID: chat, Text: "/near"})
	msg := api.awaitSent(chat, 1)[0]
	var kb struct {
		Keyboard [][]struct {
			Text            string `json:"text"`
			RequestLocation bool   `json:"request_location"`
		} `json:"keyboard"`
		OneTime     bool   `json:"one_time_keyboard"`
		Placeholder string `json:"input_field_placeholder"`
	}
	if err := json.Unmarshal([]byte(msg.Form.Get("reply_markup")), &kb); err != nil {
		t.Fatalf("reply_markup %q: %v", msg.Form.Get("reply_markup"), err)
	}
	if len(kb.Keyboard) != 1 || len(kb.Keyboard[0]) != 1 || !kb.Keyboard[0][0].RequestLocation || !kb.OneTime {
		t.Errorf("want one optional location button, got %s", msg.Form.Get("reply_markup"))
	}
	if !strings.Contains(kb.Placeholder, "city") {
		t.Errorf("placeholder %q does not say a typed place works too", kb.Placeholder)
	}
	if !strings.Contains(msg.Form.Get("text"), "city") {
		t.Errorf("reply does not ask for a place: %q", msg.Form.Get("text"))
	}
}

func TestCallbackIsAnsweredThenHandled(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	const chat = 41004
	api.push("callback", fields{ChatID: chat, CallbackID: "cbq-77", Data: "signs"})
	sent := api.awaitSent(chat, 1)
	calls := api.allCalls()
	answered := slices.IndexFunc(calls, func(c call) bool {
		return c.Method == "answerCallbackQuery" && c.Form.Get("callback_query_id") == "cbq-77"
	})
	replied := slices.IndexFunc(calls, func(c call) bool { return c.Method == "sendMessage" })
	if answered < 0 || answered > replied {
		t.Fatalf("callback not answered before the reply: %v", methods(calls))
	}
	// The signs menu: one button per group of warning signs.
	var kb struct {
		InlineKeyboard [][]map[string]any `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(sent[0].Form.Get("reply_markup")), &kb); err != nil {
		t.Fatal(err)
	}
	var data []string
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			data = append(data, b["callback_data"].(string))
			if _, ok := b["copy_text"]; ok {
				t.Errorf("button carries copy_text: %v", b)
			}
		}
	}
	if len(data) == 0 || !strings.HasPrefix(data[0], bot.ActionGroup) {
		t.Errorf("callback data %v, want warning-sign groups", data)
	}
}

func TestTooManyRequestsWaitsAndResendsOnce(t *testing.T) {
	api := newFakeAPI(t)
	api.failSends(failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
	start(t, api, telegram.Config{})
	const chat = 41005
	begun := time.Now()
	api.push("private_text", fields{ChatID: chat, Text: "/hotlines"})
	api.awaitSent(chat, 1)
	if waited := time.Since(begun); waited < 900*time.Millisecond {
		t.Errorf("resent after %v; Telegram asked for 1s", waited)
	}
	calls := api.allCalls()
	if n := len(callsOf(calls, "sendMessage")); n != 2 {
		t.Errorf("%d sendMessage calls, want the refused one and one resend", n)
	}
	if n := len(sentTo(calls, chat)); n != 1 {
		t.Errorf("%d messages delivered, want exactly 1", n)
	}
}

// forgetter records which chats the adapter asked to forget.
type forgetter struct {
	mu   sync.Mutex
	keys []string
	done chan struct{}
}

func (f *forgetter) Forget(_ context.Context, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keys = append(f.keys, key)
	f.done <- struct{}{}
	return nil
}

func TestBlockedChatIsForgottenNotRetried(t *testing.T) {
	api := newFakeAPI(t)
	fg := &forgetter{done: make(chan struct{}, 4)}
	r := start(t, api, telegram.Config{Forgetter: fg})
	const chat, other = 41006, 41007
	api.block(chat)
	api.push("private_text", fields{ChatID: chat, Text: "/start"})
	api.push("blocked", fields{ChatID: other})
	for range 2 {
		select {
		case <-fg.done:
		case <-time.After(patience):
			t.Fatal("chat not forgotten")
		}
	}
	r.stop()
	fg.mu.Lock()
	defer fg.mu.Unlock()
	slices.Sort(fg.keys)
	if want := []string{"telegram:41006", "telegram:41007"}; !slices.Equal(fg.keys, want) {
		t.Errorf("forgot %v, want %v", fg.keys, want)
	}
	attempts := 0
	for _, c := range callsOf(api.allCalls(), "sendMessage") {
		if c.Form.Get("chat_id") == strconv.Itoa(chat) {
			attempts++
		}
	}
	if attempts != 1 {
		t.Errorf("%d sends to a chat that blocked the bot, want 1 and no retry", attempts)
	}
}

func TestWebhook(t *testing.T) {
	api := newFakeAPI(t)
	const secret = "s3cret_-Token"
	r := start(t, api, telegram.Config{WebhookURL: "https://hotline.example.org/telegram/hook-7f3a", WebhookSecret: secret})
	mux := http.NewServeMux()
	r.adapter.Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	set := api.await("setWebhook", func(cs []call) bool { return len(callsOf(cs, "setWebhook")) > 0 })
	wh := callsOf(set, "setWebhook")[0]
	if wh.Form.Get("url") != "https://hotline.example.org/telegram/hook-7f3a" || wh.Form.Get("secret_token") != secret {
		t.Errorf("setWebhook with url %q secret %q", wh.Form.Get("url"), wh.Form.Get("secret_token"))
	}

	const chat = 41008
	post := func(path, secretHeader string, body []byte) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if secretHeader != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secretHeader)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	upd := api.update("private_text", fields{ID: 500, MessageID: 9, ChatID: chat, Text: "what is the trafficking hotline number"})
	tests := []struct {
		name, path, secret string
		body               []byte
		want               int
	}{
		{"missing secret", "/telegram/hook-7f3a", "", upd, 401},
		{"wrong secret", "/telegram/hook-7f3a", "guess", upd, 401},
		{"secret with a prefix of the right one", "/telegram/hook-7f3a", secret[:4], upd, 401},
		{"not an update", "/telegram/hook-7f3a", secret, []byte("{not json"), 400},
		{"another path", "/telegram/other", secret, upd, 404},
		{"right secret", "/telegram/hook-7f3a", secret, upd, 200},
		{"the same update again", "/telegram/hook-7f3a", secret, upd, 200},
	}
	for _, tt := range tests {
		if got := post(tt.path, tt.secret, tt.body); got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.want)
		}
	}
	sent := api.awaitSent(chat, 1)
	if !strings.Contains(replyText(sent), "888-373-7888") {
		t.Errorf("webhook reply lacks the hotline:\n%s", replyText(sent))
	}
	r.stop()
	calls := api.allCalls()
	if n := len(sentTo(calls, chat)); n != 1 {
		t.Errorf("%d replies, want 1 (wrong secrets refused, the redelivery dropped)", n)
	}
	if n := len(callsOf(calls, "getUpdates")); n != 0 {
		t.Errorf("webhook mode polled getUpdates %d times", n)
	}
	if got := post("/telegram/hook-7f3a", secret, upd); got != http.StatusServiceUnavailable {
		t.Errorf("after shutdown: status %d, want 503 so that Telegram delivers again", got)
	}
}

func TestGroupsAnswerOnlyWhatIsAddressedToTheBot(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	const group, mentions = -100410009, -100410010
	for _, text := range []string{"/signs@OtherBot", "hello everyone", "/signs", "/hotlines@otherbot Dallas"} {
		api.push("group_text", fields{ChatID: group, UserID: 7001, Text: text})
	}
	last := api.push("group_text", fields{ChatID: group, UserID: 7001, Text: "/signs@ThisBot"})
	// One chat's updates are handled in order: once the last is answered,
	// the ones before it have had their chance.
	sent := api.awaitSent(group, 1)
	if len(sent) != 1 {
		t.Fatalf("%d replies in the group, want only the one to /signs@ThisBot:\n%s", len(sent), replyText(sent))
	}
	if !strings.Contains(sent[0].Form.Get("text"), "warning signs") {
		t.Errorf("reply to /signs@ThisBot:\n%s", sent[0].Form.Get("text"))
	}
	var rp struct {
		MessageID int64 `json:"message_id"`
	}
	json.Unmarshal([]byte(sent[0].Form.Get("reply_parameters")), &rp)
	if rp.MessageID != 100+last {
		t.Errorf("group reply does not quote the message answered: %q", sent[0].Form.Get("reply_parameters"))
	}

	api.push("group_text", fields{ChatID: mentions, UserID: 7002, Text: "@thisbot what is the hotline number"})
	if text := replyText(api.awaitSent(mentions, 1)); !strings.Contains(text, "888-373-7888") {
		t.Errorf("reply to a mention:\n%s", text)
	}
}

// panicky is an Answerer that panics on one magic text.
type panicky struct{ bot.Answerer }

const magicPanic = "trigger-a-panic-zx81"

func (p panicky) Handle(ctx context.Context, m bot.Message) bot.Reply {
	if m.Text == magicPanic {
		panic("boom on " + m.Text)
	}
	return p.Answerer.Handle(ctx, m)
}

func TestPanicInOneUpdateDoesNotStopTheNext(t *testing.T) {
	api := newFakeAPI(t)
	logs := &logtest.Buffer{}
	r := start(t, api, telegram.Config{Engine: panicky{newEngine(t, logs)}})
	const chat = 41011
	api.push("private_text", fields{ChatID: chat, Text: magicPanic})
	api.push("private_text", fields{ChatID: chat, Text: "/hotlines"})
	sent := api.awaitSent(chat, 1)
	if !strings.Contains(replyText(sent), "888-373-7888") {
		t.Errorf("reply after the panic:\n%s", replyText(sent))
	}
	out := r.logs.String()
	if !strings.Contains(out, "panic while handling a Telegram update") {
		t.Errorf("panic not logged:\n%s", out)
	}
	if strings.Contains(out, magicPanic) {
		t.Errorf("the panicking message's text reached the logs:\n%s", out)
	}
}

func TestOffsetSurvivesRestart(t *testing.T) {
	api := newFakeAPI(t)
	api.keepConfirmed = true // only the offset file can stop a repeat
	file := filepath.Join(t.TempDir(), "telegram.offset")
	const chat = 41012

	first := start(t, api, telegram.Config{OffsetFile: file})
	id := api.push("private_text", fields{ChatID: chat, Text: "/hotlines"})
	api.awaitSent(chat, 1)
	if err := first.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(data)), strconv.FormatInt(id+1, 10); got != want {
		t.Fatalf("offset file holds %q, want %q", got, want)
	}

	polls := len(callsOf(api.allCalls(), "getUpdates"))
	start(t, api, telegram.Config{OffsetFile: file})
	api.push("private_text", fields{ChatID: chat, Text: "/privacy"})
	api.awaitSent(chat, 2)
	calls := api.allCalls()
	if got := callsOf(calls, "getUpdates")[polls].Form.Get("offset"); got != strconv.FormatInt(id+1, 10) {
		t.Errorf("after the restart the first poll asked from offset %s, want %d", got, id+1)
	}
	sent := sentTo(calls, chat)
	if len(sent) != 2 || !strings.Contains(sent[1].Form.Get("text"), "kept") && !strings.Contains(sent[1].Form.Get("text"), "keep") {
		t.Errorf("want the first reply once, then the privacy reply; got %d:\n%s", len(sent), replyText(sent))
	}
}

// gate is an Answerer that holds each message until released.
type gate struct {
	bot.Answerer
	entered chan struct{}
	release chan struct{}
}

func (g gate) Handle(ctx context.Context, m bot.Message) bot.Reply {
	g.entered <- struct{}{}
	<-g.release
	return g.Answerer.Handle(ctx, m)
}

func TestShutdownFinishesRepliesInFlight(t *testing.T) {
	api := newFakeAPI(t)
	g := gate{Answerer: newEngine(t, io.Discard), entered: make(chan struct{}, 1), release: make(chan struct{})}
	file := filepath.Join(t.TempDir(), "offset")
	r := start(t, api, telegram.Config{Engine: g, OffsetFile: file})
	const chat = 41013
	id := api.push("private_text", fields{ChatID: chat, Text: "/hotlines"})
	<-g.entered
	stopped := make(chan error, 1)
	go func() { stopped <- r.stop() }()
	close(g.release)
	if err := <-stopped; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := len(sentTo(api.allCalls(), chat)); n != 1 {
		t.Errorf("%d replies after shutdown began, want the one in flight", n)
	}
	data, _ := os.ReadFile(file)
	if got := strings.TrimSpace(string(data)); got != strconv.FormatInt(id+1, 10) {
		t.Errorf("offset %q after shutdown, want %d", got, id+1)
	}
}

// canned is an Answerer that always gives the same reply.
type canned bot.Reply

func (c canned) Handle(context.Context, bot.Message) bot.Reply { return bot.Reply(c) }

func TestLongReplyIsSplitUnderTheLimit(t *testing.T) {
	api := newFakeAPI(t)
	var blocks []string
	for i := range 30 {
		blocks = append(blocks, "Paragraph "+strconv.Itoa(i)+": "+strings.Repeat("plain words & <more> ", 12))
	}
	reply := bot.Reply{Language: "en", Blocks: blocks, Actions: []bot.Action{{ID: "more", Label: "More"}}}
	start(t, api, telegram.Config{Engine: canned(reply)})
	const chat = 41014
	api.push("private_text", fields{ChatID: chat, Text: "tell me everything"})
	// Wait for the message that carries the buttons: the last one.
	var sent []call
	api.await("the last part", func(cs []call) bool {
		sent = sentTo(cs, chat)
		return len(sent) > 0 && sent[len(sent)-1].Form.Get("reply_markup") != ""
	})
	if len(sent) < 2 {
		t.Fatalf("%d message(s), want the reply split", len(sent))
	}
	for i, c := range sent {
		text := c.Form.Get("text")
		if n := len(utf16.Encode([]rune(text))); n >= 4096 {
			t.Errorf("part %d has %d characters", i, n)
		}
		if i < len(sent)-1 && c.Form.Get("reply_markup") != "" {
			t.Errorf("part %d carries buttons; only the last should", i)
		}
		checkHTML(t, text)
	}
	all := replyText(sent)
	for i := range blocks {
		// Every paragraph whole, in order, none cut between messages.
		if !strings.Contains(all, "Paragraph "+strconv.Itoa(i)+": plain words &amp; &lt;more&gt;") {
			t.Errorf("paragraph %d missing or cut", i)
		}
	}
}

func TestRepliesAreEscaped(t *testing.T) {
	api := newFakeAPI(t)
	km := 2.345
	reply := bot.Reply{
		Language: "en",
		Lead:     []string{"Call 911 if <you> are in danger & alone"},
		Blocks:   []string{`He said "send pics" <now>`},
		Resources: []bot.Card{{
			Name: "Help & <Hope> Center", Summary: "Shelter for 12<18 year-olds", URL: "https://example.org/help?a=1&b=<2>",
			DistanceKM: &km,
			Contacts: []bot.ContactLine{
				{Type: "phone", Label: "Call", Display: "(888) 373-7888", Value: "+18883737888", Href: "tel:+18883737888", Hours: "24/7"},
				{Type: "chat", Label: "Chat", Display: "chat & talk", Value: "https://example.org/chat?x=<y>", Href: "https://example.org/chat?x=<y>"},
			},
		}},
		Footer: []string{"Talk to someone: <b>not bold</b>"},
	}
	start(t, api, telegram.Config{Engine: canned(reply)})
	const chat = 41015
	api.push("private_text", fields{ChatID: chat, Text: "hi"})
	text := api.awaitSent(chat, 1)[0].Form.Get("text")
	for _, want := range []string{
		"<b>Call 911 if &lt;you&gt; are in danger &amp; alone</b>",
		"He said &#34;send pics&#34; &lt;now&gt;",
		"<b>1. Help &amp; &lt;Hope&gt; Center</b> (2.3 km)",
		"Shelter for 12&lt;18 year-olds",
		"Call: (888) 373-7888 (24/7)",
		`Chat: <a href="https://example.org/chat?x=&lt;y&gt;">chat &amp; talk</a>`,
		`<a href="https://example.org/help?a=1&amp;b=&lt;2&gt;">https://example.org/help?a=1&amp;b=&lt;2&gt;</a>`,
		"Talk to someone: &lt;b&gt;not bold&lt;/b&gt;",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "tel:") {
		t.Errorf("reply has a tel: link, which Telegram refuses:\n%s", text)
	}
	if !strings.HasPrefix(text, "<b>Call 911") {
		t.Errorf("urgent lines do not come first:\n%s", text)
	}
	checkHTML(t, text)
}

func TestNoMessageTextInLogs(t *testing.T) {
	api := newFakeAPI(t)
	logs := &logtest.Buffer{}
	fg := &forgetter{done: make(chan struct{}, 4)}
	r := start(t, api, telegram.Config{Engine: panicky{newEngine(t, logs)}, Forgetter: fg})
	const chat, blocked = 41016, 41017
	secrets := []string{"zebra-unicorn-secret he took my passport", "/near Quuxville-secret", "quasar-secret-word"}
	api.failSends(failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
	api.block(blocked)
	for _, s := range secrets {
		api.push("private_text", fields{ChatID: chat, Text: s})
	}
	api.push("private_text", fields{ChatID: chat, Text: magicPanic})
	api.push("private_text", fields{ChatID: blocked, Text: secrets[2]})
	api.push("private_text", fields{ChatID: chat, Text: "/privacy"})
	api.awaitSent(chat, 4)
	<-fg.done
	r.stop()
	out := r.logs.String() + logs.String()
	if !strings.Contains(out, "too many requests") || !strings.Contains(out, "panic") {
		t.Fatalf("the logs miss the events this test provokes:\n%s", out)
	}
	for _, s := range append(secrets, magicPanic, "Quuxville", "zebra", "quasar", strconv.Itoa(chat), strconv.Itoa(blocked), testToken) {
		if strings.Contains(out, s) {
			t.Errorf("logs contain %q:\n%s", s, out)
		}
	}
}

// checkHTML fails unless s is HTML Telegram accepts from this adapter: only
// <b> and <a href>, balanced, and every & starting an entity.
func checkHTML(t *testing.T, s string) {
	t.Helper()
	var open []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				t.Errorf("unclosed tag at %d in %q", i, s)
				return
			}
			tag := s[i+1 : i+end]
			switch {
			case tag == "b":
				open = append(open, "b")
			case strings.HasPrefix(tag, `a href="https://`) && strings.HasSuffix(tag, `"`) && !strings.ContainsAny(tag[8:len(tag)-1], `"<>`):
				open = append(open, "a")
			case tag == "/b" || tag == "/a":
				if len(open) == 0 || open[len(open)-1] != tag[1:] {
					t.Errorf("unbalanced </%s> at %d in %q", tag[1:], i, s)
					return
				}
				open = open[:len(open)-1]
			default:
				t.Errorf("unexpected tag <%s> in %q", tag, s)
				return
			}
			i += end
		case '>':
			t.Errorf("bare > at %d in %q", i, s)
			return
		case '&':
			semi := strings.IndexByte(s[i:], ';')
			if semi < 0 || semi > 6 {
				t.Errorf("bare & at %d in %q", i, s)
				return
			}
		}
	}
	if len(open) > 0 {
		t.Errorf("unclosed <%s> in %q", open[len(open)-1], s)
	}
}

func TestPacingPerChat(t *testing.T) {
	api := newFakeAPI(t)
	var blocks []string
	for range 3 {
		blocks = append(blocks, strings.Repeat("y", 3000)) // one message each
	}
	start(t, api, telegram.Config{Engine: canned(bot.Reply{Blocks: blocks}), ChatRate: 10, ChatBurst: 1})
	const chat = 41018
	api.push("private_text", fields{ChatID: chat, Text: "hi"})
	sent := api.awaitSent(chat, 3)
	// At 10 a second with no burst, three messages are sent at least 200ms
	// apart, first to last. The fake server times them on arrival, and the
	// first request may arrive late (a new connection on a busy machine:
	// 175ms was seen in CI), so the check asks for well over what unpaced
	// sends take (a few ms), not for the full 200ms.
	if span := sent[2].At.Sub(sent[0].At); span < 120*time.Millisecond {
		t.Errorf("3 messages to one chat within %v; want them paced", span)
	}
}

func TestRefusedHTMLIsSentAsPlainText(t *testing.T) {
	api := newFakeAPI(t)
	api.failSends(failure{Code: 400, Description: "Bad Request: can't parse entities: unsupported start tag"})
	reply := bot.Reply{Blocks: []string{"Call 1-800 & ask for <help>"}}
	start(t, api, telegram.Config{Engine: canned(reply)})
	const chat = 41019
	api.push("private_text", fields{ChatID: chat, Text: "hi"})
	msg := api.awaitSent(chat, 1)[0]
	if msg.Form.Get("parse_mode") != "" || msg.Form.Get("text") != "Call 1-800 & ask for <help>" {
		t.Errorf("fallback sent parse_mode %q text %q", msg.Form.Get("parse_mode"), msg.Form.Get("text"))
	}
}

func TestNewChecksConfig(t *testing.T) {
	e, w := canned(bot.Reply{}), newEngine(t, io.Discard) // w: the bot's words
	tests := []struct {
		name string
		cfg  telegram.Config
		want string // in the error; "" for none
	}{
		{"a canned engine and no words", telegram.Config{Token: testToken, Engine: e}, "Words"},
		{"minimal", telegram.Config{Token: testToken, Engine: e, Words: w}, ""},
		{"no engine", telegram.Config{Token: testToken}, "Engine"},
		{"no token", telegram.Config{Engine: e, Words: w}, "token"},
		{"token with a path in it", telegram.Config{Token: "1:abc/../x", Engine: e, Words: w}, "token"},
		{"bad API URL", telegram.Config{Token: testToken, Engine: e, Words: w, APIURL: "ftp://x"}, "API URL"},
		{"webhook", telegram.Config{Token: testToken, Engine: e, Words: w, WebhookURL: "https://h.example/tg/x", WebhookSecret: "abc_DEF-1"}, ""},
		{"webhook without secret", telegram.Config{Token: testToken, Engine: e, Words: w, WebhookURL: "https://h.example/tg"}, "secret"},
		{"webhook secret with bad characters", telegram.Config{Token: testToken, Engine: e, Words: w, WebhookURL: "https://h.example/tg", WebhookSecret: "a b"}, "secret"},
		{"webhook URL not a URL", telegram.Config{Token: testToken, Engine: e, Words: w, WebhookURL: "hook", WebhookSecret: "s"}, "webhook URL"},
		{"webhook path with a wildcard", telegram.Config{Token: testToken, Engine: e, Words: w, WebhookURL: "https://h.example/{x}", WebhookSecret: "s"}, "path"},
	}
	for _, tt := range tests {
		_, err := telegram.New(tt.cfg)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want one about %s", tt.name, err, tt.want)
		}
	}
}

func TestRegisterWithoutWebhookMountsNothing(t *testing.T) {
	a, err := telegram.New(telegram.Config{Token: testToken, Engine: canned(bot.Reply{}), Words: newEngine(t, io.Discard)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("long polling mounted something: status %d", rec.Code)
	}
}

func TestRefusedTokenStopsRun(t *testing.T) {
	api := newFakeAPI(t)
	a, err := telegram.New(telegram.Config{Token: "42:wrong", Engine: canned(bot.Reply{}), Words: newEngine(t, io.Discard), APIURL: api.srv.URL, HTTPClient: api.srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = a.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "token was refused") {
		t.Errorf("Run = %v, want the refused token", err)
	}
	if strings.Contains(fmt.Sprint(err), "42:wrong") {
		t.Errorf("error shows the token: %v", err)
	}
}

// TestStartSpeaksTheUsersLanguage: /start and /help answer in the
// language Telegram says the person uses, when the catalog has it.
func TestStartSpeaksTheUsersLanguage(t *testing.T) {
	api := newFakeAPI(t)
	start(t, api, telegram.Config{})
	for i, tt := range []struct{ cmd, lang, want string }{
		{"/start", "es", "no una persona"},
		{"/help", "es-MX", "no una persona"},
		{"/start", "en", "not a person"},
		{"/start", "de", "not a person"}, // no German: English
	} {
		chat := int64(41100 + i)
		api.push("private_text", fields{ChatID: chat, Text: tt.cmd, Lang: tt.lang})
		if text := replyText(api.awaitSent(chat, 1)); !strings.Contains(text, tt.want) {
			t.Errorf("%s with language_code %s: reply lacks %q:\n%s", tt.cmd, tt.lang, tt.want, text)
		}
	}
}

// TestEmptyPollsPause: a Bot API server that answers a long poll at once
// with nothing does not make the bot poll again at once (half a core while
// idle): polls that found nothing are a second apart.
func TestEmptyPollsPause(t *testing.T) {
	api := newFakeAPI(t)
	// A poll timeout under a second asks for timeout=0: the fake answers
	// at once, as a misbehaving server would.
	start(t, api, telegram.Config{PollTimeout: time.Millisecond})
	polls := func(cs []call) []call {
		var out []call
		for _, c := range cs {
			if c.Method == "getUpdates" {
				out = append(out, c)
			}
		}
		return out
	}
	got := polls(api.await("three polls", func(cs []call) bool { return len(polls(cs)) >= 3 }))
	for i := 1; i < len(got); i++ {
		// A second apart, timed on arrival: a late request shortens the
		// next gap, so the check leaves room.
		if gap := got[i].At.Sub(got[i-1].At); gap < 700*time.Millisecond {
			t.Errorf("polls %d and %d came %v apart; want a pause of about a second after an empty answer", i, i+1, gap)
		}
	}
}

// TestOffsetFileMustHoldAnOffset: an offset file that is a device
// (/dev/full reads zeros for ever) or in a missing folder is refused when
// the adapter is made, with the setting's name, instead of a poll that
// never starts while /readyz says ready.
func TestOffsetFileMustHoldAnOffset(t *testing.T) {
	for _, path := range []string{"/dev/full", filepath.Join(t.TempDir(), "no-such-folder", "offset")} {
		_, err := telegram.New(telegram.Config{Token: testToken, Engine: newEngine(t, nil), OffsetFile: path})
		if err == nil || !strings.Contains(err.Error(), "TELEGRAM_OFFSET_FILE") {
			t.Errorf("offset file %s: error %v, want one naming TELEGRAM_OFFSET_FILE", path, err)
		}
	}
	if _, err := telegram.New(telegram.Config{Token: testToken, Engine: newEngine(t, nil), OffsetFile: filepath.Join(t.TempDir(), "offset")}); err != nil {
		t.Errorf("a new offset file in a folder that exists: %v", err)
	}
}

// memoryUpdates is an UpdateLog two adapters share, as replicas share Redis.
type memoryUpdates struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (m *memoryUpdates) FirstSeen(_ context.Context, id string, _ time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen[id] {
		return false, nil
	}
	m.seen[id] = true
	return true, nil
}

func (m *memoryUpdates) Unsee(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.seen, id)
	return nil
}

// TestWebhookRedeliveryToAnotherReplica: Telegram sends an update again,
// to whichever replica the balancer picks; with a shared update log it is
// answered once.
func TestWebhookRedeliveryToAnotherReplica(t *testing.T) {
	api := newFakeAPI(t)
	const secret = "s3cret_-Token"
	shared := &memoryUpdates{seen: map[string]bool{}}
	var servers []*httptest.Server
	var runners []*running
	for range 2 {
		r := start(t, api, telegram.Config{WebhookURL: "https://hotline.example.org/telegram/hook", WebhookSecret: secret, Updates: shared})
		mux := http.NewServeMux()
		r.adapter.Register(mux)
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		servers, runners = append(servers, srv), append(runners, r)
	}
	api.await("both webhooks set", func(cs []call) bool { return len(callsOf(cs, "setWebhook")) >= 2 })
	const chat = 41200
	upd := api.update("private_text", fields{ID: 700, MessageID: 9, ChatID: chat, Text: "what is the trafficking hotline number"})
	for i, srv := range append(servers, servers[0]) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/telegram/hook", bytes.NewReader(upd))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("delivery %d: status %d", i+1, res.StatusCode)
		}
	}
	api.awaitSent(chat, 1)
	for _, r := range runners {
		r.stop() // waits for the replies in flight
	}
	if n := len(sentTo(api.allCalls(), chat)); n != 1 {
		t.Errorf("one update delivered three times to two replicas got %d replies, want 1", n)
	}
}
