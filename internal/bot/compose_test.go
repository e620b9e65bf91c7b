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
