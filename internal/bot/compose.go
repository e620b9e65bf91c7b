package bot

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/search"
)

// How many results a reply shows at once: a young person in distress needs
// a few clear choices; a case worker wants to compare.
const (
	shownYouth = 3
	shownStaff = 5
	ranked     = 20 // how many are ranked and kept for "more"
)

func (t *turn) shown() int {
	if t.audience == catalog.AudienceStaff {
		return shownStaff
	}
	return shownYouth
}

// urgent opens the reply with the emergency number and the crisis line.
func (e *Engine) urgent(t *turn, tri TriageResult) {
	r := &t.reply
	r.Urgent, r.Category, r.Intent = true, tri.Category, IntentUrgent
	country := e.country(t)
	number := e.emergencyNumber(t)
	if tri.Category == "suicide" {
		r.Lead = append(r.Lead, t.lang.Say("urgent_suicide"))
	}
	r.Lead = append(r.Lead, t.lang.Say("urgent_open", "emergency", number))
	if len(tri.Lines) > 0 {
		if line := e.hotlineFor(country, tri.Lines); line != nil {
			r.Lead = append(r.Lead, t.lang.Say("urgent_line", "name", line.Name.In(t.lang.Code), "contact", e.contactSummary(t, line)))
			r.Resources = append(r.Resources, e.card(t, line, nil, false))
		}
	}
}

func (e *Engine) start(t *turn) {
	l := t.lang
	t.reply.Blocks = append(t.reply.Blocks, l.Say("welcome"), l.Say("capabilities"), l.Say("safety_note"))
	t.reply.Actions = e.menu(t)
}

func (e *Engine) menu(t *turn) []Action {
	l := t.lang
	return []Action{
		{ActionSigns, l.Say("action_signs")},
		{ActionHotlines, l.Say("action_hotlines")},
		{ActionNear, l.Say("action_near")},
		{ActionLangPref + e.otherLanguage(l.Code), l.Say("action_language")},
		{ActionPrivacy, l.Say("action_privacy")},
	}
}

// otherLanguage is the language the "switch language" button offers.
func (e *Engine) otherLanguage(code string) string {
	codes := e.cfg.Languages.Codes()
	i := slices.Index(codes, code)
	return codes[(i+1)%len(codes)]
}

// hotlines lists the lines that serve the person's country.
func (e *Engine) hotlines(t *turn) {
	country := e.country(t)
	var list []*catalog.Resource
	for _, r := range e.cfg.Search.Catalog().Resources {
		if r.Kind == catalog.KindHotline && r.ServesCountry(country) && !slices.Contains(r.Topics, "emergency") &&
			(t.audience == catalog.AudienceStaff || r.Audience != catalog.AudienceStaff) {
			list = append(list, r)
		}
	}
	slices.SortStableFunc(list, byPriority)
	t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("hotlines_intro"))
	e.showRanked(t, ids(list), nil, nil)
}

// signs shows one group of warning signs, or the menu of groups.
func (e *Engine) signs(t *turn, group string) {
	c := e.cfg.Search.Catalog()
	if group == "" {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("signs_menu"))
		for _, g := range c.Groups {
			t.reply.Actions = append(t.reply.Actions, Action{ActionGroup + g.ID, g.Name.In(t.lang.Code)})
		}
		return
	}
	var list []*catalog.Resource
	for _, r := range c.Resources {
		if r.Kind == catalog.KindWarningSign && r.Group == group {
			list = append(list, r)
		}
	}
	slices.SortStableFunc(list, byPriority)
	t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro_signs"))
	e.showRanked(t, ids(list), nil, []string{catalog.KindWarningSign})
	e.offerHuman(t, nil)
}

// near shows services near a place, for what the person asked about last.
func (e *Engine) near(ctx context.Context, t *turn, arg string) error {
	if arg != "" {
		p, err := e.cfg.Places.Resolve(arg)
		if err != nil {
			t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("near_unknown"))
			return nil
		}
		t.place, t.sess.Place, t.reply.Place = &p, &p, p.Name
	}
	if t.place == nil {
		t.reply.Intent = IntentNear
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("near_ask"))
		t.sess.AskedPlace = true
		return nil
	}
	var topics, kinds []string
	if t.sess.Last != nil {
		topics, kinds = t.sess.Last.Topics, t.sess.Last.Kinds
	}
	if len(kinds) == 0 {
		kinds = []string{catalog.KindService, catalog.KindHotline}
	}
	return e.search(ctx, t, "", topics, kinds)
}

