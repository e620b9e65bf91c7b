package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/hotline-org/hotline/internal/app"
	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/resources"
)

// loaded is the embedded catalog, built once for the package's tests.
var loaded = sync.OnceValues(func() (*app.App, error) { return app.Load(resources.FS(), app.Options{}) })

func newEngine(t testing.TB, logs *bytes.Buffer) *bot.Engine {
	t.Helper()
	var logger *slog.Logger
	if logs != nil {
		logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.NewEngine(logger, bot.Unlimited{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ids(r bot.Reply) []string {
	var out []string
	for _, c := range r.Resources {
		out = append(out, c.ID)
	}
	return out
}

// TestUrgentLineFollowsTheHarm: after the emergency number, an urgent
// reply names the line for the harm the message tells of, not only the
// line for the kind of danger (violence: domestic violence).
func TestUrgentLineFollowsTheHarm(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, line string }{
		{"my dad is beating my little brother right now", "us-childhelp-national-child-abuse-hotline"},
		{"my pimp is hitting me right now", "us-national-human-trafficking-hotline"},
		{"a man is hitting me right now", "us-national-domestic-violence-hotline"}, // no harm named: the danger's line
		// Mexico's line for domestic violence is its emergency number,
		// which the lead has said: the kind of danger's line instead.
		{"mi ex q me vendia esta tocando la puerta de mi casa en tijuana", "mx-linea-nacional-contra-la-trata"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text})
		if !r.Urgent || len(r.Resources) == 0 || r.Resources[0].ID != tt.line {
			t.Errorf("%q: urgent=%v, first %v, want %s", tt.text, r.Urgent, ids(r), tt.line)
		}
	}
}

func TestUrgentRepliesOpenWithEmergencyNumbers(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct {
		text, near  string
		wantLead    []string // substrings, in order, of the first lines
		wantFirstID string
	}{
		{"he locked me in the room and took my phone", "", []string{"911", "888-373-7888"}, "us-national-human-trafficking-hotline"},
		{"i want to kill myself tonight", "", []string{"911", "988"}, "us-988-suicide-crisis-lifeline"},
		{"me quiero morir", "", []string{"911", "988"}, "us-988-suicide-crisis-lifeline"},
		{"they won't let me leave the house", "London", []string{"999", "08000 121 700"}, "gb-modern-slavery-helpline"},
		// A body in trouble: the emergency number's card first, the
		// country's own.
		{"i took too many pills", "Toronto", []string{"911"}, "ca-emergency-911"},
		{"my friend took something at the party and wont wake up", "", []string{"911"}, "us-emergency-911"},
		{"me pegaron y estoy sangrando mucho", "Londres", []string{"999"}, "gb-emergency-999"},
		{"he's hitting me right now", "Sydney", []string{"000"}, ""},
		// Danger told in other words.
		{"my stepdad is attacking me", "", []string{"911"}, ""},
		{"my cousin just got stabbed behind the store", "", []string{"911"}, ""},
		{"secuestraron a mi hermana, piden dinero", "", []string{"911"}, ""},
		{"soy una carga para mi familia", "", []string{"911", "988"}, ""},
		{"honestly im just a burden to everyone", "", []string{"911", "988"}, ""},
		{"trapped in the garage", "", []string{"911"}, ""},
		{"someone is breaking into my house", "", []string{"911"}, ""},
		{"hay un hombre en mi casa", "", []string{"911"}, ""},
		{"my stepdad just kicked in the door", "", []string{"911"}, ""},
		{"i just dont want to be anywhere anymore tbh", "", []string{"911", "988"}, ""},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text, Near: tt.near})
		if !r.Urgent {
			t.Errorf("%q: not urgent", tt.text)
			continue
		}
		text := r.Text()
		pos := 0
		for _, want := range tt.wantLead {
			i := strings.Index(text[pos:], want)
			if i < 0 || pos+i > 250 {
				t.Errorf("%q: want %q near the top after position %d, reply:\n%s", tt.text, want, pos, text)
				break
			}
			pos += i
		}
		if tt.wantFirstID != "" && (len(r.Resources) == 0 || r.Resources[0].ID != tt.wantFirstID) {
			t.Errorf("%q: first resource %v, want %s", tt.text, ids(r), tt.wantFirstID)
		}
	}
}

func TestNoFalseAlarmForStudents(t *testing.T) {
	e := newEngine(t, nil)
	for _, text := range []string{
		"I'm writing a school report on trafficking",
		"what is the hotline number",
		"estoy haciendo una tarea sobre la trata de personas",
	} {
		r := e.Handle(context.Background(), bot.Message{Text: text})
		if r.Urgent {
			t.Errorf("%q: marked urgent", text)
		}
		if strings.Contains(r.Text(), "call 911") {
			t.Errorf("%q: reply tells them to call 911:\n%s", text, r.Text())
		}
	}
}

