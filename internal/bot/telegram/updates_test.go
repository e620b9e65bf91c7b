package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
)

func TestAddressed(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		private    bool
		replyToBot bool
		want       string
		wantOK     bool
	}{
		{"private text", "he has my nudes", true, false, "he has my nudes", true},
		{"private command", "/signs", true, false, "/signs", true},
		{"private command to us", "/near@ThisBot Dallas", true, false, "/near Dallas", true},
		{"private command, any case", "/near@thisbot   Dallas, TX", true, false, "/near Dallas, TX", true},
		{"private command named for another bot", "/signs@OtherBot", true, false, "/signs", true},
		{"private non-ASCII command", "/señales@ThisBot", true, false, "/señales", true},
		{"private command on a new line", "/near\nDallas", true, false, "/near Dallas", true},
		{"private lone slash", "/", true, false, "/", true},
		{"group command to us", "/signs@ThisBot", false, false, "/signs", true},
		{"group command to another bot", "/signs@OtherBot", false, false, "", false},
		{"group command to a bot whose name starts like ours", "/signs@ThisBotToo", false, false, "", false},
		{"group bare command", "/signs", false, false, "", false},
		{"group bare command replying to us", "/signs", false, true, "/signs", true},
		{"group chatter", "hello everyone", false, false, "", false},
		{"group mention", "@ThisBot where can I get help", false, false, "where can I get help", true},
		{"group mention at the end, any case", "is this a scam @thisbot?", false, false, "is this a scam ?", true},
		{"group mention of a longer name", "@ThisBotFan hi", false, false, "", false},
		{"group email-like text", "me@ThisBot.com", false, false, "", false},
		{"group mention after non-ASCII", "¿@ThisBot qué es esto?", false, false, "¿ qué es esto?", true},
		{"group reply to us", "what about in Texas", false, true, "what about in Texas", true},
	}
	for _, tt := range tests {
		got, ok := addressed(tt.text, "ThisBot", tt.private, tt.replyToBot)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: addressed(%q) = %q, %v; want %q, %v", tt.name, tt.text, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestIncoming(t *testing.T) {
	me := &identity{id: 999, username: "ThisBot"}
	user := &models.User{ID: 5, FirstName: "Sam", LanguageCode: "es-MX"}
	private := models.Chat{ID: 5, Type: models.ChatTypePrivate}
	group := models.Chat{ID: -100, Type: models.ChatTypeSupergroup}
	tests := []struct {
		name   string
		m      models.Message
		want   bot.Message
		wantOK bool
	}{
		{"text", models.Message{ID: 1, From: user, Chat: private, Text: "hola"},
			bot.Message{Surface: "telegram", ChatKey: "telegram:5", Text: "hola", Lang: "es-MX", Audience: "youth"}, true},
		{"location", models.Message{ID: 1, From: user, Chat: private, Location: &models.Location{Latitude: 1.5, Longitude: -2.5}},
			bot.Message{Surface: "telegram", ChatKey: "telegram:5", Location: &bot.GeoPoint{Lat: 1.5, Lon: -2.5}, Lang: "es-MX", Audience: "youth"}, true},
		{"venue", models.Message{ID: 1, From: user, Chat: private, Venue: &models.Venue{Location: models.Location{Latitude: 3, Longitude: 4}}},
			bot.Message{Surface: "telegram", ChatKey: "telegram:5", Location: &bot.GeoPoint{Lat: 3, Lon: 4}, Lang: "es-MX", Audience: "youth"}, true},
		{"photo caption", models.Message{ID: 1, From: user, Chat: private, Caption: "is this real?"},
			bot.Message{Surface: "telegram", ChatKey: "telegram:5", Text: "is this real?", Lang: "es-MX", Audience: "youth"}, true},
		{"sticker", models.Message{ID: 1, From: user, Chat: private, Sticker: &models.Sticker{}},
			bot.Message{Surface: "telegram", ChatKey: "telegram:5", Action: "start", Lang: "es-MX", Audience: "youth"}, true},
		{"another bot", models.Message{ID: 1, From: &models.User{ID: 6, IsBot: true}, Chat: private, Text: "hi"}, bot.Message{}, false},
		{"channel", models.Message{ID: 1, Chat: models.Chat{ID: -5, Type: models.ChatTypeChannel}, Text: "hi"}, bot.Message{}, false},
		{"group sticker", models.Message{ID: 1, From: user, Chat: group, Sticker: &models.Sticker{}}, bot.Message{}, false},
		{"group location replying to us", models.Message{ID: 1, From: user, Chat: group, Location: &models.Location{Latitude: 1, Longitude: 2},
			ReplyToMessage: &models.Message{From: &models.User{ID: 999, IsBot: true}}},
			bot.Message{Surface: "telegram", ChatKey: "telegram:-100", Location: &bot.GeoPoint{Lat: 1, Lon: 2}, Lang: "es-MX", Audience: "youth"}, true},
	}
	for _, tt := range tests {
		got, chat, ok := incoming(&tt.m, me)
		if ok != tt.wantOK {
			t.Errorf("%s: ok = %v", tt.name, ok)
			continue
		}
		if !ok {
			continue
		}
		if got.Surface != tt.want.Surface || got.ChatKey != tt.want.ChatKey || got.Text != tt.want.Text ||
			got.Action != tt.want.Action || got.Lang != tt.want.Lang || got.Audience != tt.want.Audience ||
			(got.Location == nil) != (tt.want.Location == nil) || (got.Location != nil && *got.Location != *tt.want.Location) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
		if chat.private != (tt.m.Chat.Type == models.ChatTypePrivate) || (!chat.private && chat.replyTo != tt.m.ID) {
			t.Errorf("%s: chat %+v", tt.name, chat)
		}
	}
}