// search answers a question from the catalog.
func (e *Engine) search(ctx context.Context, t *turn, text string, topics, kinds []string) error {
	q := search.Query{
		Text: text, Language: t.lang.Code, Place: t.place, Country: e.country(t), Topics: topics, Kinds: kinds,
		Audience: t.audience, Limit: ranked,
	}
	if text == t.text {
		q.Understood = &t.und // read once, in handle
	}
	if text == "" && len(topics) == 0 {
		// Nothing asked yet ("services near me", then a place): rank for
		// what hotline is for. The person has not said anything about
		// harm, so these topics only rank; the reply does not treat them
		// as said.
		q.Topics = []string{"sex-trafficking", "labor-trafficking"}
	}
	results, err := e.cfg.Search.Search(ctx, q)
	if err != nil {
		return err
	}
	wanted := append(slices.Clone(t.und.Topics), topics...)
	t.sess.Last = &LastQuery{Topics: wanted, Kinds: cmpSlice(kinds, t.und.Kinds)}

	distances := map[string]search.Result{}
	var list []string
	for _, res := range results {
		if t.reply.Urgent && slices.ContainsFunc(t.reply.Resources, func(c Card) bool { return c.ID == res.Resource.ID }) {
			continue // already shown first, as the crisis line
		}
		list = append(list, res.Resource.ID)
		distances[res.Resource.ID] = res
	}
	if len(list) == 0 {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_results"))
		e.offerHuman(t, wanted)
		return nil
	}
	if e.isHarm(t, wanted) && t.audience != catalog.AudienceStaff {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("not_your_fault"))
	}
	first, found := e.cfg.Search.Catalog().Resource(list[0])
	switch {
	case t.reply.Urgent:
		// The crisis line opens the list; no heading between it and the lead.
	case !found:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro"))
	case t.place != nil && first.Kind == catalog.KindService:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_near", "place", t.place.Name))
	case first.Kind == catalog.KindWarningSign:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro_signs"))
	case first.Kind == catalog.KindGuide:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro_guides"))
	case first.Kind == catalog.KindService:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro_services"))
	default:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("results_intro"))
	}
	e.showRanked(t, list, distances, t.sess.Last.Kinds)
	e.offerHuman(t, wanted)
	if !t.reply.Urgent && e.isHarm(t, wanted) {
		// Triage misses some urgent messages; a message about harm always
		// ends with the emergency number, so a miss still reaches it.
		t.reply.Footer = append(t.reply.Footer, t.lang.Say("danger_now", "emergency", e.emergencyNumber(t)))
	}
	return nil
}

// emergencyNumber is the emergency number of the person's country.
func (e *Engine) emergencyNumber(t *turn) string {
	if em := e.hotlineFor(e.country(t), []string{"emergency"}); em != nil {
		return primaryNumber(em)
	}
	return "911"
}

func cmpSlice(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

func (e *Engine) isHarm(t *turn, wanted []string) bool {
	return t.reply.Urgent || e.cfg.Search.Catalog().IsHarm(wanted)
}

// showRanked shows the first page of a ranked list and keeps the list for
// "more".
func (e *Engine) showRanked(t *turn, list []string, res map[string]search.Result, kinds []string) {
	if t.sess.Last == nil {
		t.sess.Last = &LastQuery{}
	}
	t.sess.Last.Ranked, t.sess.Last.Offset = list, 0
	if len(kinds) > 0 {
		t.sess.Last.Kinds = kinds
	}
	e.showPage(t, res)
}

// showPage shows the next page of the last ranked list.
func (e *Engine) showPage(t *turn, res map[string]search.Result) {
	last := t.sess.Last
	c := e.cfg.Search.Catalog()
	end := min(last.Offset+t.shown(), len(last.Ranked))
	t.sess.Shown = t.sess.Shown[:0]
	for _, id := range last.Ranked[last.Offset:end] {
		r, ok := c.Resource(id)
		if !ok {
			continue // the catalog changed since; skip what is gone
		}
		var hit *search.Result
		if h, ok := res[id]; ok {
			hit = &h
		}
		t.reply.Resources = append(t.reply.Resources, e.card(t, r, hit, false))
		t.sess.Shown = append(t.sess.Shown, id)
	}
	last.Offset = end
	if end < len(last.Ranked) {
		t.reply.Actions = append(t.reply.Actions, Action{ActionMore, t.lang.Say("action_more")})
	}
	if t.place == nil && !slices.Contains(last.Kinds, catalog.KindWarningSign) {
		t.reply.Actions = append(t.reply.Actions, Action{ActionNear, t.lang.Say("action_near")})
	}
	t.reply.Actions = append(t.reply.Actions, Action{ActionLangPref + e.otherLanguage(t.lang.Code), t.lang.Say("action_language")})
}

func (e *Engine) more(t *turn) {
	if t.sess.Last == nil || len(t.sess.Last.Ranked) == 0 {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_previous"))
		return
	}
	if t.sess.Last.Offset >= len(t.sess.Last.Ranked) {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("more_end"))
		e.offerHuman(t, t.sess.Last.Topics)
		return
	}
	e.showPage(t, nil)
	e.offerHuman(t, t.sess.Last.Topics)
}

