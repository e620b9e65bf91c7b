package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// No Docker engine runs in CI, so these tests check what the container,
// compose and systemd files rely on: a static build, and settings that
// the binary knows and the README documents.

// TestStaticBuild checks the binary that .ci/run builds as the Dockerfile
// does (CGO_ENABLED=0 go build -trimpath) and names in HOTLINE_BINARY:
// building the whole binary inside go test took most of a cold run of
// the tests on two cores, so the build is a CI step and this test skips
// without it.
func TestStaticBuild(t *testing.T) {
	out := os.Getenv("HOTLINE_BINARY")
	if out == "" {
		t.Skip("set HOTLINE_BINARY to a binary built with CGO_ENABLED=0 go build -trimpath ./cmd/hotline (.ci/run does)")
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary needs a dynamic loader; the distroless static image has none")
		}
	}
	// It runs with no files around it: the catalog is inside.
	cmd := exec.Command(out, "lint")
	cmd.Dir = t.TempDir()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the static binary cannot lint its own catalog: %v\n%s", err, b)
	}
}

// documentedSettings reads the settings table of the README: flag and env.
func documentedSettings(t *testing.T) (flags, envs []string) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| (`--[a-z-]+`|) *\\| (`[A-Z_]+`|) *\\|")
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		if f := strings.Trim(m[1], "`"); f != "" {
			flags = append(flags, f)
		}
		if e := strings.Trim(m[2], "`"); e != "" {
			envs = append(envs, e)
		}
	}
	return flags, envs
}

func TestSettingsTableMatchesServeHelp(t *testing.T) {
	flags, envs := documentedSettings(t)
	_, _, help := hotline(t, "", "serve", "--help")
	inHelp := regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(help, -1)
	var helpFlags []string
	for _, m := range inHelp {
		helpFlags = append(helpFlags, "--"+m[1])
	}
	for _, f := range helpFlags {
		if !slices.Contains(flags, f) {
			t.Errorf("serve flag %s is not in the README settings table", f)
		}
	}
	for _, f := range flags {
		if !slices.Contains(helpFlags, f) {
			t.Errorf("README documents %s, which serve does not have", f)
		}
	}
	for _, e := range envs {
		if !strings.Contains(help, e) && !envReadByCode(t, e) {
			t.Errorf("README documents %s, which nothing reads", e)
		}
	}
}

// envReadByCode reports whether some Go file of the binary reads the
// environment variable (adapters read theirs outside serve's flags, and
// internal/app the GC's).
func envReadByCode(t *testing.T, name string) bool {
	files, _ := filepath.Glob("*.go")
	app, _ := filepath.Glob("../../internal/app/*.go")
	for _, f := range append(files, app...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		if strings.Contains(string(b), `"`+name+`"`) {
			return true
		}
	}
	return false
}

