package search

import (
	"context"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/resources"
)

// TestBuildWhileSearching builds indexes while another searches, as a
// catalog reload does while the bot answers. Run with -race: building must
// not write what searching reads (bleve's library-wide clause limit).
func TestBuildWhileSearching(t *testing.T) {
	c, err := catalog.Load(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	ix := embeddedIndex(t)
	built := make(chan error)
	go func() {
		for range 2 {
			nx, err := New(c)
			if err != nil {
				built <- err
				return
			}
			nx.Close()
		}
		built <- nil
	}()
	// Search (with typos, which expand into disjunctions) until both
	// builds are done, and at least once.
	for done := false; !done; {
		if _, err := ix.Search(context.Background(), Query{Text: "traficking hotlin numbr", Language: "en"}); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-built:
			if err != nil {
				t.Fatal(err)
			}
			done = true
		default:
		}
	}
}
