package search

import (
	"context"
	"sync"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Live is an Index that can be replaced while it serves: a catalog edit is
// indexed in the background and swapped in at once. Searches in flight
// finish on the index they started on.
type Live struct {
	mu sync.RWMutex
	ix *Index
}

// NewLive serves ix until the first Swap.
func NewLive(ix *Index) *Live { return &Live{ix: ix} }

// Search searches the current index.
func (l *Live) Search(ctx context.Context, q Query) ([]Result, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ix.Search(ctx, q)
}

// Understand runs the current vocabulary over text.
func (l *Live) Understand(text string) Understanding {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ix.Understand(text)
}

// Catalog returns the current catalog.
func (l *Live) Catalog() *catalog.Catalog {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ix.Catalog()
}

// Swap makes ix current once the searches in flight have finished, and
// closes the index it replaces.
func (l *Live) Swap(ix *Index) error {
	l.mu.Lock()
	old := l.ix
	l.ix = ix
	l.mu.Unlock()
	return old.Close()
}

// Close closes the current index.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ix.Close()
}