// TestJokesAreNotUrgent: hyperbole that laughs at itself gets no
// emergency number.
func TestJokesAreNotUrgent(t *testing.T) {
	e := newEngine(t, nil)
	for _, text := range []string{
		"one more group chat notification and im jumping out the window lmao",
		"jajaja mis primos me tienen secuestrada jugando uno",
		"me quiero morir de la risa, mi perro se comio mi tarea",
		"one more exam and im jumping off the roof 😂",
	} {
		if r := e.Handle(context.Background(), bot.Message{Text: text}); r.Urgent {
			t.Errorf("%q: marked urgent", text)
		}
	}
}

func TestRepliesInTheLanguageWritten(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, hint, want string }{
		{"mi novio me pide fotos", "", "es"},
		{"my boyfriend wants pics", "es", "en"},
		{"hola", "", "es"},
		{"12345", "es", "es"}, // no words: the hint decides
		{"", "", "en"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text, Lang: tt.hint})
		if r.Language != tt.want {
			t.Errorf("%q (hint %q): language %q, want %q", tt.text, tt.hint, r.Language, tt.want)
		}
	}
}

func TestHarmRepliesOfferAHuman(t *testing.T) {
	e := newEngine(t, nil)
	for _, text := range []string{
		"my bf says i owe him and have to go with his friends",
		"he has my nudes",
		"is it grooming if he buys me stuff and says keep it secret",
		"mi jefe tiene mi pasaporte",
	} {
		r := e.Handle(context.Background(), bot.Message{Text: text, Audience: "youth"})
		reply := r.Text()
		if !strings.Contains(reply, "not your fault") && !strings.Contains(reply, "No es tu culpa") {
			t.Errorf("%q: no 'not your fault' line:\n%s", text, reply)
		}
		if !strings.Contains(reply, "In danger right now? Call 911") && !strings.Contains(reply, "peligro ahora? Llama al 911") {
			t.Errorf("%q: no emergency number at the end:\n%s", text, reply)
		}
		human := slices.ContainsFunc(r.Resources, func(c bot.Card) bool {
			return c.Kind == "hotline" && slices.ContainsFunc(c.Contacts, func(l bot.ContactLine) bool { return l.Type == "phone" || l.Type == "sms" })
		}) || len(r.Footer) > 0
		if !human {
			t.Errorf("%q: no person to talk to offered:\n%s", text, reply)
		}
		for _, ask := range []string{"what is your name", "what's your name", "how old are you", "where do you live",
			"your address?", "cómo te llamas", "cuántos años tienes", "dónde vives"} {
			if strings.Contains(strings.ToLower(reply), ask) {
				t.Errorf("%q: reply asks %q", text, ask)
			}
		}
	}
}

// TestConversation follows one chat: a question, "more", a number, a place
// follow-up, a language switch, and "forget me".
func TestConversation(t *testing.T) {
	e := newEngine(t, nil)
	ctx := context.Background()
	say := func(text string) bot.Reply {
		return e.Handle(ctx, bot.Message{Surface: "test", ChatKey: "chat-1", Text: text, Audience: "youth"})
	}

	first := say("how do i know if a job offer abroad is a scam")
	if len(first.Resources) != 3 {
		t.Fatalf("first reply has %d resources, want 3: %v", len(first.Resources), ids(first))
	}
	more := say("more")
	if more.Intent != bot.IntentMore || len(more.Resources) == 0 {
		t.Fatalf("more: intent %q, %d resources", more.Intent, len(more.Resources))
	}
	for _, id := range ids(more) {
		if slices.Contains(ids(first), id) {
			t.Errorf("more repeats %s", id)
		}
	}
	pick := say("2")
	if pick.Intent != bot.IntentPick || len(pick.Resources) != 1 || pick.Resources[0].ID != more.Resources[1].ID {
		t.Fatalf("pick 2: intent %q, resources %v, want %s", pick.Intent, ids(pick), more.Resources[1].ID)
	}
	if pick.Resources[0].Body == "" {
		t.Error("a picked result shows no detail")
	}

	texas := say("what about in Texas")
	if texas.Place != "Texas" {
		t.Errorf("place follow-up: place %q, want Texas", texas.Place)
	}
	for _, c := range texas.Resources {
		if !c.Resource.ServesCountry("US") {
			t.Errorf("place follow-up shows %s, which does not serve the US", c.ID)
		}
	}

	es := say("en español")
	if es.Language != "es" || es.Intent != bot.IntentLanguage {
		t.Fatalf("language switch: %q %q", es.Language, es.Intent)
	}
	if again := say("thanks, how do i help a friend"); again.Language != "es" {
		t.Errorf("after choosing Spanish, an English message got %q", again.Language)
	}

	gone := say("forget me")
	if gone.Intent != bot.IntentForget {
		t.Fatalf("forget: intent %q", gone.Intent)
	}
	if r := say("more"); len(r.Resources) != 0 || !strings.Contains(r.Text(), "own words") {
		t.Errorf("after forget, more still shows %v:\n%s", ids(r), r.Text())
	}
}

