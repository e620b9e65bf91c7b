package slack

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeSocket is Slack's Socket Mode end: apps.connections.open (in
// fakeSlack) hands out its URL; it says hello, sends envelopes and
// collects acknowledgements.
type fakeSocket struct {
	t         *testing.T
	out       chan string         // envelopes to send
	acks      chan map[string]any // acknowledgements received
	connected chan struct{}
}

func newFakeSocket(t *testing.T, f *fakeSlack) *fakeSocket {
	s := &fakeSocket{t: t, out: make(chan string, 16), acks: make(chan map[string]any, 16), connected: make(chan struct{}, 4)}
	f.socketServer = func(w http.ResponseWriter, r *http.Request) {
		// The library presents itself as Slack's own client does.
		up := websocket.Upgrader{CheckOrigin: func(r *http.Request) bool { return r.Header.Get("Origin") == "https://api.slack.com" }}
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			t.Errorf("websocket upgrade: %v", err)
			return
		}
		defer conn.Close()
		if err := conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"},"debug_info":{"host":"fake"}}`)); err != nil {
			return
		}
		s.connected <- struct{}{}
		closed := make(chan struct{})
		go func() {
			defer close(closed)
			for {
				var ack map[string]any
				if err := conn.ReadJSON(&ack); err != nil {
					return
				}
				s.acks <- ack
			}
		}()
		for {
			select {
			case env := <-s.out:
				if err := conn.WriteMessage(websocket.TextMessage, []byte(env)); err != nil {
					return
				}
			case <-closed:
				return
			}
		}
	}
	return s
}

// send sends an envelope and returns its acknowledgement.
func (s *fakeSocket) send(id, typ, payload string) map[string]any {
	s.t.Helper()
	s.out <- fmt.Sprintf(`{"envelope_id":%q,"type":%q,"accepts_response_payload":%v,"payload":%s}`, id, typ, typ == "slash_commands", payload)
	select {
	case ack := <-s.acks:
		if ack["envelope_id"] != id {
			s.t.Errorf("acknowledged %v, want %s", ack["envelope_id"], id)
		}
		return ack
	case <-time.After(patience):
		s.t.Fatalf("envelope %s (%s) was not acknowledged", id, typ)
	}
	return nil
}

func TestSocketMode(t *testing.T) {
	var sock *fakeSocket
	h := newHarnessWith(t, func(c *Config) {
		c.AppToken, c.SigningSecret = testAppToken, ""
	}, func(f *fakeSlack) { sock = newFakeSocket(t, f) })
	select {
	case <-sock.connected:
	case <-time.After(patience):
		t.Fatal("the adapter did not connect over Socket Mode")
	}

	// A mention: acknowledged, answered in its thread.
	sock.send("env-1", "events_api", fixture(t, "app_mention.json", nil))
	p := h.fake.next()
	if p.Method != "chat.postMessage" || p.ThreadTS != "1764226544.000100" || !strings.Contains(p.Content(), "National Human Trafficking Hotline") {
		t.Errorf("mention over socket mode: %s thread %q\n%.300s", p.Method, p.ThreadTS, p.Content())
	}

	// Delivered again: acknowledged, not answered again.
	sock.send("env-2", "events_api", fixture(t, "app_mention.json", nil))

	// A slash command: an empty acknowledgement, then the private answer.
	cmd := fmt.Sprintf(`{"token":"Z","team_id":"T1","channel_id":"C1CASES","user_id":"U1STAFF","command":"/hotline","text":"trafficking hotline","response_url":%q,"trigger_id":"1.2.3"}`,
		h.fake.responseURL("sock1"))
	if ack := sock.send("env-3", "slash_commands", cmd); ack["payload"] != nil {
		t.Errorf("question acknowledged with %v", ack["payload"])
	}
	p = h.fake.next()
	if p.Method != "response_url" || p.ResponseType != "ephemeral" || !strings.Contains(p.Content(), "National Human Trafficking Hotline") {
		t.Errorf("slash command over socket mode: %s %q", p.Method, p.ResponseType)
	}

	// Help comes back in the acknowledgement itself.
	help := strings.Replace(cmd, "trafficking hotline", "help", 1)
	ack := sock.send("env-4", "slash_commands", help)
	payload, _ := json.Marshal(ack["payload"])
	if !strings.Contains(string(payload), "Share in channel") {
		t.Errorf("help acknowledgement: %s", payload)
	}

	// A button: acknowledged, answered privately.
	sock.send("env-5", "interactive", fixture(t, "block_actions.json", map[string]any{"response_url": h.fake.responseURL("sock2")}))
	if p := h.fake.next(); p.Method != "response_url" || p.ResponseType != "ephemeral" {
		t.Errorf("button over socket mode: %s %q", p.Method, p.ResponseType)
	}

	// An event type the library does not know is acknowledged all the same.
	sock.send("env-6", "events_api", fixture(t, "message_im.json", map[string]any{"event.type": "made_up_event"}))

	h.idle()
	h.fake.none()
	if n := h.engine.calls.Load(); n != 3 {
		t.Errorf("engine asked %d times, want 3", n)
	}
}
