package search

import (
	"slices"
	"testing"

	"github.com/hotline-org/hotline/internal/catalog"
)

func TestDiversify(t *testing.T) {
	// Three warning signs a little ahead of a guide and a hotline.
	results := func() []Result {
		var rs []Result
		for _, r := range []struct {
			id, kind string
			score    float64
		}{
			{"sign-1", catalog.KindWarningSign, 1.0},
			{"sign-2", catalog.KindWarningSign, 0.95},
			{"sign-3", catalog.KindWarningSign, 0.9},
			{"guide", catalog.KindGuide, 0.85},
			{"hotline", catalog.KindHotline, 0.8},
		} {
			rs = append(rs, Result{Resource: &catalog.Resource{ID: r.id, Kind: r.kind}, Score: r.score})
		}
		return rs
	}
	for _, tc := range []struct {
		name  string
		kinds []string
		n     int
		want  []string
	}{
		{"kinds mix", nil, 5, []string{"sign-1", "guide", "sign-2", "hotline", "sign-3"}},
		{"signs asked for keep their order", []string{catalog.KindWarningSign}, 5, []string{"sign-1", "sign-2", "sign-3", "guide", "hotline"}},
		{"only the first places are settled", nil, 2, []string{"sign-1", "guide", "sign-2", "sign-3", "hotline"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := results()
			diversify(rs, tc.kinds, tc.n)
			var got []string
			for _, r := range rs {
				got = append(got, r.Resource.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
		})
	}
}
