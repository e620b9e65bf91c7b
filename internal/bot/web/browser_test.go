package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hotline-org/hotline/internal/bot/web"
)

// browser starts headless Chromium. .ci/run installs it and sets
// HOTLINE_BROWSER_TESTS=1, which makes a missing browser a failure rather
// than a skip.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("HOTLINE_BROWSER_TESTS") == "1" {
			t.Fatal("HOTLINE_BROWSER_TESTS=1 but no chromium is installed")
		}
		t.Skip("no chromium; install it (apt-get install chromium) to run the browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// This machine's network is closed: stop Chromium calling home.
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// Start the browser before any deadline: a deadline on the first run
	// would bound the browser's whole life.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// TestBrowserChat types a question in a real browser, sees the hotline
// number as a link to call, then presses Escape and leaves the page.
func TestBrowserChat(t *testing.T) {
	ctx := browser(t)
	neutral := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><title>Weather</title><p id=sunny>Sunny.</p>"))
	}))
	defer neutral.Close()
	exitURL := neutral.URL + "/weather"
	srv := newServer(t, nil, web.Config{ExitURL: exitURL})

	// The reply to the question is the second bot message: the first is
	// the welcome.
	const reply = `#log li.bot:nth-of-type(3)`
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		must(err)
		return a.Value
	}

	must(chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#log li.bot`)),
	))
	if w := text(`#log li.bot`); !strings.Contains(w, "not a person") {
		t.Errorf("welcome: %q", w)
	}
	// The first screen has the emergency number and the main hotline one
	// tap away, as targets at least 44 px high.
	if href := attr(`#log li.bot .dial a`, "href"); href != "tel:911" {
		t.Errorf("first screen: first number %q, want tel:911", href)
	}
	if href := attr(`#log li.bot .dial a:nth-of-type(2)`, "href"); href != "tel:+18883737888" {
		t.Errorf("first screen: second number %q, want the trafficking hotline", href)
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll(".dial a")].map(a => a.getBoundingClientRect().height))`))
	must(err)
	if height < 44 {
		t.Errorf("a number to tap is %.0f px high, want at least 44", height)
	}
	if live, label := attr(`#log`, "aria-live"), text(`label[for=text]`); live != "polite" || label == "" {
		t.Errorf("accessibility: aria-live %q, label %q", live, label)
	}

	must(chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#text`), "someone is making me work and won't let me leave"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(reply+` a[href^="tel:"]`)),
	))
	if r := text(reply); !strings.Contains(r, "911") || !strings.Contains(r, "888-373-7888") {
		t.Errorf("reply lacks the emergency number or the hotline:\n%s", r)
	}
	if href := attr(reply+` .dial a`, "href"); href != "tel:911" {
		t.Errorf("urgent reply: first number %q, want tel:911", href)
	}
	if href := attr(reply+` .card a[href^="tel:"]`, "href"); href != "tel:+18883737888" {
		t.Errorf("first card's tel: link %q, want the hotline in E.164", href)
	}
	// The reply's first line is in view below the sticky header, not under it.
	gap, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("`+reply+`").getBoundingClientRect().top - document.querySelector(".bar").getBoundingClientRect().bottom`))
	must(err)
	if gap < 0 {
		t.Errorf("the reply starts %.0f px under the header", -gap)
	}

	// "Forget me" clears the transcript on screen too.
	must(chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#text`), "forget me"+kb.Enter),
		chromedp.Poll[chromedp.Void](`document.querySelector("#log li.bot:first-child") !== null && document.querySelectorAll("#log li.me").length === 0`),
	))
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#log li.bot").length`)); err != nil || n != 1 {
		t.Errorf("after forget me, %d bot messages on screen (%v), want the one saying it forgot", n, err)
	}
	if w := text(`#log`); strings.Contains(w, "won't let me leave") {
		t.Errorf("after forget me the question is still on screen:\n%s", w)
	}

	must(chromedp.Do(ctx,
		chromedp.KeyEvent(kb.Escape),
		chromedp.WaitVisible(chromedp.ID("sunny")),
	))
	url, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	historyLen, err := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
	must(err)
	if url != exitURL {
		t.Errorf("after Escape: at %q, want %q", url, exitURL)
	}
	// The chat page was replaced, not left in history: the tab holds only
	// its blank start page and the neutral page.
	if historyLen > 2 {
		t.Errorf("history has %d entries; the chat page stayed in history", historyLen)
	}
}
