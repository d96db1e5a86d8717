package web

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"gongkai/internal/apperr"
)

// pageCache keeps rendered public pages for a short time. Every write made through this process
// clears it; other processes (PostgreSQL deployments) see changes within the TTL.
type pageCache struct {
	mu      sync.RWMutex
	ttl     time.Duration
	max     int
	entries map[string]cachedPage
}

type cachedPage struct {
	body        []byte
	contentType string
	etag        string
	status      int
	at          time.Time
}

func newPageCache(ttl time.Duration, max int) *pageCache {
	return &pageCache{ttl: ttl, max: max, entries: map[string]cachedPage{}}
}

func (c *pageCache) get(key string) (cachedPage, bool) {
	c.mu.RLock()
	p, ok := c.entries[key]
	c.mu.RUnlock()
	if !ok || time.Since(p.at) > c.ttl {
		return p, false
	}
	return p, true
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	if len(c.entries) >= c.max {
		c.entries = map[string]cachedPage{}
	}
	c.entries[key] = p
	c.mu.Unlock()
}

func (c *pageCache) clear() {
	c.mu.Lock()
	c.entries = map[string]cachedPage{}
	c.mu.Unlock()
}

// bufferWriter captures a response so that it can be cached.
type bufferWriter struct {
	header http.Header
	buf    bytes.Buffer
	status int
}

func (b *bufferWriter) Header() http.Header         { return b.header }
func (b *bufferWriter) Write(p []byte) (int, error) { return b.buf.Write(p) }
func (b *bufferWriter) WriteHeader(s int)           { b.status = s }

// cached serves public GET pages from the cache, for anonymous readers only (staff see their
// own banners and must see changes at once).
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rc := reqCtx(r)
		if r.Method != http.MethodGet || rc.principal != nil {
			h(w, r)
			return
		}
		key := r.Host + "|" + r.URL.RequestURI()
		if rc.elder {
			key += "|elder"
		}
		key += "|" + string(rc.locale())
		p, ok := s.cache.get(key)
		if !ok {
			bw := &bufferWriter{header: http.Header{}, status: http.StatusOK}
			h(bw, r)
			sum := sha256.Sum256(bw.buf.Bytes())
			p = cachedPage{body: bw.buf.Bytes(), contentType: bw.header.Get("Content-Type"), status: bw.status,
				etag: `"` + hex.EncodeToString(sum[:8]) + `"`, at: time.Now()}
			for k, v := range bw.header {
				if k != "Content-Type" {
					w.Header()[k] = v
				}
			}
			if p.status == http.StatusOK {
				s.cache.put(key, p)
			}
		}
		w.Header().Set("Content-Type", p.contentType)
		w.Header().Set("ETag", p.etag)
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("Vary", "Cookie, Accept-Language")
		if p.status == http.StatusOK && r.Header.Get("If-None-Match") == p.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(p.body)))
		w.WriteHeader(p.status)
		w.Write(p.body)
	}
}

// limiter is a token bucket per key (client address and purpose).
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter() *limiter { return &limiter{buckets: map[string]*bucket{}} }

// allow takes a token from key's bucket of size burst refilled at perMinute.
func (l *limiter) allow(key string, burst int, perMinute float64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if len(l.buckets) > 100000 {
		l.buckets = map[string]*bucket{}
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(burst), last: now}
		l.buckets[key] = b
	}
	b.tokens += now.Sub(b.last).Minutes() * perMinute
	if b.tokens > float64(burst) {
		b.tokens = float64(burst)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// checkCSRF verifies the form's token against the session's.
func (s *Server) checkCSRF(r *http.Request) error {
	rc := reqCtx(r)
	if rc.api {
		return nil // bearer tokens are not sent by browsers on their own
	}
	got := r.PostFormValue("csrf")
	if rc.csrf == "" || subtle.ConstantTimeCompare([]byte(got), []byte(rc.csrf)) != 1 {
		return apperr.New(apperr.Forbidden, "表单已过期或来源不明（CSRF 校验失败），请返回刷新后重新提交")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func writeJSONError(w http.ResponseWriter, e *apperr.Error) {
	body := map[string]any{"code": e.Code, "message": e.Message}
	if e.Field != "" {
		body["field"] = e.Field
	}
	writeJSON(w, apperr.Status(e.Code), map[string]any{"error": body})
}

// decodeJSON reads a JSON body of at most max bytes into v, refusing unknown fields.
func decodeJSON(r *http.Request, max int64, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return apperr.New(apperr.Unsupported, "请求体须为 application/json")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "无法读取请求体", err)
	}
	if int64(len(body)) > max {
		return apperr.New(apperr.TooLarge, "请求体过大")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apperr.Wrap(apperr.Invalid, "JSON 格式错误："+err.Error(), err)
	}
	return nil
}
