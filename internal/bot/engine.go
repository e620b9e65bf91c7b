package bot

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/lru"
	"github.com/hotline-org/hotline/internal/places"
	"github.com/hotline-org/hotline/internal/search"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
)

// Searcher is the catalog search the engine asks. *search.Index is one.
type Searcher interface {
	Search(ctx context.Context, q search.Query) ([]search.Result, error)
	Understand(text string) search.Understanding
	Catalog() *catalog.Catalog
}

// Snapshotter is a Searcher whose index can be swapped while it serves
// (*search.Live). The engine then takes one snapshot per message and reads
// everything from it, so that a reload between two reads cannot make them
// disagree; release lets the swapped-out index close.
type Snapshotter interface {
	Snapshot() (ix *search.Index, release func())
}

// PlaceFinder turns place names into places. *places.Resolver is one.
type PlaceFinder interface {
	Resolve(s string) (places.Place, error)
	// Find returns a place named in free text; home is the person's likely
	// country.
	Find(text, home string) (places.Place, bool)
	// Countries returns the countries of every place free text names
	// where someone may be, Find's first.
	Countries(text, home string) []string
	// Answer returns the place a reply to "where?" names.
	Answer(text, home string) (places.Place, bool)
	// Abroad reports whether the words of text, which names no place,
	// say the writer is outside home ("mum" and "£" from the US).
	Abroad(text, home string) bool
	// Locate names the coarse place around a shared location, so the
	// right country's numbers apply.
	Locate(lat, lon float64) (places.Place, bool)
}

// Reader reads what a message is about with models learned from labelled
// examples. *understand.Reader is one.
type Reader interface {
	Read(folded string) understand.Reading
}

// Observer is told of every answered message: counts and timings, never
// content. *metrics.Metrics is one.
type Observer interface {
	Observe(surface, intent string, urgent bool, d time.Duration)
}

// Limiter decides whether a chat may send another message now. The default
// keeps a token bucket per chat in memory; replicas share one in Redis.
type Limiter interface {
	Allow(ctx context.Context, chatKey string) (bool, error)
}

// Unlimited is the Limiter that lets every message through: for tests and
// for one-off commands such as `hotline ask`.
type Unlimited struct{}

// Allow lets the message through.
func (Unlimited) Allow(context.Context, string) (bool, error) { return true, nil }

// MaxTextRunes is how much of a message the engine reads. Longer messages
// are answered from their beginning, never rejected.
const MaxTextRunes = 4000

// Config is what an Engine needs. Search, Places, Languages and Triage are
// required; every other zero value has a sensible default.
type Config struct {
	Search    Searcher
	Places    PlaceFinder
	Languages *Languages
	Triage    *Triage
	Reader    Reader // learned topics and danger; default: none, the rules alone

	Sessions       SessionStore // default: NewMemorySessions(0, 0)
	Limiter        Limiter      // default: in memory, RateLimit a second with bursts of RateBurst
	RateLimit      rate.Limit   // messages a second per chat; default 1
	RateBurst      int          // default 5
	DefaultCountry string       // the country assumed when none is known; default "US"
	Logger         *slog.Logger // default: discard
	Observer       Observer     // told of every reply (metrics); default none
	HashKey        []byte       // key for the chat hashes in logs; default: random for this process
	Now            func() time.Time
}

// Engine answers messages. It is safe for concurrent use.
type Engine struct {
	cfg      Config
	log      *slog.Logger
	limiters *lru.Cache[*rate.Limiter]
}

