package bot

import "testing"

// TestTelHref: a tel: link dials the number as written, without spaces;
// a "#" (Japan's #8891) is escaped, or it would start a fragment and the
// link would dial nothing.
func TestTelHref(t *testing.T) {
	for n, want := range map[string]string{
		"1-800-799-7233": "tel:1-800-799-7233",
		"116 000":        "tel:116000",
		"*4141":          "tel:*4141",
		"#8891":          "tel:%238891",
	} {
		if got := telHref(n); got != want {
			t.Errorf("telHref(%q) = %q, want %q", n, got, want)
		}
	}
}

// TestNames: languages and countries are named in the reader's language,
// the messages' own words first.
func TestNames(t *testing.T) {
	en := &Language{Code: "en", Words: map[string]string{"country_GB": "UK", "language_es": "Spanish"}}
	es := &Language{Code: "es", Words: map[string]string{}}
	for _, tt := range []struct{ got, want string }{
		{en.LanguageName("es"), "Spanish"},
		{en.LanguageName("ar"), "Arabic"},
		{es.LanguageName("ko"), "coreano"},
		{en.LanguageName("xx"), "xx"},
		{en.CountryName("GB"), "UK"},
		{en.CountryName("KR"), "South Korea"},
		{es.CountryName("DE"), "Alemania"},
		{en.CountryName("Q9"), "Q9"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
