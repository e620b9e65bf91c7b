package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// hotline runs the command in process and returns its exit code and output.
func hotline(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

type askJSON struct {
	Query     string `json:"query"`
	Language  string `json:"language"`
	Urgent    bool   `json:"urgent"`
	Text      string `json:"text"`
	Resources []struct {
		ID       string `json:"id"`
		Kind     string `json:"kind"`
		Contacts []struct {
			Type, Value string
		} `json:"contacts"`
		DistanceKM *float64 `json:"distance_km"`
		Score      float64  `json:"score"`
	} `json:"resources"`
}

func TestAskJSON(t *testing.T) {
	code, out, errs := hotline(t, "", "ask", "--json", "someone is making me work and won't let me leave")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got askJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if got.Query != "someone is making me work and won't let me leave" || got.Language != "en" || got.Text == "" {
		t.Errorf("query %q language %q", got.Query, got.Language)
	}
	found := false
	for _, r := range got.Resources[:min(3, len(got.Resources))] {
		found = found || r.ID == "us-national-human-trafficking-hotline"
	}
	if !found {
		t.Errorf("the National Human Trafficking Hotline is not in the top 3: %s", out)
	}
}

func TestAskText(t *testing.T) {
	code, out, _ := hotline(t, "", "ask", "--lang", "es", "--near", "Dallas, TX", "necesito", "un", "refugio")
	if code != 0 || !strings.Contains(out, "Dallas") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestAskJSONLines(t *testing.T) {
	in := "he has my nudes\n\nme quiero morir\nwhat are signs of grooming\n"
	code, out, errs := hotline(t, in, "ask", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var got []askJSON
	for sc.Scan() {
		var a askJSON
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", len(got)+1, err)
		}
		got = append(got, a)
	}
	if len(got) != 4 {
		t.Fatalf("%d lines out for 4 in", len(got))
	}
	if got[0].Query != "he has my nudes" || got[2].Query != "me quiero morir" || !got[2].Urgent || got[2].Language != "es" {
		t.Errorf("out of order or wrong: %+v", got)
	}
	// Each line is a fresh conversation: the third is not "more" of the first.
	if got[1].Query != "" || got[1].Text == "" {
		t.Errorf("an empty line gets a reply too: %+v", got[1])
	}
}

func TestAskUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"ask"}, {"ask", "--audience", "parents", "hi"}, {"ask", "--nope", "hi"}, {"nosuchcommand"}} {
		if code, _, errs := hotline(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestListJSON(t *testing.T) {
	code, out, _ := hotline(t, "", "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var list []struct {
		ID, Kind, Source, Verified string
		Areas, Topics, Languages   []string
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range list {
		counts[r.Kind]++
		if r.Source == "" || r.Verified == "" || len(r.Areas) == 0 || len(r.Topics) == 0 || r.Languages == nil {
			t.Errorf("%s lacks catalog fields: %+v", r.ID, r)
		}
	}
	// The catalog minimums.
	for kind, min := range map[string]int{"hotline": 25, "warning-sign": 30, "guide": 12, "service": 20} {
		if counts[kind] < min {
			t.Errorf("%d %s resources, want at least %d", counts[kind], kind, min)
		}
	}
}

func TestLint(t *testing.T) {
	if code, out, errs := hotline(t, "", "lint", "../../resources"); code != 0 {
		t.Fatalf("the catalog does not lint: exit %d\n%s%s", code, out, errs)
	}
	// A copy of the catalog with one broken file fails with its line.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../resources")); err != nil {
		t.Fatal(err)
	}
	broken, err := os.ReadFile("testdata/broken-hotline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "hotlines", "broken-hotline.yaml"), broken, 0o644)
	code, out, _ := hotline(t, "", "lint", dir)
	if code != 1 || !strings.Contains(out, "hotlines/broken-hotline.yaml:12:12: phone") {
		t.Errorf("exit %d, want 1 with the phone error at 12:12:\n%s", code, out)
	}
	// --resources DIR, as every command takes, says the same.
	if code, out2, errs := hotline(t, "", "lint", "--resources", dir); code != 1 || out2 != out {
		t.Errorf("lint --resources: exit %d, %s%s", code, out2, errs)
	}
	code, out, _ = hotline(t, "", "lint", "--json", dir)
	var diags []struct {
		File, Message, Severity string
		Line, Col               int
	}
	if err := json.Unmarshal([]byte(out), &diags); err != nil || code != 1 || len(diags) == 0 || diags[0].Line != 12 {
		t.Errorf("--json: exit %d, %v, %+v", code, err, diags)
	}
	if code, _, _ := hotline(t, "", "lint", "/no/such/dir"); code != 2 {
		t.Errorf("a missing folder: exit %d, want 2", code)
	}

	// The bot's own files are checked too: a triage example with a
	// category the rules do not have, a message file missing a key.
	os.Remove(filepath.Join(dir, "hotlines", "broken-hotline.yaml"))
	os.WriteFile(filepath.Join(dir, "examples", "zz.jsonl"), []byte("{\"text\": \"hi\", \"danger\": \"none\"}\n{\"text\": \"he is outside\", \"danger\": \"nearby\"}\n"), 0o644)
	code, out, _ = hotline(t, "", "lint", dir)
	if code != 1 || !strings.Contains(out, "examples/zz.jsonl:2:1: unknown danger \"nearby\"") {
		t.Errorf("broken triage example: exit %d, want 1 naming it:\n%s", code, out)
	}
}

func TestStaleAndCoverage(t *testing.T) {
	code, out, _ := hotline(t, "", "stale", "--days", "0", "--json")
	var stale []struct{ ID, Verified, Source string }
	if err := json.Unmarshal([]byte(out), &stale); code != 0 || err != nil || len(stale) == 0 {
		t.Fatalf("stale --days 0: exit %d, %v, %d entries", code, err, len(stale))
	}
	for i := 1; i < len(stale); i++ {
		if stale[i].Verified < stale[i-1].Verified {
			t.Errorf("not oldest first: %s before %s", stale[i-1].Verified, stale[i].Verified)
		}
	}
	if code, out, _ := hotline(t, "", "stale", "--days", "100000", "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("nothing is 100000 days old: %d %q", code, out)
	}
	code, out, _ = hotline(t, "", "coverage", "--json")
	var cov []struct {
		Area            string
		Local, National []string
	}
	if err := json.Unmarshal([]byte(out), &cov); code != 0 || err != nil {
		t.Fatalf("coverage: exit %d, %v", code, err)
	}
	areas := map[string]bool{}
	for _, a := range cov {
		areas[a.Area] = true
	}
	for _, want := range []string{"US", "US-TX", "US-WY", "GB", "CA", "MX"} {
		if !areas[want] {
			t.Errorf("coverage lacks %s", want)
		}
	}
}

// TestHSDSRoundTrip exports the catalog as HSDS, imports it back into
// catalog files that lint clean, and serves a generated directory.
func TestHSDSRoundTrip(t *testing.T) {
	dir := t.TempDir()
	pkg, out := filepath.Join(dir, "hsds"), filepath.Join(dir, "catalog")
	if code, _, errs := hotline(t, "", "export", "hsds", pkg); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	code, report, errs := hotline(t, "", "import", "hsds", pkg, "--out", out)
	if code != 0 || !strings.Contains(report, "0 skipped") {
		t.Fatalf("import: %d %s %s", code, report, errs)
	}
	if code, lint, _ := hotline(t, "", "lint", out); code != 0 {
		t.Fatalf("the imported catalog does not lint: %s", lint)
	}
	code, out2, _ := hotline(t, "", "ask", "--resources", out, "--json", "trafficking hotline")
	if code != 0 || !strings.Contains(out2, "us-national-human-trafficking-hotline") {
		t.Errorf("the imported catalog does not answer: %d %.200s", code, out2)
	}
}

// TestHSDSImportMalformed: a malformed directory is refused with its file
// and row, and nothing is written.
func TestHSDSImportMalformed(t *testing.T) {
	dir := t.TempDir()
	pkg, out := filepath.Join(dir, "hsds"), filepath.Join(dir, "catalog")
	if code, _, _ := hotline(t, "", "generate", "hsds", "20", pkg); code != 0 {
		t.Fatal("generate failed")
	}
	services := filepath.Join(pkg, "services.csv")
	data, _ := os.ReadFile(services)
	lines := strings.SplitN(string(data), "\n", 3)
	os.WriteFile(services, []byte(lines[0]+"\n"+lines[1]+"\n\"unclosed,quote\n"+lines[2]), 0o644)
	code, _, errs := hotline(t, "", "import", "hsds", pkg, "--out", out)
	if code != 1 || !strings.Contains(errs, "services.csv:") {
		t.Errorf("malformed input: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a malformed import wrote a catalog")
	}
}

// TestAskExplain: --explain names the rules, the vocabulary and the model
// features behind a reply.
func TestAskExplain(t *testing.T) {
	code, out, errOut := hotline(t, "", "ask", "--explain", "my boyfriend makes me sleep with his friends for rent and he is outside rn")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Why:",
		"triage rules: pattern outside: he is outside",
		"danger model: ",
		`vocabulary: sex-trafficking from "makes me sleep with"`,
		"topic model: sex-trafficking 0.",
		"it weighed ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain lacks %q:\n%s", want, out)
		}
	}
}

