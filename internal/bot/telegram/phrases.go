package telegram

import (
	"strings"

	"github.com/go-telegram/bot/models"
)

// phrases are the few words that belong to Telegram rather than to the
// conversation: the command menu and the location button. The engine
// writes everything else.
type phrases struct {
	commands      []models.BotCommand
	shareLocation string
	typePlace     string // input placeholder: at most 64 characters
}

// phrasesFor returns the phrases in a language, English when there are none
// in it. The command names stay the same in every language: they are what
// the menu sends, and the engine also knows Spanish ones (/senales, /cerca).
func phrasesFor(lang string) phrases {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "es":
		return phrases{
			commands: []models.BotCommand{
				{Command: "start", Description: "Empezar: lo que puedo hacer"},
				{Command: "help", Description: "Cómo funciona y cómo borrar este chat"},
				{Command: "signs", Description: "Señales de alerta de trata y explotación"},
				{Command: "hotlines", Description: "Líneas para llamar o escribir, gratis y confidenciales"},
				{Command: "near", Description: "Servicios cerca de ti (una ciudad basta)"},
				{Command: "language", Description: "Cambiar de idioma / Change language"},
				{Command: "privacy", Description: "Qué guardo y por cuánto tiempo"},
				{Command: "forget", Description: "Borrar lo que recuerdo de este chat"},
			},
			shareLocation: "📍 Compartir mi ubicación",
			typePlace:     "O escribe una ciudad o código postal",
		}
	default:
		return phrases{
			commands: []models.BotCommand{
				{Command: "start", Description: "Start: what I can do"},
				{Command: "help", Description: "How this works and how to delete this chat"},
				{Command: "signs", Description: "Warning signs of trafficking and exploitation"},
				{Command: "hotlines", Description: "Free, confidential lines to call or text"},
				{Command: "near", Description: "Services near you (a city is enough)"},
				{Command: "language", Description: "Change language / Cambiar de idioma"},
				{Command: "privacy", Description: "What I keep and for how long"},
				{Command: "forget", Description: "Erase what I remember of this chat"},
			},
			shareLocation: "📍 Share my location",
			typePlace:     "Or type a city or ZIP code",
		}
	}
}
