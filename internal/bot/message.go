// Package bot is the conversation engine: it turns one incoming message into
// one reply, the same way on every platform. Adapters (web, telegram, slack,
// console) convert their wire formats to Message and render Reply; the
// engine knows nothing of any platform and adapters know nothing of search.
package bot

import (
	"context"

	"github.com/hotline-org/hotline/internal/catalog"
)

// Answerer answers one message. *Engine is one; adapters take an Answerer
// so that tests can give them another.
type Answerer interface {
	Handle(ctx context.Context, m Message) Reply
}

// Forgetter erases what is remembered of a chat. *Engine is one. Adapters
// call it when a person blocks the bot or leaves.
type Forgetter interface {
	Forget(ctx context.Context, chatKey string) error
}

// Wording gives adapters the bot's words for their own labels (menus,
// buttons, card labels), from the same message files as the replies, so a
// new language is one file. *Engine and *Languages are Wordings.
type Wording interface {
	// Say returns the words for key in lang, English when lang is not
	// spoken, with {placeholders} filled from pairs of name, value.
	Say(lang, key string, pairs ...string) string
	// Codes lists the codes of the languages spoken, English first.
	Codes() []string
}

// WordingOf returns words, or else engine when it is a Wording: the
// default adapters give their Config.Words. ok is false when there is
// neither.
func WordingOf(words Wording, engine Answerer) (w Wording, ok bool) {
	if words != nil {
		return words, true
	}
	w, ok = engine.(Wording)
	return w, ok
}

// Message is one thing a person sent.
type Message struct {
	Surface string // where it came from: "web", "telegram", "slack", "cli"
	ChatKey string // the conversation; "" answers it as a fresh conversation with no memory

	Text     string    // what they wrote; may be empty when Location or Action is set
	Location *GeoPoint // a location they shared, if any
	Action   string    // a follow-up button they pressed (an Action.ID of an earlier reply)

	Lang     string // a language hint (a platform's language setting, --lang); what they write decides
	Near     string // a place given outside the text (--near, a form field)
	Audience string // youth, staff or all
}

// GeoPoint is a latitude and longitude in degrees.
type GeoPoint struct {
	Lat, Lon float64
}

// Reply is what the engine answers. Adapters render it in their own idiom;
// Text gives it as plain text.
type Reply struct {
	Language string
	Intent   string // what the engine understood: see the Intent constants
	Urgent   bool   // the message signalled immediate danger; Lead holds the emergency lines
	Category string // the triage category when Urgent

	Lead []string // lines that must come first (urgent numbers), before anything else
	// Dial are the numbers to call or text now (the emergency number, the
	// crisis line), for surfaces that can make them one tap away.
	Dial      []ContactLine
	Blocks    []string // paragraphs of the bot's own words
	Resources []Card   // resources, best first
	Footer    []string // lines after the resources (a human to talk to)
	Actions   []Action // follow-ups offered as buttons
	Place     string   // the place the results are near, if any
}

// Card is one resource in a reply, in the reply's language.
type Card struct {
	ID       string
	Kind     string
	Name     string
	Summary  string
	Body     string // set when the person asked for this one in detail
	URL      string
	Contacts []ContactLine

	Score      float64
	DistanceKM *float64          // to the nearest location, when a place is known
	Location   *catalog.Location // that location

	// Resource is the catalog entry, for adapters that show more (the
	// staff view shows eligibility, intake, areas and verification).
	Resource *catalog.Resource
}

// ContactLine is one way to reach a resource, ready to show and to tap.
type ContactLine struct {
	Type    string // phone, sms, whatsapp, chat, web, email, tty
	Label   string // "Call", "Text BEFREE to 233733"
	Value   string // E.164 for numbers that have one, else as dialled; the URL for links
	Display string // as people write it: "(888) 373-7888"
	Keyword string // what to text, for SMS
	Hours   string
	Href    string // tel:, sms:, mailto: or https: link
}

// Action is a follow-up a person can take with one tap. IDs are short
// (Telegram allows 64 bytes of callback data) and stable.
type Action struct {
	ID    string
	Label string
}

// Intents the engine recognises.
const (
	IntentStart    = "start"
	IntentSigns    = "signs"
	IntentHotlines = "hotlines"
	IntentNear     = "near"
	IntentLanguage = "language"
	IntentForget   = "forget"
	IntentPrivacy  = "privacy"
	IntentMore     = "more"
	IntentPick     = "pick"
	IntentSearch   = "search"
	IntentUnsure   = "unsure" // not sure what the message is about: general lines and a question
	IntentAnswer   = "answer" // a quick reply to that question
	IntentUrgent   = "urgent"
	IntentLimited  = "rate-limited"
)

// Action IDs the engine understands from buttons.
const (
	ActionMore     = "more"
	ActionSigns    = "signs"
	ActionHotlines = "hotlines"
	ActionNear     = "near"
	ActionPrivacy  = "privacy"
	ActionForget   = "forget"
	ActionLangPref = "lang:"   // + language code
	ActionGroup    = "group:"  // + warning-sign group id
	ActionPick     = "pick:"   // + result number
	ActionAnswer   = "answer:" // + one of the answers to the question asked when unsure
)
