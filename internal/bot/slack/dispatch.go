package slack

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/hotline-org/hotline/internal/bot"
)

// The three kinds of request below come the same way over HTTP and Socket
// Mode. Each returns at once; the answer is worked out by a worker and
// posted with the Web API or the request's response_url.

// admitWait is how long a request may wait for a free worker before it is
// refused, well inside Slack's 3 seconds.
const admitWait = time.Second

// message is a message that asks the bot something: a mention or a DM.
type message struct {
	team, channel string
	thread        string // the thread to answer in; "" answers in the channel (DMs)
	text          string
}

// onEvent takes an Events API event. It returns false when every worker is
// busy and the event should be left unacknowledged for Slack to send again.
func (a *Adapter) onEvent(ev slackevents.EventsAPIEvent) bool {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		if ev.Type == slackevents.AppRateLimited {
			a.log.Warn("slack: Slack is holding back events: the app is over its event rate limit")
		}
		return true
	}
	var m message
	var ts string
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || a.isSelf(e.User, cb) || strings.HasPrefix(e.Channel, "D") {
			return true // bots, itself, and DMs (message.im answers those)
		}
		m = message{team: ev.TeamID, channel: e.Channel, thread: cmpOr(e.ThreadTimeStamp, e.TimeStamp), text: e.Text}
		ts = e.TimeStamp
	case *slackevents.MessageEvent:
		if e.ChannelType != "im" || (e.SubType != "" && e.SubType != "file_share") || e.BotID != "" || a.isSelf(e.User, cb) {
			return true // edits, deletions, bots, itself, and channels (mentions answer those)
		}
		m = message{team: ev.TeamID, channel: e.Channel, thread: e.ThreadTimeStamp, text: e.Text}
		ts = e.TimeStamp
	default:
		return true
	}
	if !a.admit() {
		return false
	}
	// Slack retries events it thinks went unanswered, and may deliver one
	// message as more than one event: answer each message once.
	if !a.firstTime("event:"+cb.EventID, "message:"+m.channel+":"+ts) {
		a.release()
		a.log.Debug("slack: duplicate event ignored")
		return true
	}
	a.spawn(func(ctx context.Context) { a.answerMessage(ctx, m) })
	return true
}

// isSelf reports whether user is the bot itself.
func (a *Adapter) isSelf(user string, cb *slackevents.EventsAPICallbackEvent) bool {
	if user == "" {
		return true // not a person
	}
	if id := a.selfID.Load(); id != nil && *id == user {
		return true
	}
	// Before auth.test has answered, the event names the bot it is for.
	for _, auth := range cb.Authorizations {
		if auth.IsBot && auth.UserID == user {
			return true
		}
	}
	return false
}

func (a *Adapter) answerMessage(ctx context.Context, m message) {
	key := chatKey(m.team, m.channel, m.thread)
	text := plainText(m.text)
	if text == "" {
		text = "/start" // a bare mention: say what the bot can do
	}
	reply := a.cfg.Engine.Handle(ctx, bot.Message{Surface: Surface, ChatKey: key, Text: text, Audience: Audience})
	blocks, fallback := a.render(reply, view{buttons: true})
	a.postMessage(ctx, key, m.channel, m.thread, blocks, fallback)
}

// onCommand takes a slash command. What it returns, if anything, is the
// immediate answer (the acknowledgement's body).
func (a *Adapter) onCommand(cmd slackapi.SlashCommand) *slackapi.Msg {
	text := plainText(cmd.Text)
	switch strings.ToLower(text) {
	case "", "help", "?":
		return &slackapi.Msg{ResponseType: slackapi.ResponseTypeEphemeral, Text: a.words("en").get("slack_help", "command", a.cfg.Command)}
	case "ayuda":
		return &slackapi.Msg{ResponseType: slackapi.ResponseTypeEphemeral, Text: a.words("es").get("slack_help", "command", a.cfg.Command)}
	}
	if !a.admit() {
		return &slackapi.Msg{ResponseType: slackapi.ResponseTypeEphemeral, Text: "Busy right now: please try again in a moment."}
	}
	key := privateKey(cmd.TeamID, cmd.ChannelID, cmd.UserID)
	if strings.EqualFold(text, "stale") {
		a.spawn(func(ctx context.Context) {
			blocks, fallback := a.staleList()
			a.respond(ctx, key, cmd.ResponseURL, slackapi.ResponseTypeEphemeral, blocks, fallback)
		})
		return nil
	}
	a.spawn(func(ctx context.Context) {
		reply := a.cfg.Engine.Handle(ctx, bot.Message{Surface: Surface, ChatKey: key, Text: text, Audience: Audience})
		blocks, fallback := a.render(reply, view{buttons: true, share: text})
		a.respond(ctx, key, cmd.ResponseURL, slackapi.ResponseTypeEphemeral, blocks, fallback)
	})
	return nil
}

// onInteraction takes a button press. It returns false when every worker
// is busy.
func (a *Adapter) onInteraction(cb slackapi.InteractionCallback) bool {
	if cb.Type != slackapi.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return true
	}
	act := *cb.ActionCallback.BlockActions[0]
	if !a.admit() {
		return false
	}
	a.spawn(func(ctx context.Context) { a.answerAction(ctx, cb, act) })
	return true
}

