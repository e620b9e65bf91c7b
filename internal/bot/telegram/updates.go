package telegram

import (
	"context"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
)

// Surface and Audience are what this adapter tells the engine about every
// message: Telegram is where young people reach hotline.
const (
	Surface  = "telegram"
	Audience = "youth"
)

// allowedUpdates are the updates the bot asks Telegram for.
func allowedUpdates() []string {
	return []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery, models.AllowedUpdateMyChatMember}
}

// chatRef is where a reply goes.
type chatRef struct {
	id      int64
	private bool
	thread  int // forum topic of the message answered, if any
	replyTo int // in groups, the message answered, so that it is clear whom the bot answers
}

func (c chatRef) key() string { return chatKey(c.id) }

func chatKey(id int64) string { return Surface + ":" + strconv.FormatInt(id, 10) }

// recoverPanics keeps one bad update from taking the bot down. The panic
// value may hold message text, so only its type and the stack are logged.
func (a *Adapter) recoverPanics(next tgbot.HandlerFunc) tgbot.HandlerFunc {
	return func(ctx context.Context, b *tgbot.Bot, u *models.Update) {
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("panic while handling a Telegram update", "update", updateKind(u),
					"chat", a.chatHash(chatKey(chatIDOf(u))), "panic_type", fmt.Sprintf("%T", p),
					"stack", string(debug.Stack()))
			}
		}()
		next(ctx, b, u)
	}
}

// handle is the library's default handler: every update comes here, since
// the library's command matching fails on /cmd@BotName and non-ASCII text.
func (a *Adapter) handle(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
	switch {
	case u.Message != nil:
		a.onMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		a.onCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		a.onMembership(ctx, u.MyChatMember)
	}
}

func (a *Adapter) onMessage(ctx context.Context, m *models.Message) {
	me := a.me.Load()
	msg, chat, ok := incoming(m, me)
	if !ok {
		return
	}
	a.deliver(ctx, chat, a.cfg.Engine.Handle(ctx, msg))
}

// onCallback answers a button press at once, so that its spinner stops
// whatever happens next, then handles it as the action it names.
func (a *Adapter) onCallback(ctx context.Context, q *models.CallbackQuery) {
	actx, cancel := context.WithTimeout(ctx, requestTimeout)
	_, err := a.tg.AnswerCallbackQuery(actx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: q.ID})
	cancel()
	if err != nil {
		a.failed(ctx, err)
		a.log.Warn("telegram: answerCallbackQuery failed", "kind", errKind(err))
	}
	c, ok := callbackChat(q)
	if !ok || q.Data == "" || c.Type == models.ChatTypeChannel {
		return
	}
	chat := chatRef{id: c.ID, private: c.Type == models.ChatTypePrivate}
	if m := q.Message.Message; m != nil && m.IsTopicMessage {
		chat.thread = m.MessageThreadID
	}
	a.deliver(ctx, chat, a.cfg.Engine.Handle(ctx, bot.Message{
		Surface: Surface, ChatKey: chat.key(), Action: q.Data, Lang: q.From.LanguageCode, Audience: Audience,
	}))
}

// onMembership erases a chat's session when the person blocks the bot.
func (a *Adapter) onMembership(ctx context.Context, u *models.ChatMemberUpdated) {
	if u.Chat.Type != models.ChatTypePrivate || u.NewChatMember.Type != models.ChatMemberTypeBanned {
		return
	}
	a.forgetChat(ctx, chatKey(u.Chat.ID), "blocked")
}

