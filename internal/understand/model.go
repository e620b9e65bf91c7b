// Package understand learns what messages are about from labelled
// examples: which topics a message touches and whether it signals danger
// now. The catalog's rules and vocabulary catch the phrasings someone wrote
// down; a learned model weighs every word, word pair and piece of a word it
// has seen, so it also reads messages worded in ways nobody listed, and
// typos ("sextorshun", "traficking") share most of their pieces with the
// words they miss.
package understand

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Model is a linear classifier with one logistic output per label (a
// message may have several labels) over hashed features of folded text.
// It is safe for concurrent use once trained.
//
// Weights are laid out feature by feature, all labels of a feature side
// by side, so that scoring a message reads one short run of memory per
// feature.
//
// A feature counts by how rare it is among the examples learned from
// (its inverse document frequency): "the" and "i" say little about what
// a message is about, and weighed as much as "passport" they learned how
// a kind of writer writes. Each message's features are then scaled to a
// length of one, so long messages weigh no more than short ones.
//
// A label's weights are kept in 16 bits, as multiples of its scale (its
// largest weight over 32,767): a score moves by less than a thousandth,
// the weights take half the memory, and a Reader saved ahead of time
// (SavedFile) reads exactly as the one learned.
type Model struct {
	labels  []string
	buckets uint32
	weights []int16   // buckets × len(labels), each times its bucket's idf, in its label's scale
	scale   []float32 // by label
	bias    []float32 // by label
	idf     []float32 // by bucket
}

// TrainOptions tune learning. The zero value takes the defaults below.
type TrainOptions struct {
	Buckets uint32  // feature table size; a power of two; default 1<<16
	Epochs  int     // passes over the examples; default 6
	Rate    float64 // learning rate of the first pass; default 2
	L2      float64 // weight decay per pass; default 1e-3
	Seed    uint64  // for the order of the examples; default 1
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Buckets == 0 {
		o.Buckets = 1 << 16
	}
	if o.Epochs == 0 {
		o.Epochs = 6
	}
	if o.Rate == 0 {
		o.Rate = 2
	}
	if o.L2 == 0 {
		o.L2 = 1e-3
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// settled is the error under which an example teaches a label nothing
// more: most labels of most examples are settled after a few passes, and
// skipping them makes learning several times faster at start-up.
const settled = 0.02

// train learns a model for labels by stochastic gradient descent on the
// log loss. targets[i][l] is how much sample i has labels[l]: 1 if it has
// it, 0 if not, and in between for a label it has in part (a topic it
// touches, beside the one it is about); a sample with none of them
// teaches every output what a "no" looks like. Sample i's features are
// those of text rows[i] of h, hashed into opt.Buckets: Learn hashes each
// example once for both models. The same samples in the same order give
// the same model.
//
// Each label's output is a model of its own (one against the rest), so
// the labels learn in parallel, one goroutine per processor, each over
// all the samples in the same order: the result does not depend on how
// many processors there are.
func train(labels []string, targets [][]float64, h *hashed, rows []int32, opt TrainOptions) *Model {
	L := len(labels)
	m := &Model{labels: slices.Clone(labels), buckets: opt.Buckets,
		weights: make([]int16, int(opt.Buckets)*L), scale: make([]float32, L), bias: make([]float32, L)}
	set := newTrainingSet(h, rows, opt.Buckets)
	m.idf = set.idf
	orders := epochOrders(len(targets), opt)
	inParallel(L, func() func(int) {
		w := make([]float32, opt.Buckets)
		target := make([]float32, len(targets))
		return func(l int) {
			clear(w)
			for i, t := range targets {
				target[i] = float32(t[l])
			}
			m.bias[l] = set.trainLabel(w, target, orders, opt)
			var largest float32
			for _, x := range w {
				largest = max(largest, x, -x)
			}
			if largest == 0 {
				return
			}
			m.scale[l] = largest / math.MaxInt16
			// Laid out for scoring: a feature's labels side by side.
			for b, x := range w {
				m.weights[b*L+l] = int16(math.Round(float64(x / m.scale[l])))
			}
		}
	})
	return m
}

// trainingSet is the samples' features as trainLabel reads them: one
// flat run of buckets, shared with the other model's, text r's from
// starts[r] to starts[r+1], where sample i is text rows[i]; and each
// sample's norm.
type trainingSet struct {
	buckets []uint32
	starts  []int32
	rows    []int32
	norms   []float32
	idf     []float32 // by bucket
	idf2    []float32 // by bucket: its idf squared
}

func newTrainingSet(h *hashed, rows []int32, buckets uint32) *trainingSet {
	n := len(rows)
	t := &trainingSet{buckets: h.buckets, starts: h.starts, rows: rows, norms: make([]float32, n)}
	t.idf = t.inverseFrequency(buckets)
	t.idf2 = make([]float32, len(t.idf))
	for b, x := range t.idf {
		t.idf2[b] = x * x
	}
	for i := range n {
		t.norms[i] = float32(norm(t.sample(i), t.idf))
	}
	return t
}

// hashed is the features of many folded texts, hashed into buckets, in
// one run: text i's from starts[i] to starts[i+1].
type hashed struct {
	buckets []uint32
	starts  []int32
	words   []bool // by feature: a word or a pair of words, not a piece
}

// hashAll hashes the features of texts, a share of them on each processor.
func hashAll(texts []string, buckets uint32) *hashed {
	k := max(1, min(runtime.GOMAXPROCS(0), len(texts)))
	parts := make([]hashed, k)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			part := &parts[p]
			lo, hi := p*len(texts)/k, (p+1)*len(texts)/k
			size := 0
			for _, t := range texts[lo:hi] {
				size += len(t)
			}
			part.buckets = make([]uint32, 0, 4*size/3)
			part.words = make([]bool, 0, 4*size/3)
			for _, t := range texts[lo:hi] {
				eachFeature(t, func(f feature) {
					part.buckets = append(part.buckets, hashFeature(f, buckets))
					part.words = append(part.words, f.kind != 'c')
				})
				part.starts = append(part.starts, int32(len(part.buckets)))
			}
		})
	}
	wg.Wait()
	h := &hashed{starts: make([]int32, 1, len(texts)+1)}
	for _, part := range parts {
		base := int32(len(h.buckets))
		h.buckets = append(h.buckets, part.buckets...)
		h.words = append(h.words, part.words...)
		for _, e := range part.starts {
			h.starts = append(h.starts, base+e)
		}
	}
	return h
}

