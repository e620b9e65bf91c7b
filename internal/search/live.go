package search

import (
	"context"
	"errors"
	"sync"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Live is an Index that can be replaced while it serves: a catalog edit is
// indexed in the background and swapped in at once. Whoever holds a
// snapshot keeps reading the index it took: the index a Swap replaces is
// closed when the last snapshot of it is released.
type Live struct {
	mu       sync.Mutex
	cur      *pinned
	closeErr error // from indexes closed on a snapshot's release
}

// pinned is one index with the count of snapshots taken of it.
type pinned struct {
	ix      *Index
	refs    int
	retired bool // replaced or closed: close ix when refs drops to 0
}

// NewLive serves ix until the first Swap.
func NewLive(ix *Index) *Live { return &Live{cur: &pinned{ix: ix}} }

// Snapshot returns the current index and a release function. The index
// stays open, whatever is swapped in meanwhile, until release is called;
// release may be called more than once. A reply takes one snapshot and
// reads everything (vocabulary, search, catalog) from it, so the resources
// a search returns are always in the catalog it reads.
func (l *Live) Snapshot() (*Index, func()) {
	l.mu.Lock()
	p := l.cur
	p.refs++
	l.mu.Unlock()
	var once sync.Once
	return p.ix, func() { once.Do(func() { l.release(p) }) }
}

func (l *Live) release(p *pinned) {
	l.mu.Lock()
	p.refs--
	last := p.retired && p.refs == 0
	l.mu.Unlock()
	if last {
		if err := p.ix.Close(); err != nil {
			l.mu.Lock()
			l.closeErr = errors.Join(l.closeErr, err)
			l.mu.Unlock()
		}
	}
}

// Search searches the current index.
func (l *Live) Search(ctx context.Context, q Query) ([]Result, error) {
	ix, release := l.Snapshot()
	defer release()
	return ix.Search(ctx, q)
}

// Understand runs the current vocabulary over text.
func (l *Live) Understand(text string) Understanding {
	ix, release := l.Snapshot()
	defer release()
	return ix.Understand(text)
}

// Catalog returns the current catalog.
func (l *Live) Catalog() *catalog.Catalog {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur.ix.Catalog()
}

// Swap makes ix current. The index it replaces is closed at once when no
// snapshot holds it, else when the last one is released.
func (l *Live) Swap(ix *Index) error {
	return l.retire(&pinned{ix: ix})
}

// Close closes the current index (when its last snapshot is released, if
// any is held) and reports errors from closing replaced indexes.
func (l *Live) Close() error {
	err := l.retire(nil)
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.closeErr, err)
}

// retire replaces the current index with next (nil: closing) and closes
// the old one if no snapshot holds it.
func (l *Live) retire(next *pinned) error {
	l.mu.Lock()
	old := l.cur
	if old == nil || old.retired {
		l.mu.Unlock()
		if next != nil {
			return errors.Join(errors.New("search: Swap on a closed Live index"), next.ix.Close())
		}
		return nil
	}
	old.retired = true
	if next != nil {
		l.cur = next
	}
	idle := old.refs == 0
	l.mu.Unlock()
	if idle {
		return old.ix.Close()
	}
	return nil
}
