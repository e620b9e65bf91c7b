package telegram

import (
	"github.com/hotline-org/hotline/internal/retry"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Long polling is done here rather than by the library, for three reasons
// its loop cannot be talked out of: it confirms updates to Telegram (by
// asking for the next offset) before they are handled, so a restart loses
// whatever was queued; it cannot say which offset it reached, so nothing
// can be stored; and it ignores retry_after. Here each batch is handled to
// the end before the next getUpdates confirms it, and the offset is stored
// in between. The library still sends every reply.

const (
	batchSize = 100 // updates in one getUpdates, Telegram's maximum
	// staleOffset is how old a stored offset may be. After a week without
	// updates Telegram may number new ones from anywhere, and an old offset
	// could then skip them all; every update below it has been confirmed
	// anyway, so starting from 0 repeats nothing.
	staleOffset = 6 * 24 * time.Hour
	// minPollGap is the least time between two polls that found nothing.
	minPollGap = time.Second
)

// poll long-polls getUpdates until ctx is done.
func (a *Adapter) poll(ctx context.Context, d *dispatcher) error {
	offset := a.loadOffset()
	err := a.retry(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := a.tg.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}

	backoff := time.Duration(0)
	lastUpdate := time.Now()
	for ctx.Err() == nil {
		if backoff > 0 && retry.Sleep(ctx, backoff) != nil {
			break
		}
		asked := time.Now()
		updates, err := a.getUpdates(ctx, offset, a.cfg.PollTimeout, batchSize)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.failed(ctx, err)
			if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
				return fmt.Errorf("telegram: getUpdates: the bot token was refused: %w", err)
			}
			backoff = min(max(2*backoff, 500*time.Millisecond), 30*time.Second)
			if ra := a.retryAfter(err); ra > 0 {
				backoff = ra
			}
			a.obs.Retry(Surface)
			a.log.Warn("telegram: getUpdates failed; retrying", "kind", errKind(err), "wait", backoff)
			continue
		}
		backoff = 0
		if len(updates) == 0 {
			if offset > 0 && time.Since(lastUpdate) > staleOffset {
				offset = 0
			}
			// A server that answers a long poll at once with nothing would
			// have the loop spin; Telegram holds it until there is news.
			if waited := time.Since(asked); waited < minPollGap && retry.Sleep(ctx, minPollGap-waited) != nil {
				break
			}
			continue
		}
		lastUpdate = time.Now()
		offset = a.handleBatch(d, updates, offset)
		a.saveOffset(offset)
	}

	d.close()
	a.confirm(offset)
	a.saveOffset(offset)
	return nil
}

// handleBatch hands a batch of updates to the workers, waits for all of
// them, and returns the offset to ask for next: past the whole batch, or,
// when the grace period cut some short, at the first of those.
func (a *Adapter) handleBatch(d *dispatcher, updates []*models.Update, offset int64) int64 {
	var wg sync.WaitGroup
	var mu sync.Mutex
	next, unfinished := offset, int64(-1)
	markUnfinished := func(id int64) {
		mu.Lock()
		defer mu.Unlock()
		if unfinished < 0 || id < unfinished {
			unfinished = id
		}
	}
	for _, u := range updates {
		if u.ID < offset {
			continue // already handled; Telegram should not send it again
		}
		next = max(next, u.ID+1)
		wg.Add(1)
		err := d.submit(job{u: u, done: func(ok bool) {
			if !ok {
				markUnfinished(u.ID)
			}
			wg.Done()
		}})
		if err != nil { // the queue holds far more than a batch: not expected
			markUnfinished(u.ID)
			wg.Done()
		}
	}
	wg.Wait()
	if unfinished >= 0 {
		return unfinished
	}
	return next
}

// confirm tells Telegram, on the way out, that every update before offset
// is handled, so that even without an offset file a restart repeats none.
func (a *Adapter) confirm(offset int64) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := a.getUpdates(ctx, offset, 0, 1); err != nil {
		a.failed(ctx, err)
		a.log.Warn("telegram: could not confirm the last updates", "kind", errKind(err))
	}
}