// sample is the buckets of sample i's features.
func (t *trainingSet) sample(i int) []uint32 {
	r := t.rows[i]
	return t.buckets[t.starts[r]:t.starts[r+1]]
}

// epochOrders is the order in which each pass visits the samples.
func epochOrders(n int, opt TrainOptions) [][]int32 {
	rng := rand.New(rand.NewPCG(opt.Seed, 2))
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	out := make([][]int32, opt.Epochs)
	for epoch := range out {
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		out[epoch] = slices.Clone(order)
	}
	return out
}

// inverseFrequency is each bucket's idf among the samples' features:
// log((n+1)/(df+1)) + 1, where df is how many of the n samples have it.
func (t *trainingSet) inverseFrequency(buckets uint32) []float32 {
	df := make([]int32, buckets)
	last := make([]int32, buckets) // the last sample counted, plus one
	n := len(t.rows)
	for i := range n {
		for _, b := range t.sample(i) {
			if last[b] != int32(i+1) {
				last[b] = int32(i + 1)
				df[b]++
			}
		}
	}
	return idfOf(df, n)
}

// idfOf is each bucket's idf, log((n+1)/(df+1)) + 1, where df is how many
// of n examples have it.
func idfOf(df []int32, n int) []float32 {
	idf := make([]float32, len(df))
	for b, d := range df {
		idf[b] = float32(math.Log((float64(n)+1)/(float64(d)+1)) + 1)
	}
	return idf
}