func TestCommandsAndActions(t *testing.T) {
	e := newEngine(t, nil)
	ctx := context.Background()
	tests := []struct {
		msg        bot.Message
		wantIntent string
		wantText   string
	}{
		{bot.Message{Text: "/start"}, bot.IntentStart, "not a person"},
		{bot.Message{Text: "/help@HotlineBot"}, bot.IntentStart, "not a person"},
		{bot.Message{Text: "/privacy"}, bot.IntentPrivacy, "not logged"},
		{bot.Message{Text: "privacidad"}, bot.IntentPrivacy, "no se registran"},
		{bot.Message{Text: "/signs"}, bot.IntentSigns, "Which warning signs"},
		{bot.Message{Action: "group:sextortion"}, bot.IntentSigns, "warning signs"},
		{bot.Message{Text: "/hotlines"}, bot.IntentHotlines, "888-373-7888"},
		{bot.Message{Text: "/near"}, bot.IntentNear, "city"},
		{bot.Message{Text: "/near Dallas, TX"}, bot.IntentSearch, "Dallas"},
		{bot.Message{Text: "/near Atlantis"}, bot.IntentNear, "don't know that place"},
	}
	for _, tt := range tests {
		r := e.Handle(ctx, tt.msg)
		if r.Intent != tt.wantIntent && !(tt.wantIntent == bot.IntentSearch && r.Intent == bot.IntentNear) {
			t.Errorf("%+v: intent %q, want %q", tt.msg, r.Intent, tt.wantIntent)
		}
		if !strings.Contains(r.Text(), tt.wantText) {
			t.Errorf("%+v: reply lacks %q:\n%s", tt.msg, tt.wantText, r.Text())
		}
	}
}

// TestGreetingsAreGreeted: a greeting gets the welcome, never an alarm or
// a crisis line: the models do not read the bot's own phrases, where
// their guesses are only their priors ("good afternoon" read as danger).
func TestGreetingsAreGreeted(t *testing.T) {
	e := newEngine(t, nil)
	for _, text := range []string{"good morning", "good afternoon", "Good night!", "hey whats up", "buenos días", "buenas noches", "hola, qué tal"} {
		r := e.Handle(context.Background(), bot.Message{Text: text})
		if r.Urgent || r.Intent != bot.IntentStart || len(r.Resources) > 0 {
			t.Errorf("%q: urgent=%v intent %q resources %v", text, r.Urgent, r.Intent, ids(r))
		}
	}
}

func TestSharedLocationBringsNearestServices(t *testing.T) {
	e := newEngine(t, nil)
	// Midtown Manhattan.
	r := e.Handle(context.Background(), bot.Message{ChatKey: "loc", Location: &bot.GeoPoint{Lat: 40.7549, Lon: -73.9840}, Text: ""})
	var near []float64
	for _, c := range r.Resources {
		if c.DistanceKM != nil {
			near = append(near, *c.DistanceKM)
		}
	}
	if len(near) == 0 || near[0] > 25 {
		t.Fatalf("nearest services: distances %v, resources %v", near, ids(r))
	}
}

func TestHostileInput(t *testing.T) {
	e := newEngine(t, nil)
	long := strings.Repeat("help my boyfriend takes my money ", 500) // over 4,000 characters
	inputs := []string{long, "\x00\xff\xfe", "🙂🙂🙂", strings.Repeat("a", 100000), "/", "//", "/near", "0", "99", "-1",
		"\u202e\u200b", "<script>alert(1)</script>", "SELECT * FROM sessions;"}
	for _, in := range inputs {
		r := e.Handle(context.Background(), bot.Message{ChatKey: "hostile", Text: in})
		if r.Text() == "" {
			t.Errorf("%.20q: empty reply", in)
		}
	}
	if r := e.Handle(context.Background(), bot.Message{Text: long}); !strings.Contains(r.Text(), "long message") {
		t.Errorf("a long message is not answered with a note:\n%.300s", r.Text())
	}
}

