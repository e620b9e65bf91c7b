// Package lru is a bounded map whose entries also expire after a time idle:
// what keeps per-chat and per-client state bounded whatever the traffic.
package lru

import (
	"container/list"
	"sync"
	"time"
)

// Cache holds at most a fixed number of entries, dropping the least
// recently used, and forgets entries idle longer than its TTL. It is safe for
// concurrent use.
type Cache[V any] struct {
	mu    sync.Mutex
	cap   int
	ttl   time.Duration
	now   func() time.Time
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type entry[V any] struct {
	key  string
	val  V
	used time.Time
}

// New returns a Cache of at most capacity entries, each kept for ttl idle.
// now is the clock; nil means time.Now.
func New[V any](capacity int, ttl time.Duration, now func() time.Time) *Cache[V] {
	if now == nil {
		now = time.Now
	}
	return &Cache[V]{cap: capacity, ttl: ttl, now: now, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the value for key and marks it used.
func (c *Cache[V]) Get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.items[key]
	if !ok {
		return zero, false
	}
	e := el.Value.(*entry[V])
	if c.now().Sub(e.used) > c.ttl {
		c.order.Remove(el)
		delete(c.items, key)
		return zero, false
	}
	e.used = c.now()
	c.order.MoveToFront(el)
	return e.val, true
}

// GetOrAdd returns the value for key, adding make() when there is none.
func (c *Cache[V]) GetOrAdd(key string, make func() V) V {
	if v, ok := c.Get(key); ok {
		return v
	}
	v := make()
	c.Put(key, v)
	return v
}

// Put sets the value for key, evicting the least recently used entry when full.
func (c *Cache[V]) Put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*entry[V])
		e.val, e.used = v, c.now()
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&entry[V]{key: key, val: v, used: c.now()})
	for c.order.Len() > c.cap {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry[V]).key)
	}
}

// Remove forgets key.
func (c *Cache[V]) Remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.order.Remove(el)
		delete(c.items, key)
	}
}

// Len is the number of entries held, expired ones included until touched.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
