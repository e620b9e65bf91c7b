package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot/web"
	"github.com/hotline-org/hotline/internal/logtest"
	"github.com/hotline-org/hotline/resources"
)

var loaded = sync.OnceValues(func() (*app.App, error) { return app.Load(resources.FS(), app.Options{}) })

// newServer serves the web chat over the embedded catalog, logging at
// debug level into logs.
func newServer(t testing.TB, logs io.Writer, cfg web.Config) *httptest.Server {
	t.Helper()
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	if logs == nil {
		logs = io.Discard
	}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	engine, err := a.NewEngine(logger, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Engine, cfg.Logger = engine, logger
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Post(srv.URL+"/api/v1/messages", contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

func TestMessageContract(t *testing.T) {
	srv := newServer(t, nil, web.Config{})
	res, data := post(t, srv, "application/json", `{"text":"someone is making me work and won't let me leave","session":"t1"}`)
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, data)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	// The fields of the contract, by name, as outside tools read them.
	var got struct {
		Query     *string `json:"query"`
		Language  *string `json:"language"`
		Urgent    *bool   `json:"urgent"`
		Text      *string `json:"text"`
		Resources []struct {
			ID       string `json:"id"`
			Kind     string `json:"kind"`
			Name     string `json:"name"`
			Summary  string `json:"summary"`
			URL      string `json:"url"`
			Contacts []struct {
				Type, Value, Label, Hours, Keyword string
			} `json:"contacts"`
			DistanceKM *float64 `json:"distance_km"`
			Score      *float64 `json:"score"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Query == nil || got.Language == nil || got.Urgent == nil || got.Text == nil || got.Resources == nil {
		t.Fatalf("missing contract fields: %s", data)
	}
	if *got.Language != "en" || !*got.Urgent {
		t.Errorf("language %q urgent %v", *got.Language, *got.Urgent)
	}
	top := got.Resources[:min(3, len(got.Resources))]
	found := false
	for _, r := range top {
		if r.ID == "us-national-human-trafficking-hotline" {
			found = true
			if r.Kind != "hotline" || r.Score == nil || len(r.Contacts) == 0 || r.Contacts[0].Value != "+18883737888" {
				t.Errorf("hotline resource: %+v", r)
			}
		}
	}
	if !found {
		t.Errorf("the trafficking hotline is not in the top 3: %s", data)
	}
	if !strings.Contains(*got.Text, "911") {
		t.Errorf("urgent text has no emergency number: %q", *got.Text)
	}
}

func TestMessageErrors(t *testing.T) {
	srv := newServer(t, nil, web.Config{MaxBody: 1024, RatePerClient: 1e9, RateBurst: 1 << 30})
	tests := []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"malformed", "application/json", `{"text":`, 400, "ends too early"},
		{"not json", "application/json", `hello`, 400, "not valid JSON"},
		{"empty body", "application/json", ``, 400, "empty"},
		{"empty text", "application/json", `{"text":"  "}`, 400, "text is empty"},
		{"wrong type", "application/json", `{"text":42}`, 400, "field text"},
		{"unknown field", "application/json", `{"txt":"hi"}`, 400, "unknown field"},
		{"bad audience", "application/json", `{"text":"hi","audience":"parents"}`, 400, "audience"},
		{"long session", "application/json", `{"text":"hi","session":"` + strings.Repeat("s", 200) + `"}`, 400, "session"},
		{"too large", "application/json", `{"text":"` + strings.Repeat("a", 5000) + `"}`, 413, "too large"},
		{"form post", "application/x-www-form-urlencoded", `text=hi`, 415, "JSON"},
		{"no content type", "", `{"text":"hi"}`, 415, "Content-Type: application/json"},
		{"jsonp", "application/jsonp", `{"text":"hi"}`, 415, "Content-Type: application/json"},
		{"json-seq", "application/json-seq", `{"text":"hi"}`, 415, "Content-Type: application/json"},
		{"text/plain", "text/plain", `{"text":"hi"}`, 415, "Content-Type: application/json"},
		{"trailing garbage", "application/json", `{"text":"hi"} garbage`, 400, "nothing after it"},
		{"two objects", "application/json", `{"text":"hi"}{"text":"again"}`, 400, "nothing after it"},
		{"trailing bracket", "application/json", `{"text":"hi"}]`, 400, "nothing after it"},
		{"trailing over the limit", "application/json", `{"text":"hi"}` + strings.Repeat(" ", 1100) + `x`, 413, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, data := post(t, srv, tt.contentType, tt.body)
			var e web.ErrorJSON
			json.Unmarshal(data, &e)
			if res.StatusCode != tt.status || !strings.Contains(e.Error, tt.want) {
				t.Errorf("status %d, error %q; want %d with %q", res.StatusCode, e.Error, tt.status, tt.want)
			}
		})
	}
	// Bad input loses nothing: the next good message is answered. JSON
	// with a charset, and white space after the object, are fine.
	for _, ok := range []struct{ contentType, body string }{
		{"application/json", `{"text":"what are signs of grooming"}`},
		{"application/json; charset=utf-8", `{"text":"hi"}`},
		{"Application/JSON", "{\"text\":\"hi\"}\r\n \t\n"},
	} {
		if res, data := post(t, srv, ok.contentType, ok.body); res.StatusCode != 200 {
			t.Errorf("%s %q: %d %s", ok.contentType, ok.body, res.StatusCode, data)
		}
	}
	res, err := http.Get(srv.URL + "/api/v1/messages")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 405 || res.Header.Get("Allow") != "POST" {
		t.Errorf("GET: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestTooManyRequests(t *testing.T) {
	srv := newServer(t, nil, web.Config{RatePerClient: 0.001, RateBurst: 3})
	var last *http.Response
	for range 4 {
		last, _ = post(t, srv, "application/json", `{"text":"hi"}`)
	}
	if last.StatusCode != 429 || last.Header.Get("Retry-After") == "" {
		t.Errorf("4th request: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
	}
}

// TestTrustedProxies: behind a trusted proxy each forwarded client has its
// own limit; anyone else's X-Forwarded-For is ignored. The test server's
// connections come from 127.0.0.1.
func TestTrustedProxies(t *testing.T) {
	nets := func(cidrs ...string) []net.IPNet {
		var out []net.IPNet
		for _, c := range cidrs {
			_, n, err := net.ParseCIDR(c)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *n)
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		proxies []net.IPNet
		xff     []string // one request each, in order
		want    []int
	}{
		{"no proxy: one address for all", nil,
			[]string{"203.0.113.5", "203.0.113.6"}, []int{200, 429}},
		{"through the proxy: a limit per client", nets("127.0.0.1/32"),
			[]string{"203.0.113.5", "203.0.113.6", "203.0.113.5"}, []int{200, 200, 429}},
		{"through two proxies: the client before them", nets("127.0.0.1/32", "10.0.0.0/8"),
			[]string{"203.0.113.5, 10.1.2.3", "203.0.113.6, 10.1.2.3", "203.0.113.5, 10.9.9.9"}, []int{200, 200, 429}},
		{"not from a trusted proxy: the header is ignored", nets("10.0.0.0/8"),
			[]string{"203.0.113.5", "203.0.113.6"}, []int{200, 429}},
		{"a header that names no address: the proxy's own", nets("127.0.0.1/32"),
			[]string{"nonsense", "", "203.0.113.5"}, []int{200, 429, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, nil, web.Config{RatePerClient: 0.001, RateBurst: 1, TrustedProxies: tc.proxies})
			for i, xff := range tc.xff {
				req, _ := http.NewRequest("POST", srv.URL+"/api/v1/messages", strings.NewReader(`{"text":"hi"}`))
				req.Header.Set("Content-Type", "application/json")
				if xff != "" {
					req.Header.Set("X-Forwarded-For", xff)
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != tc.want[i] {
					t.Errorf("request %d (X-Forwarded-For %q): %d, want %d", i+1, xff, res.StatusCode, tc.want[i])
				}
			}
		})
	}
}

// TestPageSpeaksTheBrowsersLanguage: the page's own words come from the
// message files, in the language the browser asks for if the bot speaks
// it, else English.
func TestPageSpeaksTheBrowsersLanguage(t *testing.T) {
	srv := newServer(t, nil, web.Config{})
	for _, tc := range []struct {
		accept, lang string
		want         []string
	}{
		{"", "en", []string{`<html lang="en">`, "Quick exit", `placeholder="Write in your own words…"`, "911 (US, Canada and Mexico)"}},
		{"es-MX,es;q=0.9,en;q=0.5", "es", []string{`<html lang="es">`, "Salida rápida", `placeholder="Escribe con tus propias palabras…"`, "Privacidad", "Enviar"}},
		{"fr-FR,fr;q=0.9", "en", []string{`<html lang="en">`, "Quick exit"}},
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/", nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Language", tc.accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if got := res.Header.Get("Content-Language"); got != tc.lang {
			t.Errorf("Accept-Language %q: Content-Language %q, want %s", tc.accept, got, tc.lang)
		}
		for _, want := range tc.want {
			if !strings.Contains(string(page), want) {
				t.Errorf("Accept-Language %q: the page lacks %q", tc.accept, want)
			}
		}
		if strings.Contains(string(page), "[web_") || strings.Contains(string(page), "{{") {
			t.Errorf("Accept-Language %q: a word is missing:\n%s", tc.accept, page)
		}
	}
}

func TestPageIsPrivateAndSelfContained(t *testing.T) {
	srv := newServer(t, nil, web.Config{ExitURL: "https://example.org/?q=\"><script>"})
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if len(res.Cookies()) > 0 {
		t.Error("the page sets cookies")
	}
	for _, h := range []string{"Content-Security-Policy", "Referrer-Policy", "Cache-Control", "X-Content-Type-Options"} {
		if res.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	if strings.Contains(string(page), `"><script>`) {
		t.Error("the exit URL is not escaped")
	}
	for _, asset := range []string{"/static/app.js", "/static/style.css"} {
		r, err := http.Get(srv.URL + asset)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 {
			t.Errorf("%s: %d", asset, r.StatusCode)
		}
		// Nothing is fetched from anywhere else, and nothing is stored.
		for _, bad := range []string{"http://", "localStorage", "document.cookie", "innerHTML"} {
			if strings.Contains(string(body), bad) {
				t.Errorf("%s contains %q", asset, bad)
			}
		}
	}
}

// TestStaticServesNoTemplate: /static/ serves the page's scripts and
// styles, not the raw page template (by name, as the folder's index, or by
// a path that leads back to it), and lists nothing.
func TestStaticServesNoTemplate(t *testing.T) {
	srv := newServer(t, nil, web.Config{})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/static/", "/static/index.html", "/static//index.html", "/static/./index.html",
		"/static/%2e/index.html", "/static/nope.js", "/static"} {
		res, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), "{{") || res.StatusCode == 200 {
			t.Errorf("%s: %d, %.80q", path, res.StatusCode, body)
		}
		if loc := res.Header.Get("Location"); loc != "" && !strings.HasPrefix(loc, "/static/") && loc != "/" {
			t.Errorf("%s redirects to %s", path, loc)
		}
	}
	res, err := client.Get(srv.URL + "/static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "javascript") {
		t.Errorf("/static/app.js: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestLogsCarryNoMessageText sends a conversation through the web API
// and checks that none of it reaches the logs, at any level.
func TestLogsCarryNoMessageText(t *testing.T) {
	var logs logtest.Buffer
	srv := newServer(t, &logs, web.Config{})
	for _, text := range []string{"pangolinic my uncle keeps my passport", "axolotlish he wants pics", "more", "2", "forget me"} {
		body, _ := json.Marshal(web.MessageRequest{Text: text, Session: "secret-session-99"})
		post(t, srv, "application/json", string(body))
	}
	post(t, srv, "application/json", `{"text":"ocelotty `+strings.Repeat("x", 2000)+`"`) // a broken request
	out := logs.String()
	if !strings.Contains(out, "surface=web") {
		t.Fatalf("no logs: %q", out)
	}
	for _, secret := range []string{"pangolinic", "axolotlish", "ocelotty", "passport", "secret-session-99"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
}

func TestEngineIsRequired(t *testing.T) {
	if _, err := web.New(web.Config{}); err == nil {
		t.Error("New without an engine succeeded")
	}
}

// FuzzMessageAPI posts any body to the API: the answer is a reply or a
// clear 4xx, never a 5xx, and the server keeps serving.
func FuzzMessageAPI(f *testing.F) {
	for _, s := range []string{`{"text":"hi"}`, `{"text":"me quiero morir","session":"s"}`, `{"action":"pick:2","session":"x"}`,
		`{"text":`, `[]`, `null`, `{"text":"\u0000"}`, `{"text":"a","near":"75201"}`, `{"text":1}`} {
		f.Add(s)
	}
	srv := newServer(f, nil, web.Config{RatePerClient: 1e9, RateBurst: 1 << 30})
	f.Fuzz(func(t *testing.T, body string) {
		res, err := http.Post(srv.URL+"/api/v1/messages", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		switch res.StatusCode {
		case 200, 400, 413, 429:
		default:
			t.Fatalf("status %d for %q", res.StatusCode, body)
		}
	})
}

// BenchmarkMessageAPI measures one API request end to end inside the
// process: JSON in, engine, JSON out (the HTTP server and network aside),
// with the GC as serve sets it (app.TuneGC) unless GOGC is set.
func BenchmarkMessageAPI(b *testing.B) {
	a, err := loaded()
	if err != nil {
		b.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	app.TuneGC(slog.New(slog.DiscardHandler))
	h, err := web.New(web.Config{Engine: a.Engine, RatePerClient: 1e9, RateBurst: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	bodies := []string{`{"text":"someone is making me work and won't let me leave"}`, `{"text":"he has my nudes"}`,
		`{"text":"shelter for teens","near":"Dallas, TX"}`, `{"text":"señales de grooming"}`}
	i := 0
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/v1/messages", strings.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
		i++
	}
}
