package bot

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// rule is one triage regular expression with the literal strings at least
// one of which any match must contain. Checking those with strings.Contains
// first skips almost every rule for almost every message: hundreds of
// rules cost microseconds instead of a third of a millisecond.
type rule struct {
	re       *regexp.Regexp
	triggers []string // nil: no literal is certain, always run re
}

func newRule(re *regexp.Regexp) rule {
	r := rule{re: re}
	if parsed, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		r.triggers = triggers(parsed.Simplify())
	}
	return r
}

func (r rule) match(s string) bool {
	if r.triggers != nil && !slices.ContainsFunc(r.triggers, func(t string) bool { return strings.Contains(s, t) }) {
		return false
	}
	return r.re.MatchString(s)
}

func (r rule) find(s string) string {
	if r.triggers != nil && !slices.ContainsFunc(r.triggers, func(t string) bool { return strings.Contains(s, t) }) {
		return ""
	}
	return r.re.FindString(s)
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