// New checks cfg and returns an Engine.
func New(cfg Config) (*Engine, error) {
	if cfg.Search == nil || cfg.Places == nil || cfg.Languages == nil || cfg.Triage == nil {
		return nil, errors.New("bot: Config needs Search, Places, Languages and Triage")
	}
	if cfg.Sessions == nil {
		cfg.Sessions = NewMemorySessions(0, 0)
	}
	if cfg.Reader == nil {
		cfg.Reader = (*understand.Reader)(nil)
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 1
	}
	if cfg.RateBurst == 0 {
		cfg.RateBurst = 5
	}
	if cfg.DefaultCountry == "" {
		cfg.DefaultCountry = "US"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HashKey == nil {
		cfg.HashKey = make([]byte, 32)
		rand.Read(cfg.HashKey)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Engine{
		cfg:      cfg,
		log:      cfg.Logger,
		limiters: lru.New[*rate.Limiter](DefaultSessionCap, 10*time.Minute, cfg.Now),
	}, nil
}

// ChatHash is the keyed hash of a chat key that logs and metrics carry in
// place of the key itself.
func (e *Engine) ChatHash(chatKey string) string {
	if chatKey == "" {
		return ""
	}
	m := hmac.New(sha256.New, e.cfg.HashKey)
	m.Write([]byte(chatKey))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// Say returns the bot's words for key in lang (see Wording).
func (e *Engine) Say(lang, key string, pairs ...string) string {
	return e.cfg.Languages.Say(lang, key, pairs...)
}

// Codes lists the codes of the languages the engine speaks, English first.
func (e *Engine) Codes() []string { return e.cfg.Languages.Codes() }

// Forget erases what the engine remembers of a chat, as "forget me" does.
// Adapters call it when a person blocks the bot.
func (e *Engine) Forget(ctx context.Context, chatKey string) error {
	e.limiters.Remove(chatKey)
	return e.cfg.Sessions.Delete(ctx, chatKey)
}

// turn is the state of answering one message.
type turn struct {
	msg      Message
	text     string // the message text, cut to MaxTextRunes
	folded   string
	und      search.Understanding
	reading  understand.Reading // what the learned models read
	sess     *Session
	lang     *Language
	place    *places.Place
	audience string
	reply    Reply
	save     bool // whether to store sess afterwards

	placeAnswer bool // the message answered "where?" with a place
	placeInText bool // the place was named in the message
	// home is the country the message's places were read from, when the
	// place was named in it (see elsewhere).
	home      string
	isCommand bool // the text is a /command
	// phrase is the intent of the bot's phrase the text is ("good
	// morning": start), in language phraseLang; "" for none.
	phrase, phraseLang string
}

// Handle answers one message. It never panics and always returns a reply a
// person can act on: on any failure, the reply still has the emergency number.
func (e *Engine) Handle(ctx context.Context, m Message) (reply Reply) {
	start := e.cfg.Now()
	if s, ok := e.cfg.Search.(Snapshotter); ok {
		ix, release := s.Snapshot()
		defer release()
		e = e.over(ix)
	}
	t := &turn{msg: m, lang: e.cfg.Languages.Get(m.Lang)}
	defer func() {
		if p := recover(); p != nil {
			// The panic value may hold message text: log only its type.
			e.log.Error("panic while handling a message", "surface", m.Surface,
				"chat", e.ChatHash(m.ChatKey), "panic_type", fmt.Sprintf("%T", p))
			reply = e.errorReply(t)
		}
		d := e.cfg.Now().Sub(start)
		e.log.Info("message", "surface", m.Surface, "chat", e.ChatHash(m.ChatKey),
			"intent", reply.Intent, "urgent", reply.Urgent, "category", reply.Category,
			"lang", reply.Language, "results", len(reply.Resources), "duration", d)
		if e.cfg.Observer != nil {
			e.cfg.Observer.Observe(m.Surface, reply.Intent, reply.Urgent, d)
		}
	}()
	return e.handle(ctx, t)
}

// over returns a copy of e that reads only ix: one message's engine.
func (e *Engine) over(ix Searcher) *Engine {
	turnEngine := *e
	turnEngine.cfg.Search = ix
	return &turnEngine
}

func (e *Engine) handle(ctx context.Context, t *turn) Reply {
	m := t.msg
	t.text = m.Text
	truncated := false
	if utf8.RuneCountInString(t.text) > MaxTextRunes {
		t.text, truncated = string([]rune(t.text)[:MaxTextRunes]), true
	}
	if !utf8.ValidString(t.text) {
		t.text = strings.ToValidUTF8(t.text, " ")
	}
	t.folded = textfold.Fold(t.text)
	_, _, t.isCommand = command(t.text)
	t.phrase, t.phraseLang = e.phraseIntent(withoutPlease(t.folded))
	t.und = e.cfg.Search.Understand(t.text)

	t.sess = &Session{}
	if m.ChatKey != "" {
		s, err := e.cfg.Sessions.Get(ctx, m.ChatKey)
		if err != nil {
			LogStoreError(ctx, e.log, "session store unavailable; answering without memory", err)
		} else if s != nil {
			t.sess = s
		}
		t.save = true
	}
	t.audience = cmpOr(m.Audience, t.sess.Audience, catalog.AudienceAll)
	t.sess.Audience = t.audience
	t.lang = e.cfg.Languages.Get(e.pickLanguage(t))
	t.sess.Lang = t.lang.Code
	t.reply = Reply{Language: t.lang.Code}

	// The models read what the rules read: a laughing emoji, which
	// folding drops, as "lol" ("im jumping off the roof 😂").
	rulesText := RulesText(t.text, t.folded)
	// Commands, buttons and the bot's own phrases ("good afternoon",
	// "hotlines") say what they are; a word or two says too little for
	// the models, whose guesses there are their priors. The rules still
	// read every message.
	if !t.isCommand && m.Action == "" && t.phrase == "" {
		t.reading = e.cfg.Reader.Read(rulesText)
		if strings.Count(t.folded, " ") < 1 {
			t.reading.Urgent, t.reading.Danger = false, understand.Guess{}
		}
	}
	tri := e.cfg.Triage.Check(rulesText, t.reading)
	if m.ChatKey != "" && !tri.Urgent && !e.allow(ctx, m.ChatKey) {
		t.reply.Intent = IntentLimited
		t.reply.Blocks = []string{t.lang.Say("rate_limited")}
		return t.reply
	}

	e.resolvePlace(t)
	if tri.Urgent {
		e.urgent(t, tri)
	}
	if truncated {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("too_long"))
	}

	intent, arg := e.intentOf(t)
	if t.reply.Intent == "" {
		t.reply.Intent = intent
	}
	var err error
	switch intent {
	case IntentStart:
		e.start(t)
	case IntentPrivacy:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("privacy"))
		t.reply.Actions = []Action{{ActionForget, t.lang.Say("action_forget")}}
	case IntentForget:
		if m.ChatKey != "" {
			if err := e.Forget(ctx, m.ChatKey); err != nil {
				e.log.Warn("forget failed", "chat", e.ChatHash(m.ChatKey), "err", err)
			}
		}
		t.save = false
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("forgotten"))
	case IntentLanguage:
		err = e.switchLanguage(ctx, t, arg)
	case IntentHotlines:
		e.hotlines(t)
	case IntentSigns:
		e.signs(t, arg)
	case IntentNear:
		err = e.near(ctx, t, arg)
	case IntentMore:
		e.more(t)
	case IntentPick:
		e.pick(t, arg)
	case IntentAnswer:
		err = e.answer(ctx, t, arg)
	default:
		if e.unsure(t) {
			t.reply.Intent = IntentUnsure
			e.ask(t)
			break
		}
		err = e.search(ctx, t, t.text, nil, nil)
	}
	if err != nil {
		e.log.Error("answering failed", "intent", intent, "err", err)
		return e.errorReply(t)
	}

	if t.save {
		if err := e.cfg.Sessions.Put(ctx, m.ChatKey, t.sess); err != nil {
			LogStoreError(ctx, e.log, "session store unavailable; reply sent without memory", err)
		}
	}
	return t.reply
}

