package bot

import (
	"fmt"
	"strings"
)

// Text renders the reply as plain text, in the order a person should read
// it: urgent lines first, then the bot's words, the resources, and a human
// to talk to. Adapters with richer formats render the parts themselves.
func (r Reply) Text() string {
	var b strings.Builder
	para := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	para(strings.Join(r.Lead, "\n"))
	for _, s := range r.Blocks {
		para(s)
	}
	for i, c := range r.Resources {
		para(c.text(i + 1))
	}
	para(strings.Join(r.Footer, "\n"))
	return b.String()
}

// text renders one card: its number, name, summary, ways to reach it.
func (c Card) text(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d. %s", n, c.Name)
	if c.DistanceKM != nil {
		fmt.Fprintf(&b, " (%s km)", FormatKM(*c.DistanceKM))
	}
	line := func(s string) {
		if s != "" {
			b.WriteString("\n   ")
			b.WriteString(s)
		}
	}
	line(c.Summary)
	for _, p := range strings.Split(c.Body, "\n") {
		line(strings.TrimSpace(p))
	}
	for _, ct := range c.Contacts {
		line(ct.String())
	}
	if c.URL != "" && !hasContactValue(c.Contacts, c.URL) {
		line(c.URL)
	}
	if c.Location != nil && c.Location.Address != "" {
		line(c.Location.Address)
	}
	return b.String()
}

// String renders a contact as one line: "Call: (888) 373-7888 (24/7)".
func (c ContactLine) String() string {
	var s string
	switch {
	case c.Keyword != "" || strings.Contains(c.Label, c.Display):
		s = c.Label // the label already says the number: "Text HOME to 741741"
	default:
		s = c.Label + ": " + c.Display
	}
	if c.Hours != "" {
		s += " (" + c.Hours + ")"
	}
	return s
}

func hasContactValue(cs []ContactLine, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}
