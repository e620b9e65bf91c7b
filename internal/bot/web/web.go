// Package web is the web chat: a single accessible page and the JSON API
// behind it (POST /api/v1/messages). It is always on, so that hotline with
// nothing configured is still a chat a person can try.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/realclientip/realclientip-go"
	"golang.org/x/text/language"
	"golang.org/x/time/rate"

	"github.com/hotline-org/hotline/internal/bot"
	"github.com/hotline-org/hotline/internal/lru"
)

//go:embed static
var static embed.FS

// Defaults for Config.
const (
	DefaultMaxBody = 16 << 10 // bytes of JSON a message request may carry
	DefaultExitURL = "https://www.google.com/search?q=weather"
)

// Config is what the web chat needs. Engine is required.
type Config struct {
	Engine  bot.Answerer
	Logger  *slog.Logger // default: discard
	ExitURL string       // where quick exit goes: a neutral page; default DefaultExitURL
	MaxBody int64        // default DefaultMaxBody
	// Requests a second per client address, past which the API answers 429.
	// The engine also limits each conversation; this stops one client
	// from inventing conversations. Default 5 a second, bursts of 20.
	RatePerClient rate.Limit
	RateBurst     int
	// Words are the page's own words (web_* in the message files), in the
	// language the browser asks for. Default: Engine, when it is a
	// bot.Wording (*bot.Engine is).
	Words bot.Wording
	// TrustedProxies are the reverse proxies in front of the chat. A
	// request from one of them is limited by the client address its
	// X-Forwarded-For names (the rightmost that is not a trusted proxy);
	// any other request by its own address, whatever it claims. Nil: every
	// request by its own address.
	TrustedProxies []net.IPNet
}

// Handler serves the web chat and its API.
type Handler struct {
	cfg       Config
	log       *slog.Logger
	mux       *http.ServeMux
	clients   *lru.Cache[*rate.Limiter]
	forwarded realclientip.Strategy // nil without trusted proxies
	page      *template.Template
	languages language.Matcher // the languages the page can be in
	codes     []string         // their codes, in the matcher's order
}

// New returns the web chat handler.
func New(cfg Config) (*Handler, error) {
	if cfg.Engine == nil {
		return nil, errors.New("web: Config.Engine is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ExitURL == "" {
		cfg.ExitURL = DefaultExitURL
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.RatePerClient == 0 {
		cfg.RatePerClient = 5
	}
	if cfg.RateBurst == 0 {
		cfg.RateBurst = 20
	}
	var ok bool
	if cfg.Words, ok = bot.WordingOf(cfg.Words, cfg.Engine); !ok {
		return nil, errors.New("web: Config.Words is required when Engine does not supply the bot's words")
	}
	page, err := template.ParseFS(static, "static/"+pageTemplate)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	h := &Handler{cfg: cfg, log: cfg.Logger, mux: http.NewServeMux(),
		clients: lru.New[*rate.Limiter](50_000, 10*time.Minute, nil), page: page}
	// English comes first: it is what a browser that asks for none of
	// them gets.
	h.codes = cfg.Words.Codes()
	tags := make([]language.Tag, len(h.codes))
	for i, c := range h.codes {
		tags[i] = language.Make(c)
	}
	h.languages = language.NewMatcher(tags)
	if len(cfg.TrustedProxies) > 0 {
		xff, err := realclientip.NewRightmostTrustedRangeStrategy("X-Forwarded-For", cfg.TrustedProxies)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		h.forwarded = xff
	}
	h.mux.HandleFunc("GET /{$}", h.servePage)
	h.mux.HandleFunc("GET /static/{file}", h.serveAsset)
	h.mux.HandleFunc("POST /api/v1/messages", h.message)
	h.mux.HandleFunc("/api/v1/messages", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "use POST with a JSON body")
	})
	return h, nil
}

// ServeHTTP serves the page, its files and the API, with headers that keep
// the chat private: no caching, no referrer, nothing loaded from elsewhere.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
	h.mux.ServeHTTP(w, r)
}