func (e *Engine) allow(ctx context.Context, chatKey string) bool {
	if e.cfg.Limiter != nil {
		ok, err := e.cfg.Limiter.Allow(ctx, chatKey)
		if err != nil {
			// A limiter that cannot count lets messages through: a person
			// asking for help matters more than a flood.
			LogStoreError(ctx, e.log, "rate limiter unavailable; allowing the message", err)
			return true
		}
		return ok
	}
	l := e.limiters.GetOrAdd(chatKey, func() *rate.Limiter {
		return rate.NewLimiter(e.cfg.RateLimit, e.cfg.RateBurst)
	})
	return l.AllowN(e.cfg.Now(), 1)
}

// pickLanguage: a language the person chose stays; otherwise what they
// write decides; otherwise what we knew before, or the platform's hint.
func (e *Engine) pickLanguage(t *turn) string {
	if t.sess.LangSet && t.sess.Lang != "" {
		return t.sess.Lang
	}
	if t.isCommand || t.msg.Action != "" {
		// "/start" and a button say nothing of the language: what we knew
		// before, else the platform's hint (Telegram's language_code).
		if t.sess.Lang != "" {
			return t.sess.Lang
		}
		if hint := baseLang(t.msg.Lang); e.cfg.Languages.Has(hint) {
			return hint
		}
		return "en"
	}
	if l := e.cfg.Languages.Detect(t.folded, t.und.Langs); l != "" {
		return l
	}
	if l := e.cfg.Languages.DetectPhrase(t.folded); l != "" {
		return l
	}
	if t.sess.Lang != "" {
		return t.sess.Lang
	}
	if hint := baseLang(t.msg.Lang); e.cfg.Languages.Has(hint) {
		return hint
	}
	return "en"
}

