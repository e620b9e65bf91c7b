package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// readyWriter collects output and closes ready once a line holding want
// has been written.
type readyWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	want  string
	ready chan struct{}
	once  sync.Once
}

func (w *readyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.ready) })
	}
	return len(p), nil
}

func (w *readyWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestJSONLogsOnly: with --log-format json, everything serve writes on
// standard error is a JSON line, including what libraries log through
// Go's log package and go-redis's logger (main installs the routing).
func TestJSONLogsOnly(t *testing.T) {
	stderr := &readyWriter{want: "web chat listening", ready: make(chan struct{})}
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: stderr, installLogger: installLogger}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- runEnv(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug"}, env)
	}()
	select {
	case <-stderr.ready:
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, stderr.String())
	}

	// A library writing to Go's log package, and go-redis warning (it
	// logs a duration it truncates before it tries to connect).
	log.Print("a line from a library")
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 50 * time.Millisecond})
	rdb.Set(context.Background(), "k", "v", 500*time.Microsecond)
	rdb.Close()

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d", code)
	}
	out := stderr.String()
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("not a JSON line: %q", sc.Text())
		}
	}
	for _, want := range []string{`"msg":"a line from a library"`, `"level":"DEBUG","msg":"redis: specified duration`} {
		if !strings.Contains(out, want) {
			t.Errorf("standard error lacks %s:\n%s", want, out)
		}
	}
}
