package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/logtest"
	"github.com/hotline-org/hotline/resources"
)

// TestShutdownFinishesRepliesInFlight cancels the server while a slow reply
// is being written: the reply still arrives whole, and new connections are
// refused.
func TestShutdownFinishesRepliesInFlight(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "the whole reply")
	})
	addr, cancel, done := serveHandler(t, h, 5*time.Second)

	got := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // SIGTERM arrives while the reply is in flight
	// New connections are refused while the reply in flight is held:
	// wait for that event itself, not a deadline (go test's -timeout ends
	// a server that never stops accepting).
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		time.Sleep(5 * time.Millisecond)
	}
	close(release)
	if body := <-got; body != "the whole reply" {
		t.Errorf("reply in flight: %q", body)
	}
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// TestServe runs the whole server on the built-in catalog and asks it one
// question over HTTP.
func TestServe(t *testing.T) {
	a, err := Load(resources.FS(), withReader(t, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc, metricsc := make(chan net.Addr, 1), make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- a.Serve(ctx, ServeConfig{Addr: "127.0.0.1:0", Ready: func(addr net.Addr) { addrc <- addr },
			MetricsAddr: "127.0.0.1:0", MetricsReady: func(addr net.Addr) { metricsc <- addr }})
	}()
	base := "http://" + (<-addrc).String()

	res, err := http.Post(base+"/api/v1/messages", "application/json",
		strings.NewReader(`{"text":"what is the trafficking hotline number"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "us-national-human-trafficking-hotline") {
		t.Errorf("%d %s", res.StatusCode, body)
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err = http.Get(base + path)
		if err != nil || res.StatusCode != 200 {
			t.Errorf("%s: %v %v", path, res, err)
		}
	}
	// Metrics are on their own listener, not the public one; they count
	// the message by intent, and carry none of its words.
	res, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public listener: %d, want 404", res.StatusCode)
	}
	res, err = http.Get("http://" + (<-metricsc).String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{`hotline_messages_total{intent="search",surface="web",urgent="false"} 1`, "hotline_catalog_resources", "hotline_reply_seconds_bucket"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(string(metrics), "trafficking hotline number") {
		t.Error("metrics carry message text")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestShutdownUnderLoad stops the server while clients keep sending: every
// request either gets a whole reply or is refused; none gets a 5xx or a
// cut-off body.
func TestShutdownUnderLoad(t *testing.T) {
	url, cancel, done := serveLoaded(t, Options{})

	var whole, refused, bad atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 5 * time.Second}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				switch wasRefused, problem := postMessage(client, url, i, n); {
				case wasRefused:
					refused.Add(1)
				case problem != "":
					bad.Add(1)
					t.Log(problem)
				default:
					whole.Add(1)
				}
			}
		}()
	}
	for whole.Load() < 50 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel() // SIGTERM
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	for refused.Load() < 8 { // let every client see the door closed
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	t.Logf("%d whole replies, %d refused after shutdown, %d bad", whole.Load(), refused.Load(), bad.Load())
	if bad.Load() > 0 {
		t.Errorf("%d requests got an error or a cut-off reply", bad.Load())
	}
}

// TestShutdownAnswersEveryRequestHandled stops the server while clients
// keep sending: every request the engine answered reaches its client whole
// (none is lost to the shutdown), later connections are refused, and Serve
// returns nil after the clean drain.
func TestShutdownAnswersEveryRequestHandled(t *testing.T) {
	var logs logtest.Buffer
	url, cancel, done := serveLoaded(t, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})

	var whole, bad atomic.Int64
	answered := make(chan struct{}, 1)
	refused := make(chan struct{}, 8)
	var clients sync.WaitGroup
	for i := range 8 {
		clients.Go(func() {
			// Each client its own connections, kept alive between requests.
			client := &http.Client{Transport: &http.Transport{}}
			for n := 0; ; n++ {
				wasRefused, problem := postMessage(client, url, i, n)
				if wasRefused {
					refused <- struct{}{}
					return
				}
				if problem != "" {
					bad.Add(1)
					t.Log(problem)
					continue
				}
				if whole.Add(1) == 50 {
					answered <- struct{}{}
				}
			}
		})
	}
	<-answered
	cancel() // SIGTERM
	if err := <-done; err != nil {
		t.Errorf("serve after a clean drain: %v", err)
	}
	clients.Wait()
	handled := int64(strings.Count(logs.String(), "msg=message "))
	t.Logf("%d requests handled, %d whole replies, %d bad", handled, whole.Load(), bad.Load())
	if bad.Load() > 0 || whole.Load() != handled {
		t.Errorf("%d requests reached the engine, %d whole replies reached clients, %d bad", handled, whole.Load(), bad.Load())
	}
	if len(refused) != 8 {
		t.Errorf("%d of 8 clients were refused after shutdown", len(refused))
	}
}

// TestShutdownDrainIsBounded: a client that never finishes its request
// cannot hold shutdown past the grace period; its connection is closed.
func TestShutdownDrainIsBounded(t *testing.T) {
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		b, err := io.ReadAll(r.Body) // the client is slow to send it
		if err != nil {
			return
		}
		w.Write(b)
	})
	addr, cancel, done := serveHandler(t, h, 100*time.Millisecond)

	// Headers and part of a body: the handler waits for the rest.
	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nthe start")
	<-started

	cancel() // SIGTERM
	if err := <-done; err == nil {
		t.Error("serve reported a clean drain though a request was cut off")
	}
	// Serve has returned: the slow connection is closed, so the rest of
	// its body, sent now, gets no answer.
	fmt.Fprint(slow, strings.Repeat(".", 100-len("the start")))
	if b, _ := io.ReadAll(slow); len(b) > 0 {
		t.Errorf("the slow client was still served after shutdown: %.60q", b)
	}
}

// serveLoaded loads the built-in catalog and serves it on a free port
// without rate limits. It returns the message API's URL, the cancel that
// stands for SIGTERM, and what Serve returns.
func serveLoaded(t *testing.T, opt Options) (url string, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	a, err := Load(resources.FS(), withReader(t, opt))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	addrc := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() {
		served <- a.Serve(ctx, ServeConfig{Addr: "127.0.0.1:0", ClientRate: -1, Ready: func(addr net.Addr) { addrc <- addr }})
	}()
	return "http://" + (<-addrc).String() + "/api/v1/messages", cancel, served
}

// postMessage sends client i's n-th message to the API and says how it
// came back: refused (no connection), or a problem with the reply ("" for
// a whole 200 with a reply).
func postMessage(client *http.Client, url string, i, n int) (refused bool, problem string) {
	body := fmt.Sprintf(`{"text":"what are the signs of grooming","session":"c%d-%d"}`, i, n)
	res, err := client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return true, ""
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	var reply struct{ Text string }
	if err != nil || res.StatusCode != 200 || json.Unmarshal(b, &reply) != nil || reply.Text == "" {
		return false, fmt.Sprintf("status %d, %d bytes, %v", res.StatusCode, len(b), err)
	}
	return false, ""
}

// serveHandler serves h on a free port with the given grace for shutdown.
// It returns the address, the cancel that stands for SIGTERM, and what
// serveHTTP returns.
func serveHandler(t *testing.T, h http.Handler, grace time.Duration) (addr string, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	served := make(chan error, 1)
	go func() { served <- serveHTTP(ctx, ln, h, slog.New(slog.DiscardHandler), grace) }()
	return ln.Addr().String(), cancel, served
}
