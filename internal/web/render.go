package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/workday"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

var funcs = template.FuncMap{
	"date": func(v any) string {
		switch d := v.(type) {
		case workday.Date:
			if d.IsZero() {
				return ""
			}
			return d.String()
		case time.Time:
			if d.IsZero() {
				return ""
			}
			return d.In(workday.Location()).Format("2006-01-02")
		}
		return ""
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(workday.Location()).Format("2006-01-02 15:04")
	},
	"rfc3339":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"safeHTML": func(s string) template.HTML { return template.HTML(s) }, // only for sanitised rich text
	"add":      func(a, b int) int { return a + b },
	"abs": func(n int) int {
		if n < 0 {
			return -n
		}
		return n
	},
	"size": func(n int64) string {
		switch {
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
		case n >= 1<<10:
			return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
		}
		return fmt.Sprintf("%d B", n)
	},
	"pathEscape":    url.PathEscape,
	"genres":        func() []disclosure.Genre { return disclosure.Genres },
	"genreLabel":    func(s string) string { return disclosure.Genre(s).Label() },
	"validityLabel": func(s string) string { return disclosure.Validity(s).Label() },
	"topics":        func() []string { return disclosure.Topics },
	"planKinds":     func() []disclosure.PlanKind { return disclosure.PlanKinds },
	"modes":         disclosure.Modes,
	"validities": func() []disclosure.Validity {
		return []disclosure.Validity{disclosure.ValidityInForce, disclosure.ValidityExpired, disclosure.ValidityRepealed, disclosure.ValidityNotYetEffective}
	},
	"roles": func() []org.Role {
		return []org.Role{org.RoleAdmin, org.RoleEditor, org.RoleReviewer, org.RoleRequestHandler, org.RoleSupervisor}
	},
	"itoa": strconv.Itoa,
	"join": strings.Join,
}

type templates struct {
	pages map[pageKey]*template.Template
}

// pageKey names a page parsed for one locale, its functions (t, tf…) bound to that locale.
type pageKey struct {
	lang locale
	name string
}

func loadTemplates() (*templates, error) {
	t := &templates{pages: map[pageKey]*template.Template{}}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	for _, li := range localeList {
		lang := locale(li.Code)
		for _, n := range names {
			base := path.Base(n)
			if base == "layout.html" || strings.HasPrefix(base, "_") {
				continue
			}
			files := append([]string{"templates/layout.html"}, partials...)
			files = append(files, n)
			tmpl, err := template.New("layout.html").Funcs(funcs).Funcs(lang.funcs()).ParseFS(templateFiles, files...)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", base, err)
			}
			t.pages[pageKey{lang, strings.TrimSuffix(base, ".html")}] = tmpl
		}
	}
	return t, nil
}

// page is what every template gets.
type page struct {
	Title       string         // a catalog key, translated when rendered; a format string if TitleArgs are set
	TitleArgs   []any          // data for Title; a msg among them is translated too
	Lang        string         // zh-CN or en
	Site        *org.Org       // the organisation whose site this page belongs to, if any
	Principal   *org.Principal // the signed-in staff member, if any
	CSRF        string
	Elder       bool
	Path        string // the request path with query, for the elder-mode switch
	Console     bool
	Flash       string
	Error       *apperr.Error
	Breadcrumbs []crumb
	Data        any
	Year        int
	Reminders   int // a request handler's unread due-date reminders, shown in the console's navigation
}

type crumb struct{ Name, URL string }

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	rc := reqCtx(r)
	lang := rc.locale()
	tmpl, ok := s.tmpl.pages[pageKey{lang, name}]
	if !ok {
		s.log.Error("missing template", "name", name, "lang", lang)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	p.Lang = string(lang)
	if len(p.TitleArgs) > 0 {
		args := make([]any, len(p.TitleArgs))
		for i, a := range p.TitleArgs {
			if m, ok := a.(msg); ok {
				a = lang.t(string(m))
			}
			args[i] = a
		}
		p.Title = lang.tf(p.Title, args...)
	} else {
		p.Title = lang.t(p.Title)
	}
	p.Principal = rc.principal
	p.CSRF = rc.csrf
	p.Elder = rc.elder
	p.Path = r.URL.RequestURI()
	p.Year = workday.DateOf(s.now()).Year
	if p.Console && rc.principal != nil && rc.principal.User.Role.Can(org.PermHandleRequest) {
		p.Reminders, _ = s.db.UnreadReminderCount(r.Context(), rc.principal) // the count is a hint: no count, no badge
	}
	if p.Site == nil {
		p.Site = rc.site
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		s.log.Error("render", "template", name, "err", err, "request_id", rc.id)
		http.Error(w, lang.t("页面生成失败"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderError shows an error page in the visitor's language (or JSON, in Chinese, under /api/).
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.From(err)
	if e.Code == apperr.Internal {
		s.log.Error("internal error", "err", err, "path", r.URL.Path, "request_id", reqCtx(r).id)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSONError(w, e)
		return
	}
	title := "出错了"
	switch e.Code {
	case apperr.NotFound:
		title = "页面不存在"
	case apperr.Forbidden:
		title = "无权访问"
	case apperr.Unauthorized:
		title = "请先登录"
	}
	s.render(w, r, apperr.Status(e.Code), "error", &page{Title: title, Error: e})
}
