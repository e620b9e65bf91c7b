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
	"github.com/hotline-org/hotline/internal/textfold"
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
	r.Dial = append(r.Dial, e.emergencyDial(t)...)
	if tri.Category == "medical" {
		// A body in trouble (pills, bleeding, not waking up) needs an
		// ambulance before any line: the emergency number's card opens
		// the list, where it says what to tell them.
		if c, ok := e.emergencyCountry(t); ok {
			if line := e.hotlineFor(c.Code, []string{"emergency"}); line != nil {
				r.Resources = append(r.Resources, e.card(t, line, nil, false))
			}
		}
	}
	if line := e.crisisLine(t, country, tri); line != nil {
		r.Lead = append(r.Lead, t.lang.Say("urgent_line", "name", line.Name.In(t.lang.Code), "contact", e.contactSummary(t, line)))
		r.Resources = append(r.Resources, e.card(t, line, nil, false))
		r.Dial = append(r.Dial, dial(t, line)...)
		return
	}
	// No crisis line in the catalog for this country: the national lines
	// for women and children that the table of emergency numbers knows.
	if c, ok := e.emergencyCountry(t); ok {
		if c.Women != "" && tri.Category != "suicide" && tri.Category != "medical" {
			r.Lead = append(r.Lead, t.lang.Say("urgent_women", "number", c.Women))
		}
		if c.Children != "" {
			r.Lead = append(r.Lead, t.lang.Say("urgent_children", "number", c.Children))
		}
	}
}

// crisisLine is the line an urgent reply names after the emergency
// number: the line for the harm the message is about, where it says
// ("he hits me when I don't make enough" is trafficking, not only
// violence), else the line for the kind of danger.
func (e *Engine) crisisLine(t *turn, country string, tri TriageResult) *catalog.Resource {
	c := e.cfg.Search.Catalog()
	if harms := e.harmTopics(t, t.sureTopics(), t.und.Topics); len(harms) > 0 && tri.Category != "suicide" {
		// Where a country names its emergency number as the line for a
		// harm, the lead has said it already.
		line, ok := c.FirstLine(country, harms[0])
		if ok && len(line.Contacts) > 0 && speaks(line, t.lang.Code) && !slices.Contains(line.Topics, "emergency") {
			return line
		}
	}
	if len(tri.Lines) == 0 {
		return nil
	}
	return e.hotlineFor(country, tri.Lines)
}

// sureTopic is how sure the topic model must be of a topic for the engine
// to act on it alone, above the threshold from which topics count for the
// search: for an urgent reply to name the topic's line first (the line a
// person calls: "a man is hitting me right now" read at 0.07 as dating
// violence should not send an adult to a line for teen dating), and for
// the engine not to ask what the message is about.
const sureTopic = 0.10

// sureTopics are the topics the model read that reach sureTopic.
func (t *turn) sureTopics() []string {
	var out []string
	for _, g := range t.reading.Topics {
		if g.P >= sureTopic {
			out = append(out, g.Label)
		}
	}
	return out
}

// unsure reports whether the engine cannot tell what a message is about:
// neither the vocabulary nor the model found a topic (the model: one it is
// sure of) or a kind of help, it names no line, no place was named, and it
// is not urgent.
func (e *Engine) unsure(t *turn) bool {
	return !t.reply.Urgent && t.place == nil && len(t.und.Topics) == 0 && len(t.und.Kinds) == 0 && len(t.und.Named) == 0 &&
		len(t.sureTopics()) == 0
}

// ask answers a message the engine is unsure about: the general lines,
// never nothing, and one short question whose quick replies go straight
// to the right lines. It never asks for a name, an age or an address.
func (e *Engine) ask(t *turn) {
	lines := e.withLines(t, nil, []string{"sex-trafficking", "crisis"})
	t.reply.Blocks = append(t.reply.Blocks, t.lang.Say(e.freeOr(t, "unsure_intro", lines)))
	e.showRanked(t, lines, nil, []string{catalog.KindHotline})
	t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("ask_unsure"))
	var answers []Action
	for _, a := range unsureAnswers() {
		answers = append(answers, Action{ActionAnswer + a.id, t.lang.Say("answer_" + a.id)})
	}
	t.reply.Actions = append(answers, t.reply.Actions...)
	t.reply.Footer = append(t.reply.Footer, t.lang.Say("danger_now", "emergency", e.emergencyNumber(t)))
}

