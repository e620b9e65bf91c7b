package slack

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
)

// Slack's Block Kit limits.
const (
	maxBlocks       = 50   // blocks in one message
	maxSectionText  = 3000 // characters of a section's text
	maxContextText  = 2000 // characters of one context element
	maxButtonText   = 75   // characters of a button's label
	maxButtonValue  = 2000 // characters of a button's value
	maxActionID     = 255
	maxButtons      = 25 // elements of one actions block
	maxFallbackText = 3000
)

// shareAction is the action id of the "Share in channel" button; its value
// is the question, asked again to post the answer where everyone sees it.
const shareAction = "share"

// Block ids, stable so that tests and Slack's interaction payloads can
// name them.
const (
	blockActions = "hotline_actions"
)

// view says how to render a reply.
type view struct {
	buttons  bool   // offer the reply's follow-ups as buttons
	share    string // the question, for a "Share in channel" button; "" for none
	sharedBy string // the user id of who shared it into the channel
}

// render turns a reply into the staff view: the urgent lines first, the
// bot's words, then one card per resource with everything a case worker
// needs to make a referral, and the follow-ups as buttons. It stays within
// Slack's 50 blocks by showing fewer cards, and says so. The fallback text
// is what notifications and screen readers get.
func (a *Adapter) render(r bot.Reply, v view) (blocks []slackapi.Block, fallback string) {
	w := a.words(r.Language)
	var head, tail []slackapi.Block
	if len(r.Lead) > 0 {
		head = append(head, section(":rotating_light: *"+escape(strings.Join(r.Lead, "\n"))+"*"))
	}
	if v.sharedBy != "" {
		head = append(head, contextBlock(w.get("slack_shared_by", "name", "<@"+v.sharedBy+">")))
	}
	for _, p := range r.Blocks {
		if p = strings.TrimSpace(p); p != "" {
			head = append(head, section(escape(p)))
		}
	}
	if len(r.Footer) > 0 {
		tail = append(tail, section(escape(strings.Join(r.Footer, "\n"))))
	}
	if act := a.actions(r, v, w); act != nil {
		tail = append(tail, act)
	}

	const perCard = 3 // divider, section, context
	room := maxBlocks - len(head) - len(tail)
	shown := len(r.Resources)
	if shown*perCard > room {
		shown = max(0, (room-1)/perCard) // one block left to say what is missing
	}
	// Not likely, but a reply with more words than Slack takes must still go out.
	head = head[:min(len(head), maxBlocks-len(tail))]

	blocks = append(blocks, head...)
	now := a.cfg.Now()
	for i, c := range r.Resources[:shown] {
		blocks = append(blocks, slackapi.NewDividerBlock(), section(a.cardText(i+1, c, w, now)), contextBlock(a.cardContext(c, w, now)...))
	}
	if shown < len(r.Resources) && len(blocks)+len(tail) < maxBlocks {
		blocks = append(blocks, contextBlock(w.get("slack_not_shown", "count", strconv.Itoa(len(r.Resources)-shown))))
	}
	blocks = append(blocks, tail...)
	return blocks, cut(r.Text(), maxFallbackText)
}

// actions is the reply's follow-ups as buttons, with "Share in channel"
// first on a private answer.
func (a *Adapter) actions(r bot.Reply, v view, w words) slackapi.Block {
	var els []slackapi.BlockElement
	if v.share != "" {
		b := slackapi.NewButtonBlockElement(shareAction, cutBytes(v.share, maxButtonValue), plain(w.get("slack_share")))
		b.Style = slackapi.StylePrimary
		els = append(els, b)
	}
	if v.buttons {
		for _, act := range r.Actions {
			if len(els) == maxButtons {
				break
			}
			id, label := cutBytes(act.ID, maxActionID), act.Label
			if act.ID == bot.ActionNear {
				label = w.get("slack_refine") // staff refine a search; they are not "near" anyone
			}
			els = append(els, slackapi.NewButtonBlockElement(id, id, plain(label)))
		}
	}
	if len(els) == 0 {
		return nil
	}
	return slackapi.NewActionBlock(blockActions, els...)
}

// cardText is the body of one resource card.
func (a *Adapter) cardText(n int, c bot.Card, w words, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d. %s*", n, escape(c.Name))
	res := c.Resource
	if res != nil && a.stale(res, now) {
		b.WriteString("  :warning: *" + w.get("slack_stale") + "*")
	}
	line := func(s string) {
		if s != "" {
			b.WriteString("\n")
			b.WriteString(s)
		}
	}
	line(escape(c.Summary))
	for _, p := range strings.Split(c.Body, "\n") {
		line(escape(strings.TrimSpace(p)))
	}
	for _, ct := range c.Contacts {
		line("• " + contactText(ct))
	}
	if c.URL != "" && !hasContactValue(c.Contacts, c.URL) {
		line("• " + link(c.URL, w.get("slack_website")))
	}
	if c.Location != nil && (c.Location.Address != "" || c.DistanceKM != nil) {
		s := "*" + w.get("slack_near") + ":* " + escape(cmpOr(c.Location.Address, c.Location.Name))
		if c.DistanceKM != nil {
			s += fmt.Sprintf(" (%s km)", bot.FormatKM(*c.DistanceKM))
		}
		line(s)
	}
	if res != nil {
		var facts []string
		if len(res.Areas) > 0 {
			facts = append(facts, "*"+w.get("slack_serves")+":* "+escape(strings.Join(res.Areas, ", ")))
		}
		if len(res.Langs) > 0 {
			facts = append(facts, "*"+w.get("slack_languages")+":* "+escape(languageNames(res.Langs, w.lang)))
		}
		line(strings.Join(facts, "  ·  "))
		if st := res.Staff; st != nil {
			for _, f := range []struct {
				label string
				text  catalog.Text
			}{{w.get("slack_eligibility"), st.Eligibility}, {w.get("slack_intake"), st.Intake}, {w.get("slack_notes"), st.Notes}} {
				if s := strings.TrimSpace(f.text.In(w.lang)); s != "" {
					line("*" + f.label + ":* " + escape(s))
				}
			}
		}
	}
	return b.String()
}

