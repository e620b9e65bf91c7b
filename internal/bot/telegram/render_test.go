package telegram

import (
	"strings"
	"testing"

	"github.com/hotline-org/hotline/internal/bot"
)

func TestPieces(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"fits", "a < b", 20, []string{"a &lt; b"}},
		{"empty", "", 10, []string{""}},
		{"cut at a space", "one two three", 8, []string{"one two", "three"}},
		{"never inside an entity", "&&&", 10, []string{"&amp;&amp;", "&amp;"}},
		{"no space to cut at", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"astral runes count twice", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"invalid UTF-8 replaced", "a\xffb", 10, []string{"a\uFFFDb"}},
	}
	for _, tt := range tests {
		got := pieces(tt.in, tt.max)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: pieces(%q, %d) = %q, want %q", tt.name, tt.in, tt.max, got, tt.want)
		}
		for _, p := range got {
			if utf16Len(p) > tt.max {
				t.Errorf("%s: piece %q longer than %d", tt.name, p, tt.max)
			}
		}
	}
}

func TestRenderSplitsOnBlocks(t *testing.T) {
	para := strings.Repeat("x", 30)
	tests := []struct {
		name  string
		reply bot.Reply
		limit int
		want  []string
	}{
		{"one message", bot.Reply{Blocks: []string{"a", "b"}}, 100, []string{"a\n\nb"}},
		{"between blocks", bot.Reply{Blocks: []string{para, para, para}}, 70,
			[]string{para + "\n\n" + para, para}},
		{"lead first and bold", bot.Reply{Lead: []string{"Call 911", "Or 988"}, Blocks: []string{"words"}}, 100,
			[]string{"<b>Call 911</b>\n<b>Or 988</b>\n\nwords"}},
		{"a long block between its lines", bot.Reply{Blocks: []string{"short", para + "\n" + para + "\n" + para}}, 70,
			[]string{"short", para + "\n" + para, para}},
		{"empty blocks skipped", bot.Reply{Blocks: []string{"", " ", "a"}, Footer: []string{""}}, 100, []string{"a"}},
	}
	for _, tt := range tests {
		got := renderHTML(tt.reply, tt.limit)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRenderNeverExceedsTheLimit(t *testing.T) {
	long := strings.Repeat("word & <word> ", 2000)
	r := bot.Reply{
		Lead:   []string{long},
		Blocks: []string{long, strings.Repeat("😀", 5000)},
		Resources: []bot.Card{{Name: long, Summary: long, Body: long + "\n" + long, URL: "https://example.org/" + strings.Repeat("a", 3000),
			Contacts: []bot.ContactLine{{Label: "Chat", Href: "https://example.org/" + strings.Repeat("b", 5000), Display: long}}}},
		Footer: []string{long},
	}
	parts := renderHTML(r, messageLimit)
	if len(parts) < 5 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		if n := utf16Len(p); n > messageLimit {
			t.Errorf("part %d: %d characters", i, n)
		}
		if strings.Count(p, "<b>") != strings.Count(p, "</b>") || strings.Count(p, "<a ") != strings.Count(p, "</a>") {
			t.Errorf("part %d: tags split across messages", i)
		}
	}
}

func TestKeyboard(t *testing.T) {
	long := strings.Repeat("x", 65)
	kb := keyboard([]bot.Action{
		{ID: "signs", Label: "Warning signs"},
		{ID: "hotlines", Label: "Hotlines"},
		{ID: long, Label: "Too long an id"},
		{ID: "near", Label: "Services near me, with a long label"},
		{ID: "privacy", Label: "  "},
		{ID: "lang:es", Label: "Español"},
	})
	var rows [][]string
	for _, row := range kb.InlineKeyboard {
		var r []string
		for _, b := range row {
			if len(b.CallbackData) > maxCallbackBytes {
				t.Errorf("callback data %q over %d bytes", b.CallbackData, maxCallbackBytes)
			}
			r = append(r, b.CallbackData)
		}
		rows = append(rows, r)
	}
	want := [][]string{{"signs", "hotlines"}, {"near"}, {"lang:es"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %q, want %q", rows, want)
	}
	for i := range want {
		if strings.Join(rows[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
		}
	}
	if keyboard(nil) != nil || keyboard([]bot.Action{{ID: long, Label: "x"}}) != nil {
		t.Error("no usable actions should give no keyboard")
	}
}

func TestPlainText(t *testing.T) {
	in := `<b>1. Help &amp; &lt;Hope&gt;</b>` + "\n" + `Chat: <a href="https://e.org/?a=1&amp;b=2">chat &amp; talk</a>`
	want := "1. Help & <Hope>\nChat: chat & talk"
	if got := plainText(in); got != want {
		t.Errorf("plainText = %q, want %q", got, want)
	}
}

// TestWordsFitTelegram: in every language of the message files, the menu's
// descriptions and the location button fit Telegram's limits.
func TestWordsFitTelegram(t *testing.T) {
	w := builtinWords(t)
	for _, lang := range w.Codes() {
		for _, c := range commands(w, lang) {
			if n := len([]rune(c.Description)); n == 0 || n > 256 {
				t.Errorf("%s: /%s description has %d characters; Telegram takes 1 to 256", lang, c.Command, n)
			}
		}
		kb := locationKeyboard(w, lang)
		if n := len([]rune(kb.InputFieldPlaceholder)); n == 0 || n > 64 {
			t.Errorf("%s: the placeholder has %d characters; Telegram takes 1 to 64", lang, n)
		}
		if b := kb.Keyboard[0][0].Text; b == "" || strings.HasPrefix(b, "[") {
			t.Errorf("%s: location button %q", lang, b)
		}
	}
}
