package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
)

// explainFeatures is how many of the model's strongest features an
// explanation names for each verdict.
const explainFeatures = 5

// Explain says, for maintainers, why a message gets the reply it gets:
// which triage rules matched, how sure the danger model is and which
// features made it so, which vocabulary phrases named which topics, which
// lines the words name, and which topics the topic model read and why. It
// never logs the text.
func (a *App) Explain(text string) []string {
	// The models read what the rules read: a laughing emoji as "lol".
	folded := bot.RulesText(text, textfold.Fold(text))
	reading := a.reader.Read(folded)
	var out []string
	if rules := a.triage.Explain(folded); len(rules) > 0 {
		out = append(out, "triage rules: "+strings.Join(rules, "; "))
	} else {
		out = append(out, "triage rules: none matched")
	}
	if reading.Danger.Label != "" {
		verdict := "calm"
		if reading.Urgent {
			verdict = "urgent"
		}
		model, examples := a.reader.DangerVotes(folded)
		out = append(out, fmt.Sprintf("danger model: %s, p(danger now) %.2f (the model %.2f, the most similar examples %.2f), most like %s; it weighed %s",
			verdict, reading.Danger.P, model, examples, reading.Danger.Label, features(a.reader.Explain(folded, understand.Urgent, explainFeatures))))
	}
	u := a.Index.Understand(text)
	phrases := u.Phrases()
	for _, topic := range slices.Sorted(maps.Keys(phrases)) {
		out = append(out, fmt.Sprintf("vocabulary: %s from \"%s\"", topic, strings.Join(phrases[topic], `", "`)))
	}
	if len(u.Named) > 0 {
		out = append(out, "names: "+strings.Join(u.Named, ", "))
	}
	for _, g := range reading.Topics {
		out = append(out, fmt.Sprintf("topic model: %s %.2f; it weighed %s", g.Label, g.P, features(a.reader.Explain(folded, g.Label, explainFeatures))))
	}
	if len(reading.Topics) == 0 {
		out = append(out, "topic model: no topic above its threshold")
	}
	return out
}

func features(cs []understand.Contribution) string {
	if len(cs) == 0 {
		return "nothing in particular"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %+.2f", c.Feature, c.Weight)
	}
	return strings.Join(parts, ", ")
}