// quickAnswer is one quick reply to the question asked when unsure, and
// the topics it goes to; none means danger now.
type quickAnswer struct {
	id     string
	topics []string
}

func unsureAnswers() []quickAnswer {
	return []quickAnswer{
		{"exploited", []string{"sex-trafficking", "labor-trafficking"}},
		{"images", []string{"sextortion", "image-removal"}},
		{"hurt", []string{"domestic-violence", "dating-violence", "child-abuse"}},
		{"danger", nil},
		{"talk", []string{"crisis"}},
	}
}

// answer follows a quick reply to the question asked when unsure.
func (e *Engine) answer(ctx context.Context, t *turn, id string) error {
	answers := unsureAnswers()
	i := slices.IndexFunc(answers, func(a quickAnswer) bool { return a.id == id })
	switch {
	case i < 0:
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_previous"))
		return nil
	case answers[i].topics == nil:
		if !t.reply.Urgent {
			e.urgent(t, e.cfg.Triage.Result("violence"))
		}
		return e.search(ctx, t, "", []string{"crisis"}, []string{catalog.KindHotline})
	}
	return e.search(ctx, t, "", answers[i].topics, nil)
}

// start says what the bot is, and puts the emergency number and the
// country's main hotline one tap away before anything is asked.
func (e *Engine) start(t *turn) {
	l := t.lang
	t.reply.Blocks = append(t.reply.Blocks, l.Say("welcome"), l.Say("capabilities"), l.Say("safety_note"))
	t.reply.Footer = append(t.reply.Footer, l.Say("danger_now", "emergency", e.emergencyNumber(t)))
	t.reply.Dial = e.emergencyDial(t)
	if line, ok := e.cfg.Search.Catalog().Line(e.country(t), "sex-trafficking"); ok {
		t.reply.Dial = append(t.reply.Dial, dial(t, line)...)
	}
	t.reply.Actions = e.menu(t)
}

// emergencyDial is the person's country's emergency numbers as tap
// targets: none where the country is not known to the table.
func (e *Engine) emergencyDial(t *turn) []ContactLine {
	c, ok := e.emergencyCountry(t)
	if !ok {
		return nil
	}
	var out []ContactLine
	for _, n := range []string{c.Emergency, c.Ambulance} {
		if n == "" || slices.ContainsFunc(out, func(l ContactLine) bool { return l.Value == n }) {
			continue
		}
		out = append(out, ContactLine{Type: catalog.ContactPhone, Value: n, Display: n,
			Label: t.lang.Say("call_to", "number", n), Href: telHref(n)})
	}
	return out
}

