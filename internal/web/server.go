// Package web serves gongkai over HTTP: the public portal, the staff console and the JSON API.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Config is what the web layer needs.
type Config struct {
	DB       *store.DB
	Logger   *slog.Logger
	Calendar *workday.Calendar
	Demo     bool
	Now      func() time.Time
}

// Server is the HTTP handler of the platform.
type Server struct {
	db      *store.DB
	log     *slog.Logger
	cal     *workday.Calendar
	now     func() time.Time
	tmpl    *templates
	mux     *http.ServeMux
	cache   *pageCache
	limits  *limiter
	metrics *metrics
	hosts   hostMap
	// apiRoutes lists the API's patterns, checked against openapi.json by a test.
	apiRoutes []string
}

// New builds the handler.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Calendar == nil {
		cfg.Calendar = workday.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	tmpl, err := loadTemplates()
	if err != nil {
		panic(err) // templates are embedded: a parse error is a build defect caught by every test
	}
	s := &Server{db: cfg.DB, log: cfg.Logger, cal: cfg.Calendar, now: cfg.Now, tmpl: tmpl, mux: http.NewServeMux(),
		cache: newPageCache(10*time.Second, 2000), limits: newLimiter(), metrics: newMetrics()}
	s.routes()
	return s
}

type ctxKey struct{}

// requestContext is what middleware learns about a request.
type requestContext struct {
	id        string
	principal *org.Principal
	csrf      string
	token     string // session token (web) for logout
	elder     bool
	lang      locale   // from the lang cookie or Accept-Language
	site      *org.Org // organisation served under its own host name
	api       bool     // authenticated by bearer token
}

// locale is the request's UI language, zh-CN unless chosen otherwise.
func (rc *requestContext) locale() locale {
	if rc.lang == "" {
		return zhCN
	}
	return rc.lang
}

func reqCtx(r *http.Request) *requestContext {
	if rc, ok := r.Context().Value(ctxKey{}).(*requestContext); ok {
		return rc
	}
	return &requestContext{}
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// statusWriter records the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// ServeHTTP runs every request through the common middleware.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rc := &requestContext{id: r.Header.Get("X-Request-Id")}
	if rc.id == "" || len(rc.id) > 64 {
		rc.id = newID()
	}
	sw := &statusWriter{ResponseWriter: w}
	h := sw.Header()
	h.Set("X-Request-Id", rc.id)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic", "value", v, "stack", string(debug.Stack()), "request_id", rc.id)
			if sw.status == 0 {
				http.Error(sw, rc.locale().t("服务器内部错误"), http.StatusInternalServerError)
			}
		}
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(r.Method, route, sw.status, d)
		if r.URL.Path != "/healthz" && r.URL.Path != "/metrics" {
			s.log.Info("request", "request_id", rc.id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"bytes", sw.bytes, "ms", d.Milliseconds(), "user", rc.principal.Describe())
		}
	}()
	if c, err := r.Cookie("elder"); err == nil && c.Value == "1" {
		rc.elder = true
	}
	rc.lang = requestLocale(r)
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, rc))
	if site := s.siteForHost(r); site != nil {
		rc.site = site
		// An organisation's own host name serves its site at the root.
		if !strings.HasPrefix(r.URL.Path, "/static/") && !strings.HasPrefix(r.URL.Path, "/api/") &&
			!strings.HasPrefix(r.URL.Path, "/console") && !strings.HasPrefix(r.URL.Path, "/attachments/") &&
			!strings.HasPrefix(r.URL.Path, "/d/") && !strings.HasPrefix(r.URL.Path, "/prefs/") &&
			r.URL.Path != "/healthz" && r.URL.Path != "/robots.txt" && r.URL.Path != "/sitemap.xml" {
			r.URL.Path = site.SitePath() + strings.TrimPrefix(r.URL.Path, "/")
		}
	}
	s.authenticate(r, rc)
	s.mux.ServeHTTP(sw, r)
}

// hostMap caches which organisation owns which host name.
type hostMap struct {
	mu     sync.RWMutex
	byHost map[string]*org.Org
	loaded time.Time
}

func (s *Server) siteForHost(r *http.Request) *org.Org {
	host := strings.ToLower(r.Host)
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	if host == "" || host == "localhost" || strings.HasPrefix(host, "[") || host[0] >= '0' && host[0] <= '9' {
		return nil
	}
	s.hosts.mu.RLock()
	fresh := time.Since(s.hosts.loaded) < 30*time.Second
	o := s.hosts.byHost[host]
	s.hosts.mu.RUnlock()
	if fresh {
		return o
	}
	orgs, err := s.db.Orgs(context.Background())
	if err != nil {
		return nil
	}
	m := map[string]*org.Org{}
	for i := range orgs {
		if orgs[i].Host != "" {
			m[orgs[i].Host] = &orgs[i]
		}
	}
	s.hosts.mu.Lock()
	s.hosts.byHost, s.hosts.loaded = m, time.Now()
	s.hosts.mu.Unlock()
	return m[host]
}

func (s *Server) forgetHosts() {
	s.hosts.mu.Lock()
	s.hosts.loaded = time.Time{}
	s.hosts.mu.Unlock()
}

// authenticate reads the session cookie or the bearer token.
func (s *Server) authenticate(r *http.Request, rc *requestContext) {
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
		sess, err := s.db.SessionByToken(r.Context(), strings.TrimPrefix(auth, "Bearer "), store.SessionAPI)
		if err == nil {
			rc.principal, rc.api = sess.Principal, true
		}
		return
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return
	}
	sess, err := s.db.SessionByToken(r.Context(), c.Value, store.SessionWeb)
	if err != nil {
		return
	}
	rc.principal, rc.csrf, rc.token = sess.Principal, sess.CSRF, c.Value
}

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gongkai_http_requests_total", Help: "HTTP requests by route and status."},
			[]string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "gongkai_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"route"}),
	}
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	if status == 0 {
		status = 200
	}
	m.requests.WithLabelValues(method, route, http.StatusText(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }
