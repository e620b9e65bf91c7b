package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocketMode holds a Socket Mode connection until ctx is done: the
// library dials, reconnects and answers pings; this loop acknowledges each
// envelope and hands it to the same code as the HTTP endpoints.
func (a *Adapter) runSocketMode(ctx context.Context) error {
	sm := socketmode.New(a.api,
		// Debug stays off: the library's debug output has message payloads.
		socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)),
		socketmode.OptionReadLimit(a.cfg.MaxBody),
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case ev := <-sm.Events:
			a.onSocketEvent(ctx, sm, ev)
		}
	}
}

func (a *Adapter) onSocketEvent(ctx context.Context, sm *socketmode.Client, ev socketmode.Event) {
	// One bad envelope must not take the connection, or the process, down.
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("slack: panic while reading a socket mode envelope", "panic_type", fmt.Sprintf("%T", p))
		}
	}()
	switch ev.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("slack: socket mode connecting")
	case socketmode.EventTypeConnected:
		a.log.Info("slack: socket mode connected")
	case socketmode.EventTypeConnectionError:
		err := errors.New("unknown")
		if ce, ok := ev.Data.(*slackapi.ConnectionErrorEvent); ok {
			err = ce.ErrorObj
		}
		a.log.Warn("slack: socket mode connection failed; retrying", "err", safeErr(err))
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("slack: socket mode refused SLACK_APP_TOKEN")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("slack: socket mode read or write failed", "event", string(ev.Type))
	case socketmode.EventTypeErrorBadMessage:
		// An envelope the library could not parse (an event type it does
		// not know): acknowledge it anyway, or Slack sends it again.
		if bad, ok := ev.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(ctx, sm, env.EnvelopeID, nil)
			}
		}
		a.log.Debug("slack: socket mode envelope not understood; acknowledged")

	case socketmode.EventTypeEventsAPI:
		e, ok := ev.Data.(slackevents.EventsAPIEvent)
		if !ok || ev.Request == nil {
			return
		}
		if ev.Request.RetryAttempt > 0 {
			a.log.Debug("slack: event delivered again", "retry", ev.Request.RetryAttempt, "reason", ev.Request.RetryReason)
		}
		// Left unacknowledged when every worker is busy: Slack sends it again.
		if a.onEvent(e) {
			a.ack(ctx, sm, ev.Request.EnvelopeID, nil)
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := ev.Data.(slackapi.SlashCommand)
		if !ok || ev.Request == nil {
			return
		}
		var payload any
		if msg := a.onCommand(cmd); msg != nil {
			payload = msg
		}
		a.ack(ctx, sm, ev.Request.EnvelopeID, payload)
	case socketmode.EventTypeInteractive:
		cb, ok := ev.Data.(slackapi.InteractionCallback)
		if !ok || ev.Request == nil {
			return
		}
		if a.onInteraction(cb) {
			a.ack(ctx, sm, ev.Request.EnvelopeID, nil)
		}
	}
}

func (a *Adapter) ack(ctx context.Context, sm *socketmode.Client, envelopeID string, payload any) {
	if err := sm.AckCtx(ctx, envelopeID, payload); err != nil && ctx.Err() == nil {
		a.log.Warn("slack: socket mode acknowledgement failed", "err", safeErr(err))
	}
}