func TestRateLimitIsKindAndKeepsUrgent(t *testing.T) {
	a, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	langs, _ := bot.LoadLanguages(resources.FS())
	triage, _ := bot.LoadTriage(resources.FS())
	e, err := bot.New(bot.Config{Search: a.Index, Places: a.Places, Languages: langs, Triage: triage, RateLimit: 0.001, RateBurst: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		e.Handle(ctx, bot.Message{ChatKey: "fast", Text: "hi"})
	}
	r := e.Handle(ctx, bot.Message{ChatKey: "fast", Text: "hi"})
	if r.Intent != bot.IntentLimited || !strings.Contains(r.Text(), "fast") {
		t.Errorf("third message: intent %q:\n%s", r.Intent, r.Text())
	}
	r = e.Handle(ctx, bot.Message{ChatKey: "fast", Text: "he is going to kill me"})
	if !r.Urgent || !strings.Contains(r.Text(), "911") {
		t.Errorf("an urgent message was rate limited:\n%s", r.Text())
	}
	if r := e.Handle(ctx, bot.Message{ChatKey: "other", Text: "hi"}); r.Intent == bot.IntentLimited {
		t.Error("another chat was limited")
	}
}

// TestLogsCarryNoMessageText runs a whole conversation with debug logging
// and checks that no word of it reaches the logs.
func TestLogsCarryNoMessageText(t *testing.T) {
	var logs bytes.Buffer
	e := newEngine(t, &logs)
	ctx := context.Background()
	secrets := []string{
		"zebrafinch my boyfriend sells my pics",
		"quokkaline i am locked in the basement",
		"marmosetta me quiero morir",
		"more", "2", "what about in Ohio", "forget me",
	}
	for _, s := range secrets {
		e.Handle(ctx, bot.Message{Surface: "test", ChatKey: "private-chat-id-4471", Text: s})
	}
	out := logs.String()
	if !strings.Contains(out, "intent=") {
		t.Fatalf("no logs were written: %q", out)
	}
	for _, word := range []string{"zebrafinch", "quokkaline", "marmosetta", "basement", "Ohio", "private-chat-id-4471"} {
		if strings.Contains(out, word) {
			t.Errorf("logs contain %q:\n%s", word, out)
		}
	}
}

func TestSessionsExpireAndAreBounded(t *testing.T) {
	s := bot.NewMemorySessions(3, 0)
	ctx := context.Background()
	for _, k := range []string{"a", "b", "c", "d"} {
		s.Put(ctx, k, &bot.Session{Lang: "es"})
	}
	if s.Len() != 3 {
		t.Errorf("len %d, want 3", s.Len())
	}
	if got, _ := s.Get(ctx, "a"); got != nil {
		t.Error("the oldest session was not evicted")
	}
	if got, _ := s.Get(ctx, "d"); got == nil || got.Lang != "es" {
		t.Errorf("newest session: %+v", got)
	}
	s.Delete(ctx, "d")
	if got, _ := s.Get(ctx, "d"); got != nil {
		t.Error("a deleted session came back")
	}
}

func FuzzHandle(f *testing.F) {
	for _, s := range []string{"hi", "/near 75201", "me quiero morir", "2", "more", "\xff", "what about in Texas"} {
		f.Add(s, "")
	}
	f.Add("help", "lang:es")
	f.Add("", "pick:9")
	e := newEngine(f, nil)
	f.Fuzz(func(t *testing.T, text, action string) {
		r := e.Handle(context.Background(), bot.Message{ChatKey: "fuzz", Text: text, Action: action})
		if r.Text() == "" {
			t.Errorf("empty reply to %q %q", text, action)
		}
	})
}

// BenchmarkHandle measures the engine answering the relevance set's
// messages as fresh conversations (targets: p99 under 1 ms with the built-in
// catalog), reporting the median and 99th percentile. The GC runs as serve
// sets it (app.TuneGC), unless GOGC is set: GOGC=100 measures Go's default.
func BenchmarkHandle(b *testing.B) {
	e := newEngine(b, nil)
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	app.TuneGC(slog.New(slog.DiscardHandler))
	data, err := os.ReadFile("../search/testdata/relevance.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var set struct {
		Cases []struct {
			Text string `yaml:"text"`
			Lang string `yaml:"lang"`
			Near string `yaml:"near"`
		} `yaml:"cases"`
	}
	if err := yaml.Unmarshal(data, &set); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		c := set.Cases[i%len(set.Cases)]
		start := time.Now()
		e.Handle(ctx, bot.Message{Surface: "bench", Text: c.Text, Near: c.Near})
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// TestSharedLocationPicksTheCountry: a location shared in London brings the
// UK's emergency number, not the default country's.
func TestSharedLocationPicksTheCountry(t *testing.T) {
	e := newEngine(t, nil)
	r := e.Handle(context.Background(), bot.Message{Text: "he's hitting me right now", Location: &bot.GeoPoint{Lat: 51.5072, Lon: -0.1276}})
	if !r.Urgent || !strings.Contains(strings.Join(r.Lead, "\n"), "999") {
		t.Errorf("urgent in London: %q", r.Lead)
	}
}

// TestFriendsNameIsNotAPlaceAbroad: a friend's name that is also a place
// abroad ("Sydney", "Paris") does not send someone in the default country
// that country's lines.
func TestFriendsNameIsNotAPlaceAbroad(t *testing.T) {
	e := newEngine(t, nil)
	for text, abroad := range map[string]string{
		"Sydney says her boyfriend makes her work every night":                  "AU",
		"my friend Paris goes to hotels with older men and gives him the money": "FR",
	} {
		r := e.Handle(context.Background(), bot.Message{Text: text})
		for _, c := range r.Resources {
			if c.Resource != nil && slices.ContainsFunc(c.Resource.Areas, func(a string) bool { return strings.HasPrefix(a, abroad) }) {
				t.Errorf("%q: shows %s (areas %v), from abroad", text, c.ID, c.Resource.Areas)
			}
		}
		if r.Place != "" {
			t.Errorf("%q: place %q", text, r.Place)
		}
	}
}

// TestPlaceAnswersWhere: asked where to look, a place's name alone is the
// answer (even "Plano", which in free text is a word), and where no nearby
// service serves it (Madison), the national lines still come.
func TestPlaceAnswersWhere(t *testing.T) {
	e := newEngine(t, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		answer, place string
	}{
		{"Plano", "Plano, TX"},
		{"Madison", "Madison, WI"},
	} {
		chat := "where-" + tc.answer
		if r := e.Handle(ctx, bot.Message{ChatKey: chat, Text: "services near me"}); r.Intent != bot.IntentNear || r.Place != "" {
			t.Fatalf("services near me: intent %s, place %q; want near asking where", r.Intent, r.Place)
		}
		r := e.Handle(ctx, bot.Message{ChatKey: chat, Text: tc.answer})
		if r.Intent != bot.IntentNear || r.Place != tc.place || len(r.Resources) == 0 || !strings.Contains(r.Text(), "1-888-373-7888") {
			t.Errorf("%s: intent %s, place %q, %v; want near %s, with the national hotline", tc.answer, r.Intent, r.Place, ids(r), tc.place)
		}
	}
	// Not asked, the same word is only a word.
	if r := e.Handle(ctx, bot.Message{ChatKey: "not-asked", Text: "Plano"}); r.Place != "" {
		t.Errorf("Plano, unasked: place %q", r.Place)
	}
}

// TestEmergencyNumberOfTheCountry: a person gets their own country's
// emergency numbers, and where the table has none, "your local emergency
// number": never 911 by default.
func TestEmergencyNumberOfTheCountry(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ near, want, never string }{
		{"Sao Paulo", "190 (police) or 192 (ambulance)", "911"},
		{"London", "call 999", "911"},
		{"Auckland", "call 111", "911"},
		{"Madrid", "call 112", "911"},
		{"Toronto", "call 911", "999"},
		{"Kabul", "your local emergency number", "911"}, // not in the table
		{"Riyadh", "999 (police) or 997 (ambulance)", "911 (police)"},
		{"Bangkok", "191 (police) or 1669 (ambulance)", "911"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: "he is beating me right now", Near: tt.near})
		lead := strings.Join(r.Lead, "\n")
		if !r.Urgent || !strings.Contains(lead, tt.want) || strings.Contains(lead, tt.never) {
			t.Errorf("near %s: lead %q, want %q and not %q", tt.near, lead, tt.want, tt.never)
		}
	}
}

