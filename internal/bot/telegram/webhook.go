package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/hotline-org/hotline/internal/bot"
)

const (
	secretHeader   = "X-Telegram-Bot-Api-Secret-Token"
	maxUpdateBytes = 1 << 20
)

// Register serves the webhook at its URL's path on mux. Without a webhook
// (long polling) it does nothing.
func (a *Adapter) Register(mux *http.ServeMux) {
	if a.webhookPath == "" {
		return
	}
	pattern := "POST " + a.webhookPath
	if strings.HasSuffix(a.webhookPath, "/") {
		pattern += "{$}" // the path itself, not everything under it
	}
	mux.Handle(pattern, http.HandlerFunc(a.serveWebhook))
}

// runWebhook points Telegram at the webhook and takes updates until ctx is
// done. The webhook stays set: while hotline restarts, Telegram keeps the
// updates and delivers them again.
func (a *Adapter) runWebhook(ctx context.Context, d *dispatcher) error {
	// Take updates already: a webhook set before this start may deliver
	// them while setWebhook is on its way.
	a.active.Store(d)
	defer func() {
		a.active.Store(nil)
		d.close()
	}()
	err := a.retry(ctx, "setWebhook", func(ctx context.Context) error {
		_, err := a.tg.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL: a.cfg.WebhookURL, SecretToken: a.cfg.WebhookSecret, AllowedUpdates: allowedUpdates(),
		})
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	<-ctx.Done()
	return nil
}

// serveWebhook takes one update from Telegram. It checks the secret itself
// (the library's handler answers 200 to a wrong one), answers at once, and
// leaves the reply to the workers. When it cannot take the update (not
// running yet, shutting down, too busy) it answers 503, and Telegram tries
// again later.
func (a *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get(secretHeader)
	if subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1 {
		a.log.Warn("telegram webhook: request without the right secret refused")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	d := a.active.Load()
	if d == nil {
		unavailable(w)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read the update", http.StatusBadRequest)
		return
	}
	// The whole body must be one update: a decoder would take a valid
	// prefix and ignore the rest.
	// Telegram numbers updates from a positive number up; without one the
	// body is not an update (null, {}, another service's JSON).
	var u models.Update
	if err := json.Unmarshal(body, &u); err != nil || u.ID <= 0 {
		http.Error(w, "body must be one Telegram update as JSON", http.StatusBadRequest)
		return
	}
	id := strconv.FormatInt(u.ID, 10)
	if !a.takeUpdate(r.Context(), id) {
		// Telegram sends an update again when our answer did not reach it,
		// perhaps to another replica.
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := d.submit(job{u: &u}); err != nil {
		a.log.Warn("telegram webhook: update not taken; Telegram will send it again", "why", err.Error())
		a.releaseUpdate(r.Context(), id)
		unavailable(w)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// updateTTL is how long a taken update is remembered: Telegram stops
// sending one again within a day, and a day of ids is small.
const updateTTL = 24 * time.Hour

// takeUpdate marks an update as taken and reports whether it was new:
// across replicas through Config.Updates when it is set and answers, else
// in this replica's memory.
func (a *Adapter) takeUpdate(ctx context.Context, id string) bool {
	if a.cfg.Updates != nil {
		first, err := a.cfg.Updates.FirstSeen(ctx, "telegram-update:"+id, updateTTL)
		if err == nil {
			a.seen.Put(id, struct{}{})
			return first
		}
		bot.LogStoreError(ctx, a.log, "telegram: shared update log unavailable; deduplicating in this replica only", err)
	}
	if _, dup := a.seen.Get(id); dup {
		return false
	}
	a.seen.Put(id, struct{}{})
	return true
}

// releaseUpdate forgets an update taken but not handed on, so that
// Telegram's next delivery of it is answered.
func (a *Adapter) releaseUpdate(ctx context.Context, id string) {
	a.seen.Remove(id)
	if a.cfg.Updates != nil {
		if err := a.cfg.Updates.Unsee(ctx, "telegram-update:"+id); err != nil {
			bot.LogStoreError(ctx, a.log, "telegram: shared update log unavailable", err)
		}
	}
}

func unavailable(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	http.Error(w, "not taking updates now", http.StatusServiceUnavailable)
}