// getUpdates asks for updates from offset on, waiting up to timeout.
func (a *Adapter) getUpdates(ctx context.Context, offset int64, timeout time.Duration, limit int) ([]*models.Update, error) {
	allowed, _ := json.Marshal(allowedUpdates())
	form := url.Values{
		"offset":          {strconv.FormatInt(offset, 10)},
		"limit":           {strconv.Itoa(limit)},
		"timeout":         {strconv.Itoa(int(timeout / time.Second))},
		"allowed_updates": {string(allowed)},
	}
	ctx, cancel := context.WithTimeout(ctx, timeout+requestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.cfg.APIURL+"/bot"+a.cfg.Token+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redact(err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := a.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", redact(err))
	}
	defer res.Body.Close()
	var body struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 64<<20)).Decode(&body); err != nil {
		return nil, &apiError{Method: "getUpdates", Code: res.StatusCode, Description: "the answer is not Bot API JSON"}
	}
	if !body.OK {
		e := &apiError{Method: "getUpdates", Code: body.ErrorCode, Description: body.Description, RetryAfter: body.Parameters.RetryAfter}
		if e.Code == 0 {
			e.Code = res.StatusCode
		}
		return nil, e
	}
	var updates []*models.Update
	if err := json.Unmarshal(body.Result, &updates); err != nil {
		return nil, &apiError{Method: "getUpdates", Code: res.StatusCode, Description: "the updates could not be read"}
	}
	return updates, nil
}

// apiError is a Bot API error answer to a request made here.
type apiError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  int
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s: %d %s", e.Method, e.Code, e.Description)
}

// Is lets errors.Is match the library's errors, so that callers need not
// care which made the request.
func (e *apiError) Is(target error) bool {
	switch e.Code {
	case http.StatusUnauthorized:
		return target == tgbot.ErrorUnauthorized
	case http.StatusNotFound:
		return target == tgbot.ErrorNotFound
	case http.StatusConflict:
		return target == tgbot.ErrorConflict
	case http.StatusForbidden:
		return target == tgbot.ErrorForbidden
	case http.StatusBadRequest:
		return target == tgbot.ErrorBadRequest
	}
	return false
}

func (e *apiError) kind() string {
	if e.Code >= 500 {
		return "server_error"
	}
	return "api_error"
}

// redact keeps the bot token, which is part of every request URL, out of
// errors and so out of logs.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// loadOffset reads the stored offset; 0 (the oldest unconfirmed update)
// when there is none, it is unreadable, or it is too old to trust.
func (a *Adapter) loadOffset() int64 {
	if a.cfg.OffsetFile == "" {
		return 0
	}
	info, err := os.Stat(a.cfg.OffsetFile)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err == nil && time.Since(info.ModTime()) > staleOffset {
		a.log.Info("telegram: stored update offset is too old to trust; starting from Telegram's")
		return 0
	}
	data, err := readSmall(a.cfg.OffsetFile)
	if err != nil {
		a.log.Warn("telegram: cannot read the update offset file; starting from Telegram's", "err", err)
		return 0
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil || n < 0 {
		a.log.Warn("telegram: the update offset file does not hold a number; starting from Telegram's", "file", a.cfg.OffsetFile)
		return 0
	}
	return n
}

// checkOffsetFile refuses an offset file that cannot hold an offset: one
// that is not a regular file (/dev/full reads zeros for ever, and a poll
// that never starts looks ready), or in a folder that does not exist.
func checkOffsetFile(path string) error {
	if path == "" {
		return nil
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && !info.Mode().IsRegular():
		return fmt.Errorf("telegram: TELEGRAM_OFFSET_FILE %s is not a regular file", path)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("telegram: TELEGRAM_OFFSET_FILE: %w", err)
	}
	if dir, err := os.Stat(filepath.Dir(path)); err != nil || !dir.IsDir() {
		return fmt.Errorf("telegram: TELEGRAM_OFFSET_FILE %s: its folder does not exist", path)
	}
	return nil
}

// readSmall reads at most a few bytes of a file: an offset is a number.
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 64))
}

// saveOffset stores the offset atomically: a crash leaves the old file or
// the new one, never half of one.
func (a *Adapter) saveOffset(offset int64) {
	if a.cfg.OffsetFile == "" {
		return
	}
	if err := writeFileAtomic(a.cfg.OffsetFile, []byte(strconv.FormatInt(offset, 10)+"\n")); err != nil {
		a.log.Error("telegram: cannot store the update offset", "err", err)
	}
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("store offset: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store offset: %w", err)
	}
	return nil
}