// TestOfferAbroadIsNotWhereThePersonIs: a place named only as where a
// job is offered is not where the person is: its emergency number would
// not ring where they are.
func TestOfferAbroadIsNotWhereThePersonIs(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, want, never string }{
		{"an agency is offering me a job in Dubai and now the agent is outside my house with a knife", "your local emergency number", "999"},
		{"estoy en Dubái, la señora me encerró y me pegó, está afuera con un cuchillo", "999", "your local emergency number"},
		// A trip at home leaves the person where they are: the default
		// country, the US.
		{"he's taking me to Houston to work for his friend and won't let me off the bus, he has a gun", "911", "your local emergency number"},
		{"he's taking me to Madrid to work for his friend and won't let me off the bus, he has a gun", "your local emergency number", "112"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text})
		lead := strings.Join(r.Lead, "\n")
		if !r.Urgent || !strings.Contains(lead, tt.want) || strings.Contains(lead, tt.never) {
			t.Errorf("%q: lead %q, want %q and not %q", tt.text, lead, tt.want, tt.never)
		}
	}
	// Nor is that country's emergency line shown as a card, even where
	// it is the country's line for the harm (Panama's 911 for
	// trafficking).
	for _, text := range []string{
		"me ofrecen trabajo de edecan en panama, me pagan vuelo y hotel. confio?",
		"an agency is offering me a job in Dubai and now the agent is outside my house with a knife",
	} {
		r := e.Handle(context.Background(), bot.Message{Text: text})
		for _, c := range r.Resources {
			if slices.Contains(c.Resource.Topics, "emergency") {
				t.Errorf("%q: shows %s, an emergency line where the person is not", text, c.ID)
			}
		}
	}
}

