package telegram

import (
	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
)

// commandNames are the command menu. The names stay the same in every
// language: they are what the menu sends, and the engine also knows
// Spanish ones (/senales, /cerca). Their descriptions are the bot's words
// telegram_command_<name>.
var commandNames = []string{"start", "help", "signs", "hotlines", "near", "language", "privacy", "forget"}

// commands returns the command menu in lang.
func commands(w bot.Wording, lang string) []models.BotCommand {
	out := make([]models.BotCommand, len(commandNames))
	for i, name := range commandNames {
		out[i] = models.BotCommand{Command: name, Description: w.Say(lang, "telegram_command_"+name)}
	}
	return out
}