// TestHelpExitsZero: --help on any command prints its usage and exits 0;
// a flag it does not have is still a usage error (2).
func TestHelpExitsZero(t *testing.T) {
	for _, args := range [][]string{{"serve"}, {"chat"}, {"ask"}, {"list"}, {"lint"}, {"stale"}, {"coverage"},
		{"import"}, {"import", "hsds"}, {"export"}, {"export", "hsds"}, {"generate"}, {"generate", "hsds"}} {
		for _, help := range []string{"--help", "-h"} {
			code, _, stderr := hotline(t, "", append(args, help)...)
			if code != 0 || !strings.Contains(stderr, "Usage") {
				t.Errorf("hotline %s %s: exit %d, %q", strings.Join(args, " "), help, code, stderr)
			}
		}
	}
	if code, _, _ := hotline(t, "", "list", "--no-such-flag"); code != 2 {
		t.Errorf("an unknown flag: exit %d, want 2", code)
	}
}

// TestREADMEAskExample: the README's `ask --json` example has the fields
// ask --json prints, everywhere, and the real first resource and contacts
// for its query (texts it shortens to "…", the score and the answer
// policy's words aside).
func TestREADMEAskExample(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(data), "### `ask --json`")
	_, block, _ := strings.Cut(after, "```json\n")
	block, _, _ = strings.Cut(block, "```")
	var want map[string]any
	if err := json.Unmarshal([]byte(block), &want); err != nil {
		t.Fatalf("the README's example is not JSON: %v", err)
	}
	code, out, errs := hotline(t, "", "ask", "--json", want["query"].(string))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	sameKeys := func(what string, a, b map[string]any) {
		for k := range a {
			if _, ok := b[k]; !ok {
				t.Errorf("%s: the README shows %q, which ask --json does not print", what, k)
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok {
				t.Errorf("%s: ask --json prints %q, which the README does not show", what, k)
			}
		}
	}
	sameKeys("reply", want, got)
	gotRes, _ := got["resources"].([]any)
	if len(gotRes) == 0 {
		t.Fatalf("ask --json %q found nothing", want["query"])
	}
	wr, gr := want["resources"].([]any)[0].(map[string]any), gotRes[0].(map[string]any)
	sameKeys("resource", wr, gr)
	for _, k := range []string{"id", "kind", "name", "url"} {
		if wr[k] != gr[k] {
			t.Errorf("resource %s: README %v, ask --json %v", k, wr[k], gr[k])
		}
	}
	gotContacts, _ := gr["contacts"].([]any)
	for i, wc := range wr["contacts"].([]any) {
		if i >= len(gotContacts) {
			t.Errorf("the README shows %d contacts, ask --json prints %d", len(wr["contacts"].([]any)), len(gotContacts))
			break
		}
		gc := gotContacts[i].(map[string]any)
		sameKeys(fmt.Sprintf("contact %d", i+1), wc.(map[string]any), gc)
		for k, v := range wc.(map[string]any) {
			if gc[k] != v {
				t.Errorf("contact %d %s: README %v, ask --json %v", i+1, k, v, gc[k])
			}
		}
	}
	// Actions and footer are the answer policy's, which changes; their
	// shape is checked, not their words.
	for _, list := range []string{"actions", "lead", "footer", "blocks"} {
		if reflect.TypeOf(want[list]) != reflect.TypeOf(got[list]) && got[list] != nil {
			t.Errorf("%s: README %T, ask --json %T", list, want[list], got[list])
		}
	}
	sameKeys("action", want["actions"].([]any)[0].(map[string]any), got["actions"].([]any)[0].(map[string]any))
}

// TestLintBotFilesHaveLines: an error in the triage rules or a message
// file is reported at its line, not at 0:0.
func TestLintBotFilesHaveLines(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../resources")); err != nil {
		t.Fatal(err)
	}
	triage := filepath.Join(dir, "triage.yaml")
	data, err := os.ReadFile(triage)
	if err != nil {
		t.Fatal(err)
	}
	// Break the first pattern of the file: an unclosed group.
	lines := strings.Split(string(data), "\n")
	broken := 0
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "- (") {
			lines[i] = strings.Replace(l, "- (", "- ((", 1)
			broken = i + 1
			break
		}
	}
	if err := os.WriteFile(triage, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := hotline(t, "", "lint", dir)
	if want := fmt.Sprintf("triage.yaml:%d:", broken); code != 1 || !strings.Contains(out, want) || strings.Contains(out, ":0:0:") {
		t.Errorf("a broken triage rule at line %d: exit %d, want %q in:\n%s", broken, code, want, out)
	}
}
