package bot

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// rule is one triage regular expression with the literal strings at least
// one of which any match must contain. A message is scanned for every
// rule's literals at once (see literals); a rule none of whose literals
// is in the message cannot match, and its expression is not run: hundreds
// of rules cost microseconds instead of a third of a millisecond.
type rule struct {
	re       *regexp.Regexp
	triggers []string // nil: no literal is certain, always run re
	id       int      // the rule's place in what literals.scan returns
	whole    bool     // written "^…$": it reads the whole message
}

func newRule(re *regexp.Regexp, whole bool) rule {
	r := rule{re: re, whole: whole}
	if parsed, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		r.triggers = triggers(parsed.Simplify())
	}
	return r
}

// mayMatch reports whether the rule can match a message whose scan is
// found: it has no certain literal, or the scan found one.
func (r rule) mayMatch(found []bool) bool { return r.triggers == nil || found[r.id] }

// match reports whether the rule matches s, whose scan is found.
func (r rule) match(s string, found []bool) bool {
	return r.mayMatch(found) && r.re.MatchString(s)
}

// find returns the rule's first match in s, whose scan is found.
func (r rule) find(s string, found []bool) string {
	if !r.mayMatch(found) {
		return ""
	}
	return r.re.FindString(s)
}

// literals finds in one pass over a message which rules have a trigger in
// it. Triggers are filed by their first minTrigger bytes, and each place
// in the message is looked up once: a few dozen map lookups, where asking
// strings.Contains for each of 800 triggers read the message 800 times.
type literals struct {
	byPrefix map[string][]literal
	rules    int // how many rules were numbered
}

type literal struct {
	text string
	rule int
}

// number gives every rule of every list its id and files its triggers.
func number(lists ...[]rule) literals {
	l := literals{byPrefix: map[string][]literal{}}
	for _, rs := range lists {
		for i := range rs {
			rs[i].id = l.rules
			for _, t := range rs[i].triggers {
				l.byPrefix[t[:minTrigger]] = append(l.byPrefix[t[:minTrigger]], literal{t, l.rules})
			}
			l.rules++
		}
	}
	return l
}

// scan reports, by rule id, whether s contains one of the rule's triggers.
func (l literals) scan(s string) []bool {
	found := make([]bool, l.rules)
	for i := 0; i+minTrigger <= len(s); i++ {
		for _, lit := range l.byPrefix[s[i:i+minTrigger]] {
			if strings.HasPrefix(s[i:], lit.text) {
				found[lit.rule] = true
			}
		}
	}
	return found
}

// minTrigger is the shortest literal worth filtering on: shorter ones ("a",
// "me") are in nearly every message.
const minTrigger = 3

// triggers returns literals one of which every match of re contains, or nil
// when there is no such set of useful length.
func triggers(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		if s := string(re.Rune); len(s) >= minTrigger {
			return []string{s}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return triggers(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return triggers(re.Sub[0])
		}
	case syntax.OpConcat:
		// Every part is required: filter on the part whose weakest
		// literal is longest. Adjacent literals would be better still, but
		// one part is enough to skip most rules.
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			if t := triggers(sub); t != nil {
				if l := shortest(t); l > bestLen {
					best, bestLen = t, l
				}
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			t := triggers(sub)
			if t == nil {
				return nil // one branch with no literal: anything may match
			}
			all = append(all, t...)
		}
		return all
	}
	return nil
}

func shortest(ss []string) int {
	n := len(ss[0])
	for _, s := range ss[1:] {
		n = min(n, len(s))
	}
	return n
}
