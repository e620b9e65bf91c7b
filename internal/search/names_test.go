package search

import (
	"slices"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
	"github.com/hotline-org/hotline/internal/textfold"
)

// TestNameForms: the ways a person may write a resource's name, and the
// ones that are too much like ordinary words to count.
func TestNameForms(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"National Sexual Assault Hotline (RAINN)", []string{"National Sexual Assault Hotline (RAINN)", "National Sexual Assault Hotline", "RAINN"}},
		{"The Trevor Project (TrevorLifeline and TrevorText)", []string{"The Trevor Project (TrevorLifeline and TrevorText)", "Trevor Project (TrevorLifeline and TrevorText)", "The Trevor Project", "Trevor Project"}},
		{"Childline", []string{"Childline"}},
		// Numbers alone are in prices and times; short words are words.
		{"211", nil},
		{"REST", nil},
		{"211 (Canada's helpline for community and social services)", []string{"211 (Canada's helpline for community and social services)"}},
		// An acronym in brackets counts from minAcronym capitals.
		{"Safe Line (CAST)", []string{"Safe Line (CAST)", "Safe Line"}},
	}
	for _, tt := range tests {
		if got := nameForms(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("nameForms(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestNamesFind: a message names a resource by any of its forms, as
// whole words, in any case and without accents.
func TestNamesFind(t *testing.T) {
	n := newNames([]*catalog.Resource{
		{ID: "rainn", Kind: catalog.KindHotline, Name: catalog.Text{"en": "National Sexual Assault Hotline (RAINN)"}},
		{ID: "vida", Kind: catalog.KindHotline, Name: catalog.Text{"es": "Línea de la Vida"}},
		{ID: "sign", Kind: catalog.KindWarningSign, Name: catalog.Text{"en": "Línea de la Vida"}},
	})
	tests := []struct {
		text string
		want []string
	}{
		{"is Rainn free?", []string{"rainn"}},
		{"que es la linea de la vida", []string{"vida"}},
		{"rainnbow", nil},
		{"la linea de la", nil},
	}
	for _, tt := range tests {
		if got := n.find(textfold.Fold(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
