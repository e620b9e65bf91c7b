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

// TestSnapshotOutlivesSwap: an index swapped out while a snapshot holds it
// keeps answering until the snapshot is released, and is closed then.
func TestSnapshotOutlivesSwap(t *testing.T) {
	old, next := embeddedIndex(t), embeddedIndex(t)
	live := NewLive(old)
	ctx := context.Background()
	q := Query{Text: "trafficking hotline", Language: "en"}

	ix, release := live.Snapshot()
	if ix != old {
		t.Fatal("the snapshot is not the current index")
	}
	if err := live.Swap(next); err != nil {
		t.Fatal(err)
	}
	if cur, done := live.Snapshot(); cur != next {
		t.Error("Swap did not make the new index current")
	} else {
		done()
	}
	if _, err := ix.Search(ctx, q); err != nil {
		t.Fatalf("a held snapshot stopped answering after a swap: %v", err)
	}
	release()
	release() // twice is fine
	if _, err := ix.Search(ctx, q); err == nil {
		t.Error("the swapped-out index is still open after its last snapshot was released")
	}

	// Close waits for snapshots in the same way.
	ix, release = live.Snapshot()
	if err := live.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, q); err != nil {
		t.Fatalf("Close closed an index a snapshot holds: %v", err)
	}
	release()
	if _, err := ix.Search(ctx, q); err == nil {
		t.Error("the index is still open after Close and the last release")
	}
	if err := live.Swap(embeddedIndex(t)); err == nil {
		t.Error("Swap on a closed Live succeeded")
	}
}
