package lru

import (
	"testing"
	"time"
)

func TestCache(t *testing.T) {
	now := time.Unix(0, 0)
	c := New[int](2, time.Minute, func() time.Time { return now })
	c.Put("a", 1)
	c.Put("b", 2)
	if v, ok := c.Get("a"); !ok || v != 1 { // a is now the most recent
		t.Fatalf("a = %v %v", v, ok)
	}
	c.Put("c", 3) // evicts b, the least recently used
	if _, ok := c.Get("b"); ok {
		t.Error("b was not evicted")
	}
	if c.Len() != 2 {
		t.Errorf("len %d", c.Len())
	}
	now = now.Add(2 * time.Minute)
	if _, ok := c.Get("a"); ok {
		t.Error("a did not expire")
	}
	if v := c.GetOrAdd("d", func() int { return 4 }); v != 4 {
		t.Errorf("GetOrAdd = %d", v)
	}
	if v := c.GetOrAdd("d", func() int { return 5 }); v != 4 {
		t.Errorf("GetOrAdd replaced a value: %d", v)
	}
	c.Remove("d")
	if _, ok := c.Get("d"); ok {
		t.Error("d was not removed")
	}
}
