package slack

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// verified passes on only requests signed with the signing secret, within
// Slack's 5-minute window. Everything else gets 401 before any of it is read
// as a request: the body is hashed as it is read, and handed on only when
// the signature matches.
func (a *Adapter) verified(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sv, err := slackapi.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
		if err != nil {
			a.refuse(w, r, err)
			return
		}
		body, err := io.ReadAll(io.TeeReader(http.MaxBytesReader(w, r.Body, a.cfg.MaxBody), &sv))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "could not read the request", http.StatusBadRequest)
			return
		}
		if err := sv.Ensure(); err != nil {
			a.refuse(w, r, err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func (a *Adapter) refuse(w http.ResponseWriter, r *http.Request, err error) {
	reason := "invalid signature"
	switch {
	case errors.Is(err, slackapi.ErrMissingHeaders):
		reason = "unsigned"
	case errors.Is(err, slackapi.ErrExpiredTimestamp):
		reason = "expired timestamp"
	}
	a.log.Warn("slack: request refused", "path", r.URL.Path, "reason", reason)
	http.Error(w, "request not signed by Slack: "+reason, http.StatusUnauthorized)
}

// serveEvents answers the Events API: the URL verification challenge at
// once, and events after acknowledging them.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body) // already in memory and verified
	// Every Events API request is an object with a type; the library would
	// take null, {} or another service's JSON for a url_verification.
	var envelope struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(body, &envelope); err != nil || envelope.Type == "" {
		http.Error(w, "body is not an Events API request", http.StatusBadRequest)
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// Fields of the wrong shape, an event_callback without an event, an
		// event without a type. Slack retries a 400 a few times and shows
		// it on the app's Event Subscriptions page: should the library ever
		// misread what Slack sends, it shows there. (The parse error is not
		// logged: it can quote values from the event.)
		if _, bad := ev.Data.(*slackapi.UnmarshallingErrorEvent); bad || ev.Type == "" {
			a.log.Warn("slack: event refused", "reason", "malformed", "type", cut(envelope.Type, 40))
			http.Error(w, "malformed event", http.StatusBadRequest)
			return
		}
		// An inner event type the library does not know: acknowledge it,
		// or Slack sends it again.
		a.log.Debug("slack: event ignored", "reason", "unknown type")
		w.WriteHeader(http.StatusOK)
		return
	}
	if ev.Type == slackevents.URLVerification {
		v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad url_verification", http.StatusBadRequest)
			return
		}
		writeJSON(w, map[string]string{"challenge": v.Challenge})
		return
	}
	if retry := r.Header.Get("X-Slack-Retry-Num"); retry != "" {
		a.log.Debug("slack: event delivered again", "retry", retry, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	if !a.onEvent(ev) {
		// Every worker is busy: not acknowledging makes Slack retry later,
		// which beats dropping a question.
		w.Header().Set("Retry-After", "5")
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// serveCommand answers a slash command: help and stale at once, questions
// with an empty acknowledgement and then through the response_url.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request) {
	cmd, err := slackapi.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "could not read the command", http.StatusBadRequest)
		return
	}
	// Slack sends all of these with every command; without them there is
	// nobody to answer, nowhere to answer, or no way to.
	if cmd.Command == "" || cmd.TeamID == "" || cmd.ChannelID == "" || cmd.UserID == "" || !a.hookAllowed(cmd.ResponseURL) {
		http.Error(w, "not a slash command: command, team_id, channel_id, user_id and a Slack response_url are required", http.StatusBadRequest)
		return
	}
	// A signed command sent again within Slack's 5-minute window is a
	// replay (Slack itself does not resend commands): the signature, an
	// HMAC of the timestamp and body, names the request, across replicas.
	if !a.firstTime("command:" + r.Header.Get("X-Slack-Signature")) {
		a.log.Warn("slack: a signed command arrived twice; answered once", "reason", "replay")
		w.WriteHeader(http.StatusOK)
		return
	}
	ack := a.onCommand(cmd)
	if ack == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	writeJSON(w, ack)
}

// serveInteraction answers a button press after acknowledging it.
func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	cb, err := slackapi.InteractionCallbackParse(r)
	if err != nil {
		http.Error(w, "could not read the interaction payload", http.StatusBadRequest)
		return
	}
	if !a.onInteraction(cb) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	json.NewEncoder(w).Encode(v)
}
