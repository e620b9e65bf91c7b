package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	slackapi "github.com/slack-go/slack"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/catalog"
)

// testCatalog has an entry of every age relative to now.
func testCatalog(now time.Time) *catalog.Catalog {
	day := 24 * time.Hour
	entry := func(id string, verified time.Time) *catalog.Resource {
		return &catalog.Resource{ID: id, Kind: catalog.KindHotline, Name: catalog.Text{"en": "Name of " + id},
			Source: "https://example.org/" + id, Verified: catalog.Date{Time: verified}, File: "hotlines/" + id + ".yaml"}
	}
	return &catalog.Catalog{Resources: []*catalog.Resource{
		entry("test-fresh", now.Add(-10*day)),
		entry("test-old-line", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)),
		entry("test-due-soon", now.Add(-350*day)),
		entry("test-never", time.Time{}),
	}, Countries: []*catalog.Country{
		{Code: "ZZ", Emergency: "000", Sources: []string{"https://example.org/zz"}, Verified: catalog.Date{Time: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)}},
	}}
}

func newRenderer(t *testing.T, now time.Time) *Adapter {
	t.Helper()
	a, err := New(Config{BotToken: "xoxb-1", SigningSecret: "s",
		Engine: answerFunc(func(context.Context, bot.Message) bot.Reply { return bot.Reply{} }),
		Words:  builtinWords(t),
		Now:    func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func blocksJSON(t *testing.T, blocks []slackapi.Block) string {
	t.Helper()
	data, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	// Undo JSON's HTML escaping to compare with what Slack shows.
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(data))
}

func TestRenderStaffCard(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	a := newRenderer(t, now)
	km := 12.34
	res := &catalog.Resource{
		ID: "us-tx-test-shelter", Kind: catalog.KindService, Areas: []string{"US-TX"}, Langs: []string{"en", "es"},
		Source: "https://example.org/about?a=1&b=2", Verified: catalog.Date{Time: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC)},
		Staff: &catalog.StaffInfo{
			Eligibility: catalog.Text{"en": "Youth 12 to 17 <any gender>", "es": "Jóvenes de 12 a 17"},
			Intake:      catalog.Text{"en": "Walk in & call ahead"},
			Notes:       catalog.Text{"en": "Beds fill by noon"},
		},
	}
	reply := bot.Reply{
		Language: "en",
		Lead:     []string{"If you are in danger right now, call 911."},
		Blocks:   []string{"Near Houston, TX:"},
		Resources: []bot.Card{{
			ID: res.ID, Kind: res.Kind, Name: "Test Shelter <Houston>", Summary: "Beds & meals", URL: "https://example.org/",
			Contacts: []bot.ContactLine{
				{Type: "phone", Label: "Call", Display: "(713) 555-0100", Value: "+17135550100", Hours: "24/7"},
				{Type: "sms", Label: "Text SAFE to 741741", Keyword: "SAFE", Display: "741741", Value: "741741"},
				{Type: "web", Label: "Intake form", Value: "https://example.org/intake", Href: "https://example.org/intake"},
				{Type: "email", Label: "Email", Value: "intake@example.org", Display: "intake@example.org"},
			},
			DistanceKM: &km, Location: &catalog.Location{Address: "Houston, TX"},
			Resource: res,
		}},
		Footer:  []string{"Want to talk to a person? National Human Trafficking Hotline: Call (888) 373-7888."},
		Actions: []bot.Action{{ID: "more", Label: "More"}, {ID: "lang:es", Label: "En español"}},
	}
	blocks, fallback := a.render(reply, view{buttons: true, share: "shelter in Houston"})
	got := blocksJSON(t, blocks)
	for _, want := range []string{
		":rotating_light: *If you are in danger right now, call 911.*",
		"*1. Test Shelter &lt;Houston&gt;*  :warning: *Stale*",
		"Beds &amp; meals",
		"• Call: (713) 555-0100 — 24/7",
		"• Text SAFE to 741741",
		"• <https://example.org/intake|Intake form>",
		"• Email: <mailto:intake@example.org|intake@example.org>",
		"• <https://example.org/|Website>",
		"*Near:* Houston, TX (12 km)",
		"*Serves:* US-TX  ·  *Languages:* English, Spanish",
		"*Eligibility:* Youth 12 to 17 &lt;any gender&gt;",
		"*Intake:* Walk in &amp; call ahead",
		"*Notes:* Beds fill by noon",
		"Service  ·  `us-tx-test-shelter`  ·  <https://example.org/about?a=1&amp;b=2|Source>",
		":warning: Verified on 2025-01-05 — older than 365 days: check before referring",
		"Want to talk to a person?",
		`"action_id":"share","value":"shelter in Houston"`,
		`"action_id":"more","value":"more"`,
		`"action_id":"lang:es","value":"lang:es"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("staff view lacks %q\n%s", want, got)
		}
	}
	// Urgent lines come first, before the bot's words and the cards.
	if strings.Index(got, "call 911") > strings.Index(got, "Near Houston") {
		t.Error("urgent lines are not first")
	}
	if !strings.HasPrefix(fallback, "If you are in danger right now, call 911.") {
		t.Errorf("fallback %q", fallback)
	}

	// In Spanish, the labels follow.
	reply.Language = "es"
	got = blocksJSON(t, mustRender(a, reply))
	for _, want := range []string{"*Requisitos:* Jóvenes de 12 a 17", "*Idiomas:* inglés, español", "Desactualizado", "Servicio  ·", "Verificado el 2025-01-05 — hace más de 365 días"} {
		if !strings.Contains(got, want) {
			t.Errorf("Spanish view lacks %q", want)
		}
	}

	// Fresh entries carry no warning.
	res.Verified = catalog.Date{Time: now.Add(-24 * time.Hour)}
	reply.Language = "en"
	got = blocksJSON(t, mustRender(a, reply))
	if strings.Contains(got, "warning") || !strings.Contains(got, "Verified on 2026-11-26") {
		t.Errorf("fresh entry:\n%s", got)
	}
}

func mustRender(a *Adapter, r bot.Reply) []slackapi.Block {
	b, _ := a.render(r, view{buttons: true})
	return b
}

func TestRenderStaysWithinSlackLimits(t *testing.T) {
	a := newRenderer(t, time.Now())
	long := strings.Repeat("word & <more> ", 400)
	var reply bot.Reply
	for range 40 {
		reply.Resources = append(reply.Resources, bot.Card{ID: "x", Kind: "hotline", Name: "Line", Summary: long,
			Resource: &catalog.Resource{Staff: &catalog.StaffInfo{Notes: catalog.Text{"en": long}}}})
		reply.Actions = append(reply.Actions, bot.Action{ID: strings.Repeat("a", 300), Label: long})
	}
	reply.Blocks = []string{long, long}
	blocks, fallback := a.render(reply, view{buttons: true, share: long})
	if len(blocks) > maxBlocks {
		t.Errorf("%d blocks, Slack takes %d", len(blocks), maxBlocks)
	}
	if utf8.RuneCountInString(fallback) > maxFallbackText {
		t.Errorf("fallback of %d characters", utf8.RuneCountInString(fallback))
	}
	got := blocksJSON(t, blocks)
	if !strings.Contains(got, "more not shown here") {
		t.Error("cards left out without saying so")
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *slackapi.SectionBlock:
			if n := utf8.RuneCountInString(b.Text.Text); n > maxSectionText {
				t.Errorf("section of %d characters", n)
			}
			if strings.HasSuffix(b.Text.Text, "&…") || strings.HasSuffix(b.Text.Text, "&am…") {
				t.Errorf("cut in the middle of an escape: %q", b.Text.Text[len(b.Text.Text)-20:])
			}
		case *slackapi.ActionBlock:
			if len(b.Elements.ElementSet) > maxButtons {
				t.Errorf("%d buttons", len(b.Elements.ElementSet))
			}
			for _, e := range b.Elements.ElementSet {
				btn := e.(*slackapi.ButtonBlockElement)
				if utf8.RuneCountInString(btn.Text.Text) > maxButtonText || len(btn.Value) > maxButtonValue || len(btn.ActionID) > maxActionID {
					t.Errorf("button over Slack's limits: %d/%d/%d", utf8.RuneCountInString(btn.Text.Text), len(btn.Value), len(btn.ActionID))
				}
			}
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@UBOT> trafficking hotline", "trafficking hotline"},
		{"<@UBOT|hotline>   shelter\nin Houston", "shelter in Houston"},
		{"legal help &amp; shelter &lt;NY&gt;", "legal help & shelter <NY>"},
		{"see <https://example.org/a|this page> please", "see this page please"},
		{"mail <mailto:a@example.org|a@example.org>", "mail a@example.org"},
		{"raw <https://example.org/x>", "raw https://example.org/x"},
		{"<!here> anyone know <#C123|cases>?", "anyone know #cases ?"},
		{"<@UBOT>", ""},
		{"a < b", "a < b"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChatKeys(t *testing.T) {
	if got := chatKey("T1", "D1", ""); got != "slack:T1:D1" {
		t.Errorf("DM key %q", got)
	}
	if got := chatKey("T1", "C1", "1764226544.000100"); got != "slack:T1:C1:1764226544.000100" {
		t.Errorf("thread key %q", got)
	}
	if got := privateKey("T1", "C1", "U1"); got != "slack:T1:C1:U1" {
		t.Errorf("private key %q", got)
	}
}

func TestHookAllowed(t *testing.T) {
	a := newRenderer(t, time.Now())
	for raw, want := range map[string]bool{
		"https://hooks.slack.com/commands/T1/1/abc":    true,
		"https://hooks.slack-gov.com/commands/T1/1/ab": true,
		"http://hooks.slack.com/commands/T1/1/abc":     false,
		"https://hooks.slack.com.evil.example/x":       false,
		"https://127.0.0.1/x":                          false,
		"":                                             false,
	} {
		if got := a.hookAllowed(raw); got != want {
			t.Errorf("hookAllowed(%q) = %v", raw, got)
		}
	}
}

func TestCutMrkdwn(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"see <https://x.org/?a=1&amp;b=2|the form>", 30, "see …"},
		{"Beds &amp; meals", 8, "Beds …"},
		{"Beds &amp; meals", 11, "Beds &amp;…"},
		{"<https://x.org|site> and more words", 24, "<https://x.org|site> an…"},
	}
	for _, tt := range tests {
		if got := cutMrkdwn(tt.in, tt.n); got != tt.want {
			t.Errorf("cutMrkdwn(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
