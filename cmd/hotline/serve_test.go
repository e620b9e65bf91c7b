package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBotAPI is the least of the Telegram Bot API that `hotline serve`
// needs with TELEGRAM_BOT_TOKEN set: getMe, setMyCommands, deleteWebhook,
// setWebhook, getUpdates with offsets, and sendMessage, which it records.
// The adapter's own tests (internal/bot/telegram) cover the protocol in
// depth; this checks the wiring of the binary.
type fakeBotAPI struct {
	mu      sync.Mutex
	updates []string // raw updates not yet confirmed, in order
	nextID  int
	sent    chan string // texts of sendMessage calls
	webhook chan string // URLs of setWebhook calls
}

func newFakeBotAPI(t *testing.T) (*fakeBotAPI, *httptest.Server) {
	f := &fakeBotAPI{nextID: 100, sent: make(chan string, 16), webhook: make(chan string, 1)}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeBotAPI) push(text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	f.updates = append(f.updates, privateText(f.nextID, text))
}

func privateText(id int, text string) string {
	t, _ := json.Marshal(text)
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1767225600,`+
		`"from":{"id":5550001,"is_bot":false,"first_name":"Sam","language_code":"en"},`+
		`"chat":{"id":5550001,"type":"private","first_name":"Sam"},"text":%s}}`, id, id, t)
}

func (f *fakeBotAPI) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) && !errors.Is(err, io.EOF) {
		r.ParseForm()
	}
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	result := "true"
	switch method {
	case "getMe":
		result = `{"id":999000111,"is_bot":true,"first_name":"hotline","username":"ThisBot"}`
	case "getUpdates":
		var offset int
		fmt.Sscan(r.FormValue("offset"), &offset)
		f.mu.Lock()
		var keep, out []string
		for _, u := range f.updates {
			var id struct {
				UpdateID int `json:"update_id"`
			}
			json.Unmarshal([]byte(u), &id)
			if id.UpdateID >= offset {
				keep = append(keep, u)
			}
		}
		f.updates = keep
		out = append(out, keep...)
		f.mu.Unlock()
		if len(out) == 0 {
			time.Sleep(50 * time.Millisecond) // a short long poll
		}
		result = "[" + strings.Join(out, ",") + "]"
	case "sendMessage":
		f.sent <- r.FormValue("text")
		result = `{"message_id":1,"date":1767225600,"chat":{"id":5550001,"type":"private"},"text":"ok"}`
	case "setWebhook":
		f.webhook <- r.FormValue("url")
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"ok":true,"result":%s}`, result)
}

// serveInBackground runs `hotline serve` with env set and returns its
// address once it listens (it says so on standard error).
func serveInBackground(t *testing.T, env map[string]string) string {
	for k, v := range env {
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	stderr := &readyWriter{want: "web chat at http://", ready: make(chan struct{})}
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	})
	select {
	case <-stderr.ready:
	case code := <-done:
		done <- code
		t.Fatalf("serve exited %d before it listened: %s", code, stderr.String())
	}
	m := regexp.MustCompile(`web chat at http://([^/]+)/`).FindStringSubmatch(stderr.String())
	return m[1]
}

// awaitText waits for a message containing want (go test -timeout bounds
// the wait).
func awaitText(t *testing.T, ch chan string, want string) string {
	t.Helper()
	for got := range ch {
		if strings.Contains(got, want) {
			return got
		}
	}
	t.Fatalf("no message containing %q", want)
	return ""
}

// TestServeTelegramLongPolling: TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL
// pointing at a fake server; a text message is answered with the hotline.
func TestServeTelegramLongPolling(t *testing.T) {
	f, api := newFakeBotAPI(t)
	f.push("someone is making me work and won't let me leave")
	serveInBackground(t, map[string]string{"TELEGRAM_BOT_TOKEN": "123456:TEST-token", "TELEGRAM_API_URL": api.URL})
	awaitText(t, f.sent, "888-373-7888")
}