// TestHarmGetsTheCountrysLine: a message about a harm has the country's
// first line for it in the top three, ahead of local services; lines for
// one population come only when the message shows it.
func TestHarmGetsTheCountrysLine(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, near, line string }{
		{"my boyfriend is selling me", "75201", "us-national-human-trafficking-hotline"},
		{"my boyfriend sells me to his friends", "London", "gb-modern-slavery-helpline"},
		{"mi jefe se quedó con mi pasaporte y no me paga", "Toronto", "ca-canadian-human-trafficking-hotline"},
		{"i want to end my life", "Sydney, NSW", "au-lifeline"},
		{"me quiero morir", "Monterrey", "mx-linea-de-la-vida"},
		// A state named in the message says where, not what about.
		{"nos tienen trabajando en la granja de pollos en georgia y el patron no nos paga", "", "us-national-human-trafficking-hotline"},
		{"we work at a ride park in ohio and the boss keeps our passports", "", "us-national-human-trafficking-hotline"},
		// Locked in: the trafficking line opens the urgent reply, and the
		// partner's violence still has its line; the crisis line counts as
		// placed, so the trafficking line's second harm (labour) does not
		// take the second place.
		{"my husband took my phone and locked me in the bedroom", "", "us-national-domestic-violence-hotline"},
		{"my husband took my phone and locked me in the bedroom", "", "us-national-human-trafficking-hotline"},
		// A place told as locals tell it, with the default country the US.
		{"boss keeps my wages for the room and says i cant leave till i pay the recruiter. care home in Kent", "", "gb-modern-slavery-helpline"},
		{"I live in Wisbech and there's a house on my road with 15 men, a minibus takes them at 4am and they never get paid", "", "gb-modern-slavery-helpline"},
		{"the farm boss took our passports and locks the gate at night, near Mildura", "", "au-afp-human-trafficking"},
		{"the contractor keeps our passports and we sleep at the car wash. we're in Footscray", "", "au-afp-human-trafficking"},
		// Trafficking told from another country: both countries' lines.
		{"my cousin works at a meat plant in Nebraska and the contractor keeps everyone's passports, we are in Zacatecas", "", "mx-linea-nacional-contra-la-trata"},
		{"my cousin works at a meat plant in Nebraska and the contractor keeps everyone's passports, we are in Zacatecas", "", "us-national-human-trafficking-hotline"},
		// Even where the first country named has no line.
		{"I live in Tegucigalpa and my niece went with a boyfriend she met online, now he makes her work nights to pay for the trip. she is in Houston", "", "us-national-human-trafficking-hotline"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text, Near: tt.near, Audience: "youth"})
		top := ids(r)[:min(3, len(r.Resources))]
		if !slices.Contains(top, tt.line) {
			t.Errorf("%q near %s: top 3 %v lack %s", tt.text, tt.near, top, tt.line)
		}
	}
	for _, text := range []string{"my boyfriend hits me", "he hit me and took my phone", "i was raped at a party"} {
		r := e.Handle(context.Background(), bot.Message{Text: text, Audience: "youth"})
		if slices.Contains(ids(r), "us-strongheart-native-helpline") {
			t.Errorf("%q: StrongHearts (for Native people) offered to a message that does not show it: %v", text, ids(r))
		}
	}
	r := e.Handle(context.Background(), bot.Message{Text: "im native and my boyfriend on the rez hits me", Audience: "youth"})
	if !slices.Contains(ids(r), "us-strongheart-native-helpline") {
		t.Errorf("a Native person's message lacks StrongHearts: %v", ids(r))
	}
}

// TestTraffickingFirstWhenSaid: trafficking the words name opens the
// lines; trafficking the model only reads a little stands beside the line
// for what the message is mostly about.
func TestTraffickingFirstWhenSaid(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, first, beside string }{
		{"my boyfriend sells me to his friends", "us-national-human-trafficking-hotline", ""},
		{"a guy online says hes 16 but he wants to pick me up after school and take me to his friends place",
			"us-childhelp-national-child-abuse-hotline", "us-national-human-trafficking-hotline"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text})
		got := ids(r)
		if len(got) == 0 || got[0] != tt.first || tt.beside != "" && !slices.Contains(got[:min(3, len(got))], tt.beside) {
			t.Errorf("%q: %v, want %s first and %s in the first three", tt.text, got, tt.first, tt.beside)
		}
	}
}