func baseLang(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	base, _, _ = strings.Cut(base, "_")
	return base
}

// resolvePlace settles where the person is: a shared location, a place
// given beside the message, one named in it, or the one remembered.
func (e *Engine) resolvePlace(t *turn) {
	// Asked where to look, the next message is read as the answer.
	asked := t.sess.AskedPlace
	t.sess.AskedPlace = false
	switch {
	case t.msg.Location != nil:
		p, ok := e.cfg.Places.Locate(t.msg.Location.Lat, t.msg.Location.Lon)
		if !ok {
			p = places.Place{Kind: "coordinates", Lat: t.msg.Location.Lat, Lon: t.msg.Location.Lon}
		}
		// The city is only for the reply's words; say "your location".
		p.Name = t.lang.Say("your_location")
		t.place = &p
	case t.msg.Near != "":
		if p, err := e.cfg.Places.Resolve(t.msg.Near); err == nil {
			t.place = &p
		} else {
			t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("near_unknown"))
		}
	case t.folded != "" && !strings.HasPrefix(t.text, "/"):
		home := e.cfg.DefaultCountry
		if t.sess.Place != nil && t.sess.Place.Country != "" {
			home = t.sess.Place.Country
		}
		find := e.cfg.Places.Find
		if asked {
			find = e.cfg.Places.Answer
		}
		if p, ok := find(t.text, home); ok {
			t.place, t.placeAnswer, t.placeInText, t.home = &p, asked, true, home
		}
	}
	if t.place == nil {
		t.place = t.sess.Place
	}
	t.sess.Place = t.place
	if t.place != nil {
		t.reply.Place = t.place.Name
	}
}

// elsewhere returns the other countries the message names a place in
// ("my brother works on a farm in North Carolina ... we are in Oaxaca"),
// for the lines there that stand beside the ones here. Read only when
// needed: most messages name one place or none.
func (e *Engine) elsewhere(t *turn) []string {
	if !t.placeInText || t.placeAnswer {
		return nil
	}
	return slices.DeleteFunc(e.cfg.Places.Countries(t.text, t.home), func(c string) bool { return c == t.place.Country })
}

func (e *Engine) country(t *turn) string {
	if t.place != nil && t.place.Country != "" {
		return t.place.Country
	}
	return e.cfg.DefaultCountry
}

func (e *Engine) errorReply(t *turn) Reply {
	l := t.lang
	if l == nil {
		l = e.cfg.Languages.Get("en")
	}
	return Reply{Language: l.Code, Intent: "error", Blocks: []string{l.Say("error", "emergency", e.emergencyNumber(t))}}
}

