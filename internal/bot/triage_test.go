package bot

import (
	"testing"

	"github.com/hotline-org/hotline/internal/textfold"
	"github.com/hotline-org/hotline/internal/understand"
	"github.com/hotline-org/hotline/resources"
)

func TestTriageRuleErrors(t *testing.T) {
	for _, p := range []string{
		"(unclosed",
		// After ".*" the anchors no longer hold: "abajo" inside "trabajo".
		"(miedo).*(afuera|abajo)",
	} {
		if _, err := compileRule(p); err == nil {
			t.Errorf("%q compiled", p)
		}
	}
	re, err := compileRule(`(miedo).*\b(afuera|abajo)`)
	if err != nil {
		t.Fatal(err)
	}
	if re.MatchString("tengo miedo de perder mi trabajo") || !re.MatchString("tengo miedo esta abajo") {
		t.Errorf("%v: matches inside a word, or not a word", re)
	}
}

// TestTriageWeighsTheModel: the rules decide, except where the model is
// surer than the rules' words: all but sure a message is calm, it vetoes
// cues and then patterns; all but sure of danger, it overrides an unless
// rule. A message the model did not read goes by the rules alone.
func TestTriageWeighsTheModel(t *testing.T) {
	tr, err := LoadTriage(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	reading := func(p float64) understand.Reading {
		return understand.Reading{Danger: understand.Guess{Label: "captivity", P: p}, Urgent: p >= 0.3}
	}
	tests := []struct {
		text    string
		reading understand.Reading
		urgent  bool
	}{
		{"they locked me in the basement", understand.Reading{}, true},
		{"they locked me in the basement", reading(patternVeto / 2), false},
		{"they locked me in the basement", reading((patternVeto + cueVeto) / 2), true},
		{"they locked me in the basement in the movie", understand.Reading{}, false},
		{"they locked me in the basement in the movie", reading(unlessOverride - 0.01), false},
		{"they locked me in the basement in the movie", reading(unlessOverride), true},
		// Laughing at it is a joke, unless the model is all but sure.
		{"they locked me in the basement lol", understand.Reading{}, false},
		{"they locked me in the basement lol", reading(unlessOverride), true},
		{"jajaja me tienen encerrada en el sotano", understand.Reading{}, false},
		// A cry alone is no school work: a calm reading does not veto it.
		{"locked in please help", reading(patternVeto / 2), true},
		{"OD'd help", reading(patternVeto / 2), true},
	}
	for _, tt := range tests {
		f := textfold.Fold(tt.text)
		if got := tr.Check(f, tt.reading); got.Urgent != tt.urgent {
			t.Errorf("%q with the model at %.3f: urgent %v, want %v (rules: %v)", tt.text, tt.reading.Danger.P, got.Urgent, tt.urgent, tr.Explain(f))
		}
	}
}

// TestTriageRules: what the rules alone make urgent, and what they leave
// to the model.
func TestTriageRules(t *testing.T) {
	tr, err := LoadTriage(resources.FS())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text   string
		urgent bool
	}{
		{"trapped in the garage", true},
		{"trapped", true},
		{"someone is breaking into my house", true},
		{"hay un hombre en mi casa", true},
		{"my stepdad just kicked in the door", true},
		{"i just dont want to be anywhere anymore", true},
		{"nadie se da cuenta si existo", true},
		{"od help", true},
		{"my cousin got stabbed behind the store", true},
		{"soy una carga para mi familia", true},
		// Not now, or not danger: the model decides.
		{"he smashed my phone again", false},
		{"mi papá me pega cuando toma", false},
		{"i feel like a burden sometimes", false},
		{"trapped in a job i hate", false},
		{"having a panic attack, cant breathe", false},
		{"me dio un ataque de panico y no puedo respirar", false},
		{"mi novio no me deja salir con mis amigas", false},
		{"my mom wont let me go to the party", false},
		{"no me deja salir del cuarto", true},
		{"mi mama dice q me corre si no me corto el pelo", false},
		{"me voy a cortar el cabello mañana", false},
		{"me voy a cortar las venas", true},
		{"im 15 and my dad kicked me out tonight", false},
		{"me pega ayuda", true},
		{"auxilio me pegan", true},
		{"mi mama me pega", false},
		{"odd help", true},
		{"that was odd", false},
		{"he just threw me out of the car on the highway and hes coming back", true},
		// Two cues need two signs: "cant leave" read by two rules is one.
		{"my uncle says the boss holds their pay and they cant leave, is that legal", false},
		{"the owner collects everyones passports and they cant leave", true},
		{"he wont let me leave the house", true},
	}
	for _, tt := range tests {
		f := textfold.Fold(tt.text)
		if got := tr.Check(RulesText(tt.text, f), understand.Reading{}); got.Urgent != tt.urgent {
			t.Errorf("%q by the rules: urgent %v, want %v (%v)", tt.text, got.Urgent, tt.urgent, tr.Explain(f))
		}
	}
}

// BenchmarkLoadTriage measures reading the rules, which serve does once
// at start-up. The models' learning is measured in internal/understand.
func BenchmarkLoadTriage(b *testing.B) {
	for b.Loop() {
		if _, err := LoadTriage(resources.FS()); err != nil {
			b.Fatal(err)
		}
	}
}
