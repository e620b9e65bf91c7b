package slack

import (
	"bytes"
	"os"
	"slices"
	"testing"

	slackapi "github.com/slack-go/slack"
	"go.yaml.in/yaml/v3"
)

// The app manifest at the repository root asks Slack for exactly what the
// adapter handles and no more (it replies where it was written to, and
// never opens or lists conversations: no im:read or im:write): a key Slack does not know, a missing scope or event,
// and the app would be created but stay silent.
func TestAppManifest(t *testing.T) {
	data, err := os.ReadFile("../../../slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m slackapi.Manifest
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	scopes := slices.Sorted(slices.Values(m.OAuthConfig.Scopes.Bot))
	if want := []string{"app_mentions:read", "chat:write", "commands", "im:history"}; !slices.Equal(scopes, want) {
		t.Errorf("bot scopes %v, want %v", scopes, want)
	}
	events := slices.Sorted(slices.Values(m.Settings.EventSubscriptions.BotEvents))
	if want := []string{"app_mention", "message.im"}; !slices.Equal(events, want) {
		t.Errorf("bot events %v, want %v", events, want)
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != DefaultCommand || m.Features.SlashCommands[0].ShouldEscape {
		t.Errorf("slash commands %+v: want %s, unescaped", m.Features.SlashCommands, DefaultCommand)
	}
	if !m.Settings.Interactivity.IsEnabled || !m.Settings.SocketModeEnabled {
		t.Error("interactivity and socket mode must be on")
	}
	if home := m.Features.AppHome; !home.MessagesTabEnabled || home.MessagesTabReadOnlyEnabled {
		t.Errorf("app home %+v: staff must be able to write in the Messages tab", home)
	}
}
