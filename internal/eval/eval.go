// Package eval measures how well hotline answers labelled messages: a
// right answer in the top 3, urgent messages caught and false alarms,
// the trafficking line for a disclosure, and no other country's emergency
// number. docs/evaluation.md says how the labelled splits were written and
// which figures count as results.
package eval

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/understand"
)

// Answerer answers one message as a fresh conversation. *bot.Engine is one.
type Answerer interface {
	Handle(ctx context.Context, m bot.Message) bot.Reply
}

// Rate is a share: Hits of All.
type Rate struct{ Hits, All int }

func (r Rate) String() string {
	if r.All == 0 {
		return "n/a (0)"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*r.Value(), r.Hits, r.All)
}

// Value is Hits/All, or 0 when All is 0.
func (r Rate) Value() float64 {
	if r.All == 0 {
		return 0
	}
	return float64(r.Hits) / float64(r.All)
}

func (r *Rate) add(hit bool) {
	r.All++
	if hit {
		r.Hits++
	}
}

// Report holds the figures of one run. Its fields count messages only:
// a report never holds message text, so it can be printed for a sealed
// split without showing what failed.
type Report struct {
	Messages int
	// Top3 counts messages with a topic and a covered country whose top 3
	// resources hold one serving that country on any of their topics;
	// MainTop3 only on their main (first) topic.
	Top3, MainTop3 map[string]*Rate // by language, and "all"
	// Caught counts urgent messages answered as urgent; FalseAlarms the
	// calm ones answered as urgent.
	Caught, FalseAlarms map[string]*Rate
	// Disclosure counts messages about sex or labour trafficking in a
	// covered country whose top 3 hold that country's trafficking line.
	Disclosure Rate
	// HarmLine counts messages whose main topic is a harm topic, in a
	// covered country, whose top 3 hold that country's line for it.
	HarmLine Rate
	// WrongEmergency counts replies whose own words name an emergency
	// number of another country and not of the person's own, or that show
	// another country's emergency line.
	WrongEmergency Rate
	// OwnEmergency counts, of the messages placed in a country whose
	// emergency numbers the catalog knows, the replies whose own words
	// name one of them: a person anywhere gets their own numbers.
	OwnEmergency Rate
	// Asked counts replies that ask a question with quick replies.
	Asked Rate
	// Repeated counts replies that show one resource twice: a wasted
	// place in the first three, and a sign of a bug in the answer policy.
	Repeated Rate
}

// Failure says which check a message failed, by its index in the split:
// only for splits that may be looked at (train and dev).
type Failure struct {
	Index int
	Check string
	Top   []string // the IDs of the reply's first three resources
}

// Run answers every example and counts the figures. A place named in a
// message must be found by the engine itself: the label only says which
// country a right answer serves.
//
// A message placed in a country the catalog does not cover has no right
// answer in it to count, but its reply is still checked for other
// countries' emergency numbers.
func Run(ctx context.Context, a Answerer, c *catalog.Catalog, examples []understand.Example) (Report, []Failure) {
	r := Report{Top3: rates(), MainTop3: rates(), Caught: rates(), FalseAlarms: rates()}
	var failures []Failure
	var top []bot.Card
	fail := func(i int, check string) {
		ids := make([]string, len(top))
		for j, c := range top {
			ids[j] = c.ID
		}
		failures = append(failures, Failure{i, check, ids})
	}
	var all []string
	for _, e := range c.Countries {
		all = append(all, e.Numbers()...)
	}
	lines := numbersByCountry(c)
	for i, ex := range examples {
		r.Messages++
		audience := "youth"
		if ex.Who == "staff" {
			audience = catalog.AudienceStaff
		}
		reply := a.Handle(ctx, bot.Message{Surface: "eval", Text: ex.Text, Audience: audience})
		country := cmp(ex.Country, "US")
		top = reply.Resources[:min(3, len(reply.Resources))]

		if len(ex.Topics) > 0 && c.Covers(country) {
			anyHit := slices.ContainsFunc(top, func(card bot.Card) bool {
				return serves(card.Resource, country) && hasAny(card.Resource.Topics, ex.Topics)
			})
			mainHit := slices.ContainsFunc(top, func(card bot.Card) bool {
				return serves(card.Resource, country) && slices.Contains(card.Resource.Topics, ex.Topics[0])
			})
			addLang(r.Top3, ex.Lang, anyHit)
			addLang(r.MainTop3, ex.Lang, mainHit)
			if !anyHit {
				fail(i, "top3")
			}
			if line, ok := c.Line(country, ex.Topics[0]); ok && c.IsHarm(ex.Topics[:1]) {
				hit := slices.ContainsFunc(top, func(card bot.Card) bool { return card.ID == line.ID })
				r.HarmLine.add(hit)
				if !hit {
					fail(i, "harm line")
				}
			}
			if t := ex.Topics[0]; (t == "sex-trafficking" || t == "labor-trafficking") && ex.Who != "info" {
				line, ok := c.Line(country, t)
				hit := ok && slices.ContainsFunc(top, func(card bot.Card) bool { return card.ID == line.ID })
				r.Disclosure.add(hit)
				if !hit {
					fail(i, "disclosure")
				}
			}
		}
		if ex.Danger != "" {
			if ex.Danger == understand.DangerNone {
				addLang(r.FalseAlarms, ex.Lang, reply.Urgent)
				if reply.Urgent {
					fail(i, "false alarm")
				}
			} else {
				addLang(r.Caught, ex.Lang, reply.Urgent)
				if !reply.Urgent {
					fail(i, "missed urgent")
				}
			}
		}
		var own, emergency []string
		if e, ok := c.Country(country); ok {
			// The emergency numbers, and the national lines for women and
			// children the table names beside them.
			emergency = append(e.Numbers(), e.Women, e.Children)
			// The country's other lines are its own too, though another
			// country may use the same digits for its emergencies (144
			// is Argentina's women's line, Austria's ambulance; 113
			// Peru's mental health line, Italy's police).
			own = slices.Concat(emergency, lines[country])
		}
		// The numbers the bot tells the person to call are in its own words;
		// an emergency line's card must be the person's country's.
		words := strings.Join(slices.Concat(reply.Lead, reply.Blocks, reply.Footer), "\n")
		wrong := wrongEmergency(words, own, all) || slices.ContainsFunc(reply.Resources, func(card bot.Card) bool {
			return slices.Contains(card.Resource.Topics, "emergency") && !card.Resource.ServesCountry(country)
		})
		r.WrongEmergency.add(wrong)
		if ex.Country != "" && len(emergency) > 0 {
			r.OwnEmergency.add(namesNumber(words, emergency))
		}
		if wrong {
			fail(i, "wrong emergency number")
		}
		r.Asked.add(slices.ContainsFunc(reply.Actions, func(a bot.Action) bool { return strings.HasPrefix(a.ID, bot.ActionAnswer) }))
		repeated := false
		for j, card := range reply.Resources {
			repeated = repeated || slices.ContainsFunc(reply.Resources[:j], func(c bot.Card) bool { return c.ID == card.ID })
		}
		r.Repeated.add(repeated)
		if repeated {
			fail(i, "repeated card")
		}
	}
	return r, failures
}