// norm scales a message's features, each weighed by its idf, to a length
// of one (the bias counting as a feature of weight one).
func norm(f []uint32, idf []float32) float64 {
	sum := 1.0
	for _, b := range f {
		sum += float64(idf[b]) * float64(idf[b])
	}
	return 1 / math.Sqrt(sum)
}

// trainLabel learns one label's weights into w (one per bucket, each
// times its bucket's idf, as the model scores) and returns its bias.
// target[i] is sample i's target. A feature's value in a message is its
// idf times the message's norm, so with weights that hold their idf a
// score is a sum of weights, and a step adds to each weight its idf
// squared.
func (t *trainingSet) trainLabel(w, target []float32, orders [][]int32, opt TrainOptions) float32 {
	var bias float32
	// quiet[i]: sample i was settled for this label when last read. Read
	// again only every third pass: most samples of most labels stay
	// settled, and reading them is most of the work.
	quiet := make([]bool, len(target))
	for epoch, order := range orders {
		// The rate falls over the passes, so that the last ones settle
		// rather than chase the last examples seen.
		rate := opt.Rate / (1 + float64(epoch)/2)
		recheck := epoch%3 == 0
		for _, i := range order {
			if quiet[i] && !recheck {
				continue
			}
			f, norm := t.sample(int(i)), t.norms[i]
			var dot float32
			for _, b := range f {
				dot += w[b]
			}
			e := float64(target[i]) - sigmoid(float64(bias+dot*norm))
			if quiet[i] = math.Abs(e) < settled; quiet[i] {
				continue
			}
			g := float32(rate * e)
			bias += g
			gn := g * norm
			for _, b := range f {
				w[b] += gn * t.idf2[b]
			}
		}
		decay := float32(1 - opt.L2)
		for b := range w {
			w[b] *= decay
		}
	}
	return bias
}

// Labels returns the model's labels, in the order Scores uses.
func (m *Model) Labels() []string { return m.labels }

// Scores returns the probability of each label for a folded message.
func (m *Model) Scores(folded string) []float64 {
	s := make([]float64, len(m.labels))
	m.scoreInto(s, m.features(folded))
	for i := range s {
		s[i] = sigmoid(s[i])
	}
	return s
}