// intentOf reads what the person asks for: a button, a /command, a number
// picking a result, a short phrase from the language files, or else a
// question for search.
func (e *Engine) intentOf(t *turn) (intent, arg string) {
	if t.placeAnswer {
		return IntentNear, ""
	}
	if a := t.msg.Action; a != "" {
		switch {
		case strings.HasPrefix(a, ActionLangPref):
			return IntentLanguage, strings.TrimPrefix(a, ActionLangPref)
		case strings.HasPrefix(a, ActionGroup):
			return IntentSigns, strings.TrimPrefix(a, ActionGroup)
		case strings.HasPrefix(a, ActionPick):
			return IntentPick, strings.TrimPrefix(a, ActionPick)
		case strings.HasPrefix(a, ActionAnswer):
			return IntentAnswer, strings.TrimPrefix(a, ActionAnswer)
		case slices.Contains([]string{ActionMore, ActionSigns, ActionHotlines, ActionNear, ActionPrivacy, ActionForget, IntentStart}, a):
			return a, ""
		}
	}
	if t.msg.Location != nil && t.folded == "" {
		return IntentNear, ""
	}
	if cmd, rest, ok := command(t.text); ok {
		switch cmd {
		case "start", "help", "ayuda", "inicio":
			return IntentStart, ""
		case "signs", "senales":
			return IntentSigns, ""
		case "hotlines", "lineas":
			return IntentHotlines, ""
		case "near", "cerca":
			return IntentNear, rest
		case "language", "idioma", "lang":
			return IntentLanguage, rest
		case "forget", "olvidame":
			return IntentForget, ""
		case "privacy", "privacidad":
			return IntentPrivacy, ""
		case "more", "mas":
			return IntentMore, ""
		}
		return IntentStart, ""
	}
	f := withoutPlease(t.folded)
	if n, err := strconv.Atoi(f); err == nil && n > 0 && n < 100 {
		return IntentPick, f
	}
	if t.phrase == IntentLanguage {
		return t.phrase, t.phraseLang
	}
	if t.phrase != "" {
		return t.phrase, ""
	}
	// Nothing but small words ("hi there", "ok so"): say hello and what the
	// bot can do, rather than searching on nothing.
	if f != "" && t.place == nil && len(t.und.Topics) == 0 && !e.hasContentWords(f) {
		return IntentStart, ""
	}
	// "UK", after a reply: the same question, there.
	if t.placeInText && t.sess.Last != nil {
		if p, err := e.cfg.Places.Resolve(f); err == nil {
			t.place, t.sess.Place, t.reply.Place = &p, &p, p.Name
			return IntentNear, ""
		}
	}
	// "what about in Texas", "I'm in Leeds": a follow-up naming only a place.
	for _, code := range e.cfg.Languages.Codes() {
		for _, lead := range e.cfg.Languages.Get(code).followup {
			rest, ok := strings.CutPrefix(f, lead+" ")
			if !ok {
				continue
			}
			if p, err := e.cfg.Places.Resolve(rest); err == nil {
				t.place, t.sess.Place, t.reply.Place = &p, &p, p.Name
				return IntentNear, ""
			}
		}
	}
	return IntentSearch, ""
}

// hasContentWords reports whether a folded message has a word that is not
// one of the common words the language files list for detection.
func (e *Engine) hasContentWords(folded string) bool {
	for w := range strings.FieldsSeq(folded) {
		if !e.cfg.Languages.IsCommonWord(w) {
			return true
		}
	}
	return false
}

// command splits "/near Dallas" into "near" and "Dallas". Adapters strip
// any @BotName before the engine sees it.
func command(text string) (cmd, rest string, ok bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") || len(text) < 2 {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	head, _, _ = strings.Cut(head, "@")
	return textfold.Fold(head), strings.TrimSpace(rest), true
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// withoutPlease is a folded message without a "please" or "por favor" at
// its end: "hotlines please" asks for the hotlines.
func withoutPlease(folded string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(folded, " please"), " por favor"))
}

// phraseIntent reports which of the bot's phrases a folded message is, in
// which language: "good morning" (start, en), "lineas" (hotlines, es); ""
// for none.
func (e *Engine) phraseIntent(f string) (intent, code string) {
	for _, code := range e.cfg.Languages.Codes() {
		l := e.cfg.Languages.Get(code)
		for _, intent := range []string{IntentForget, IntentPrivacy, IntentMore, IntentLanguage, IntentSigns, IntentHotlines, IntentNear, IntentStart} {
			if l.hasIntent(intent, f) {
				return intent, code
			}
		}
	}
	return "", ""
}
