package slack

import (
	"context"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
)

// Slack's worked example from "Verifying requests from Slack"
// (docs.slack.dev/authentication/verifying-requests-from-slack): its
// secret is testSecret, its body is in testdata.
const (
	docTimestamp = "1531420618"
	docSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

func docBody(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/signing-example-body.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSignatureDocumentedExample(t *testing.T) {
	body := docBody(t)
	// The signer the tests use is Slack's: it reproduces the documented
	// signature, so the freshly signed requests below are what Slack sends.
	if got := signature(testSecret, docTimestamp, body); got != docSignature {
		t.Fatalf("test signer gives %s for Slack's example; Slack documents %s", got, docSignature)
	}
	h := newHarness(t, nil)

	// The documented request itself is years old: outside the 5-minute
	// window, it is refused like any replay.
	hd := http.Header{}
	hd.Set("Content-Type", "application/x-www-form-urlencoded")
	hd.Set("X-Slack-Request-Timestamp", docTimestamp)
	hd.Set("X-Slack-Signature", docSignature)
	if res, _ := h.do("/slack/commands", hd, body); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("documented example replayed today: status %d, want 401", res.StatusCode)
	}

	// The same body signed now is accepted: an empty /webhook-collect is
	// answered with help, at once.
	res, reply := h.send("/slack/commands", "application/x-www-form-urlencoded", body)
	if res.StatusCode != http.StatusOK || !strings.Contains(reply, "stale") || !strings.Contains(reply, `"ephemeral"`) {
		t.Errorf("documented body signed now: status %d, body %.300s", res.StatusCode, reply)
	}
	if n := h.engine.calls.Load(); n != 0 {
		t.Errorf("help went to the engine %d times", n)
	}
}

func TestSignatureRefused(t *testing.T) {
	h := newHarness(t, nil)
	form := commandForm("trafficking hotline", h.fake.responseURL("refused"))
	now := time.Now().Unix()
	ts := func(d time.Duration) string { return strconv.FormatInt(now+int64(d.Seconds()), 10) }
	tests := []struct {
		name, path, timestamp, sig, body string
	}{
		{"unsigned", "/slack/commands", "", "", form},
		{"no timestamp", "/slack/commands", "", signature(testSecret, ts(0), form), form},
		{"no signature", "/slack/commands", ts(0), "", form},
		{"wrong secret", "/slack/commands", ts(0), signature("not-the-secret", ts(0), form), form},
		{"body changed after signing", "/slack/commands", ts(0), signature(testSecret, ts(0), form), strings.Replace(form, "trafficking", "anything", 1)},
		{"timestamp changed after signing", "/slack/commands", ts(time.Second), signature(testSecret, ts(0), form), form},
		{"stale, 6 minutes old", "/slack/commands", ts(-6 * time.Minute), signature(testSecret, ts(-6*time.Minute), form), form},
		{"from the future", "/slack/commands", ts(6 * time.Minute), signature(testSecret, ts(6*time.Minute), form), form},
		{"other version", "/slack/commands", ts(0), strings.Replace(signature(testSecret, ts(0), form), "v0=", "v1=", 1), form},
		{"not hex", "/slack/commands", ts(0), "v0=zz", form},
		{"event forged", "/slack/events", ts(0), signature("x", ts(0), `{"type":"url_verification","challenge":"c"}`), `{"type":"url_verification","challenge":"c"}`},
		{"interaction unsigned", "/slack/interactions", "", "", "payload=%7B%7D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hd := http.Header{}
			hd.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.timestamp != "" {
				hd.Set("X-Slack-Request-Timestamp", tt.timestamp)
			}
			if tt.sig != "" {
				hd.Set("X-Slack-Signature", tt.sig)
			}
			res, body := h.do(tt.path, hd, tt.body)
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("status %d (%q), want 401", res.StatusCode, body)
			}
		})
	}
	h.idle()
	if n := h.engine.calls.Load(); n != 0 {
		t.Errorf("refused requests reached the engine %d times", n)
	}
	h.fake.none()
	if res, _ := h.send("/slack/events", "application/json", `{"type":"url_verification","challenge":"c"}`); res.StatusCode != http.StatusOK {
		t.Errorf("after refusals, a signed request: %d", res.StatusCode)
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t, nil)
	res, body := h.send("/slack/events", "application/json", `{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	if res.StatusCode != 200 || !strings.Contains(body, `"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"`) {
		t.Errorf("status %d body %q", res.StatusCode, body)
	}
}

func TestSlashCommand(t *testing.T) {
	h := newHarness(t, nil)
	res, body := h.command("trafficking hotline", "cmd1")
	if res.StatusCode != 200 || body != "" {
		t.Fatalf("acknowledgement: status %d body %q; want 200 and nothing", res.StatusCode, body)
	}
	p := h.fake.next()
	if p.Method != "response_url" || p.ResponseType != "ephemeral" || p.Replace {
		t.Errorf("answered by %s, response_type %q, replace_original %v; want a new ephemeral message via response_url", p.Method, p.ResponseType, p.Replace)
	}
	content := p.Content()
	for _, want := range []string{"National Human Trafficking Hotline", "`us-national-human-trafficking-hotline`", "888-373-7888", "24/7", "Verified on 20", "Source"} {
		if !strings.Contains(content, want) {
			t.Errorf("answer lacks %q:\n%s", want, content)
		}
	}
	if !strings.Contains(p.Text, "National Human Trafficking Hotline") {
		t.Errorf("fallback text lacks the hotline: %.200q", p.Text)
	}
	buttons := p.Buttons()
	if buttons[shareAction] != "trafficking hotline" {
		t.Errorf("share button carries %q", buttons[shareAction])
	}
	if buttons["more"] != "more" || buttons["near"] != "near" || !strings.Contains(content, "Refine by place") {
		t.Errorf("buttons %v: want more, and near labelled Refine by place", buttons)
	}
	if len(p.Blocks) > maxBlocks {
		t.Errorf("%d blocks", len(p.Blocks))
	}

	// More, pressed on the private answer, comes back privately.
	h.interaction(map[string]any{"response_url": h.fake.responseURL("more1")})
	more := h.fake.next()
	if more.Method != "response_url" || more.ResponseType != "ephemeral" || more.Replace {
		t.Errorf("More: %s %q replace %v", more.Method, more.ResponseType, more.Replace)
	}
	// Other cards may name the hotline (Polaris runs it); its own card, with
	// its id, must not come again.
	if strings.Contains(more.Content(), "`us-national-human-trafficking-hotline`") || !strings.Contains(more.Content(), "Verified on") {
		t.Errorf("More did not show the next results:\n%s", more.Content())
	}

	// Refine by place, on a private answer nobody can reply to, says how
	// to ask with a place rather than asking which one.
	h.interaction(map[string]any{"response_url": h.fake.responseURL("near1"), "actions.action_id": "near", "actions.value": "near"})
	if near := h.fake.next(); !strings.Contains(near.Content(), "/hotline <question> in <city, state or ZIP>") || near.ResponseType != "ephemeral" {
		t.Errorf("Refine by place: %q\n%s", near.ResponseType, near.Content())
	}

	// Share in channel posts the answer for everyone, saying who shared it.
	h.interaction(map[string]any{"response_url": h.fake.responseURL("share1"),
		"actions.action_id": shareAction, "actions.value": "trafficking hotline"})
	shared := h.fake.next()
	if shared.Method != "response_url" || shared.ResponseType != "in_channel" || shared.Replace {
		t.Errorf("Share: %s %q replace %v", shared.Method, shared.ResponseType, shared.Replace)
	}
	if c := shared.Content(); !strings.Contains(c, "National Human Trafficking Hotline") || !strings.Contains(c, "<@U1STAFF>") {
		t.Errorf("shared answer:\n%s", c)
	}
	if len(shared.Buttons()) != 0 {
		t.Errorf("a shared answer has buttons: %v", shared.Buttons())
	}
}

func TestSlashCommandHelpAndBusy(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Concurrency = 1 })
	for text, want := range map[string]string{"": "Share in channel", "help": "Share in channel", "HELP": "Share in channel", "ayuda": "Compartir en el canal"} {
		res, body := h.command(text, "help")
		if res.StatusCode != 200 || !strings.Contains(body, "/hotline") || !strings.Contains(body, want) || strings.Contains(body, "{command}") {
			t.Errorf("%q: status %d body %.200q; want the help with %q", text, res.StatusCode, body, want)
		}
	}
	// Every worker busy: a question is told to come back, not dropped silently.
	h.a.workers <- struct{}{}
	res, body := h.command("trafficking hotline", "busy")
	if res.StatusCode != 200 || !strings.Contains(body, "Busy") {
		t.Errorf("busy: status %d body %q", res.StatusCode, body)
	}
	// And an event is left unacknowledged, so that Slack sends it again.
	res, _ = h.event("app_mention.json", map[string]any{"event_id": "EvBusy"})
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("event while busy: %d", res.StatusCode)
	}
	h.a.release()
	res, _ = h.event("app_mention.json", map[string]any{"event_id": "EvBusy"}, "X-Slack-Retry-Num", "1")
	if res.StatusCode != 200 {
		t.Errorf("event retried once a worker is free: %d", res.StatusCode)
	}
	if p := h.fake.next(); p.Method != "chat.postMessage" {
		t.Errorf("retried event answered by %s", p.Method)
	}
}

func TestStaffPhrasing(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		text    string
		anyOf   []string // at least one of these services is shown
		staffed bool     // and staff fields with them
	}{
		{"shelter for a 16 yo male in Houston", []string{"us-tx-houston-area-womens-center", "us-tx-mosaic-family-services", "us-national-runaway-safeline"}, true},
		{"T visa legal help NY", []string{"us-national-human-trafficking-legal-center", "us-ny-safe-horizon", "us-ny-restore-nyc"}, true},
		{"spanish speaking labor trafficking services CA", []string{"us-ca-cast", "us-ca-opening-doors-survivors-of-trafficking"}, true},
	}
	for i, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			h.command(tt.text, "staff"+strconv.Itoa(i))
			c := h.fake.next().Content()
			found := false
			for _, id := range tt.anyOf {
				found = found || strings.Contains(c, "`"+id+"`")
			}
			if !found {
				t.Errorf("none of %v in the answer:\n%s", tt.anyOf, c)
			}
			for _, want := range []string{"*Serves:*", "*Languages:*", "Verified on"} {
				if !strings.Contains(c, want) {
					t.Errorf("answer lacks %q", want)
				}
			}
			if tt.staffed && !strings.Contains(c, "*Eligibility:*") && !strings.Contains(c, "*Intake:*") {
				t.Errorf("no staff fields (eligibility, intake) in the answer:\n%s", c)
			}
		})
	}
}

func TestMentionAnsweredInThread(t *testing.T) {
	h := newHarness(t, nil)
	res, _ := h.event("app_mention.json", nil)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	p := h.fake.next()
	if p.Method != "chat.postMessage" || p.Channel != "C1CASES" || p.ThreadTS != "1764226544.000100" {
		t.Errorf("answered by %s in %q thread %q; want chat.postMessage in C1CASES, thread 1764226544.000100", p.Method, p.Channel, p.ThreadTS)
	}
	if !strings.Contains(p.Content(), "National Human Trafficking Hotline") {
		t.Errorf("answer:\n%s", p.Content())
	}
	if _, share := p.Buttons()[shareAction]; share {
		t.Error("a public answer offers to share itself")
	}

	// A mention inside a thread is answered in that thread.
	h.event("app_mention.json", map[string]any{"event_id": "Ev0003", "event.ts": "1764226800.000500", "event.thread_ts": "1764226544.000100"})
	if p := h.fake.next(); p.ThreadTS != "1764226544.000100" {
		t.Errorf("mention in a thread answered in thread %q", p.ThreadTS)
	}

	// More pressed in the thread is answered in the thread, for everyone.
	h.interaction(map[string]any{"response_url": h.fake.responseURL("thread-more"),
		"container.is_ephemeral": false, "container.thread_ts": "1764226544.000100"})
	if p := h.fake.next(); p.Method != "chat.postMessage" || p.ThreadTS != "1764226544.000100" {
		t.Errorf("More in a thread: %s thread %q", p.Method, p.ThreadTS)
	}
}

func TestDirectMessage(t *testing.T) {
	h := newHarness(t, nil)
	h.event("message_im.json", nil)
	p := h.fake.next()
	if p.Method != "chat.postMessage" || p.Channel != "D1STAFF" || p.ThreadTS != "" {
		t.Errorf("DM answered by %s in %q thread %q", p.Method, p.Channel, p.ThreadTS)
	}
	if !strings.Contains(p.Content(), "*Eligibility:*") && !strings.Contains(p.Content(), "*Intake:*") {
		t.Errorf("DM answer has no staff fields:\n%s", p.Content())
	}
}

func TestEventDeliveredTwiceAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	if res, _ := h.event("app_mention.json", nil); res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	// Slack's retries of the same event, and the same message as another event.
	for _, retry := range []string{"1", "2"} {
		if res, _ := h.event("app_mention.json", nil, "X-Slack-Retry-Num", retry, "X-Slack-Retry-Reason", "http_timeout"); res.StatusCode != 200 {
			t.Errorf("retry %s: status %d", retry, res.StatusCode)
		}
	}
	h.event("app_mention.json", map[string]any{"event_id": "EvOtherIdSameMessage"})
	h.fake.next()
	h.idle()
	h.fake.none()
	if n := h.engine.calls.Load(); n != 1 {
		t.Errorf("engine asked %d times", n)
	}
}

func TestBotsAndItselfIgnored(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		name string
		file string
		set  map[string]any
	}{
		{"own DM message", "message_im.json", map[string]any{"event.user": "UBOT"}},
		{"another bot", "message_im.json", map[string]any{"event.bot_id": "BOTHER", "event.user": "UOTHERBOT"}},
		{"bot_message", "message_im.json", map[string]any{"event.subtype": "bot_message", "event.user": nil, "event.bot_id": "BBOT"}},
		{"edit", "message_im.json", map[string]any{"event.subtype": "message_changed"}},
		{"channel message", "message_im.json", map[string]any{"event.channel_type": "channel", "event.channel": "C1CASES"}},
		{"bot mention", "app_mention.json", map[string]any{"event.bot_id": "BOTHER"}},
		{"own mention", "app_mention.json", map[string]any{"event.user": "UBOT"}},
		{"mention in a DM", "app_mention.json", map[string]any{"event.channel": "D1STAFF"}},
		{"unknown event", "message_im.json", map[string]any{"event.type": "pin_added"}},
	}
	for i, tt := range tests {
		tt.set = cloneSet(tt.set)
		tt.set["event_id"] = "EvIgnored" + strconv.Itoa(i)
		if res, body := h.event(tt.file, tt.set); res.StatusCode != 200 {
			t.Errorf("%s: status %d %q", tt.name, res.StatusCode, body)
		}
	}
	h.idle()
	h.fake.none()
	if n := h.engine.calls.Load(); n != 0 {
		t.Errorf("engine asked %d times", n)
	}
}

func cloneSet(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestRateLimitHonoured(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.retryAfter.Store(1)
	h.fake.rateLimited.Store(1)
	start := time.Now()
	h.event("app_mention.json", nil)
	p := h.fake.next()
	if waited := p.At.Sub(start); waited < time.Second {
		t.Errorf("posted again after %v; Retry-After said 1 s", waited)
	}
	if n := h.fake.attempts.Load(); n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}
	if !strings.Contains(h.logs.String(), "rate limited") {
		t.Error("the wait is not logged")
	}
}

func TestRateLimitGivesUp(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 2 })
	h.fake.retryAfter.Store(0)
	h.fake.rateLimited.Store(100)
	h.command("trafficking hotline", "limited")
	h.idle()
	h.fake.none()
	if n := h.fake.attempts.Load(); n != 3 {
		t.Errorf("%d attempts, want 3 (one and two retries)", n)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "reply not delivered") || !strings.Contains(logs, "method=response_url") {
		t.Errorf("failure not logged:\n%s", logs)
	}

	// A Retry-After past MaxRetryWait is not waited for.
	h.fake.retryAfter.Store(120)
	h.fake.rateLimited.Store(1)
	h.fake.attempts.Store(0)
	h.command("trafficking hotline", "limited2")
	h.idle()
	if n := h.fake.attempts.Load(); n != 1 {
		t.Errorf("%d attempts with Retry-After 120 s, want 1", n)
	}
}

func TestNoMessageTextInLogs(t *testing.T) {
	h := newHarness(t, nil)
	secrets := []string{
		"my cousin Marisol needs a shelter in Houston", "Marisol",
		"T visa legal help NY", "trafficking hotline",
		"U1STAFF", "caseworker", "C1CASES", "D1STAFF", // people and raw chat ids
		"/hooks/", // a response_url is a credential
	}
	h.command("my cousin Marisol needs a shelter in Houston", "log1")
	h.fake.next()
	h.event("message_im.json", nil)
	h.fake.next()
	h.event("app_mention.json", map[string]any{"event.text": "<@UBOT> trafficking hotline"})
	h.fake.next()
	h.interaction(map[string]any{"response_url": h.fake.responseURL("log2")})
	h.fake.next()
	// Failures too: a post that never gets through, a forged request.
	h.fake.rateLimited.Store(100)
	h.command("my cousin Marisol needs a shelter in Houston", "log3")
	h.idle()
	h.fake.rateLimited.Store(0)
	hd := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	h.do("/slack/commands", hd, commandForm("Marisol", h.fake.responseURL("log4")))
	h.idle()

	logs := h.logs.String()
	if !strings.Contains(logs, "chat=") || !strings.Contains(logs, "reply not delivered") {
		t.Fatalf("expected logs are missing:\n%s", logs)
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q:\n%s", s, logs)
		}
	}
}

func TestStaleCommand(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	cat := testCatalog(now)
	h := newHarness(t, func(c *Config) {
		c.Catalog = func() *catalog.Catalog { return cat }
		c.Now = func() time.Time { return now }
	})
	res, body := h.command("stale", "stale1")
	if res.StatusCode != 200 || body != "" {
		t.Fatalf("acknowledgement %d %q", res.StatusCode, body)
	}
	p := h.fake.next()
	c := p.Content()
	for _, want := range []string{"3 of 5 entries are due for re-verification", "`test-old-line`", "`test-never`", "verified 2024-01-02 (1060 days ago)", "never verified", "Due in the next 30 days", "`test-due-soon`", "hotlines/test-old-line.yaml", "`country:ZZ`", "countries.yaml"} {
		if !strings.Contains(c, want) {
			t.Errorf("stale list lacks %q:\n%s", want, c)
		}
	}
	if strings.Contains(c, "test-fresh") {
		t.Errorf("a fresh entry is listed:\n%s", c)
	}
	if strings.Index(c, "test-never") > strings.Index(c, "test-old-line") {
		t.Error("not oldest first")
	}
	if h.engine.calls.Load() != 0 {
		t.Error("stale went to the engine")
	}

	// Without a catalog, it says so instead of listing nothing.
	h2 := newHarness(t, nil)
	h2.command("stale", "stale2")
	if c := h2.fake.next().Content(); !strings.Contains(c, "can't see the catalog") {
		t.Errorf("no catalog:\n%s", c)
	}
}

func TestNewConfig(t *testing.T) {
	engine := bot.Answerer(answerFunc(func(context.Context, bot.Message) bot.Reply { return bot.Reply{} }))
	words := builtinWords(t)
	tests := []struct {
		name string
		cfg  Config
		want string // "" for success
	}{
		{"http mode", Config{BotToken: "xoxb-1", SigningSecret: "s", Engine: engine, Words: words}, ""},
		{"socket mode", Config{BotToken: "xoxb-1", AppToken: "xapp-1", Engine: engine, Words: words}, ""},
		{"no bot token", Config{SigningSecret: "s", Engine: engine, Words: words}, "SLACK_BOT_TOKEN"},
		{"no engine", Config{BotToken: "xoxb-1", SigningSecret: "s"}, "Engine"},
		{"an engine that has no words, and no words", Config{BotToken: "xoxb-1", SigningSecret: "s", Engine: engine}, "Words"},
		{"http mode without secret", Config{BotToken: "xoxb-1", Engine: engine, Words: words}, "SLACK_SIGNING_SECRET"},
		{"bot token as app token", Config{BotToken: "xoxb-1", AppToken: "xoxb-1", Engine: engine, Words: words}, "xapp-"},
		{"bad api url", Config{BotToken: "xoxb-1", SigningSecret: "s", Engine: engine, Words: words, APIURL: "ftp://x"}, "SLACK_API_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(tt.cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one naming %s", err, tt.want)
			case err == nil && !strings.HasSuffix(a.cfg.APIURL, "/"):
				t.Errorf("API URL %q has no trailing slash", a.cfg.APIURL)
			}
		})
	}
	// Socket Mode mounts nothing on the main listener.
	a, _ := New(Config{BotToken: "xoxb-1", AppToken: "xapp-1", Engine: engine, Words: words})
	mux := http.NewServeMux()
	a.Register(mux)
	if _, pattern := mux.Handler(httpRequest(t, "/slack/events")); pattern != "" {
		t.Errorf("socket mode registered %s", pattern)
	}
}

func TestRunRefusedToken(t *testing.T) {
	f := newFakeSlack(t)
	a, err := New(Config{BotToken: "xoxb-wrong", SigningSecret: "s", APIURL: f.srv.URL + "/api/",
		Engine: answerFunc(func(context.Context, bot.Message) bot.Reply { return bot.Reply{} }), Words: builtinWords(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Run(ctx); err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Errorf("Run with a refused token: %v", err)
	}
}

type answerFunc func(context.Context, bot.Message) bot.Reply

func (f answerFunc) Handle(ctx context.Context, m bot.Message) bot.Reply { return f(ctx, m) }

func httpRequest(t *testing.T, path string) *http.Request {
	r, err := http.NewRequest(http.MethodPost, "http://x"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSlashCommandReplayAnsweredOnce: a signed slash command sent again
// within Slack's 5-minute window (same timestamp, body and signature) is
// acknowledged and not answered twice; a new command with the same words
// is.
func TestSlashCommandReplayAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	body := commandForm("trafficking hotline", h.fake.responseURL("replay1"))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	hd := http.Header{}
	hd.Set("Content-Type", "application/x-www-form-urlencoded")
	hd.Set("X-Slack-Request-Timestamp", ts)
	hd.Set("X-Slack-Signature", signature(testSecret, ts, body))
	for i := range 3 {
		if res, _ := h.do("/slack/commands", hd.Clone(), body); res.StatusCode != 200 {
			t.Fatalf("send %d: status %d", i+1, res.StatusCode)
		}
	}
	h.fake.next()
	h.idle()
	h.fake.none()
	if n := h.engine.calls.Load(); n != 1 {
		t.Errorf("a replayed command was answered %d times", n)
	}
	// The same words as a new command (a new trigger, so a new signature).
	h.command("trafficking hotline", "replay2")
	h.fake.next()
	if n := h.engine.calls.Load(); n != 2 {
		t.Errorf("after a new command, the engine was asked %d times, want 2", n)
	}
}

// TestAcknowledgedBeforeAnswered: Slack gives up on a request not
// acknowledged within 3 seconds, so a command and an event are
// acknowledged before the engine answers them: here the engine is held
// until both acknowledgements are in.
func TestAcknowledgedBeforeAnswered(t *testing.T) {
	h := newHarness(t, nil)
	gate := make(chan struct{})
	h.engine.gate.Store(&gate)
	if res, body := h.command("trafficking hotline", "ack1"); res.StatusCode != 200 || body != "" {
		t.Errorf("command: status %d body %q before the answer; want 200 and nothing", res.StatusCode, body)
	}
	if res, _ := h.event("app_mention.json", nil); res.StatusCode != 200 {
		t.Errorf("event: status %d before the answer; want 200", res.StatusCode)
	}
	h.fake.none() // nothing answered yet: the engine is held
	close(gate)
	h.fake.next()
	h.fake.next()
}
