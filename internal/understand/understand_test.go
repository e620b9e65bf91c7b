package understand

import (
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/resources"
)

var known = Labels{Topics: []string{"labor-trafficking", "sextortion", "crisis"}, Dangers: []string{"captivity", "suicide"}}

// TestReadExamplesErrors: every bad line is reported with its file and
// line, and the good ones are kept.
func TestReadExamplesErrors(t *testing.T) {
	f, err := os.Open("testdata/broken.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadExamples(f, "broken.jsonl", known)
	if len(got) != 1 || got[0].Text != "he took my passport" {
		t.Errorf("kept %v, want the one good line", got)
	}
	want := []string{
		`broken.jsonl:2: unknown topic "trafic"`,
		"broken.jsonl:3: invalid character",
		"broken.jsonl:4: more than one JSON value on the line",
		"broken.jsonl:5: no text",
		"broken.jsonl:6: no labels",
		`broken.jsonl:7: unknown danger "nearby"`,
		`broken.jsonl:8: json: unknown field "mood"`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("error %d = %q, want it to start %q", i+1, lines[i], w)
		}
	}
}

// toy is a small labelled set: the model must learn it, and read a typo
// of a word it learned through the word's pieces.
func toy() []Example {
	var out []Example
	add := func(text string, topics []string, danger string) {
		out = append(out, Example{Text: text, Topics: topics, Danger: danger})
	}
	for _, s := range []string{"my boss took my passport", "the boss keeps our passports and pay", "boss has my passport and i owe him", "they took our passports at the farm"} {
		add(s, []string{"labor-trafficking"}, "none")
	}
	for _, s := range []string{"he says he will post my pics unless i pay", "someone wants money or he shares my photos", "pay him or the pics go to my school", "he recorded me and wants gift cards"} {
		add(s, []string{"sextortion"}, "none")
	}
	for _, s := range []string{"they locked me in the room", "i am locked inside and cant get out", "the door is locked from outside", "locked in the basement help"} {
		add(s, []string{}, "captivity")
	}
	for _, s := range []string{"i want to end it tonight", "i dont want to be alive", "going to end my life", "i want to die tonight"} {
		add(s, []string{"crisis"}, "suicide")
	}
	for _, s := range []string{"hello there", "thanks a lot", "what time is it", "good morning", "nice weather today", "ok cool"} {
		add(s, []string{}, "none")
	}
	return out
}

func TestReaderLearns(t *testing.T) {
	// A set this small is learned with little confidence: the order is what counts.
	r := Learn(toy(), known, Thresholds{Topic: 0.3, Urgent: 0.5})
	tests := []struct {
		text   string
		topic  string // "" for none
		urgent string // "" for not urgent
	}{
		{"the boss took my passport", "labor-trafficking", ""},
		{"he wants money or he posts my pics", "sextortion", ""},
		{"they locked me inside", "", "captivity"},
		{"i want to die", "crisis", "suicide"},
		{"the boss keeps my pasports", "labor-trafficking", ""}, // a typo, through its pieces
		{"good morning", "", ""},
	}
	for _, tt := range tests {
		got := r.Read(textfold.Fold(tt.text))
		topics := got.TopicIDs()
		if tt.topic != "" && (len(topics) == 0 || topics[0] != tt.topic) {
			t.Errorf("%q: topics %v, want %s first", tt.text, got.Topics, tt.topic)
		}
		if tt.topic == "" && len(topics) > 0 {
			t.Errorf("%q: topics %v, want none", tt.text, got.Topics)
		}
		if tt.urgent != "" && (!got.Urgent || got.Danger.Label != tt.urgent) {
			t.Errorf("%q: danger %+v urgent=%v, want %s", tt.text, got.Danger, got.Urgent, tt.urgent)
		}
		if tt.urgent == "" && got.Urgent {
			t.Errorf("%q: urgent (%+v), want not", tt.text, got.Danger)
		}
	}
}

// TestTrainIsDeterministic: the same examples give the same model, so a
// start-up learns what the tests measured.
// TestMainTopicReadsFirst: a topic a message only touches (its second
// label) is learned as half a yes, so the one it is about reads first
// where the two always come together; Leaning keeps the topics too weak to
// count.
func TestMainTopicReadsFirst(t *testing.T) {
	var examples []Example
	for _, s := range []string{"my boss took my passport and my visa", "the boss keeps our passports, visa expired", "boss has my passport, i am on a work visa", "they took our passports, our visas are fake"} {
		examples = append(examples, Example{Text: s, Topics: []string{"labor-trafficking", "immigration"}, Danger: "none"})
	}
	for _, s := range []string{"hello there", "thanks a lot", "what time is it", "good morning", "nice weather today", "ok cool"} {
		examples = append(examples, Example{Text: s, Topics: []string{}, Danger: "none"})
	}
	// immigration listed first: learned alike, it would read first.
	withImmigration := Labels{Topics: append([]string{"immigration"}, known.Topics...), Dangers: known.Dangers}
	r := Learn(examples, withImmigration, Thresholds{Topic: 0.3, Lean: 0.01, Urgent: 0.5})
	got := r.Read(textfold.Fold("my visa, the boss took my passport"))
	if ids := got.TopicIDs(); len(ids) == 0 || ids[0] != "labor-trafficking" {
		t.Fatalf("topics %v, want labor-trafficking first", got.Topics)
	}
	lean := got.LeaningIDs()
	if len(lean) <= len(got.Topics) || !slices.Equal(lean[:len(got.Topics)], got.TopicIDs()) {
		t.Errorf("leaning %v: want the topics that count %v first, then more", got.Leaning, got.Topics)
	}
	for _, g := range got.Leaning {
		if g.P < 0.01 {
			t.Errorf("leaning %v holds %s under the threshold", got.Leaning, g.Label)
		}
	}
}

