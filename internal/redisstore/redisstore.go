// Package redisstore keeps the state that replicas must share in Redis:
// conversation sessions, per-chat rate limits and "seen" marks for platform
// events, so that N replicas behind a load balancer hold one conversation
// and never answer one event twice.
//
// Chat keys never reach Redis as written: every key is a keyed hash, so a
// dump of Redis cannot tell whose conversation is whose.
package redisstore

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/hotline-org/hotline/internal/bot"
)

// Store is a connection to Redis with hotline's key layout.
type Store struct {
	rdb    *redis.Client
	secret []byte
	prefix string
	ttl    time.Duration
	log    *slog.Logger

	mu        sync.Mutex
	downSince time.Time // zero while Redis answers
	okRun     int       // calls in a row that succeeded since downSince
}

// Options tune a Store. Secret is required and must be the same on every
// replica (it keys the hashes of chat ids).
type Options struct {
	Secret     []byte
	Prefix     string        // key prefix; default "hotline:"
	SessionTTL time.Duration // default bot.DefaultSessionTTL
	// Logger hears of outages: once when Redis stops answering, once
	// when it answers again. Default: discard.
	Logger *slog.Logger
}

// Open connects to the Redis at url (redis://host:port/db) and checks it
// answers.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	if len(opt.Secret) == 0 {
		return nil, errors.New("redisstore: a secret is required to hash chat ids")
	}
	o, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redisstore: REDIS_URL: %w", err)
	}
	// Short timeouts: a slow Redis must not hold a reply back long.
	o.DialTimeout, o.ReadTimeout, o.WriteTimeout = 2*time.Second, 500*time.Millisecond, 500*time.Millisecond
	o.MaxRetries, o.DialerRetries = 1, 1
	s := &Store{rdb: redis.NewClient(o), secret: opt.Secret, prefix: opt.Prefix, ttl: opt.SessionTTL, log: opt.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.prefix == "" {
		s.prefix = "hotline:"
	}
	if s.ttl == 0 {
		s.ttl = bot.DefaultSessionTTL
	}
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		s.rdb.Close()
		return nil, fmt.Errorf("redisstore: %w", err)
	}
	return s, nil
}

// recovered is how many calls in a row must succeed after an outage before
// it is over: as Redis comes back, go-redis fails some calls for a moment
// with the dial error it remembers, and one outage must not read as many.
const recovered = 3

// observe notes the outcome of one call to Redis. The first failure of an
// outage is logged here, once, and every failure until Redis answers again
// is marked bot.ErrOutageReported, so that the engine and the adapters,
// which carry on without Redis, do not warn of it again for each message.
// The end of the outage is logged once too.
func (s *Store) observe(ctx context.Context, err error) error {
	if err != nil && (errors.Is(err, redis.Nil) || ctx.Err() != nil) {
		return err // an answer, or the caller gave up: not an outage
	}
	s.mu.Lock()
	since := s.downSince
	began, ended := false, false
	switch {
	case err != nil:
		s.okRun = 0
		if since.IsZero() {
			s.downSince, began = time.Now(), true
		}
	case !since.IsZero():
		s.okRun++
		if s.okRun >= recovered {
			s.downSince, s.okRun, ended = time.Time{}, 0, true
		}
	}
	s.mu.Unlock()
	switch {
	case began:
		s.log.Warn("Redis unavailable: answering without shared sessions, rate limits and seen events until it is back", "err", err)
	case ended:
		s.log.Info("Redis answers again: sessions, rate limits and seen events are shared again",
			"outage", time.Since(since).Round(time.Millisecond))
	}
	if err != nil {
		return fmt.Errorf("%w (%w)", err, bot.ErrOutageReported)
	}
	return nil
}

// Close closes the connection.
func (s *Store) Close() error { return s.rdb.Close() }

func (s *Store) key(kind, id string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(id))
	return s.prefix + kind + ":" + hex.EncodeToString(m.Sum(nil)[:16])
}

// Get returns the session for chatKey, or nil when there is none. Reading
// it also extends its life: sessions expire after a time idle.
func (s *Store) Get(ctx context.Context, chatKey string) (*bot.Session, error) {
	data, err := s.rdb.GetEx(ctx, s.key("session", chatKey), s.ttl).Bytes()
	err = s.observe(ctx, err)
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: get session: %w", err)
	}
	var sess bot.Session
	if err := json.Unmarshal(data, &sess); err != nil {
		return nil, fmt.Errorf("redisstore: session: %w", err)
	}
	return &sess, nil
}

// Put stores the session for chatKey.
func (s *Store) Put(ctx context.Context, chatKey string, sess *bot.Session) error {
	data, err := json.Marshal(sess)
	if err != nil {
		return fmt.Errorf("redisstore: session: %w", err)
	}
	if err := s.observe(ctx, s.rdb.Set(ctx, s.key("session", chatKey), data, s.ttl).Err()); err != nil {
		return fmt.Errorf("redisstore: put session: %w", err)
	}
	return nil
}

// Delete erases the session for chatKey.
func (s *Store) Delete(ctx context.Context, chatKey string) error {
	if err := s.observe(ctx, s.rdb.Del(ctx, s.key("session", chatKey)).Err()); err != nil {
		return fmt.Errorf("redisstore: delete session: %w", err)
	}
	return nil
}

// FirstSeen marks id as seen for ttl and reports whether this call was the
// first to see it. Replicas use it to answer a platform event once.
func (s *Store) FirstSeen(ctx context.Context, id string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.key("seen", id), 1, ttl).Result()
	if err := s.observe(ctx, err); err != nil {
		return false, fmt.Errorf("redisstore: seen: %w", err)
	}
	return ok, nil
}

// Unsee forgets that id was seen: an update taken but then not handed on
// (every worker busy) must count as new when the platform sends it again.
func (s *Store) Unsee(ctx context.Context, id string) error {
	if err := s.observe(ctx, s.rdb.Del(ctx, s.key("seen", id)).Err()); err != nil {
		return fmt.Errorf("redisstore: unsee: %w", err)
	}
	return nil
}

// Allow counts one message for chatKey in the current window of the given
// length and reports whether it is within limit. A fixed window is coarse,
// but enough to stop a flood, and it is one round trip.
func (s *Store) Allow(ctx context.Context, chatKey string, limit int, window time.Duration) (bool, error) {
	slot := time.Now().UnixNano() / int64(window)
	key := fmt.Sprintf("%s:%d", s.key("rate", chatKey), slot)
	pipe := s.rdb.TxPipeline()
	n := pipe.Incr(ctx, key)
	pipe.Expire(ctx, key, 2*window)
	_, err := pipe.Exec(ctx)
	if err := s.observe(ctx, err); err != nil {
		return true, fmt.Errorf("redisstore: rate: %w", err)
	}
	return n.Val() <= int64(limit), nil
}

// Limiter is a bot.Limiter over a Store: at most Limit messages per chat in
// each Window, counted across every replica.
type Limiter struct {
	Store  *Store
	Limit  int
	Window time.Duration
}

// Allow implements bot.Limiter.
func (l Limiter) Allow(ctx context.Context, chatKey string) (bool, error) {
	return l.Store.Allow(ctx, chatKey, l.Limit, l.Window)
}