func (a *Adapter) answerAction(ctx context.Context, cb slackapi.InteractionCallback, act slackapi.BlockAction) {
	channel := cmpOr(cb.Container.ChannelID, cb.Channel.ID)
	private := cb.Container.IsEphemeral
	thread := cmpOr(cb.Container.ThreadTs, cb.Message.ThreadTimestamp)
	key := chatKey(cb.Team.ID, channel, thread)
	if private {
		key = privateKey(cb.Team.ID, channel, cb.User.ID)
	}

	if act.ActionID == shareAction {
		// The private answer is asked again, in the same conversation, and
		// posted for everyone.
		reply := a.cfg.Engine.Handle(ctx, bot.Message{Surface: Surface, ChatKey: key, Text: act.Value, Audience: Audience})
		blocks, fallback := a.render(reply, view{sharedBy: cb.User.ID})
		if cb.ResponseURL != "" {
			a.respond(ctx, key, cb.ResponseURL, slackapi.ResponseTypeInChannel, blocks, fallback)
		} else {
			a.postMessage(ctx, key, channel, thread, blocks, fallback)
		}
		return
	}

	if private && act.ActionID == bot.ActionNear {
		// The engine would ask "which place?", but nobody can answer a
		// private message: say how to ask with a place instead.
		text := a.words("en").get("slack_near_hint", "command", a.cfg.Command)
		a.respond(ctx, key, cb.ResponseURL, slackapi.ResponseTypeEphemeral, []slackapi.Block{section(text)}, text)
		return
	}
	reply := a.cfg.Engine.Handle(ctx, bot.Message{Surface: Surface, ChatKey: key, Action: cmpOr(act.Value, act.ActionID), Audience: Audience})
	blocks, fallback := a.render(reply, view{buttons: true})
	if private || channel == "" {
		a.respond(ctx, key, cb.ResponseURL, slackapi.ResponseTypeEphemeral, blocks, fallback)
		return
	}
	a.postMessage(ctx, key, channel, thread, blocks, fallback)
}

// admit takes a worker slot, waiting a little for one.
func (a *Adapter) admit() bool {
	select {
	case a.workers <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(a.admitWait)
	defer t.Stop()
	select {
	case a.workers <- struct{}{}:
		return true
	case <-t.C:
		a.log.Warn("slack: every worker is busy; request refused", "workers", cap(a.workers))
		return false
	}
}

func (a *Adapter) release() { <-a.workers }

// spawn works out an answer in the slot admit took.
func (a *Adapter) spawn(work func(ctx context.Context)) {
	a.inflight.Add(1)
	go func() {
		defer a.inflight.Done()
		defer a.release()
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack: panic while answering", "panic_type", fmt.Sprintf("%T", p))
			}
		}()
		ctx, cancel := context.WithTimeout(a.life, a.cfg.ReplyTimeout)
		defer cancel()
		work(ctx)
	}()
}

// firstTime records keys, and reports whether none was seen before. With
// Config.Events (Redis), replicas share what was seen; if it fails, this
// replica's own memory decides.
func (a *Adapter) firstTime(keys ...string) bool {
	if a.cfg.Events != nil {
		ctx, cancel := context.WithTimeout(a.life, time.Second)
		defer cancel()
		first, err := true, error(nil)
		for _, k := range keys {
			var f bool
			if f, err = a.cfg.Events.FirstSeen(ctx, "slack:"+k, time.Hour); err != nil {
				break
			}
			first = first && f
		}
		if err == nil {
			return first
		}
		bot.LogStoreError(ctx, a.log, "slack: shared event log unavailable; deduplicating in this replica only", err)
	}
	a.seenMu.Lock()
	defer a.seenMu.Unlock()
	first := true
	for _, k := range keys {
		if _, seen := a.seen.Get(k); seen {
			first = false
		}
	}
	for _, k := range keys {
		a.seen.Put(k, struct{}{})
	}
	return first
}

// chatKey names a conversation: a DM, a channel, or a thread in one.
func chatKey(team, channel, thread string) string {
	k := "slack:" + team + ":" + channel
	if thread != "" {
		k += ":" + thread
	}
	return k
}

// privateKey names one person's private conversation with the slash
// command in a channel: ephemeral answers are theirs alone, so two people
// in one channel do not share "more" or a remembered place.
func privateKey(team, channel, user string) string {
	return "slack:" + team + ":" + channel + ":" + user
}

// markup is Slack's <…> syntax: mentions, channels, links.
var markup = regexp.MustCompile(`<([^<>]*)>`)

// plainText turns Slack's message markup into what a person wrote: links
// become their text, mentions of people (the bot included) are dropped,
// escapes are undone.
func plainText(s string) string {
	s = markup.ReplaceAllStringFunc(s, func(m string) string {
		target, label, labelled := strings.Cut(m[1:len(m)-1], "|")
		switch {
		case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "!"):
			return " " // people and @here are not part of the question
		case strings.HasPrefix(target, "#"):
			if labelled {
				return " #" + label + " "
			}
			return " "
		case labelled:
			return label
		}
		return strings.TrimPrefix(target, "mailto:")
	})
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