// cardContext is the small print under a card: what it is, where the facts
// come from and when they were last checked.
func (a *Adapter) cardContext(c bot.Card, w words, now time.Time) []string {
	parts := []string{escape(w.kind(c.Kind)), "`" + escape(c.ID) + "`"}
	res := c.Resource
	if res == nil {
		return []string{strings.Join(parts, "  ·  ")}
	}
	if res.Source != "" {
		parts = append(parts, link(res.Source, w.get("slack_source")))
	}
	verified := w.get("slack_never_verified")
	if !res.Verified.IsZero() {
		verified = w.get("slack_verified_on", "date", res.Verified.String())
	}
	if a.stale(res, now) {
		verified = ":warning: " + verified + " — " + w.get("slack_stale_note", "days", strconv.Itoa(int(a.cfg.MaxAge.Hours()/24)))
	}
	parts = append(parts, verified)
	return []string{strings.Join(parts, "  ·  ")}
}

// stale reports whether an entry is due for re-verification.
func (a *Adapter) stale(r *catalog.Resource, now time.Time) bool {
	return r.Verified.IsZero() || now.Sub(r.Verified.Time) > a.cfg.MaxAge
}

// contactText is one way to reach a resource, with a link where Slack can
// open one.
func contactText(c bot.ContactLine) string {
	var s string
	switch c.Type {
	case catalog.ContactWeb, catalog.ContactChat:
		s = link(cmpOr(c.Href, c.Value), cmpOr(c.Label, c.Value))
	case catalog.ContactEmail:
		s = escape(c.Label) + ": " + link("mailto:"+c.Value, c.Value)
	case catalog.ContactWhatsApp:
		s = escape(c.Label) + ": " + link(c.Href, c.Display)
	default:
		// Phone numbers stay text: Slack makes them tappable on phones,
		// and has no link syntax for tel: or sms:.
		if c.Keyword != "" || strings.Contains(c.Label, c.Display) {
			s = escape(c.Label)
		} else {
			s = escape(c.Label) + ": " + escape(c.Display)
		}
	}
	if c.Hours != "" {
		s += " — " + escape(c.Hours)
	}
	return s
}

func hasContactValue(cs []bot.ContactLine, v string) bool {
	for _, c := range cs {
		if c.Value == v || c.Href == v {
			return true
		}
	}
	return false
}

// link writes a Slack link, or the label alone when the target is not one
// Slack should open.
func link(target, label string) string {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") {
		return escape(label)
	}
	// "|" and ">" would end the link early; they are not in catalog URLs
	// (lint checks them), but a stray one must not break the message.
	target = strings.NewReplacer("|", "%7C", ">", "%3E", "<", "%3C").Replace(target)
	return "<" + strings.ReplaceAll(target, "&", "&amp;") + "|" + escape(strings.ReplaceAll(label, "|", "/")) + ">"
}

// languageNames writes language codes as names in the reader's language.
func languageNames(codes []string, lang string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = bot.DisplayLanguage(code, lang)
	}
	return strings.Join(names, ", ")
}

func section(text string) *slackapi.SectionBlock {
	return slackapi.NewSectionBlock(slackapi.NewTextBlockObject(slackapi.MarkdownType, cutMrkdwn(text, maxSectionText), false, false), nil, nil)
}

func contextBlock(texts ...string) *slackapi.ContextBlock {
	els := make([]slackapi.MixedElement, len(texts))
	for i, t := range texts {
		els[i] = slackapi.NewTextBlockObject(slackapi.MarkdownType, cutMrkdwn(t, maxContextText), false, false)
	}
	return slackapi.NewContextBlock("", els...)
}

func plain(text string) *slackapi.TextBlockObject {
	return slackapi.NewTextBlockObject(slackapi.PlainTextType, cut(text, maxButtonText), false, false)
}

// escape makes text safe inside Slack mrkdwn: &, < and > are markup there.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// cut shortens s to at most n characters, marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// cutMrkdwn is cut for mrkdwn: it never leaves half a link or half an
// escape behind, which Slack would show as markup or refuse.
func cutMrkdwn(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	out := string([]rune(s)[:n-1])
	if i := strings.LastIndex(out, "<"); i >= 0 && !strings.Contains(out[i:], ">") {
		out = out[:i]
	}
	if i := strings.LastIndex(out, "&"); i >= 0 && !strings.Contains(out[i:], ";") {
		out = out[:i]
	}
	return out + "…"
}

// cutBytes shortens s to at most n bytes on a character boundary.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
