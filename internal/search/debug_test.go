package search

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/places"
)

func TestDebugQuery(t *testing.T) {
	text := os.Getenv("Q")
	if text == "" {
		t.Skip()
	}
	ix := embeddedIndex(t)
	q := Query{Text: text, Language: os.Getenv("L"), Audience: "youth", Country: "US", Limit: 8}
	if n := os.Getenv("N"); n != "" {
		p, err := places.NewResolver().Resolve(n)
		if err != nil {
			t.Fatal(err)
		}
		q.Place = &p
		t.Logf("place %+v", p)
	}
	t.Logf("understand: %+v", ix.Understand(text))
	rs, _ := ix.Search(context.Background(), q)
	for _, r := range rs {
		t.Logf("%.3f %s %s", r.Score, r.Resource.ID, strings.Join(r.Resource.Topics, ","))
	}
}