// TestServeTelegramWebhook: with TELEGRAM_WEBHOOK_URL the same message comes
// through the webhook path on the main listener, and a wrong secret gets 401.
func TestServeTelegramWebhook(t *testing.T) {
	f, api := newFakeBotAPI(t)
	addr := serveInBackground(t, map[string]string{
		"TELEGRAM_BOT_TOKEN": "123456:TEST-token", "TELEGRAM_API_URL": api.URL,
		"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook", "TELEGRAM_WEBHOOK_SECRET": "s3cret-token",
	})
	if u := <-f.webhook; u != "https://bot.example.org/telegram/hook" {
		t.Errorf("setWebhook url %q", u)
	}
	post := func(secret string) int {
		req, _ := http.NewRequest("POST", "http://"+addr+"/telegram/hook",
			strings.NewReader(privateText(7, "what is the trafficking hotline number")))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	// The adapter takes webhook updates once it has started: ask until it
	// does (go test -timeout bounds it).
	for code := post("s3cret-token"); code != 200; code = post("s3cret-token") {
		t.Logf("webhook with the right secret: %d; again", code)
		time.Sleep(50 * time.Millisecond)
	}
	awaitText(t, f.sent, "888-373-7888")
	if code := post("wrong"); code != 401 {
		t.Errorf("a wrong secret: %d, want 401", code)
	}
	if code := post(""); code != 401 {
		t.Errorf("no secret: %d, want 401", code)
	}
}

// TestServeSlack: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL
// pointing at a fake Web API; a correctly signed /hotline trafficking
// hotline gets the National Human Trafficking Hotline back privately, and
// the same request with a bad signature gets 401.
func TestServeSlack(t *testing.T) {
	answers := make(chan string, 4)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/auth.test"):
			io.WriteString(w, `{"ok":true,"url":"https://x.slack.com/","team":"T","user":"hotline","team_id":"T1","user_id":"UBOT","bot_id":"BBOT"}`)
		case strings.HasPrefix(r.URL.Path, "/respond/"):
			answers <- string(body)
			io.WriteString(w, `{"ok":true}`)
		default:
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	defer api.Close()
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	addr := serveInBackground(t, map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": api.URL + "/api/",
	})
	form := "token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Fhotline&text=trafficking+hotline" +
		"&response_url=" + url.QueryEscape(api.URL+"/respond/1") + "&trigger_id=1.2.3"
	send := func(sign func(ts, body string) string) int {
		ts := fmt.Sprint(time.Now().Unix())
		req, _ := http.NewRequest("POST", "http://"+addr+"/slack/commands", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", sign(ts, form))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	good := func(ts, body string) string {
		m := hmac.New(sha256.New, []byte(secret))
		fmt.Fprintf(m, "v0:%s:%s", ts, body)
		return "v0=" + hex.EncodeToString(m.Sum(nil))
	}
	bad := func(ts, body string) string { return good(ts, body+"tampered") }

	if code := send(bad); code != 401 {
		t.Errorf("a bad signature: %d, want 401", code)
	}
	// The adapter takes commands once it has started: ask until it does.
	for code := send(good); code != 200; code = send(good) {
		t.Logf("a good signature: %d; again", code)
		time.Sleep(50 * time.Millisecond)
	}
	awaitText(t, answers, "National Human Trafficking Hotline")
	// The refused request got its 401 at once; an answer to it that came
	// before the good one's would be left over here.
	if len(answers) > 0 {
		t.Errorf("the refused request was answered too: %.100s", <-answers)
	}
}

// TestServeTellsMaintainersOfABrokenEdit: with --watch and a maintainers'
// channel, a broken catalog edit is posted to Slack with its file and line,
// and the bot keeps answering from the previous catalog.
func TestServeTellsMaintainersOfABrokenEdit(t *testing.T) {
	posts := make(chan string, 8)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/auth.test"):
			io.WriteString(w, `{"ok":true,"team_id":"T1","user_id":"UBOT","bot_id":"BBOT"}`)
		case strings.HasSuffix(r.URL.Path, "/chat.postMessage"):
			posts <- r.Form.Get("channel") + " " + r.Form.Get("text")
			io.WriteString(w, `{"ok":true,"channel":"C123","ts":"1.2"}`)
		default:
			io.WriteString(w, `{"ok":true}`)
		}
	}))
	defer api.Close()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../resources")); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret",
		"SLACK_API_URL": api.URL + "/api/", "SLACK_MAINTAINERS_CHANNEL": "C123", "HOTLINE_RESOURCES": dir, "HOTLINE_WATCH": "1"} {
		t.Setenv(k, v)
	}
	addr := serveInBackground(t, nil)

	file := filepath.Join(dir, "hotlines", "us-national-human-trafficking-hotline.yaml")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), `value: "1-888-373-7888"`, `value: "1-888-373-788"`, 1)), 0o644)
	got := awaitText(t, posts, "us-national-human-trafficking-hotline.yaml:")
	if !strings.HasPrefix(got, "C123 ") || !strings.Contains(got, "not a valid number") {
		t.Errorf("maintainers' post: %q", got)
	}
	res, err := http.Post("http://"+addr+"/api/v1/messages", "application/json", strings.NewReader(`{"text":"trafficking hotline"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "1-888-373-7888") {
		t.Errorf("after a broken edit the previous number is no longer served: %.300s", body)
	}
}

// TestServeUsageErrors: settings that cannot work stop serve before it
// listens, with exit code 2 and what to do.
func TestServeUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--trusted-proxies", "10.0.0.0/8, nope"}, "give addresses or CIDR ranges"},
		{[]string{"--watch"}, "--watch needs --resources"},
		{[]string{"--resources", "x", "--hsds", "y"}, "not both"},
		{[]string{"--log-format", "xml"}, "use text or json"},
	} {
		code, _, stderr := hotline(t, "", append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("serve %v: exit %d, %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}