// TestTrainIsDeterministic: the same examples give the same weights, on
// one processor or several (labels learn in parallel).
func TestTrainIsDeterministic(t *testing.T) {
	a := Learn(toy(), known, DefaultThresholds())
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := Learn(toy(), known, DefaultThresholds())
	if !slices.Equal(a.topics.weights, b.topics.weights) || !slices.Equal(a.danger.weights, b.danger.weights) {
		t.Error("two trainings on the same examples differ")
	}
}

// TestExplain names the features that made a topic, strongest first.
func TestExplain(t *testing.T) {
	r := Learn(toy(), known, DefaultThresholds())
	got := r.Explain(textfold.Fold("boss took my passport"), "labor-trafficking", 5)
	if len(got) == 0 {
		t.Fatal("no features")
	}
	for i := 1; i < len(got); i++ {
		if got[i].Weight > got[i-1].Weight {
			t.Errorf("not strongest first: %v", got)
		}
	}
	if !slices.ContainsFunc(got, func(c Contribution) bool {
		return strings.Contains(c.Feature, "passport") || strings.Contains(c.Feature, "boss") || strings.Contains(c.Feature, "pass")
	}) {
		t.Errorf("features %v do not name the message's telling words", got)
	}
	if r.Explain("x", "no-such-label", 3) != nil {
		t.Error("an unknown label explained")
	}
	var none *Reader
	if none.Explain("x", "crisis", 3) != nil || len(none.Read("x").Topics) != 0 {
		t.Error("a nil Reader read something")
	}
}

// BenchmarkLearnBuiltIn measures learning from the built-in examples,
// which serve does once at start-up.
func BenchmarkLearnBuiltIn(b *testing.B) {
	examples, err := LoadExamples(resources.FS(), ExamplesDir, builtInLabels(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(examples)), "examples")
	for b.Loop() {
		Learn(examples, builtInLabels(b), DefaultThresholds())
	}
}

// builtInLabels are the built-in catalog's topics and triage categories,
// read from the files so that this package needs neither.
func builtInLabels(b testing.TB) Labels {
	b.Helper()
	var l Labels
	data, err := fs.ReadFile(resources.FS(), "topics.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`\{id: ([a-z-]+),`).FindAllStringSubmatch(string(data), -1) {
		l.Topics = append(l.Topics, m[1])
	}
	slices.Sort(l.Topics)
	l.Topics = slices.Compact(l.Topics) // the warning-sign groups share some ids
	l.Dangers = []string{"captivity", "violence", "outside", "suicide", "medical"}
	return l
}

// TestNeighbours: the examples most like a message vote by their labels
// and likeness; a message that shares no indexed word with any example
// gets no vote, and the same message always gets the same one.
func TestNeighbours(t *testing.T) {
	var texts []string
	var yes []bool
	add := func(text string, urgent bool) {
		texts = append(texts, textfold.Fold(text))
		yes = append(yes, urgent)
	}
	for _, s := range []string{"they stabbed my friend in the park where we sleep", "my friend got stabbed behind the station", "a man stabbed my brother outside"} {
		add(s, true)
	}
	for _, s := range []string{"we watched a movie where someone got stabbed", "history class essay about a stabbing in 1920", "my friend and i sleep in the park in summer for fun"} {
		add(s, false)
	}
	// Enough calm filler that no word above is in a tenth of the examples.
	for i := range 60 {
		add("weather report number "+string(rune('a'+i%26))+string(rune('a'+i/26)), false)
	}
	rows := make([]int32, len(texts))
	for i := range rows {
		rows[i] = int32(i)
	}
	const buckets = 1 << 16
	n := newNeighbours(hashAll(texts, buckets), rows, yes, buckets)
	urgentVote := n.urgent(textfold.Fold("they stabbed my friend in the park"))
	calmVote := n.urgent(textfold.Fold("an essay for history class about a stabbing"))
	if urgentVote <= 0.5 || calmVote >= 0.5 {
		t.Errorf("votes: like the urgent examples %.2f, like the calm ones %.2f", urgentVote, calmVote)
	}
	if v := n.urgent(textfold.Fold("zebra xylophone")); v != 0 {
		t.Errorf("a message like no example got %.2f", v)
	}
	if again := n.urgent(textfold.Fold("they stabbed my friend in the park")); again != urgentVote {
		t.Errorf("the same message voted %.3f, then %.3f", urgentVote, again)
	}
}
