package bot

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hotline-org/hotline/internal/lru"
	"github.com/hotline-org/hotline/internal/places"
)

// Session is what the bot remembers of one conversation, for a short time:
// never what was written, only what it needs to follow up.
type Session struct {
	Lang     string        `json:"lang,omitempty"`     // the language replies are in
	LangSet  bool          `json:"lang_set,omitempty"` // the person chose it; detection no longer overrides
	Place    *places.Place `json:"place,omitempty"`    // coarse place they gave
	Last     *LastQuery    `json:"last,omitempty"`     // the last search, for "more" and "what about in Texas"
	Shown    []string      `json:"shown,omitempty"`    // ids of the resources last shown, for "2"
	Audience string        `json:"audience,omitempty"` // youth, staff or all
	// AskedPlace: the last reply asked where to look, so the next message
	// is read as a place first ("Plano" alone, which in free text is a word).
	AskedPlace bool `json:"asked_place,omitempty"`
}

// LastQuery is what is kept of the last search to follow it up: the topics
// and kinds the engine understood and the ids it ranked, never the words.
type LastQuery struct {
	Topics []string `json:"topics,omitempty"`
	Kinds  []string `json:"kinds,omitempty"`
	Ranked []string `json:"ranked,omitempty"` // resource ids, best first, for "more"
	Offset int      `json:"offset,omitempty"` // how many of Ranked were shown
}

// SessionStore keeps sessions by chat key. Implementations must expire
// sessions after a short idle time and bound their memory.
type SessionStore interface {
	Get(ctx context.Context, key string) (*Session, error) // nil, nil when there is none
	Put(ctx context.Context, key string, s *Session) error
	Delete(ctx context.Context, key string) error
}

// Defaults for MemorySessions.
const (
	DefaultSessionTTL = 30 * time.Minute
	DefaultSessionCap = 100_000
)

// MemorySessions keeps sessions in this process's memory: the default when
// no shared store is configured.
type MemorySessions struct {
	cache *lru.Cache[Session]
}

// NewMemorySessions keeps at most capacity sessions, each for ttl idle.
// Zero values take the defaults.
func NewMemorySessions(capacity int, ttl time.Duration) *MemorySessions {
	if capacity <= 0 {
		capacity = DefaultSessionCap
	}
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	return &MemorySessions{cache: lru.New[Session](capacity, ttl, time.Now)}
}

// Get returns a copy of the session for key.
func (m *MemorySessions) Get(_ context.Context, key string) (*Session, error) {
	s, ok := m.cache.Get(key)
	if !ok {
		return nil, nil
	}
	return &s, nil
}

// Put stores a copy of s.
func (m *MemorySessions) Put(_ context.Context, key string, s *Session) error {
	m.cache.Put(key, *s)
	return nil
}

// Delete forgets the session for key.
func (m *MemorySessions) Delete(_ context.Context, key string) error {
	m.cache.Remove(key)
	return nil
}

// Len is how many sessions are held.
func (m *MemorySessions) Len() int { return m.cache.Len() }

// ErrOutageReported marks an error from a shared store (sessions, rate
// limits, seen events) whose outage the store has logged already. Whoever
// gets it carries on without the store, as with any store error, but logs
// it at debug level only: an outage is one warning, not a few per message.
var ErrOutageReported = errors.New("store outage already reported")

// LogStoreError logs err from a shared store with msg: as a warning, or at
// debug level when the store has reported its outage already.
func LogStoreError(ctx context.Context, log *slog.Logger, msg string, err error) {
	level := slog.LevelWarn
	if errors.Is(err, ErrOutageReported) {
		level = slog.LevelDebug
	}
	log.Log(ctx, level, msg, "err", err)
}
