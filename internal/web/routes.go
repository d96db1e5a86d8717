package web

import (
	"io/fs"
	"net/http"
)

func (s *Server) routes() {
	m := s.mux
	static, _ := fs.Sub(staticFiles, "static")
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	m.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fileServer.ServeHTTP(w, r)
	}))
	m.HandleFunc("GET /healthz", s.healthz)
	m.Handle("GET /metrics", s.metrics.handler())
	m.HandleFunc("GET /robots.txt", s.robots)
	m.HandleFunc("GET /sitemap.xml", s.cached(s.sitemap))
	m.HandleFunc("GET /prefs/elder", s.elderMode)
	m.HandleFunc("GET /prefs/lang", s.langPref)

	// Public portal.
	m.HandleFunc("GET /{$}", s.cached(s.home))
	m.HandleFunc("GET /orgs", s.cached(s.orgList))
	m.HandleFunc("GET /docs", s.cached(s.documentList))
	m.HandleFunc("GET /search", s.cached(s.searchPage))
	m.HandleFunc("GET /o/{code}/{$}", s.cached(s.siteHome))
	m.HandleFunc("GET /o/{code}/docs", s.cached(s.documentList))
	m.HandleFunc("GET /o/{code}/c/{slug}", s.cached(s.column))
	m.HandleFunc("GET /o/{code}/c/{slug}/rss.xml", s.cached(s.feedRSS))
	m.HandleFunc("GET /o/{code}/c/{slug}/atom.xml", s.cached(s.feedAtom))
	m.HandleFunc("GET /d/{id}", s.cached(s.document))
	m.HandleFunc("GET /d/{id}/v/{version}", s.cached(s.document))
	m.HandleFunc("GET /attachments/{id}/{name}", s.attachment)

	// Applications for information (依申请公开): the form, never cached (each form has its own
	// submit key and proof), and the tracking page, also under an organisation's own host name.
	m.HandleFunc("GET /o/{code}/apply", s.applyForm)
	m.HandleFunc("POST /o/{code}/apply", s.apply)
	for _, prefix := range []string{"", "/o/{code}"} {
		m.HandleFunc("GET "+prefix+"/track", s.trackPage)
		m.HandleFunc("POST "+prefix+"/track", s.track)
		m.HandleFunc("POST "+prefix+"/track/correct", s.trackCorrect)
		m.HandleFunc("GET "+prefix+"/track/files/{id}", s.trackFile)
	}

	// Staff console.
	m.HandleFunc("GET /console/login", s.loginForm)
	m.HandleFunc("POST /console/login", s.login)
	m.HandleFunc("POST /console/logout", s.staff(s.logout))
	m.HandleFunc("GET /console/{$}", s.staff(s.queue))
	m.HandleFunc("GET /console/documents", s.staff(s.consoleDocuments))
	m.HandleFunc("GET /console/documents/new", s.staff(s.newDocumentForm))
	m.HandleFunc("POST /console/documents", s.staff(s.createDocument))
	m.HandleFunc("GET /console/documents/{id}", s.staff(s.editDocumentForm))
	m.HandleFunc("POST /console/documents/{id}", s.staff(s.saveDocument))
	m.HandleFunc("GET /console/documents/{id}/preview", s.staff(s.previewDocument))
	m.HandleFunc("POST /console/documents/{id}/transition", s.staff(s.transitionDocument))
	m.HandleFunc("POST /console/documents/{id}/attachments", s.staff(s.uploadAttachment))
	m.HandleFunc("POST /console/documents/{id}/attachments/{aid}/delete", s.staff(s.deleteAttachment))
	m.HandleFunc("POST /console/documents/{id}/relations", s.staff(s.addRelation))
	m.HandleFunc("GET /console/review", s.staff(s.reviewQueue))
	m.HandleFunc("GET /console/overdue", s.staff(s.overdue))
	m.HandleFunc("GET /console/org", s.staff(s.orgSettingsForm))
	m.HandleFunc("POST /console/org", s.staff(s.saveOrgSettings))
	m.HandleFunc("GET /console/users", s.staff(s.usersPage))
	m.HandleFunc("POST /console/users", s.staff(s.createUser))
	m.HandleFunc("POST /console/users/{id}/active", s.staff(s.setUserActive))
	m.HandleFunc("GET /console/audit", s.staff(s.auditPage))
	m.HandleFunc("GET /console/requests", s.staff(s.consoleRequests))
	m.HandleFunc("GET /console/requests/new", s.staff(s.newRequestForm))
	m.HandleFunc("POST /console/requests", s.staff(s.createPaperRequest))
	m.HandleFunc("GET /console/requests/{id}", s.staff(s.requestPage))
	m.HandleFunc("POST /console/requests/{id}/events", s.staff(s.requestEvent))
	m.HandleFunc("POST /console/requests/{id}/reply", s.staff(s.requestReply))
	m.HandleFunc("POST /console/requests/{id}/files", s.staff(s.requestUpload))
	m.HandleFunc("GET /console/requests/{id}/files/{fid}", s.staff(s.requestFileStaff))
	s.requestExtraRoutes(m) // notices, appeals, the case library (request_notice.go)
	s.calendarRoutes(m)     // the holiday calendar and calendar.unknown_year (calendar_web.go)

	// JSON API v1 (every route here is in openapi.json; a test checks both ways).
	api := func(pattern string, h http.HandlerFunc) {
		s.apiRoutes = append(s.apiRoutes, pattern)
		m.HandleFunc(pattern, h)
	}
	api("POST /api/v1/auth/token", s.apiToken)
	api("GET /api/v1/openapi.json", s.apiOpenAPI)
	api("GET /api/v1/orgs", s.apiOrgs)
	api("GET /api/v1/orgs/{code}", s.apiOrg)
	api("GET /api/v1/orgs/{code}/columns", s.apiColumns)
	api("GET /api/v1/search", s.apiSearch)
	api("GET /api/v1/search/suggest", s.apiSuggest)
	api("GET /api/v1/documents", s.apiDocuments)
	api("POST /api/v1/documents", s.apiCreateDocument)
	api("GET /api/v1/documents/{id}", s.apiDocument)
	api("PUT /api/v1/documents/{id}", s.apiUpdateDocument)
	api("POST /api/v1/documents/{id}/transitions", s.apiTransition)
	api("GET /api/v1/documents/{id}/versions", s.apiVersions)
	api("GET /api/v1/documents/{id}/versions/{version}", s.apiVersion)
	api("POST /api/v1/requests", s.apiCreateRequest)
	api("GET /api/v1/requests", s.apiRequests)
	api("GET /api/v1/requests/{number}", s.apiTrackRequest)
	api("GET /api/v1/requests/{id}/clock", s.apiRequestClock)
	api("POST /api/v1/requests/{id}/events", s.apiRequestEvent)
	api("POST /api/v1/requests/{id}/reply", s.apiRequestReply)
	s.reminderRoutes(m, api) // reminders before due dates (request_reminder.go)

	s.issue5Routes(m, api) // annual report, roll-up, ledger, dashboard (report_web.go)
	m.HandleFunc("/", s.notFound)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/" {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": map[string]string{"code": "not_found", "message": "接口不存在"}})
		return
	}
	s.render(w, r, http.StatusNotFound, "error", &page{Title: "页面不存在", Error: nil})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.db.Setting(r.Context(), "health"); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}