// TestNamedLineComesFirst: a person who asks about a line by its name
// gets that line first, not a question about what is going on.
func TestNamedLineComesFirst(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct{ text, first string }{
		{"what's the trevor project? saw it in a video", "us-trevor-project"},
		{"is rainn free", "us-rainn-national-sexual-assault-hotline"},
		{"my bf sells me, should i call polaris?", "us-national-polaris"},
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text})
		if got := ids(r); len(got) == 0 || got[0] != tt.first || r.Intent == bot.IntentUnsure {
			t.Errorf("%q: %v (%s), want %s first", tt.text, got, r.Intent, tt.first)
		}
	}
}

// TestCountryWithoutLinesGetsADirectory: where the catalog has no lines
// of a country, a harm reply opens with a directory of the lines there;
// where it has, the directories never come.
func TestCountryWithoutLinesGetsADirectory(t *testing.T) {
	e := newEngine(t, nil)
	const traffickingDirectory, helplines = "intl-global-modern-slavery-directory", "intl-find-a-helpline"
	tests := []struct{ text, near, first string }{
		{"my boss took my passport and won't pay me, i can't leave the factory", "Jakarta", traffickingDirectory},
		{"mi novio me vende a sus amigos", "Moscow", traffickingDirectory},
		{"i want to kill myself", "Cairo", helplines},
		{"my boyfriend hits me", "Vienna", helplines}, // the EU's lines are not Austria's own
	}
	for _, tt := range tests {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text, Near: tt.near, Audience: "youth"})
		if got := ids(r); len(got) == 0 || got[0] != tt.first {
			t.Errorf("%q near %s: cards %v, want %s first", tt.text, tt.near, got, tt.first)
		}
		if lead := strings.Join(r.Lead, "\n"); r.Urgent && !strings.Contains(lead, "your local emergency number") {
			t.Errorf("%q near %s: lead %q lacks the local emergency number", tt.text, tt.near, lead)
		}
	}
	for _, tt := range []struct{ text, near string }{
		{"my boss took my passport and won't pay me", "London"},
		{"my boss took my passport and won't pay me", ""},
		{"i want to kill myself", "Lima"},
		{"my boyfriend hits me", "Madrid"},
	} {
		r := e.Handle(context.Background(), bot.Message{Text: tt.text, Near: tt.near, Audience: "youth"})
		if got := ids(r); slices.Contains(got, traffickingDirectory) || slices.Contains(got, helplines) {
			t.Errorf("%q near %q: a directory for countries without lines in %v", tt.text, tt.near, got)
		}
	}
}

// TestAsksWhereWhenTheWordsSayAbroad: a reply on the assumed country's
// lines to words only people elsewhere use asks where the person is, and
// a place alone then answers the same question there.
func TestAsksWhereWhenTheWordsSayAbroad(t *testing.T) {
	e := newEngine(t, nil)
	ctx := context.Background()
	const hint = "In another country?"
	for _, tt := range []struct {
		text, answer, want string
	}{
		{"my mum's boyfriend keeps coming into my room at night and touching me", "UK", "gb-childline"},
		{"my mum's boyfriend keeps coming into my room at night and touching me", "I'm in Dublin", "ie-childline"},
		{"the bloke at work keeps my pay for the caravan and says i cant leave till i pay him back", "Brisbane", "au-afp-human-trafficking"},
	} {
		chat := "abroad-" + tt.answer
		first := e.Handle(ctx, bot.Message{ChatKey: chat, Text: tt.text, Audience: "youth"})
		if !strings.Contains(first.Text(), hint) {
			t.Errorf("%q: the reply does not ask where:\n%s", tt.text, first.Text())
		}
		then := e.Handle(ctx, bot.Message{ChatKey: chat, Text: tt.answer, Audience: "youth"})
		if top := ids(then)[:min(3, len(then.Resources))]; !slices.Contains(top, tt.want) {
			t.Errorf("%q, then %q: top 3 %v lack %s", tt.text, tt.answer, top, tt.want)
		}
	}
	for _, text := range []string{
		"my mom's boyfriend keeps coming into my room at night and touching me",
		"my mum's boyfriend keeps coming into my room at night, we live in Leeds",
	} {
		if r := e.Handle(ctx, bot.Message{Text: text, Audience: "youth"}); strings.Contains(r.Text(), hint) {
			t.Errorf("%q: asks where, though nothing says elsewhere or the place is named", text)
		}
	}
}

