package slack

import "github.com/hotline-org/hotline/internal/bot"

// words are the adapter's own labels around the engine's reply, in the
// reply's language, from the bot's message files (keys slack_* and kind_*).
type words struct {
	lang string // also the language catalog text is read in
	say  bot.Wording
}

func (a *Adapter) words(lang string) words { return words{lang: lang, say: a.cfg.Words} }

// get returns the words for key with {placeholders} filled from pairs.
func (w words) get(key string, pairs ...string) string { return w.say.Say(w.lang, key, pairs...) }

// kind names a kind of resource: hotline, service, warning-sign, guide.
func (w words) kind(k string) string { return w.get("kind_" + k) }
