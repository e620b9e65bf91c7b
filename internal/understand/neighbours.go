package understand

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// neighbours finds the labelled examples most like a message, by the
// cosine of their words and word pairs, each weighed by its idf. The
// linear model adds up what each word says on its own; the examples most
// like a message say what its words say together ("a mi compa lo
// apuñalaron en el parque donde dormimos"). On dev their vote, blended
// into the model's probability of danger, caught about a point more
// urgent messages at the same false alarms.
//
// Pieces of words are left out: they tripled the index and did no better.
// So are the commonest words and pairs ("i", "de", "in the"): in a tenth
// of the examples or more, they weigh little in a cosine and would be
// most of the work.
type neighbours struct {
	buckets uint32
	idf     []float32 // by bucket, among the examples' words and pairs
	// The examples each bucket is in: bucket b's are in[starts[b]:starts[b+1]].
	// A bucket weighs its idf in an example, times the example's norm.
	starts []int32
	in     []int32
	norms  []float32 // by example
	yes    []bool    // by example: urgent
	scores sync.Pool // *[]float32, one per example
}

// The number of neighbours that vote, how much their vote weighs against
// the model's probability, and the share of examples from which a bucket
// is too common to index: set on the dev split (docs/evaluation.md).
const (
	neighboursVoting = 10
	neighboursWeight = 0.35
	tooCommon        = 0.1
)

// newNeighbours indexes the examples of h at rows, urgent where yes, by
// their words and pairs, with the idf of those among them.
func newNeighbours(h *hashed, rows []int32, yes []bool, buckets uint32) *neighbours {
	n := &neighbours{buckets: buckets, yes: yes, norms: make([]float32, len(rows))}
	// Each example's buckets, once each, in one run: example i's from
	// first[i] to first[i+1].
	flat := make([]uint32, 0, len(h.buckets)/2)
	first := make([]int32, 1, len(rows)+1)
	seen := make([]int32, buckets) // the last example a bucket was in, plus one
	df := make([]int32, buckets)
	for i, r := range rows {
		for k := h.starts[r]; k < h.starts[r+1]; k++ {
			if b := h.buckets[k]; h.words[k] && seen[b] != int32(i+1) {
				seen[b] = int32(i + 1)
				flat = append(flat, b)
				df[b]++
			}
		}
		first = append(first, int32(len(flat)))
	}
	n.idf = idfOf(df, len(rows))
	for i := range rows {
		var sum float64
		for _, b := range flat[first[i]:first[i+1]] {
			sum += float64(n.idf[b]) * float64(n.idf[b])
		}
		if sum > 0 {
			n.norms[i] = float32(1 / math.Sqrt(sum))
		}
	}
	limit := int32(tooCommon * float64(len(rows)))
	n.starts = make([]int32, buckets+1)
	for b, d := range df {
		if d > limit {
			d = 0
		}
		n.starts[b+1] = n.starts[b] + d
	}
	n.in = make([]int32, n.starts[buckets])
	next := slices.Clone(n.starts[:buckets])
	for i := range rows {
		for _, b := range flat[first[i]:first[i+1]] {
			if df[b] <= limit {
				n.in[next[b]] = int32(i)
				next[b]++
			}
		}
	}
	n.poolScores()
	return n
}

// poolScores makes n.scores hand out one score per example.
func (n *neighbours) poolScores() {
	size := len(n.norms)
	n.scores.New = func() any { s := make([]float32, size); return &s }
}

// weighted is one bucket of a message's vector.
type weighted struct {
	bucket uint32
	weight float32
}

// vector is a folded message's words and word pairs, each weighed by its
// idf (once, however often it comes), scaled to length one.
func (n *neighbours) vector(folded string) []weighted {
	var v []weighted
	eachFeatureOf(folded, false, func(f feature) {
		b := hashFeature(f, n.buckets)
		v = append(v, weighted{b, n.idf[b]})
	})
	slices.SortFunc(v, func(a, b weighted) int { return cmp.Compare(a.bucket, b.bucket) })
	out := slices.CompactFunc(v, func(a, b weighted) bool { return a.bucket == b.bucket })
	var sum float64
	for _, w := range out {
		sum += float64(w.weight) * float64(w.weight)
	}
	if sum > 0 {
		scale := float32(1 / math.Sqrt(sum))
		for k := range out {
			out[k].weight *= scale
		}
	}
	return out
}

// urgent is the share of urgent examples among the neighbours of a
// folded message, each counted by its likeness; 0 when no example shares
// an indexed word or pair with it.
func (n *neighbours) urgent(folded string) float64 {
	p := n.scores.Get().(*[]float32)
	defer n.scores.Put(p)
	scores := *p
	var touched []int32
	for _, w := range n.vector(folded) {
		q := w.weight * n.idf[w.bucket]
		for _, i := range n.in[n.starts[w.bucket]:n.starts[w.bucket+1]] {
			if scores[i] == 0 {
				touched = append(touched, i)
			}
			scores[i] += q * n.norms[i]
		}
	}
	// The likeliest; of two as like, the earlier example, so that a
	// message always gets the same vote.
	before := func(a, b int32) bool { return scores[a] > scores[b] || scores[a] == scores[b] && a < b }
	top := make([]int32, 0, neighboursVoting)
	for _, i := range touched {
		if len(top) == neighboursVoting && !before(i, top[len(top)-1]) {
			continue
		}
		if len(top) == neighboursVoting {
			top = top[:len(top)-1]
		}
		k, _ := slices.BinarySearchFunc(top, i, func(a, b int32) int {
			if before(a, b) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, k, i)
	}
	var yes, all float64
	for _, i := range top {
		all += float64(scores[i])
		if n.yes[i] {
			yes += float64(scores[i])
		}
	}
	for _, i := range touched {
		scores[i] = 0
	}
	if all == 0 {
		return 0
	}
	return yes / all
}