// scoreInto writes each label's log-odds for features f into s.
func (m *Model) scoreInto(s []float64, f []uint32) {
	L := len(m.labels)
	for l := range L {
		s[l] = float64(m.bias[l])
	}
	// Sums of 16-bit weights are exact in 32 bits for any message under
	// 65,536 features; each label's is scaled once.
	var sums [64]int32
	acc := sums[:0]
	if L > len(sums) {
		acc = make([]int32, 0, L)
	}
	acc = acc[:L]
	for _, b := range f {
		row := m.weights[int(b)*L : int(b)*L+L]
		for l, w := range row {
			acc[l] += int32(w)
		}
	}
	norm := norm(f, m.idf)
	for l, a := range acc {
		s[l] += float64(a) * float64(m.scale[l]) * norm
	}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Contribution is how much one feature of a message moved a label's
// score: its weight, as the score counts it.
type Contribution struct {
	Feature string  // "word help", "pair took my", "piece traf"
	Weight  float64 // positive: towards the label
}

// Explain lists the features of a folded message that moved label's score
// most towards it, strongest first, at most n.
func (m *Model) Explain(folded, label string, n int) []Contribution {
	l := slices.Index(m.labels, label)
	if l < 0 {
		return nil
	}
	var named []feature
	eachFeature(folded, func(f feature) { named = append(named, f) })
	buckets := make([]uint32, len(named))
	for i, f := range named {
		buckets[i] = m.bucket(f)
	}
	norm := norm(buckets, m.idf)
	byName := map[string]float64{}
	for i, f := range named {
		byName[f.name()] += float64(m.weights[int(buckets[i])*len(m.labels)+l]) * float64(m.scale[l]) * norm
	}
	out := make([]Contribution, 0, len(byName))
	for name, w := range byName {
		if w > 0 {
			out = append(out, Contribution{name, w})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Feature < out[j].Feature
	})
	return out[:min(n, len(out))]
}

// feature is one feature of a message before hashing: a word, a pair of
// adjacent words, or a piece of four characters of a word (with a space
// at each end, so a piece can be a word's start or end).
type feature struct {
	kind byte // 'w', 'p' or 'c'
	a, b string
}

func (f feature) name() string {
	switch f.kind {
	case 'w':
		return "word " + f.a
	case 'p':
		return "pair " + f.a + " " + f.b
	default:
		return "piece " + strings.ReplaceAll(f.a, " ", "_")
	}
}

// pieceLen is the length of the character pieces, in characters.
const pieceLen = 4

// eachFeature calls fn with every feature of a folded message: its words,
// its pairs of adjacent words, and its words' pieces. Pieces stay inside
// a word: pieces across words ("s_th", "the_") learned how a kind of
// writer writes more than what was said (dev: harm topic read first 78%
// -> 79%, false alarms at 95% of danger caught 18% -> 14%).
func eachFeature(folded string, fn func(feature)) { eachFeatureOf(folded, true, fn) }

// eachFeatureOf is eachFeature, with the words' pieces or without.
func eachFeatureOf(folded string, pieces bool, fn func(feature)) {
	// Folded text has one space between words. With one more at each end,
	// every word has a space on each side, and its pieces are windows of
	// the one string: nothing is built word by word.
	text := " " + folded + " "
	prev := ""
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		j := i + strings.IndexByte(text[i:], ' ')
		w := text[i:j]
		fn(feature{kind: 'w', a: w})
		if prev != "" {
			fn(feature{kind: 'p', a: prev, b: w})
		}
		if pieces && utf8.RuneCountInString(w) >= pieceLen {
			// The pieces of a shorter word ("the", "me") are the word
			// again.
			eachPiece(text[i-1:j+1], func(p string) { fn(feature{kind: 'c', a: p}) })
		}
		prev, i = w, j
	}
}

// eachPiece calls fn with every run of pieceLen characters of s.
func eachPiece(s string, fn func(string)) {
	var starts [pieceLen + 1]int // the byte offsets of the last characters read, as a ring
	n := 0
	for i := range s {
		starts[n%len(starts)] = i
		n++
		if n > pieceLen {
			fn(s[starts[(n-pieceLen-1)%len(starts)]:i])
		}
	}
	if n >= pieceLen {
		fn(s[starts[(n-pieceLen)%len(starts)]:])
	}
}

// features hashes the features of a folded message into buckets, without
// building their names.
func (m *Model) features(folded string) []uint32 {
	out := make([]uint32, 0, 4*len(folded)/3+8)
	eachFeature(folded, func(f feature) { out = append(out, m.bucket(f)) })
	return out
}

func (m *Model) bucket(f feature) uint32 { return hashFeature(f, m.buckets) }

// hashFeature is the FNV-1a hash of a feature's kind and text, in a table
// of buckets (a power of two). The kind keeps a word from sharing its
// bucket with the same letters as a piece.
func hashFeature(f feature, buckets uint32) uint32 {
	const offset, prime = 2166136261, 16777619
	h := uint32(offset)
	h = (h ^ uint32(f.kind)) * prime
	for i := 0; i < len(f.a); i++ {
		h = (h ^ uint32(f.a[i])) * prime
	}
	if f.b != "" {
		h = (h ^ ' ') * prime
		for i := 0; i < len(f.b); i++ {
			h = (h ^ uint32(f.b[i])) * prime
		}
	}
	return h & (buckets - 1)
}
