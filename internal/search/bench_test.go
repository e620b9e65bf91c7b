package search

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/resources"
)

// BenchmarkLoadCatalog measures reading and checking the embedded catalog.
func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.Load(resources.FS()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures indexing the embedded catalog (target: under 200 ms).
func BenchmarkBuild(b *testing.B) {
	c, err := catalog.Load(resources.FS())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		ix, err := New(c)
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// benchQueries are typical messages: youth phrasing, typos, Spanish, staff.
var benchQueries = []Query{
	{Text: "someone is making me work and won't let me leave", Language: "en", Country: "US"},
	{Text: "he has my nudes and says hell post them", Language: "en", Country: "US"},
	{Text: "my bf is way older and says keep it a secret", Language: "en", Country: "US"},
	{Text: "traffiking hotine numbr", Language: "en", Country: "US"},
	{Text: "me quitaron el pasaporte y debo dinero", Language: "es", Country: "US"},
	{Text: "señales de grooming", Language: "es", Country: "US"},
	{Text: "T visa legal help", Language: "en", Audience: "staff"},
}

// BenchmarkQuery measures one search of the embedded catalog (target: under
// 1 ms at the median).
func BenchmarkQuery(b *testing.B) {
	ix := embeddedIndex(b)
	ctx := context.Background()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := ix.Search(ctx, benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkQueryNear measures a search with a place: area filter, geo
// query and distance ranking.
func BenchmarkQueryNear(b *testing.B) {
	ix := embeddedIndex(b)
	p, err := places.NewResolver().Resolve("Houston, TX")
	if err != nil {
		b.Fatal(err)
	}
	q := Query{Text: "shelter for a 16 yo male", Language: "en", Place: &p, Audience: "staff"}
	b.ResetTimer()
	for b.Loop() {
		if _, err := ix.Search(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueryLatency runs every message of the relevance set, as the
// engine asks them, and reports the median and 99th percentile latency of
// one search (targets: p50 under 1 ms).
func BenchmarkQueryLatency(b *testing.B) {
	ix := embeddedIndex(b)
	qs := relevanceQueries(b)
	ctx := context.Background()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := ix.Search(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