func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
			Command     []string          `yaml:"command"`
			Ports       []string          `yaml:"ports"`
			Volumes     []string          `yaml:"volumes"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &compose); err != nil {
		t.Fatal(err)
	}
	h, ok := compose.Services["hotline"]
	if !ok || compose.Services["redis"].Command == nil {
		t.Fatalf("compose needs the hotline and redis services: %+v", compose.Services)
	}
	// Replicas sit behind a balancer that publishes the one port; they
	// publish none, and trust only the balancer's network.
	if lb := compose.Services["lb"]; len(lb.Ports) != 1 || len(lb.Volumes) == 0 || len(h.Ports) != 0 {
		t.Errorf("compose needs an lb service publishing one port, and hotline replicas publishing none: lb %+v, hotline ports %v", lb, h.Ports)
	}
	if h.Environment["HOTLINE_TRUSTED_PROXIES"] == "" {
		t.Error("behind the balancer, HOTLINE_TRUSTED_PROXIES must name its network, or every person shares one rate limit")
	}
	if conf, err := os.ReadFile("../../deploy/nginx.conf"); err != nil || !strings.Contains(string(conf), "X-Forwarded-For") || !strings.Contains(string(conf), "server hotline:8080") {
		t.Errorf("deploy/nginx.conf must send to hotline:8080 with X-Forwarded-For: %v", err)
	}
	ignore, err := os.ReadFile("../../.dockerignore")
	if err != nil || !strings.Contains(string(ignore), ".git") || !strings.Contains(string(ignore), "node_modules") || strings.Contains(string(ignore), "resources") && !strings.Contains(string(ignore), "resources/) is embedded") {
		t.Errorf(".dockerignore must leave out .git and node_modules, and keep resources/: %v", err)
	}
	_, envs := documentedSettings(t)
	for k := range h.Environment {
		if !slices.Contains(envs, k) {
			t.Errorf("compose sets %s, which the README does not document", k)
		}
	}
	if !strings.HasPrefix(h.Environment["REDIS_URL"], "redis://redis:") || h.Environment["HOTLINE_SECRET"] == "" {
		t.Errorf("replicas need REDIS_URL pointing at the redis service and a shared HOTLINE_SECRET: %v", h.Environment)
	}
}

func TestDockerfileAndUnit(t *testing.T) {
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CGO_ENABLED=0", "./cmd/hotline", "USER nonroot", "distroless/static"} {
		if !strings.Contains(string(docker), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	unit, err := os.ReadFile("../../deploy/hotline.service")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ExecStart=\S+ serve (.*)$`).FindStringSubmatch(string(unit))
	if m == nil {
		t.Fatal("the unit does not run hotline serve")
	}
	// Followed as written, the unit starts: it names no folder that nothing
	// creates (it restarted every 2 s on a missing resources folder).
	if strings.Contains(m[1], "--resources") {
		t.Errorf("the unit's ExecStart needs a catalog folder: %s", m[1])
	}
	_, _, help := hotline(t, "", "serve", "--help")
	for _, arg := range strings.Fields(m[1]) {
		if strings.HasPrefix(arg, "--") && !strings.Contains(help, "  -"+strings.TrimPrefix(arg, "--")+" ") {
			t.Errorf("the unit passes %s, which serve does not know", arg)
		}
	}
	// Go's soft limit must be under the hard one, or the kernel stops
	// hotline before its GC tries harder.
	max := regexp.MustCompile(`(?m)^MemoryMax=(\d+)M$`).FindStringSubmatch(string(unit))
	soft := regexp.MustCompile(`(?m)^Environment=GOMEMLIMIT=(\d+)MiB$`).FindStringSubmatch(string(unit))
	if max == nil || soft == nil {
		t.Fatal("the unit needs MemoryMax=…M and Environment=GOMEMLIMIT=…MiB")
	}
	hard, _ := strconv.Atoi(max[1])
	limit, _ := strconv.Atoi(soft[1])
	if limit >= hard { // systemd counts M in MiB too
		t.Errorf("GOMEMLIMIT %d MiB is not under MemoryMax %d M", limit, hard)
	}
}

// TestCommandsTableMatchesHelp: every flag the README's commands table
// shows is one the command has, and every command but import and
// generate takes --resources, as the README says.
func TestCommandsTableMatchesHelp(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("(?m)^\\| `hotline ([a-z]+(?: hsds)?)([^`]*)` \\|").FindAllStringSubmatch(string(data), -1)
	if len(rows) < 10 {
		t.Fatalf("found %d rows in the README's commands table", len(rows))
	}
	for _, row := range rows {
		cmd := strings.Fields(row[1])
		_, _, help := hotline(t, "", append(cmd, "--help")...)
		for _, flag := range regexp.MustCompile(`--[a-z-]+`).FindAllString(row[2], -1) {
			if !strings.Contains(help, "  -"+strings.TrimPrefix(flag, "--")) {
				t.Errorf("the README shows hotline %s %s, which it does not have:\n%s", row[1], flag, help)
			}
		}
		if cmd[0] != "import" && cmd[0] != "generate" && !strings.Contains(help, "  -resources") {
			t.Errorf("hotline %s does not take --resources", row[1])
		}
	}
}
