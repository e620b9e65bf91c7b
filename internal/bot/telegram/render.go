package telegram

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
)

// Telegram's limits.
const (
	// messageLimit is the most one message may hold, in UTF-16 units of
	// its HTML. Telegram allows 4,096 characters after parsing; counting the
	// markup too and keeping a margin means a reply is never refused.
	messageLimit     = 4000
	maxCallbackBytes = 64 // callback_data
	maxButtonRunes   = 64 // a longer label is cut; Telegram shows little of it anyway
)

// renderHTML renders a reply as Telegram HTML messages, each within limit,
// split only between paragraphs, or between lines when one paragraph is
// longer than a message. Every piece of text is escaped; the only markup is
// <b> for urgent lines and names and <a> for https links.
func renderHTML(r bot.Reply, limit int) []string {
	var blocks [][]string
	if len(r.Lead) > 0 {
		var lead []string
		for _, l := range r.Lead {
			lead = append(lead, bold(l, limit)...)
		}
		blocks = append(blocks, lead)
	}
	for _, s := range r.Blocks {
		blocks = append(blocks, textLines(s, limit))
	}
	for i, c := range r.Resources {
		blocks = append(blocks, cardLines(c, i+1, limit))
	}
	if len(r.Footer) > 0 {
		var foot []string
		for _, l := range r.Footer {
			foot = append(foot, textLines(l, limit)...)
		}
		blocks = append(blocks, foot)
	}
	return pack(blocks, limit)
}

// cardLines renders one resource: its number and name in bold, how far it
// is, what it is, and how to reach it. Phone numbers stay text (Telegram
// makes them tappable itself; it does not accept tel: links); https links
// are links.
func cardLines(c bot.Card, n int, limit int) []string {
	lines := bold(strconv.Itoa(n)+". "+c.Name, limit)
	if c.DistanceKM != nil {
		lines[len(lines)-1] += html.EscapeString(" (" + bot.FormatKM(*c.DistanceKM) + " km)")
	}
	lines = append(lines, textLines(c.Summary, limit)...)
	for _, p := range strings.Split(c.Body, "\n") {
		lines = append(lines, textLines(strings.TrimSpace(p), limit)...)
	}
	for _, ct := range c.Contacts {
		lines = append(lines, contactLine(ct, limit)...)
	}
	if c.URL != "" && !hasContactValue(c.Contacts, c.URL) {
		if isLink(c.URL) {
			lines = append(lines, link(c.URL, c.URL))
		} else {
			lines = append(lines, textLines(c.URL, limit)...)
		}
	}
	if c.Location != nil && c.Location.Address != "" {
		lines = append(lines, textLines(c.Location.Address, limit)...)
	}
	return nonEmpty(lines)
}

// contactLine renders "Call: (888) 373-7888 (24/7)", or for a web contact
// "Chat: <a href=…>…</a>".
func contactLine(ct bot.ContactLine, limit int) []string {
	if !isLink(ct.Href) {
		return textLines(ct.String(), limit)
	}
	shown := ct.Display
	if shown == "" {
		shown = ct.Href
	}
	s := link(ct.Href, shown)
	if ct.Label != "" {
		s = html.EscapeString(ct.Label+": ") + s
	}
	if ct.Hours != "" {
		s += html.EscapeString(" (" + ct.Hours + ")")
	}
	return []string{s}
}

func hasContactValue(cs []bot.ContactLine, v string) bool {
	for _, c := range cs {
		if c.Value == v || c.Href == v {
			return true
		}
	}
	return false
}

