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
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
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
	load(base, messages, clients, time.Second)
	n, lat := load(base, messages, clients, duration)
	slices.Sort(lat)
	rssPeak := procStatus(cmd.Process.Pid, "VmHWM")

	fmt.Printf("| what | figure |\n|---|---|\n")
	fmt.Printf("| machine | %d cores, %s/%s, %s |\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, cpuModel())
	fmt.Printf("| `serve` ready (start to /readyz 200) | %d ms |\n", ready.Milliseconds())
	fmt.Printf("| resident memory when ready | %s |\n", rssReady)
	fmt.Printf("| web API throughput, %d clients, %d messages | %.0f requests/s |\n", clients, len(messages), float64(n)/duration.Seconds())
	fmt.Printf("| web API latency p50 / p99 | %.2f ms / %.2f ms |\n", ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
	fmt.Printf("| peak resident memory under load | %s |\n", rssPeak)
	return nil
}

// load sends messages from clients until d is over; it returns how many
// were answered and each one's latency. Every request is a fresh
// conversation with the API's JSON contract.
func load(base string, messages []string, clients int, d time.Duration) (int, []time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			var mine []time.Duration
			for i := c; ctx.Err() == nil; i += clients {
				body, _ := json.Marshal(map[string]string{"text": messages[i%len(messages)]})
				t := time.Now()
				res, err := client.Post(base+"/api/v1/messages", "application/json", bytes.NewReader(body))
				if err != nil {
					continue
				}
				var reply struct{ Text string }
				err = json.NewDecoder(res.Body).Decode(&reply)
				res.Body.Close()
				if err == nil && res.StatusCode == 200 && ctx.Err() == nil {
					mine = append(mine, time.Since(t))
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return len(all), all
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

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