// pick shows one of the results last shown, in full.
func (e *Engine) pick(t *turn, arg string) {
	n, _ := strconv.Atoi(arg)
	if n < 1 || n > len(t.sess.Shown) {
		if len(t.sess.Shown) == 0 {
			t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_previous"))
		} else {
			t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("pick_out_of_range", "n", arg))
		}
		return
	}
	r, ok := e.cfg.Search.Catalog().Resource(t.sess.Shown[n-1])
	if !ok {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_previous"))
		return
	}
	t.reply.Resources = append(t.reply.Resources, e.card(t, r, nil, true))
	e.offerHuman(t, r.Topics)
}

// switchLanguage sets the reply language and shows the last results again in it.
func (e *Engine) switchLanguage(_ context.Context, t *turn, code string) error {
	code = baseLang(code)
	if !e.cfg.Languages.Has(code) {
		code = e.otherLanguage(t.lang.Code)
	}
	t.lang = e.cfg.Languages.Get(code)
	t.sess.Lang, t.sess.LangSet = code, true
	t.reply.Language = code
	t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("language_set"))
	if last := t.sess.Last; last != nil && len(last.Ranked) > 0 {
		last.Offset = max(0, last.Offset-len(t.sess.Shown))
		e.showPage(t, nil)
	}
	return nil
}

// offerHuman makes sure the reply offers a person to talk to: when no
// hotline is among the cards, it names the best one for the topics.
func (e *Engine) offerHuman(t *turn, topics []string) {
	if slices.ContainsFunc(t.reply.Resources, reachesAPerson) {
		return
	}
	country := e.country(t)
	line := e.hotlineFor(country, topics)
	// Nothing for the topic: the trafficking line first (it takes every
	// question about exploitation and refers on), then a crisis line.
	for _, fallback := range [][]string{{"sex-trafficking", "labor-trafficking"}, {"child-abuse"}, {"crisis"}} {
		if line != nil {
			break
		}
		line = e.hotlineFor(country, fallback)
	}
	if line == nil {
		return
	}
	t.reply.Footer = append(t.reply.Footer, t.lang.Say("talk_to_human", "name", line.Name.In(t.lang.Code), "contact", e.contactSummary(t, line)))
}

// reachesAPerson reports whether a card is a line a person answers: a
// hotline with a number to call or text.
func reachesAPerson(c Card) bool {
	return c.Kind == catalog.KindHotline && slices.ContainsFunc(c.Contacts, func(l ContactLine) bool {
		return l.Type == catalog.ContactPhone || l.Type == catalog.ContactSMS
	})
}

// hotlineFor is the best hotline serving country on any of topics: the
// highest priority, then the one matching most topics.
func (e *Engine) hotlineFor(country string, topics []string) *catalog.Resource {
	var best *catalog.Resource
	bestHits := 0
	for _, r := range e.cfg.Search.Catalog().Resources {
		if r.Kind != catalog.KindHotline || len(r.Contacts) == 0 || !r.ServesCountry(country) {
			continue
		}
		if !slices.Contains(topics, "emergency") && slices.Contains(r.Topics, "emergency") {
			continue
		}
		hits := 0
		for _, topic := range topics {
			if slices.Contains(r.Topics, topic) {
				hits++
			}
		}
		if hits == 0 {
			continue
		}
		if best == nil || r.Priority > best.Priority || (r.Priority == best.Priority && hits > bestHits) {
			best, bestHits = r, hits
		}
	}
	return best
}