// dial is a line's phone and text contacts as tap targets, each naming
// the line: "Call National Human Trafficking Hotline: 1-888-373-7888".
func dial(t *turn, r *catalog.Resource) []ContactLine {
	name := r.Name.In(t.lang.Code)
	var out []ContactLine
	for _, l := range contactLines(t.lang, r) {
		switch {
		case l.Type == catalog.ContactPhone:
			l.Label = t.lang.Say("dial_call", "name", name, "number", l.Display)
		case l.Type == catalog.ContactSMS && l.Keyword != "":
			l.Label = t.lang.Say("dial_text_keyword", "name", name, "keyword", l.Keyword, "number", l.Display)
		case l.Type == catalog.ContactSMS:
			l.Label = t.lang.Say("dial_text", "name", name, "number", l.Display)
		default:
			continue
		}
		out = append(out, l)
	}
	return out
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
	switch {
	case text == t.text && t.placeInText:
		// A place says where to look, not what about: "en georgia" must
		// not find the services whose words say Georgia.
		q.Text = withoutPlace(text, t.place.Name)
	case text == t.text:
		q.Understood = &t.und // read once, in handle
	}
	if text == "" && len(topics) == 0 {
		// Nothing asked yet ("services near me", then a place): rank for
		// what hotline is for. The person has not said anything about
		// harm, so these topics only rank; the reply does not treat them
		// as said.
		q.Topics = []string{"sex-trafficking", "labor-trafficking"}
	}
	// What the models read counts only for the person's own words, not
	// for a quick reply's topics or a place given later.
	var learned []string
	if text == t.text && len(t.reading.Topics) > 0 {
		learned = t.reading.TopicIDs()
		q.Learned = make(map[string]float64, len(t.reading.Topics))
		for _, g := range t.reading.Topics[:min(learnedAsked, len(t.reading.Topics))] {
			q.Learned[g.Label] = g.P
		}
	}
	results, err := e.cfg.Search.Search(ctx, q)
	if err != nil {
		return err
	}
	wanted := append(slices.Clone(t.und.Topics), topics...)
	for _, l := range learned {
		if !slices.Contains(wanted, l) {
			wanted = append(wanted, l)
		}
	}
	t.sess.Last = &LastQuery{Topics: wanted, Kinds: cmpSlice(kinds, t.und.Kinds)}

	distances := map[string]search.Result{}
	var list []string
	for _, res := range results {
		if t.shownFirst(res.Resource.ID) {
			continue // already shown first, as the crisis line
		}
		if !e.ringsHere(t, res.Resource) {
			continue
		}
		list = append(list, res.Resource.ID)
		distances[res.Resource.ID] = res
	}
	leaning := learned
	if learned != nil && e.isHarm(t, wanted) {
		// About harm: the harms it leans to, sure or not, pick the lines;
		// trafficking from leanTrafficking.
		leaning = t.reading.LeaningIDs()
		for _, g := range t.reading.All {
			if isTrafficking(g.Label) && g.P >= leanTrafficking && !slices.Contains(leaning, g.Label) {
				leaning = append(leaning, g.Label)
			}
		}
	}
	harms := e.harmTopics(t, leaning, wanted)
	list = e.withLines(t, list, harms)
	if text == t.text {
		list = named(list, t.und.Named)
	}
	// A follow-up ("what about in Texas", "UK") asks the same question
	// without the words the models read: keep the harms in the order
	// their lines were placed.
	t.sess.Last.Topics = slices.Concat(harms, slices.DeleteFunc(slices.Clone(wanted), func(w string) bool { return slices.Contains(harms, w) }))
	if len(list) == 0 {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say("no_results"))
		e.offerHuman(t, wanted)
		return nil
	}
	if e.isHarm(t, wanted) && t.audience != catalog.AudienceStaff {
		t.reply.Blocks = append(t.reply.Blocks, t.lang.Say(e.freeOr(t, "not_your_fault", list)))
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
	if t.place == nil && text == t.text && e.cfg.Places.Abroad(t.text, e.country(t)) {
		// The lines are the assumed country's, and the words say the
		// person is elsewhere: ask where, once, without holding them up.
		t.reply.Footer = append(t.reply.Footer, t.lang.Say("place_hint"))
	}
	return nil
}

// emergencyCountry is the person's country's entry in the catalog's
// table of emergency numbers. ok is false where the table does not know
// the country, or where the place read is only where a job is offered or
// someone is going, abroad ("a hostess job in Dubai, legit?": the person
// is not there yet): another country's number would ring nowhere. One at
// home ("he wants me to move to Miami with him", from the US) is the
// person's country still.
func (e *Engine) emergencyCountry(t *turn) (*catalog.Country, bool) {
	if t.place != nil && t.place.Offered && t.place.Country != t.home {
		return nil, false
	}
	return e.cfg.Search.Catalog().Country(e.country(t))
}

// ringsHere reports whether a resource may be shown to the person where
// they are: any but an emergency line, which must be their own country's.
// Where a job is offered abroad ("modelling work in Japan, they pay the
// flight") the person is not there yet: that country's police number
// would ring nowhere.
func (e *Engine) ringsHere(t *turn, r *catalog.Resource) bool {
	if !slices.Contains(r.Topics, "emergency") {
		return true
	}
	c, ok := e.emergencyCountry(t)
	return ok && r.ServesCountry(c.Code)
}

