package bot

import (
	"container/list"
	"sync"
	"time"
)

// lru is a bounded map whose entries expire after a time idle. It keeps the
// memory of sessions and rate limiters bounded whatever the traffic.
type lru[V any] struct {
	mu    sync.Mutex
	cap   int
	ttl   time.Duration
	now   func() time.Time
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type lruEntry[V any] struct {
	key  string
	val  V
	used time.Time
}

func newLRU[V any](capacity int, ttl time.Duration, now func() time.Time) *lru[V] {
	return &lru[V]{cap: capacity, ttl: ttl, now: now, order: list.New(), items: map[string]*list.Element{}}
}

func (c *lru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.items[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*lruEntry[V])
	if c.now().Sub(e.used) > c.ttl {
		c.order.Remove(el)
		delete(c.items, key)
		return zero, false
	}
	e.used = c.now()
	c.order.MoveToFront(el)
	return e.val, true
}

// getOrAdd returns the value for key, adding make() when there is none.
func (c *lru[V]) getOrAdd(key string, make func() V) V {
	if v, ok := c.get(key); ok {
		return v
	}
	v := make()
	c.put(key, v)
	return v
}

func (c *lru[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*lruEntry[V])
		e.val, e.used = v, c.now()
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry[V]{key: key, val: v, used: c.now()})
	for c.order.Len() > c.cap {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*lruEntry[V]).key)
	}
}

func (c *lru[V]) remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.order.Remove(el)
		delete(c.items, key)
	}
}

func (c *lru[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