func byPriority(a, b *catalog.Resource) int {
	return cmp.Or(cmp.Compare(b.Priority, a.Priority), cmp.Compare(a.ID, b.ID))
}

func ids(rs []*catalog.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// primaryNumber is the number to dial for a hotline: its first phone.
func primaryNumber(r *catalog.Resource) string {
	for _, c := range r.Contacts {
		if c.Type == catalog.ContactPhone {
			return c.Display
		}
	}
	return ""
}

// contactSummary is one line saying how to reach r, in the words of the
// reply: "Call (888) 373-7888 · Text 233733".
func (e *Engine) contactSummary(t *turn, r *catalog.Resource) string {
	var parts []string
	seen := map[string]bool{}
	for _, c := range r.Contacts {
		if seen[c.Type] || len(parts) == 2 {
			continue
		}
		switch c.Type {
		case catalog.ContactPhone:
			parts = append(parts, t.lang.Say("call_to", "number", c.Display))
		case catalog.ContactSMS:
			if c.Keyword != "" {
				parts = append(parts, t.lang.Say("text_to", "keyword", c.Keyword, "number", c.Display))
			} else {
				parts = append(parts, t.lang.Say("text_number", "number", c.Display))
			}
		case catalog.ContactWeb, catalog.ContactChat:
			if seen["link"] {
				continue
			}
			seen["link"] = true
			parts = append(parts, c.Value)
		default:
			continue
		}
		seen[c.Type] = true
	}
	return strings.Join(parts, " · ")
}

func (e *Engine) card(t *turn, r *catalog.Resource, hit *search.Result, detail bool) Card {
	l := t.lang.Code
	c := Card{
		ID: r.ID, Kind: r.Kind, Name: r.Name.In(l), Summary: strings.TrimSpace(r.Summary.In(l)), URL: r.URL,
		Contacts: contactLines(t.lang, r), Resource: r,
	}
	if detail {
		c.Body = strings.TrimSpace(r.Body.In(l))
	}
	if hit != nil {
		c.Score, c.DistanceKM, c.Location = hit.Score, hit.DistanceKM, hit.Location
	}
	return c
}

// contactLines turns a resource's contacts into lines to show and tap, in
// the reply's language.
func contactLines(l *Language, r *catalog.Resource) []ContactLine {
	out := make([]ContactLine, 0, len(r.Contacts))
	for _, c := range r.Contacts {
		cl := ContactLine{Type: c.Type, Value: c.Value, Display: cmpOr(c.Display, c.Value), Keyword: c.Keyword, Hours: c.Hours.In(l.Code)}
		cl.Label = c.Label.In(l.Code)
		switch c.Type {
		case catalog.ContactPhone, catalog.ContactTTY:
			cl.Href = "tel:" + strings.ReplaceAll(c.Value, " ", "")
			cl.Label = cmpOr(cl.Label, l.Say(c.Type))
			if c.Type == catalog.ContactPhone {
				cl.Label = cmpOr(c.Label.In(l.Code), l.Say("call"))
			}
		case catalog.ContactSMS:
			cl.Href = "sms:" + strings.ReplaceAll(c.Value, " ", "")
			if c.Keyword != "" {
				cl.Href += "?body=" + url.QueryEscape(c.Keyword)
				cl.Label = l.Say("text_to", "keyword", c.Keyword, "number", cl.Display)
			} else {
				cl.Label = cmpOr(cl.Label, l.Say("text"))
			}
		case catalog.ContactWhatsApp:
			cl.Href = "https://wa.me/" + strings.TrimPrefix(c.Value, "+")
			cl.Label = cmpOr(cl.Label, l.Say("whatsapp"))
		case catalog.ContactEmail:
			cl.Href = "mailto:" + c.Value
			cl.Label = cmpOr(cl.Label, l.Say("email"))
		default:
			cl.Href = c.Value
			cl.Label = cmpOr(cl.Label, l.Say(c.Type))
		}
		out = append(out, cl)
	}
	return out
}

// FormatKM writes a distance the way people say it: "2.5" under 10 km,
// whole kilometres above. Adapters show distances with it too.
func FormatKM(km float64) string {
	if km < 10 {
		return fmt.Sprintf("%.1f", km)
	}
	return strconv.Itoa(int(km + 0.5))
}
