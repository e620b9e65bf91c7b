package main

import "testing"

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
