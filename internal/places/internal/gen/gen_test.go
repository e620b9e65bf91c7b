package main

import (
	"slices"
	"testing"
)

func TestZIPState(t *testing.T) {
	tests := []struct{ zip, want string }{
		{"00501", "NY"}, {"00901", "PR"}, {"00802", "VI"}, {"02108", "MA"},
		{"05501", "MA"}, {"05401", "VT"}, {"10001", "NY"}, {"20500", "DC"},
		{"20101", "VA"}, {"75201", "TX"}, {"79901", "TX"}, {"88510", "TX"},
		{"87101", "NM"}, {"90210", "CA"}, {"96813", "HI"}, {"96910", "GU"},
		{"99501", "AK"}, {"34102", "FL"}, {"39801", "GA"},
		{"00000", ""}, {"34002", ""}, // 340 is the military's AA
	}
	for _, tt := range tests {
		if got := zipState(tt.zip); got != tt.want {
			t.Errorf("zipState(%s) = %q, want %q", tt.zip, got, tt.want)
		}
	}
}

func TestCleanCityName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Palikir - National Government Center", "Palikir"},
		{"Jardines de la Silla (Jardines)", "Jardines de la Silla"},
		{"Winston-Salem", "Winston-Salem"},
	}
	for _, tt := range tests {
		if got := cleanCityName(tt.in); got != tt.want {
			t.Errorf("cleanCityName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	if got := fold("Querétaro"); got != "queretaro" {
		t.Errorf("fold = %q", got)
	}
}

func TestDedupeNames(t *testing.T) {
	got := dedupeNames([]string{"México", "Mexico", " ", "MEXICO", "Estados Unidos Mexicanos"})
	if len(got) != 2 || got[0] != "México" || got[1] != "Estados Unidos Mexicanos" {
		t.Errorf("dedupeNames = %q", got)
	}
}

func TestKeepCity(t *testing.T) {
	tests := []struct {
		cc, feature string
		pop         int
		want        bool
	}{
		{"US", "PPL", 50000, true}, {"US", "PPL", 49999, false},
		{"MX", "PPLA2", 50000, true}, // Latin America, but a home country
		{"ES", "PPLA2", 100000, true}, {"ES", "PPLA2", 99999, false},
		{"FR", "PPLA", 150000, true}, {"FR", "PPLA", 149999, false},
		{"BR", "PPL", 300000, true}, {"BR", "PPL", 299999, false},
		{"PR", "PPL", 299999, false},
		{"ES", "PPLX", 3000000, false},                          // a district
		{"AU", "PPLX", 5000, true}, {"AU", "PPLX", 4999, false}, // a suburb where people name suburbs
		{"US", "PPLX", 100000, false},
		{"NO", "PPLA", 300000, false}, // neither EU nor Latin America
		{"NG", "PPLA", 1000000, true}, // a city of a million anywhere
		{"NG", "PPLA", 999999, false},
		{"IN", "PPL", 999999, false},
		{"IE", "PPL", 15000, true}, {"IE", "PPL", 14999, false}, // towns in Ireland
		{"AU", "PPL", 5000, true}, {"AU", "PPL", 4999, false}, // towns far apart
		{"GB", "PPL", 20000, true}, {"GB", "PPL", 19999, false},
		{"NZ", "PPL", 10000, true}, {"NZ", "PPL", 9999, false},
		{"HN", "PPL", 100000, true}, {"HN", "PPL", 99999, false}, // Central America
		{"CR", "PPL", 200000, true}, {"CR", "PPL", 199999, false}, // Spanish-speaking Latin America
		{"CU", "PPL", 299999, false}, {"BR", "PPL", 200000, false},
		{"NO", "PPLC", 700000, true}, // a capital
	}
	for _, tt := range tests {
		g := geoCity{name: "X", country: tt.cc, featureCode: tt.feature, pop: tt.pop}
		if got := keepCity(g); got != tt.want {
			t.Errorf("keepCity(%s %s %d) = %v, want %v", tt.cc, tt.feature, tt.pop, got, tt.want)
		}
	}
	if got := romanianCommas.Replace("Timişoara, Constanţa"); got != "Timișoara, Constanța" {
		t.Errorf("romanianCommas = %q", got)
	}
}

// TestDropShadowing: a home country's small town does not shadow a bigger
// namesake elsewhere; a town above the floor, or a small town that shares
// its name with no bigger one, stays.
func TestDropShadowing(t *testing.T) {
	got := dropShadowing([]city{
		{country: "GB", pop: 40000, names: []string{"Christchurch"}},
		{country: "NZ", pop: 370000, names: []string{"Christchurch"}},
		{country: "GB", pop: 31000, names: []string{"Wisbech"}},
		{country: "GB", pop: 90000, names: []string{"Boston"}}, // above the floor
		{country: "US", pop: 650000, names: []string{"Boston"}},
		{country: "SV", pop: 176000, names: []string{"Santa Ana"}}, // not a home country
		{country: "US", pop: 330000, names: []string{"Santa Ana"}},
	})
	var kept []string
	for _, c := range got {
		kept = append(kept, c.country+" "+c.names[0])
	}
	want := []string{"NZ Christchurch", "GB Wisbech", "GB Boston", "US Boston", "SV Santa Ana", "US Santa Ana"}
	if !slices.Equal(kept, want) {
		t.Errorf("dropShadowing kept %q, want %q", kept, want)
	}
}

// TestDistricts: a suburb is kept only where no other place has its name:
// a bigger one abroad, any other in the table, or a country or region.
func TestDistricts(t *testing.T) {
	raw := []geoCity{
		{name: "Footscray", country: "AU", featureCode: "PPLX", pop: 16550},
		{name: "Frankston", country: "AU", featureCode: "PPLX", pop: 36239},
		{name: "Frankston", country: "US", featureCode: "PPL", pop: 1174}, // too small to count
		{name: "Epping", country: "AU", featureCode: "PPLX", pop: 32696},
		{name: "Epping", country: "GB", featureCode: "PPL", pop: 10289},
	}
	abroad := namesakesAbroad(raw)
	for _, tt := range []struct {
		i    int
		want bool
	}{{0, false}, {1, false}, {3, true}} {
		if got := abroad(raw[tt.i]); got != tt.want {
			t.Errorf("namesakesAbroad(%s %s) = %v, want %v", raw[tt.i].country, raw[tt.i].name, got, tt.want)
		}
	}
	got := dropDistrictNamesakes([]city{
		{country: "AU", names: []string{"Footscray"}, district: true},
		{country: "AU", names: []string{"Victoria Park"}, district: true},
		{country: "AU", names: []string{"Victoria Park"}, district: true},
		{country: "AU", names: []string{"Tasmania"}, district: true},
		{country: "GB", names: []string{"Kent"}, district: false},
		{country: "AU", names: []string{"Tapping"}, district: true},
		{country: "AU", names: []string{"Fortitude Valley"}, district: true},
	}, [][]string{{"Tasmania"}}, map[string]bool{"tapping": true, "fortitude": true, "valley": true})
	var kept []string
	for _, c := range got {
		kept = append(kept, c.names[0])
	}
	if want := []string{"Footscray", "Kent", "Fortitude Valley"}; !slices.Equal(kept, want) {
		t.Errorf("dropDistrictNamesakes kept %q, want %q", kept, want)
	}
}

func TestProvinceNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Cuzco [Cusco]", []string{"Cuzco", "Cusco"}},
		{"Atlántico Norte*", []string{"Atlántico Norte"}},
		{"Kildare", []string{"Kildare"}},
		{"Taiwan *", []string{"Taiwan"}},
		{"Nei Mongol (mn)", []string{"Nei Mongol"}},
	}
	for _, tt := range tests {
		if got := provinceNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("provinceNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAllWords(t *testing.T) {
	words := map[string]bool{"la": true, "libertad": true, "alta": true, "west": true, "coast": true}
	tests := []struct {
		key  string
		want bool
	}{
		{"la libertad", true}, {"west coast", true}, {"alta verapaz", false}, {"tawi-tawi", false},
	}
	for _, tt := range tests {
		if got := allWords(tt.key, words); got != tt.want {
			t.Errorf("allWords(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