// isLink reports whether s is an https URL Telegram will accept in <a>: a
// malformed one would make Telegram refuse the whole message.
func isLink(s string) bool {
	if len(s) > 2048 || strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

func link(href, text string) string {
	return `<a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + `</a>`
}

// bold renders a line in bold, in pieces if it is longer than a message.
func bold(s string, limit int) []string {
	ps := pieces(s, limit-len("<b></b>")-32)
	for i, p := range ps {
		ps[i] = "<b>" + p + "</b>"
	}
	return ps
}

// textLines renders plain text: escaped, one entry a line, lines longer
// than a message cut in pieces (at a space where there is one near).
func textLines(s string, limit int) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		out = append(out, pieces(line, limit-32)...)
	}
	return out
}

// pieces escapes s, cutting it first into pieces whose escaped form fits in
// max UTF-16 units. Cutting before escaping never splits an entity.
func pieces(s string, max int) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if esc := html.EscapeString(s); utf16Len(esc) <= max {
		return []string{esc}
	}
	var out []string
	for s != "" {
		n, cut, space := 0, 0, 0
		for i, r := range s {
			w := escapedLen(r)
			if n+w > max {
				break
			}
			n, cut = n+w, i+utf8.RuneLen(r)
			if unicode.IsSpace(r) {
				space = cut
			}
		}
		if cut < len(s) && space > cut/2 {
			cut = space
		}
		out = append(out, html.EscapeString(strings.TrimRightFunc(s[:cut], unicode.IsSpace)))
		s = strings.TrimLeftFunc(s[cut:], unicode.IsSpace)
	}
	return out
}

// escapedLen is the length of r after html.EscapeString, in UTF-16 units.
func escapedLen(r rune) int {
	switch r {
	case '<', '>':
		return 4 // &lt; &gt;
	case '&', '"', '\'':
		return 5 // &amp; &#34; &#39;
	}
	return utf16.RuneLen(r)
}

// utf16Len is how Telegram counts the length of a text.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// pack joins blocks into as few messages as fit in limit: blocks apart by
// a blank line, never split unless one block alone is too long, and then
// split between its lines.
func pack(blocks [][]string, limit int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
		n = 0
	}
	add := func(s, sep string) {
		l := utf16Len(s)
		if n > 0 && n+len(sep)+l > limit {
			flush()
		}
		if n > 0 {
			cur.WriteString(sep)
			n += len(sep)
		}
		cur.WriteString(s)
		n += l
	}
	for _, b := range blocks {
		joined := strings.Join(b, "\n")
		if strings.TrimSpace(joined) == "" {
			continue
		}
		if utf16Len(joined) <= limit {
			add(joined, "\n\n")
			continue
		}
		flush()
		for _, line := range b {
			if utf16Len(line) > limit {
				// Only an overlong link gets here: show it as text.
				for _, p := range pieces(plainText(line), limit) {
					add(p, "\n")
				}
				continue
			}
			add(line, "\n")
		}
		flush()
	}
	flush()
	return out
}

var tag = regexp.MustCompile(`<[^>]*>`)

// plainText turns this package's HTML back into the text it shows. Every
// '<' of the text itself is escaped, so each one left opens a tag.
func plainText(s string) string {
	return html.UnescapeString(tag.ReplaceAllString(s, ""))
}

func nonEmpty(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// inlineKeyboard and callbackButton are the Bot API's inline keyboard with
// only the fields a callback button has: the library's InlineKeyboardButton
// always sends an empty copy_text, which Telegram may refuse.
type inlineKeyboard struct {
	InlineKeyboard [][]callbackButton `json:"inline_keyboard"`
}

type callbackButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// keyboard lays actions out as buttons, two to a row when their labels are
// short. An action whose id does not fit in callback data is left out:
// cutting it would press a different button.
func keyboard(actions []bot.Action) *inlineKeyboard {
	var buttons []callbackButton
	for _, a := range actions {
		label := strings.TrimSpace(a.Label)
		if a.ID == "" || len(a.ID) > maxCallbackBytes || label == "" {
			continue
		}
		if r := []rune(label); len(r) > maxButtonRunes {
			label = string(r[:maxButtonRunes-1]) + "…"
		}
		buttons = append(buttons, callbackButton{Text: label, CallbackData: a.ID})
	}
	if len(buttons) == 0 {
		return nil
	}
	const short = 20
	kb := &inlineKeyboard{}
	for i := 0; i < len(buttons); {
		if i+1 < len(buttons) && utf8.RuneCountInString(buttons[i].Text) <= short && utf8.RuneCountInString(buttons[i+1].Text) <= short {
			kb.InlineKeyboard = append(kb.InlineKeyboard, buttons[i:i+2])
			i += 2
			continue
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, buttons[i:i+1])
		i++
	}
	return kb
}

// locationKeyboard offers to share a location with one tap: optional, and
// the placeholder says a typed place works as well. Telegram offers the
// button in private chats only.
func locationKeyboard(w bot.Wording, lang string) *models.ReplyKeyboardMarkup {
	return &models.ReplyKeyboardMarkup{
		Keyboard:              [][]models.KeyboardButton{{{Text: w.Say(lang, "telegram_share_location"), RequestLocation: true}}},
		ResizeKeyboard:        true,
		OneTimeKeyboard:       true,
		InputFieldPlaceholder: w.Say(lang, "telegram_type_place"),
	}
}

// asksForPlace reports whether the reply asks where to look, with nothing
// found yet: the moment to offer the location button.
func asksForPlace(r bot.Reply) bool {
	return r.Intent == bot.IntentNear && r.Place == "" && len(r.Resources) == 0 && len(r.Actions) == 0
}