// emergencyNumber says what to call in danger now in the person's
// country: "911", or "190 (police) or 192 (ambulance)" where they differ;
// "your local emergency number" where emergencyCountry knows none.
func (e *Engine) emergencyNumber(t *turn) string {
	c, ok := e.emergencyCountry(t)
	switch {
	case !ok:
		return t.lang.Say("local_emergency")
	case c.Ambulance != "" && c.Ambulance != c.Emergency:
		return t.lang.Say("emergency_two", "police", c.Emergency, "ambulance", c.Ambulance)
	}
	return c.Emergency
}

// freeOr is the key of words that tell people the lines shown first are
// free, or, where one of them costs the caller by its source (Portugal's
// trafficking line is charged at a mobile rate), the same words without
// that promise: key + "_plain".
func (e *Engine) freeOr(t *turn, key string, list []string) string {
	var first []string // the cards shown already (an urgent reply's crisis line), then the list
	for _, card := range t.reply.Resources {
		first = append(first, card.ID)
	}
	first = append(first, list...)
	c := e.cfg.Search.Catalog()
	for _, id := range first[:min(3, len(first))] {
		if r, ok := c.Resource(id); ok && r.Charged() {
			return key + "_plain"
		}
	}
	return key
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
	// A line of another country says which: "my brother is on a farm in
	// North Carolina ... we are in Oaxaca" shows two lines of one name,
	// Mexico's and the US's.
	if cc := r.Country(); r.Kind == catalog.KindHotline && cc != "" && cc != e.country(t) {
		// Unless the name says it already: "... 1600-8248 (South Korea)".
		if country := t.lang.CountryName(cc); !strings.Contains(c.Name, country) {
			c.Name = t.lang.Say("line_abroad", "name", c.Name, "country", country)
		}
	}
	if r.Kind == catalog.KindHotline && !speaks(r, l) {
		// Before the person calls, not after: "(Answers in English.)"
		names := make([]string, len(r.Langs))
		for i, code := range r.Langs {
			names[i] = t.lang.LanguageName(code)
		}
		c.Summary = strings.TrimSpace(t.lang.Say("speaks_only", "languages", strings.Join(names, ", ")) + " " + c.Summary)
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
			cl.Href = telHref(c.Value)
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

// withoutPlace drops from text the words of a place's name ("Tijuana"
// of "Tijuana, Baja California").
func withoutPlace(text, name string) string {
	city, _, _ := strings.Cut(name, ",")
	drop := strings.Fields(textfold.Fold(city))
	var keep []string
	for _, w := range strings.Fields(text) {
		if f := textfold.Fold(w); f == "" || !slices.Contains(drop, f) {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// learnedAsked is how many of the topics the model read, most likely
// first, the search asks for: each is another term for bleve to match in
// every resource, and past three they add cost, not right answers (dev).
const learnedAsked = 3

// harmTopics lists the harm topics a message is about, the one to answer
// first first: trafficking its words name before the rest (a person who
// says they are sold must reach the trafficking line, however else the
// message reads), then what the models read, most likely first, then the
// rest of wanted. Trafficking read any other way comes where the models
// put it: a boy groomed on a game, read a little as trafficking, gets the
// child abuse line first (withLines still places the trafficking line).
func (e *Engine) harmTopics(t *turn, learned, wanted []string) []string {
	c := e.cfg.Search.Catalog()
	var out []string
	add := func(topic string) {
		if c.IsHarm([]string{topic}) && !slices.Contains(out, topic) {
			out = append(out, topic)
		}
	}
	for _, topic := range []string{"sex-trafficking", "labor-trafficking"} {
		if slices.Contains(t.und.Topics, topic) {
			add(topic)
		}
	}
	for _, topic := range learned {
		add(topic)
	}
	for _, topic := range wanted {
		add(topic)
	}
	return out
}

// linesPlaced is how many harm topics' lines a reply places first: the
// main one, and a second when the message reads as two harms ("he sells
// me and hits me"), which leaves the third place to the best local
// service or guide, unless the message leans to trafficking too: its
// line always has a place.
const linesPlaced = 2

// leanTrafficking is how likely the topic model must find trafficking for
// a message about harm to get the trafficking line, below the Lean of
// other topics: a person who discloses trafficking must reach its line,
// however else the message reads. Set on dev (docs/evaluation.md): at
// 0.03, 1004 -> 1012 disclosures of 1037 and the line for the harm 4473
// -> 4490 of 4650, for 21 fewer right answers of 7760.
const leanTrafficking = 0.03

// withLines puts the country's first lines for the message's main harm
// topics (LinesFile) at the head of a ranked list: local services stand
// beside that line, never instead of it. A line that does not speak the
// person's language comes after one for the same harm that does.
func (e *Engine) withLines(t *turn, list []string, harms []string) []string {
	c := e.cfg.Search.Catalog()
	country := e.country(t)
	// first: what goes before the list; lines: the harms' lines placed,
	// here or as the crisis line. One line may serve two harms (a
	// trafficking line for sex and for labour): then the next harm's line
	// takes the second place.
	var first, lines []string
	add := func(id string) {
		if !slices.Contains(first, id) && !t.shownFirst(id) {
			first = append(first, id)
		}
	}
	trafficking := false // a trafficking line is placed
	for i, topic := range harms {
		if len(lines) >= linesPlaced && (trafficking || !isTrafficking(topic)) {
			continue
		}
		if line, ok := c.FirstLine(country, topic); ok && !slices.Contains(lines, line.ID) && e.ringsHere(t, line) {
			lines = append(lines, line.ID)
			trafficking = trafficking || isTrafficking(topic)
			if !speaks(line, t.lang.Code) && !t.shownFirst(line.ID) {
				if alt := e.hotlineIn(country, topic, t.lang.Code); alt != nil {
					add(alt.ID)
				}
			}
			add(line.ID)
		}
		if i == 0 && isTrafficking(topic) {
			// Trafficking crosses borders: the person may be where the
			// message names another place ("my brother's boss in North
			// Carolina took his passport ... we are in Oaxaca"), even
			// where the first country has no line. That country's
			// trafficking line too, but never its emergency number,
			// which is no use here.
			for _, other := range e.elsewhere(t) {
				if l, ok := c.Line(other, topic); ok && !slices.Contains(l.Topics, "emergency") {
					add(l.ID)
				}
			}
		}
	}
	if len(first) == 0 {
		return list
	}
	out := first
	for _, id := range list {
		if !slices.Contains(first, id) {
			out = append(out, id)
		}
	}
	return out
}

// named moves the first resource a message names ("what's the Trevor
// Project?") to the head of a ranked list: the person asked for it. One
// only, so that the lines placed for a harm stay in the first three.
// Only one the search found for this person counts: a service elsewhere,
// or a line for another audience, stays where it was.
func named(list, names []string) []string {
	i := slices.IndexFunc(names, func(id string) bool { return slices.Contains(list, id) })
	if i < 0 {
		return list
	}
	id := names[i]
	return append([]string{id}, slices.DeleteFunc(slices.Clone(list), func(x string) bool { return x == id })...)
}

// shownFirst reports whether a resource already opens the reply, as the
// crisis line of an urgent message.
func (t *turn) shownFirst(id string) bool {
	return slices.ContainsFunc(t.reply.Resources, func(c Card) bool { return c.ID == id })
}

// speaks reports whether a resource answers in lang. A resource that does
// not list its languages is taken to answer in any.
func speaks(r *catalog.Resource, lang string) bool {
	return len(r.Langs) == 0 || slices.Contains(r.Langs, lang)
}

// hotlineIn is the best hotline of country for topic that speaks lang.
func (e *Engine) hotlineIn(country, topic, lang string) *catalog.Resource {
	var best *catalog.Resource
	for _, r := range e.cfg.Search.Catalog().Resources {
		if r.Kind != catalog.KindHotline || !r.ServesCountry(country) || !slices.Contains(r.Topics, topic) ||
			!speaks(r, lang) || len(r.Langs) == 0 || r.Population != "" {
			continue
		}
		if best == nil || r.Priority > best.Priority {
			best = r
		}
	}
	return best
}

// isTrafficking reports whether topic is sex or labour trafficking.
func isTrafficking(topic string) bool {
	return topic == "sex-trafficking" || topic == "labor-trafficking"
}

// telHref is the tel: link for a number as dialled. A "#" (Japan's #8891)
// would start a URL fragment and leave nothing to dial, so it is escaped.
func telHref(n string) string {
	return "tel:" + strings.ReplaceAll(strings.ReplaceAll(n, " ", ""), "#", "%23")
}
