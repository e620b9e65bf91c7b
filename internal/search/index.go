// Package search indexes the catalog with bleve and answers questions from
// it: text relevance in each language, typo tolerance, the vocabulary of
// words people really use, and ranking by topic, priority, audience and
// distance.
package search

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/internal/textfold"
)

// maxFuzzyClauses bounds how many terms one fuzzy word may expand to, so a
// long message of typos cannot make a query slow.
const maxFuzzyClauses = 4096

// capFuzzyClauses sets bleve's library-wide clause limit, which has no
// per-index knob, once: searches read it, so writing it on every build
// while others search would be a data race.
var capFuzzyClauses = sync.OnceFunc(func() { searcher.DisjunctionMaxClauseCount = maxFuzzyClauses })

// A place brings the nearest located resources within this radius into
// the candidates, however their words match.
const (
	nearRadiusKM   = 250
	nearCandidates = 50
)

// Index is a searchable catalog. It is safe for concurrent use; Close
// releases it.
type Index struct {
	catalog *catalog.Catalog
	shards  map[string]bleve.Index // by region code, and wideShard

	closeOnce sync.Once
	closeErr  error
	vocab     vocabulary
	names     names
	near      *nearIndex
	spell     *spelling
	words     words
}

// New indexes every resource of c in memory.
func New(c *catalog.Catalog) (*Index, error) { return build(c, "") }

// NewOnDisk indexes c like New, keeping the index in dir (which must not
// exist yet), so that Open can serve it again after a restart.
func NewOnDisk(c *catalog.Catalog, dir string) (*Index, error) {
	if dir == "" {
		return nil, errors.New("search: NewOnDisk needs a folder")
	}
	return build(c, dir)
}

// Open serves the index NewOnDisk kept in dir for the same catalog c.
func Open(c *catalog.Catalog, dir string) (*Index, error) {
	capFuzzyClauses()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("search: open index: %w", err)
	}
	ix := newIndex(c)
	for _, e := range entries {
		shard, err := bleve.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("search: open index %s: %w", e.Name(), err)
		}
		ix.shards[e.Name()] = shard
	}
	if ix.shards[wideShard] == nil {
		ix.Close()
		return nil, fmt.Errorf("search: open index: %s has no %s shard", dir, wideShard)
	}
	if err := ix.learnWords(); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

func newIndex(c *catalog.Catalog) *Index {
	return &Index{catalog: c, shards: map[string]bleve.Index{}, vocab: newVocabulary(c.Vocabulary),
		names: newNames(c.Resources), near: newNearIndex(c.Resources), spell: newSpelling(c)}
}