func rates() map[string]*Rate { return map[string]*Rate{"all": {}} }

func addLang(m map[string]*Rate, lang string, hit bool) {
	m["all"].add(hit)
	if m[lang] == nil {
		m[lang] = &Rate{}
	}
	m[lang].add(hit)
}

func serves(r *catalog.Resource, country string) bool {
	return len(r.Areas) == 0 || r.ServesCountry(country)
}

func hasAny(have, want []string) bool {
	return slices.ContainsFunc(want, func(t string) bool { return slices.Contains(have, t) })
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// numbersByCountry returns the phone and text numbers of the catalog's
// lines in each country, as dialled there.
func numbersByCountry(c *catalog.Catalog) map[string][]string {
	out := map[string][]string{}
	for _, r := range c.Resources {
		for i := range r.Contacts {
			ct := &r.Contacts[i]
			if country := r.DialledIn(ct); ct.Display != "" && r.ServesCountry(country) {
				out[country] = append(out[country], ct.Display)
			}
		}
	}
	return out
}

// wrongEmergency reports whether text names an emergency number that is
// not one of own. A number is a whole run of digits, spaces and hyphens,
// so "116 123" is not Colombia's 123.
func wrongEmergency(text string, own, all []string) bool {
	for _, run := range numberRun.FindAllString(text, -1) {
		n := digitsOf(run)
		if isOneOf(n, all) && !isOneOf(n, own) {
			return true
		}
	}
	return false
}

// namesNumber reports whether text names one of numbers, as a whole run
// of digits (see wrongEmergency).
func namesNumber(text string, numbers []string) bool {
	return slices.ContainsFunc(numberRun.FindAllString(text, -1), func(run string) bool {
		return isOneOf(digitsOf(run), numbers)
	})
}

// isOneOf reports whether the digits n are those of one of numbers.
func isOneOf(n string, numbers []string) bool {
	return slices.ContainsFunc(numbers, func(o string) bool { return o != "" && digitsOf(o) == n })
}

var numberRun = regexp.MustCompile(`\d(?:[\d -]*\d)?`)

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// Print writes the report as a table.
func (r Report) Print(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d messages\n", name, r.Messages)
	row := func(label string, m map[string]*Rate) {
		fmt.Fprintf(w, "  %-32s all %s", label, m["all"])
		for _, lang := range []string{"en", "es"} {
			if v := m[lang]; v != nil {
				fmt.Fprintf(w, "  %s %s", lang, v)
			}
		}
		fmt.Fprintln(w)
	}
	row("right answer in top 3", r.Top3)
	row("main topic in top 3", r.MainTop3)
	row("urgent caught", r.Caught)
	row("false alarms", r.FalseAlarms)
	fmt.Fprintf(w, "  %-32s %s\n", "trafficking line for disclosure", r.Disclosure)
	fmt.Fprintf(w, "  %-32s %s\n", "the line for the main harm", r.HarmLine)
	fmt.Fprintf(w, "  %-32s %s\n", "another country's emergency no.", r.WrongEmergency)
	fmt.Fprintf(w, "  %-32s %s\n", "their own emergency no., placed", r.OwnEmergency)
	fmt.Fprintf(w, "  %-32s %s\n", "replies that ask a question", r.Asked)
	fmt.Fprintf(w, "  %-32s %s\n", "replies showing a card twice", r.Repeated)
}
