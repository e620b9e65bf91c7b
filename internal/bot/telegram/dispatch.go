package telegram

import (
	"errors"
	"sync"

	"github.com/go-telegram/bot/models"
)

// maxQueued is how many updates may wait for a worker before the webhook
// answers 503 (and Telegram delivers them again later).
const maxQueued = 1024

var (
	errClosed = errors.New("not taking updates")
	errBusy   = errors.New("too many updates waiting")
)

// dispatcher hands updates to at most a fixed number of workers, one chat's
// updates in the order they came, so that two quick messages are answered
// in order and one busy chat cannot hold every worker.
type dispatcher struct {
	sem    chan struct{}
	handle func(*models.Update) bool // reports whether the update was handled to the end

	mu     sync.Mutex
	lanes  map[int64][]job // per chat, what waits; a lane exists while its goroutine runs
	queued int
	closed bool
	wg     sync.WaitGroup
}

type job struct {
	u    *models.Update
	done func(ok bool) // may be nil
}

func newDispatcher(workers int, handle func(*models.Update) bool) *dispatcher {
	return &dispatcher{sem: make(chan struct{}, workers), handle: handle, lanes: map[int64][]job{}}
}

// submit queues an update behind its chat's earlier ones.
func (d *dispatcher) submit(j job) error {
	key := chatIDOf(j.u)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errClosed
	}
	if d.queued >= maxQueued {
		return errBusy
	}
	q, running := d.lanes[key]
	d.lanes[key] = append(q, j)
	d.queued++
	if !running {
		d.wg.Add(1)
		go d.run(key)
	}
	return nil
}

func (d *dispatcher) run(key int64) {
	defer d.wg.Done()
	d.sem <- struct{}{}
	defer func() { <-d.sem }()
	for {
		d.mu.Lock()
		q := d.lanes[key]
		if len(q) == 0 {
			delete(d.lanes, key)
			d.mu.Unlock()
			return
		}
		j := q[0]
		d.lanes[key] = q[1:]
		d.queued--
		d.mu.Unlock()

		ok := d.handle(j.u)
		if j.done != nil {
			j.done(ok)
		}
	}
}

// close stops taking updates and waits for those taken.
func (d *dispatcher) close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.wg.Wait()
}

// chatIDOf is the chat an update belongs to, or 0.
func chatIDOf(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil:
		if c, ok := callbackChat(u.CallbackQuery); ok {
			return c.ID
		}
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}

// callbackChat is the chat of the message whose button was pressed.
func callbackChat(q *models.CallbackQuery) (models.Chat, bool) {
	switch {
	case q.Message.Message != nil:
		return q.Message.Message.Chat, true
	case q.Message.InaccessibleMessage != nil:
		return q.Message.InaccessibleMessage.Chat, true
	}
	return models.Chat{}, false
}