// build indexes c in memory, or in dir when it is not "".
func build(c *catalog.Catalog, dir string) (*Index, error) {
	capFuzzyClauses()

	// Resources that serve whole countries (or the world) go in one shard;
	// so do the local services of regions that have few. A region with many
	// gets a shard of its own. A question then walks the wide shard and,
	// with a place, its region's: at 211 scale a region holds a fiftieth of
	// the services. A small catalog stays one shard: each costs memory.
	perRegion := map[string]int{}
	for _, r := range c.Resources {
		if isLocal(r) {
			for _, a := range r.Areas {
				perRegion[a]++
			}
		}
	}
	groups := map[string][]*catalog.Resource{}
	for _, r := range c.Resources {
		if !isLocal(r) || !slices.ContainsFunc(r.Areas, func(a string) bool { return perRegion[a] >= minShard }) {
			groups[wideShard] = append(groups[wideShard], r)
			continue
		}
		for _, a := range r.Areas {
			if perRegion[a] >= minShard {
				groups[a] = append(groups[a], r)
			} else if !slices.Contains(groups[wideShard], r) {
				groups[wideShard] = append(groups[wideShard], r)
			}
		}
	}
	ix := newIndex(c)
	labels := newLabels(c)
	if _, ok := groups[wideShard]; !ok {
		groups[wideShard] = nil
	}
	for name, rs := range groups {
		path := ""
		if dir != "" {
			path = filepath.Join(dir, name)
		}
		shard, err := buildShard(rs, labels, path)
		if err != nil {
			ix.Close()
			return nil, err
		}
		ix.shards[name] = shard
	}
	if err := ix.learnWords(); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// learnWords reads from the shards' dictionaries which words each field a
// question is matched against holds, and takes the analyzers from their
// mapping.
func (ix *Index) learnWords() error {
	m := ix.shards[wideShard].Mapping()
	w := words{langs: slices.Sorted(maps.Keys(analyzers)), analyzers: map[string]analysis.Analyzer{}, terms: map[string]map[string]bool{}}
	for lang, name := range analyzers {
		w.analyzers[lang] = m.AnalyzerNamed(name)
		for _, f := range queryFields {
			field := textField(f.name, lang)
			held := map[string]bool{}
			for _, shard := range ix.shards {
				if err := addTerms(held, shard, field); err != nil {
					return err
				}
			}
			w.terms[field] = held
		}
	}
	ix.words = w
	return nil
}

func addTerms(held map[string]bool, shard bleve.Index, field string) error {
	dict, err := shard.FieldDict(field)
	if err != nil {
		return fmt.Errorf("search: read words of %s: %w", field, err)
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return fmt.Errorf("search: read words of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		held[e.Term] = true
	}
}

// wideShard is the name of the shard of resources that serve whole
// countries, and of local services in regions too small for a shard.
const wideShard = "wide"

// minShard is how many local services a region needs for a shard of its own.
const minShard = 300

// buildShard indexes rs in batches, in memory or, with a path, on disk.
func buildShard(rs []*catalog.Resource, labels labels, path string) (bleve.Index, error) {
	idx, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	const batchSize = 1000
	b := idx.NewBatch()
	for _, r := range rs {
		if err := b.Index(r.ID, labels.document(r)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("search: index %s: %w", r.ID, err)
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, fmt.Errorf("search: index batch: %w", err)
			}
			b.Reset()
		}
	}
	if err := idx.Batch(b); err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: index batch: %w", err)
	}
	return idx, nil
}

// shardsFor lists the shards a query walks: the wide one, and with a place
// the shard of its region, or for bare coordinates the regions of the
// nearest located resources.
func (ix *Index) shardsFor(q Query) bleve.IndexAlias {
	names := []string{wideShard}
	if p := q.Place; p != nil {
		switch {
		case p.Region != "":
			names = append(names, p.Region)
		case p.Country == "" || p.Kind == "coordinates":
			for _, id := range ix.near.nearest(p.Lat, p.Lon, nearRadiusKM, nearCandidates) {
				if r, ok := ix.catalog.Resource(id); ok && isLocal(r) {
					names = append(names, r.Areas...)
				}
			}
		}
	}
	var shards []bleve.Index
	for _, n := range slices.Compact(slices.Sorted(slices.Values(names))) {
		if s, ok := ix.shards[n]; ok {
			shards = append(shards, s)
		}
	}
	return bleve.NewIndexAlias(shards...)
}

// Close releases the index.
// Closing twice is harmless.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		var errs []error
		for _, s := range ix.shards {
			errs = append(errs, s.Close())
		}
		ix.closeErr = errors.Join(errs...)
	})
	return ix.closeErr
}

// Catalog returns the catalog the index was built from.
func (ix *Index) Catalog() *catalog.Catalog { return ix.catalog }

// Query is one question to the catalog. The zero value of every field but
// Text means "no preference".
type Query struct {
	Text     string
	Language string        // the language the person writes in; matches in it count more
	Place    *places.Place // where the person is, coarsely; filters by area and ranks by distance
	Country  string        // the person's likely country when Place is nil: only resources serving it
	Topics   []string      // topics wanted beyond what the text says
	// Learned are topics a model read in Text, each with its probability:
	// they count like the vocabulary's, as strongly as the model is sure.
	Learned  map[string]float64
	Kinds    []string // only these kinds of resource
	Audience string   // youth, staff or all
	Limit    int      // how many results; 0 means 5
	Offset   int      // how many of the best results to skip ("more")
	// Understood is Understand(Text), when the caller has it already:
	// Search then does not read the message a second time.
	Understood *Understanding
}