// TestLineAbroadSaysItsCountry: a message about two countries shows both
// trafficking lines, the other country's named with it.
func TestLineAbroadSaysItsCountry(t *testing.T) {
	e := newEngine(t, nil)
	r := e.Handle(context.Background(), bot.Message{Text: "my cousin works at a meat plant in Nebraska and the contractor keeps everyone's passports, we are in Zacatecas", Audience: "youth"})
	// Zacatecas, a city, is more precise than Nebraska, a state.
	if r.Place != "Zacatecas, Zacatecas" {
		t.Fatalf("place %q", r.Place)
	}
	found := 0
	for _, c := range r.Resources {
		switch c.ID {
		case "us-national-human-trafficking-hotline":
			found++
			if want := c.Resource.Name.In("en") + " (United States)"; c.Name != want {
				t.Errorf("the line abroad is named %q, want %q", c.Name, want)
			}
		case "mx-linea-nacional-contra-la-trata":
			found++
			if want := c.Resource.Name.In("en"); c.Name != want {
				t.Errorf("the line at home is named %q, want %q", c.Name, want)
			}
		}
	}
	if found != 2 {
		t.Errorf("want both lines, got %d of them", found)
	}
	r = e.Handle(context.Background(), bot.Message{Text: "my boss keeps my passport", Audience: "youth"})
	for _, c := range r.Resources {
		if strings.Contains(c.Name, "(United States)") {
			t.Errorf("a line at home is named with its country: %q", c.Name)
		}
	}
}

// TestUnsureAsksOneQuestion: a message the engine cannot place gets the
// general lines and one question whose quick replies go straight to the
// right lines; it never asks for a name, an age or an address.
func TestUnsureAsksOneQuestion(t *testing.T) {
	e := newEngine(t, nil)
	say := func(m bot.Message) bot.Reply {
		m.ChatKey = "unsure"
		return e.Handle(context.Background(), m)
	}
	r := say(bot.Message{Text: "my situation is complicated"})
	if r.Intent != bot.IntentUnsure {
		t.Fatalf("intent %q, want %q", r.Intent, bot.IntentUnsure)
	}
	if len(r.Resources) == 0 || !slices.Contains(ids(r), "us-national-human-trafficking-hotline") {
		t.Errorf("no general lines: %v", ids(r))
	}
	var answers []string
	for _, a := range r.Actions {
		if strings.HasPrefix(a.ID, bot.ActionAnswer) {
			answers = append(answers, a.ID)
		}
	}
	if len(answers) < 3 {
		t.Fatalf("quick replies %v", r.Actions)
	}
	if txt := strings.ToLower(r.Text()); strings.Contains(txt, "your name") || strings.Contains(txt, "how old") || strings.Contains(txt, "address") {
		t.Errorf("the question asks for a name, an age or an address:\n%s", r.Text())
	}
	next := say(bot.Message{Action: bot.ActionAnswer + "exploited"})
	if len(next.Resources) == 0 || next.Resources[0].ID != "us-national-human-trafficking-hotline" {
		t.Errorf("'made to have sex or work' answered with %v, want the trafficking line first", ids(next))
	}
	danger := say(bot.Message{Action: bot.ActionAnswer + "danger"})
	if !danger.Urgent || !strings.Contains(strings.Join(danger.Lead, " "), "911") {
		t.Errorf("'in danger right now' is not urgent: %q", danger.Lead)
	}
}

// TestLineInAnotherLanguageIsLabelled: a line that does not speak the
// person's language says so, or comes after one that does.
func TestLineInAnotherLanguageIsLabelled(t *testing.T) {
	e := newEngine(t, nil)
	r := e.Handle(context.Background(), bot.Message{Text: "mi novio me revisa el celular y me pega", Audience: "youth"})
	for i, c := range r.Resources {
		if c.ID != "us-love-is-respect" {
			continue
		}
		if !strings.Contains(c.Summary, "(Atiende en inglés.)") {
			t.Errorf("loveisrespect (English only) is not labelled for a Spanish writer: %q", c.Summary)
		}
		if i == 0 {
			t.Errorf("loveisrespect comes first for a Spanish writer: %v", ids(r))
		}
	}
}

// TestFreeOnlyWhereFree: a reply tells people the lines it shows are free
// only when none of the first three costs the caller by its source:
// Portugal's trafficking line is charged at a mobile rate.
func TestFreeOnlyWhereFree(t *testing.T) {
	e := newEngine(t, nil)
	tests := []struct {
		text, near string
		free       bool
	}{
		{"my boss took my passport and won't let me leave", "", true},
		{"mi jefe me quitó el pasaporte y no me deja salir", "", true},
		{"mi jefe me quitó el pasaporte y no me deja salir", "Lisboa", false},
		{"my boss took my passport and won't let me leave", "Porto", false},
	}
	for _, tt := range tests {
		reply := e.Handle(context.Background(), bot.Message{Text: tt.text, Near: tt.near, Audience: "youth"}).Text()
		if !strings.Contains(reply, "not your fault") && !strings.Contains(reply, "No es tu culpa") {
			t.Errorf("%q near %q: no 'not your fault' line:\n%s", tt.text, tt.near, reply)
			continue
		}
		if free := strings.Contains(reply, "for free") || strings.Contains(reply, "ahora mismo, gratis"); free != tt.free {
			t.Errorf("%q near %q: says free %v, want %v:\n%s", tt.text, tt.near, free, tt.free, reply)
		}
	}
}