// servePage serves the chat page in the language the browser asks for,
// of those the bot speaks.
func (h *Handler) servePage(w http.ResponseWriter, r *http.Request) {
	_, i := language.MatchStrings(h.languages, r.Header.Get("Accept-Language"))
	lang := h.codes[i]
	var b bytes.Buffer
	err := h.page.Execute(&b, pageData{Lang: lang, ExitURL: h.cfg.ExitURL, words: h.cfg.Words})
	if err != nil {
		h.log.Error("web: page", "err", err)
		http.Error(w, "page missing", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", lang)
	w.Header().Set("Vary", "Accept-Language")
	w.Write(b.Bytes())
}

// pageTemplate is the page's template: served only filled in, at /.
const pageTemplate = "index.html"

// serveAsset serves the page's scripts and styles: the files beside the
// template, not the template itself, and no folder listing.
func (h *Handler) serveAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name == pageTemplate || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	if st, err := fs.Stat(static, "static/"+name); err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	http.ServeFileFS(w, r, static, "static/"+name)
}

// pageData fills index.html. The template escapes every value for where it
// goes; the exit URL is configuration, not user input, but goes in escaped
// all the same.
type pageData struct {
	Lang, ExitURL string
	words         bot.Wording
}

// Say returns the page's words for key in its language.
func (p pageData) Say(key string) string { return p.words.Say(p.Lang, key) }

// MessageRequest is the body of POST /api/v1/messages.
type MessageRequest struct {
	Text     string `json:"text"`
	Session  string `json:"session"`  // an opaque id the page makes per tab; "" answers without memory
	Lang     string `json:"lang"`     // optional language hint
	Near     string `json:"near"`     // optional place
	Action   string `json:"action"`   // a follow-up button's id
	Audience string `json:"audience"` // youth (default), staff or all
}

func (h *Handler) message(w http.ResponseWriter, r *http.Request) {
	if !h.allow(r) {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusTooManyRequests, "too many messages at once; wait a moment and send again")
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		writeError(w, http.StatusUnsupportedMediaType, "send JSON with Content-Type: application/json")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBody)
	var req MessageRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(&req)
	if err == nil {
		// Exactly one JSON value: anything but white space after it is
		// a malformed request, not something to ignore.
		if _, next := dec.Token(); !errors.Is(next, io.EOF) {
			err = errTrailing
			var tooBig *http.MaxBytesError
			if errors.As(next, &tooBig) {
				err = next
			}
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("message too large: at most %d bytes of JSON", h.cfg.MaxBody))
		default:
			writeError(w, http.StatusBadRequest, "body must be a JSON object like {\"text\": \"…\"}: "+jsonProblem(err))
		}
		return
	}
	if strings.TrimSpace(req.Text) == "" && req.Action == "" {
		writeError(w, http.StatusBadRequest, "text is empty: write a message, or send an action")
		return
	}
	if len(req.Session) > 128 {
		writeError(w, http.StatusBadRequest, "session id too long: at most 128 characters")
		return
	}
	switch req.Audience {
	case "":
		req.Audience = "youth"
	case "youth", "staff", "all":
	default:
		writeError(w, http.StatusBadRequest, "audience must be youth, staff or all")
		return
	}
	m := bot.Message{Surface: "web", Text: req.Text, Lang: req.Lang, Near: req.Near, Action: req.Action, Audience: req.Audience}
	if req.Session != "" {
		m.ChatKey = "web:" + req.Session
	}
	reply := h.cfg.Engine.Handle(r.Context(), m)
	status := http.StatusOK
	if reply.Intent == bot.IntentLimited {
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", "2")
	}
	writeJSON(w, status, reply.JSON(req.Text))
}

// errTrailing is a body with more after its JSON object.
var errTrailing = errors.New("more after the JSON object")

// isJSON reports whether a Content-Type is JSON: application/json, with
// parameters such as charset or without.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

func (h *Handler) allow(r *http.Request) bool {
	l := h.clients.GetOrAdd(h.clientAddr(r), func() *rate.Limiter { return rate.NewLimiter(h.cfg.RatePerClient, h.cfg.RateBurst) })
	return l.Allow()
}

// clientAddr is the address a request is limited by: its own, or, when it
// comes from a trusted proxy, the client's that the proxy forwarded.
// realclientip reads the header alone, so whether the request came from
// a proxy at all is checked here: anyone can send X-Forwarded-For.
func (h *Handler) clientAddr(r *http.Request) string {
	remote := realclientip.RemoteAddrStrategy{}.ClientIP(nil, r.RemoteAddr)
	if remote == "" {
		return r.RemoteAddr
	}
	if h.forwarded != nil && slices.ContainsFunc(h.cfg.TrustedProxies, func(n net.IPNet) bool { return n.Contains(net.ParseIP(remote)) }) {
		if client := h.forwarded.ClientIP(r.Header, r.RemoteAddr); client != "" {
			return client
		}
	}
	return remote
}

// jsonProblem says what is wrong with a body without echoing its content.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return "not valid JSON at byte " + strconv.FormatInt(syntax.Offset, 10)
	case errors.As(err, &typ):
		return "field " + typ.Field + " must be a " + typ.Type.String()
	case errors.Is(err, errTrailing):
		return "send one JSON object and nothing after it"
	case errors.Is(err, io.EOF):
		return "the body is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends too early"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return "could not read it"
}

// ErrorJSON is the body of every error answer.
type ErrorJSON struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, ErrorJSON{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
