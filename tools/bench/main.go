// Command bench measures hotline as its operators see it: how fast `serve`
// is ready, how much memory it holds, and how many web API requests a
// second it answers under a local load, with what latency.
//
//	go run ./tools/bench [-duration 10s] [-clients 32]
//
// It builds the binary, runs it on a free local port with the built-in
// catalog, and prints a Markdown table for docs/benchmarks.md. Load goes
// to 127.0.0.1 only.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

func main() {
	duration := flag.Duration("duration", 10*time.Second, "how long to send load")
	clients := flag.Int("clients", 32, "concurrent clients")
	flag.Parse()
	if err := run(*duration, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(duration time.Duration, clients int) error {
	dir, err := os.MkdirTemp("", "hotline-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "hotline")
	build := exec.Command("go", "build", "-o", bin, "./cmd/hotline")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	messages, err := readMessages("internal/search/testdata/relevance.yaml")
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	start := time.Now()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--client-rate", "0", "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Since(start) > 30*time.Second {
			return fmt.Errorf("serve was not ready in 30 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	ready := time.Since(start)
	rssReady := procStatus(cmd.Process.Pid, "VmRSS")

	// Warm up, then load.
	if _, _, err := load(addr, messages, clients, time.Second); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	cpu0 := cpuTime(cmd.Process.Pid)
	n, lat, err := load(addr, messages, clients, duration)
	serverCPU := cpuTime(cmd.Process.Pid) - cpu0
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	slices.Sort(lat)
	rssPeak := procStatus(cmd.Process.Pid, "VmHWM")

	fmt.Printf("| what | figure |\n|---|---|\n")
	fmt.Printf("| machine | %d cores, %s/%s, %s |\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, cpuModel())
	fmt.Printf("| `serve` ready (start to /readyz 200) | %d ms |\n", ready.Milliseconds())
	fmt.Printf("| resident memory when ready | %s |\n", rssReady)
	fmt.Printf("| web API throughput, %d clients, %d messages | %.0f requests/s |\n", clients, len(messages), float64(n)/duration.Seconds())
	fmt.Printf("| web API latency p50 / p99 | %.2f ms / %.2f ms |\n", ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
	fmt.Printf("| server CPU per request (the rest of the two cores ran the load) | %.3f ms: %.0f requests/s per core |\n", ms(serverCPU)/float64(n), float64(n)/serverCPU.Seconds())
	fmt.Printf("| peak resident memory under load | %s |\n", rssPeak)
	return nil
}

// load sends messages from clients until d is over; it returns how many
// were answered and each one's latency. Every request is a fresh
// conversation with the API's JSON contract.
//
// Each client keeps one HTTP/1.1 connection and writes requests prepared
// in advance, reading responses with net/http's own parser, as wrk does:
// the load shares the cores with the server, and net/http's client costs
// several times more CPU a request.
func load(addr string, messages []string, clients int, d time.Duration) (int, []time.Duration, error) {
	requests := make([][]byte, len(messages))
	for i, m := range messages {
		body, err := json.Marshal(map[string]string{"text": m})
		if err != nil {
			return 0, nil, err
		}
		requests[i] = fmt.Appendf(nil, "POST /api/v1/messages HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, len(body), body)
	}
	deadline := time.Now().Add(d)
	var mu sync.Mutex
	var all []time.Duration
	var errs []error
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			mine, err := client(addr, requests, c, clients, deadline)
			mu.Lock()
			defer mu.Unlock()
			all = append(all, mine...)
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return len(all), all, errors.Join(errs...)
}

// client sends every step-th request from first on one connection until
// deadline, and returns the latency of each answered one.
func client(addr string, requests [][]byte, first, step int, deadline time.Time) ([]time.Duration, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	var lat []time.Duration
	for i := first; time.Now().Before(deadline); i += step {
		t := time.Now()
		if _, err := conn.Write(requests[i%len(requests)]); err != nil {
			return lat, err
		}
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			return lat, err
		}
		n, err := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil {
			return lat, err
		}
		if res.StatusCode != http.StatusOK || n == 0 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			return lat, fmt.Errorf("status %d, %d bytes of %s", res.StatusCode, n, res.Header.Get("Content-Type"))
		}
		lat = append(lat, time.Since(t))
	}
	return lat, nil
}

func readMessages(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("run from the repository root: %w", err)
	}
	var set struct {
		Cases []struct {
			Text string `yaml:"text"`
		} `yaml:"cases"`
	}
	if err := yaml.Unmarshal(data, &set); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range set.Cases {
		out = append(out, c.Text)
	}
	return out, nil
}

func procStatus(pid int, field string) string {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "n/a"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			var kb int
			fmt.Sscan(v, &kb)
			return fmt.Sprintf("%.1f MB", float64(kb)/1024)
		}
	}
	return "n/a"
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimLeft(v, "\t :"))
		}
	}
	return "unknown CPU"
}

// cpuTime is the user and system CPU time process pid has used.
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	_, rest, _ := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	var utime, stime int64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// clockTicks is the kernel's USER_HZ, the unit of /proc CPU times: 100 on
// every Linux platform Go runs on.
const clockTicks = 100

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
