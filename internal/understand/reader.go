package understand

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"github.com/hotline-org/hotline/internal/textfold"
)

// ExamplesDir is the catalog folder of labelled messages the models learn
// from (the corpus's train split). A catalog without it reads nothing.
const ExamplesDir = "examples"

// Urgent is the danger model's label for "any danger now": it pools the
// evidence of every kind of danger, so a message that is plainly urgent
// but unlike any one kind's examples still counts.
const Urgent = "urgent"

// Thresholds are the probabilities from which a model's guess counts.
// They were set on the dev split (docs/evaluation.md), recall first for
// danger: a missed urgent message costs more than a false alarm.
type Thresholds struct {
	Topic float64 // a topic counts from here
	// Lean: a topic the message leans to from here. Once a message is
	// known to be about harm, the harm it leans to most picks the line
	// placed first, even below Topic.
	Lean   float64
	Urgent float64 // a message is urgent from here
}

// DefaultThresholds are those measured on the dev split.
func DefaultThresholds() Thresholds { return Thresholds{Topic: 0.06, Lean: 0.05, Urgent: 0.20} }

// Guess is one label and its probability.
type Guess struct {
	Label string
	P     float64
}

// Reading is what the models read in one message.
type Reading struct {
	Topics []Guess // the topics that count, most likely first
	// Leaning are the topics the message leans to (Thresholds.Lean), most
	// likely first: Topics and the ones not sure enough to count.
	Leaning []Guess
	// All is every topic's probability, in the topic model's order: for a
	// caller that watches one topic below Lean.
	All []Guess
	// Danger is the most likely kind of danger; P is the probability of
	// any danger now. Urgent tells whether it reaches the threshold.
	Danger Guess
	Urgent bool
}

// TopicIDs lists the topics of r, most likely first.
func (r Reading) TopicIDs() []string { return labelsOf(r.Topics) }

// LeaningIDs lists the topics r leans to, most likely first.
func (r Reading) LeaningIDs() []string { return labelsOf(r.Leaning) }

func labelsOf(gs []Guess) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Label
	}
	return out
}

// Reader reads messages with models learned from examples. The zero value
// and a nil *Reader read nothing. It is safe for concurrent use.
type Reader struct {
	topics     *Model      // nil without topic examples
	danger     *Model      // labels: Urgent, then the categories; nil without danger examples
	near       *neighbours // the danger examples; nil without them
	thresholds Thresholds
}

// touched is what the topic model learns for a topic a message touches
// beside the one it is about (its first): half a yes. The main topic then
// reads first, which decides the line a person gets first, and the others
// still count. On the dev split the main harm topic read first went from
// 75% to 78%, the main topic from 59% to 69%.
const touched = 0.5

// Learn trains a Reader on examples.
func Learn(examples []Example, known Labels, th Thresholds) *Reader {
	r := &Reader{thresholds: th}
	opt := TrainOptions{}.withDefaults()
	var topicTargets, dangerTargets [][]float64
	dangerLabels := append([]string{Urgent}, known.Dangers...)
	// Both models read the same words: each example is hashed once.
	h := hashAll(foldAll(examples), opt.Buckets)
	var topicRows, dangerRows []int32
	for i, e := range examples {
		if e.Topics != nil {
			target := make([]float64, len(known.Topics))
			for i, t := range known.Topics {
				switch j := slices.Index(e.Topics, t); {
				case j == 0:
					target[i] = 1
				case j > 0:
					target[i] = touched
				}
			}
			topicTargets = append(topicTargets, target)
			topicRows = append(topicRows, int32(i))
		}
		if e.Danger != "" {
			target := make([]float64, len(dangerLabels))
			if e.Danger != DangerNone {
				target[0] = 1
			}
			for i, d := range known.Dangers {
				if e.Danger == d {
					target[i+1] = 1
				}
			}
			dangerTargets = append(dangerTargets, target)
			dangerRows = append(dangerRows, int32(i))
		}
	}
	// The two models learn side by side: start-up waits for the slower.
	var wg sync.WaitGroup
	if len(topicTargets) > 0 {
		wg.Go(func() { r.topics = train(known.Topics, topicTargets, h, topicRows, opt) })
	}
	if len(dangerTargets) > 0 {
		wg.Go(func() { r.danger = train(dangerLabels, dangerTargets, h, dangerRows, opt) })
		wg.Go(func() {
			yes := make([]bool, len(dangerTargets))
			for i, t := range dangerTargets {
				yes[i] = t[0] == 1
			}
			r.near = newNeighbours(h, dangerRows, yes, opt.Buckets)
		})
	}
	wg.Wait()
	return r
}

// foldAll folds the examples' texts on every processor: folding is a
// tenth of learning.
func foldAll(examples []Example) []string {
	out := make([]string, len(examples))
	inParallel(len(examples), func() func(int) {
		return func(i int) { out[i] = textfold.Fold(examples[i].Text) }
	})
	return out
}

// LoadAndLearn reads the examples in fsys's ExamplesDir and learns from
// them, whatever SavedFile holds. LoadSaved is ten times faster where the
// saved Reader is up to date.
func LoadAndLearn(fsys fs.FS, known Labels, th Thresholds) (*Reader, error) {
	examples, err := LoadExamples(fsys, ExamplesDir, known)
	if err != nil {
		return nil, fmt.Errorf("understand: %w", err)
	}
	return Learn(examples, known, th), nil
}

// WithThresholds returns a Reader with the same models and other
// thresholds: for tuning them without learning again.
func (r *Reader) WithThresholds(th Thresholds) *Reader {
	if r == nil {
		return nil
	}
	c := *r
	c.thresholds = th
	return &c
}

// Read reads a folded message.
func (r *Reader) Read(folded string) Reading {
	var out Reading
	if r == nil {
		return out
	}
	if r.topics != nil {
		scores := r.topics.Scores(folded)
		out.All = make([]Guess, len(scores))
		for i, p := range scores {
			out.All[i] = Guess{r.topics.labels[i], p}
			if p >= r.thresholds.Lean {
				out.Leaning = append(out.Leaning, out.All[i])
			}
		}
		slices.SortStableFunc(out.Leaning, func(a, b Guess) int { return cmp.Compare(b.P, a.P) })
		for _, g := range out.Leaning {
			if g.P < r.thresholds.Topic {
				break
			}
			out.Topics = append(out.Topics, g)
		}
	}
	if r.danger != nil {
		s := r.danger.Scores(folded)
		out.Danger.P = (1-neighboursWeight)*s[0] + neighboursWeight*r.near.urgent(folded)
		best := 1
		for i := 2; i < len(s); i++ {
			if s[i] > s[best] {
				best = i
			}
		}
		out.Danger.Label = r.danger.labels[best]
		out.Urgent = out.Danger.P >= r.thresholds.Urgent
	}
	return out
}

// DangerVotes returns what Reading.Danger.P blends for a folded message:
// the danger model's probability of danger now, and the share of urgent
// messages among the examples most like it (see neighbours).
func (r *Reader) DangerVotes(folded string) (model, examples float64) {
	if r == nil || r.danger == nil {
		return 0, 0
	}
	return r.danger.Scores(folded)[0], r.near.urgent(folded)
}

// Explain lists, for label (a topic, Urgent or a kind of danger), the
// features of a folded message that moved the model towards it most.
func (r *Reader) Explain(folded, label string, n int) []Contribution {
	if r == nil {
		return nil
	}
	for _, m := range []*Model{r.topics, r.danger} {
		if m != nil && slices.Contains(m.labels, label) {
			return m.Explain(folded, label, n)
		}
	}
	return nil
}
