// Package faulttest is for tests that make a fake platform API fail some
// calls: it decides which, the same way in every run.
package faulttest

import (
	"hash/fnv"
	"math/rand/v2"
	"sync"
)

// Plan fails a share of attempts. Whether an attempt fails depends only on
// the seed, the call's text and how many times that text was tried
// before, not on the order in which concurrent calls reach the fake, so
// every run fails the same attempts of the same calls. It is safe for
// concurrent use.
type Plan struct {
	seed uint64
	rate float64

	mu       sync.Mutex
	streams  map[string]*rand.Rand // per text
	attempts map[string]int
}

// New returns a plan that fails about rate of the attempts.
func New(seed uint64, rate float64) *Plan {
	return &Plan{seed: seed, rate: rate, streams: map[string]*rand.Rand{}, attempts: map[string]int{}}
}

// Draw decides this attempt at text: whether it fails, and if so which of
// kinds ways (0 to kinds-1).
func (p *Plan) Draw(text string, kinds int) (kind int, fail bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.streams[text]
	if r == nil {
		h := fnv.New64a()
		h.Write([]byte(text))
		r = rand.New(rand.NewPCG(p.seed, h.Sum64()))
		p.streams[text] = r
	}
	p.attempts[text]++
	if r.Float64() >= p.rate {
		return 0, false
	}
	return r.IntN(kinds), true
}

// MostAttempts is the most attempts made at one text.
func (p *Plan) MostAttempts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	most := 0
	for _, n := range p.attempts {
		most = max(most, n)
	}
	return most
}