// Result is one resource that answers a query.
type Result struct {
	Resource   *catalog.Resource
	Score      float64
	DistanceKM *float64          // to the nearest location, when a place was given and the resource has one
	Location   *catalog.Location // that nearest location
}

// Understanding is what the index read in a message beyond its words.
type Understanding struct {
	Topics []string       // topics the vocabulary recognised
	Kinds  []string       // kinds of resource the words ask for
	Langs  map[string]int // vocabulary matches per language: a hint of the language written in
	// Named are the hotlines and services the words name ("is RAINN
	// free?"), in the order named.
	Named []string

	// What Search needs of the same reading, so that a Query carrying this
	// Understanding is not read twice.
	text  string
	typos []string
	exp   expansion
}

// Phrases returns, for each topic the vocabulary recognised, the phrases
// of the message that named it: to explain a reply.
func (u Understanding) Phrases() map[string][]string { return u.exp.phrases }

// Understand runs only the vocabulary (and typo correction) over text.
func (ix *Index) Understand(text string) Understanding {
	// Typos corrected against the catalog's own words join the question,
	// so "sextortoin" reads as "sextortion" for the vocabulary too.
	typos := ix.spell.corrections(text)
	e := ix.vocab.expand(textfold.Fold(text + " " + strings.Join(typos, " ")))
	return Understanding{Topics: e.topics, Kinds: e.kinds, Langs: e.langs, Named: ix.names.find(textfold.Fold(text)),
		text: text, typos: typos, exp: e}
}

// Search returns the resources that best answer q, best first.
func (ix *Index) Search(ctx context.Context, q Query) ([]Result, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	u := q.Understood
	if u == nil || u.text != q.Text {
		read := ix.Understand(q.Text)
		u = &read
	}
	typos, exp := u.typos, u.exp
	exp.weight = maps.Clone(exp.weight) // the caller's topics are added below
	wanted := append(slices.Clip(exp.topics), q.Topics...)
	for _, t := range q.Topics {
		exp.weight[t] = max(exp.weight[t], 2) // asked for by the caller: as sure as a two-word phrase
	}
	for _, t := range slices.Sorted(maps.Keys(q.Learned)) {
		if !slices.Contains(wanted, t) {
			wanted = append(wanted, t)
		}
		exp.weight[t] = max(exp.weight[t], learnedWeight*q.Learned[t])
	}

	req := bleve.NewSearchRequestOptions(ix.bleveQuery(q, exp, wanted, typos), candidates(q), 0, false)
	res, err := ix.shardsFor(q).SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}

	harm := ix.catalog.IsHarm(wanted)
	maxScore := 0.0
	for _, h := range res.Hits {
		maxScore = math.Max(maxScore, h.Score)
	}
	out := make([]Result, 0, len(res.Hits))
	for _, h := range res.Hits {
		r, ok := ix.catalog.Resource(h.ID)
		if !ok {
			continue
		}
		text := 0.0
		if maxScore > 0 {
			text = h.Score / maxScore
		}
		out = append(out, rank(r, text, q, exp.weight, exp.kinds, harm))
	}
	slices.SortStableFunc(out, func(a, b Result) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Resource.ID, b.Resource.ID)
	})
	diversify(out, exp.kinds, q.Offset+q.Limit)
	if q.Offset >= len(out) {
		return nil, nil
	}
	out = out[q.Offset:]
	return out[:min(q.Limit, len(out))], nil
}

// learnedWeight turns a learned topic's probability into the vocabulary's
// measure of evidence (the words of the phrase that named the topic): a
// sure guess counts like a three-word phrase.
const learnedWeight = 3.0

// candidates is how many hits bleve returns for re-ranking: enough that the
// re-ranking can lift a resource bleve alone ranked lower, and no more:
// every hit costs bleve a pooled match and a stored-field lookup, which
// at 60 hits was a third of what a search allocated. The relevance sets
// score the same from 20 up.
func candidates(q Query) int { return max(30, 2*(q.Offset+q.Limit)) }