// incoming turns a Telegram message into what the engine reads, and says
// where the reply goes; ok is false when the bot should stay quiet.
func incoming(m *models.Message, me *identity) (msg bot.Message, chat chatRef, ok bool) {
	if me == nil || (m.From != nil && m.From.IsBot) {
		return msg, chat, false
	}
	chat = chatRef{id: m.Chat.ID}
	switch m.Chat.Type {
	case models.ChatTypePrivate:
		chat.private = true
	case models.ChatTypeGroup, models.ChatTypeSupergroup:
		chat.replyTo = m.ID
	default:
		return msg, chat, false
	}
	if m.IsTopicMessage {
		chat.thread = m.MessageThreadID
	}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	replyToBot := m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == me.id
	text, ok = addressed(text, me.username, chat.private, replyToBot)
	if !ok {
		return msg, chat, false
	}
	msg = bot.Message{Surface: Surface, ChatKey: chat.key(), Audience: Audience}
	if m.From != nil {
		msg.Lang = m.From.LanguageCode
	}
	loc := m.Location
	if m.Venue != nil {
		loc = &m.Venue.Location
	}
	switch {
	case loc != nil:
		msg.Location = &bot.GeoPoint{Lat: loc.Latitude, Lon: loc.Longitude}
	case strings.TrimSpace(text) != "":
		msg.Text = text
	case chat.private:
		// A sticker, a voice note, a photo: the bot reads only text, so it
		// says what it can do.
		msg.Action = bot.IntentStart
	default:
		return msg, chat, false
	}
	return msg, chat, true
}

// addressed decides whether a message is for this bot and returns the text
// the engine should read, with the bot's name taken out. In a private chat
// everything is. In a group only commands addressed to the bot
// (/signs@ThisBot), messages that mention it, and replies to it are: a bare
// /signs may be meant for any bot there, and /signs@OtherBot is not ours.
func addressed(text, username string, private, replyToBot bool) (string, bool) {
	t := strings.TrimSpace(text)
	if cmd, rest, target, ok := parseCommand(t); ok {
		switch {
		case target != "" && !strings.EqualFold(target, username):
			if !private {
				return "", false
			}
		case target == "" && !private && !replyToBot:
			return "", false
		}
		if rest != "" {
			return "/" + cmd + " " + rest, true
		}
		return "/" + cmd, true
	}
	if private {
		return t, true
	}
	t, mentioned := stripMention(t, username)
	if !mentioned && !replyToBot {
		return "", false
	}
	return t, true
}

// parseCommand splits "/near@ThisBot Dallas" into "near", "Dallas" and
// "ThisBot". Telegram commands are ASCII, but what follows, and what people
// type as commands ("/señales"), need not be.
func parseCommand(t string) (cmd, rest, target string, ok bool) {
	if !strings.HasPrefix(t, "/") {
		return "", "", "", false
	}
	head := t[1:]
	if i := strings.IndexFunc(head, unicode.IsSpace); i >= 0 {
		head, rest = head[:i], strings.TrimSpace(head[i:])
	}
	cmd, target, _ = strings.Cut(head, "@")
	if cmd == "" {
		return "", "", "", false
	}
	return cmd, rest, target, true
}

// stripMention removes every "@username" mention of the bot from t and
// reports whether there was one. Usernames are ASCII and case-insensitive.
func stripMention(t, username string) (string, bool) {
	if username == "" {
		return t, false
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(t); {
		end := i + 1 + len(username)
		if t[i] == '@' && end <= len(t) && asciiEqualFold(t[i+1:end], username) &&
			(end == len(t) || !isNameByte(t[end])) && (i == 0 || !isNameByte(t[i-1])) {
			found = true
			i = end
			continue
		}
		b.WriteByte(t[i])
		i++
	}
	if !found {
		return t, false
	}
	return strings.Join(strings.Fields(b.String()), " "), true
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func asciiEqualFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// updateKind names an update's kind for logs.
func updateKind(u *models.Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return "other"
}

// chatHasher is the engine's keyed hash of chat keys, for logs.
type chatHasher interface {
	ChatHash(chatKey string) string
}

// chatHash is what logs carry in place of a chat: the engine's keyed hash,
// or nothing when the engine has none.
func (a *Adapter) chatHash(key string) string {
	if h, ok := a.cfg.Engine.(chatHasher); ok {
		return h.ChatHash(key)
	}
	return ""
}

func (a *Adapter) forgetChat(ctx context.Context, key, why string) {
	a.log.Info("telegram: forgetting a chat", "chat", a.chatHash(key), "why", why)
	if a.forget == nil {
		return
	}
	if err := a.forget.Forget(ctx, key); err != nil {
		a.log.Warn("telegram: forgetting a chat failed", "chat", a.chatHash(key), "err", err)
	}
}
