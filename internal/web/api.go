package web

import (
	_ "embed"
	"net/http"
	"strconv"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/richtext"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

//go:embed openapi.json
var openapiJSON []byte

func sanitize(html string) string { return richtext.Sanitize(html) }

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openapiJSON)
}

// apiError writes err as the API's error object.
func apiError(w http.ResponseWriter, err error) { writeJSONError(w, apperr.From(err)) }

// apiPrincipal requires a bearer token.
func apiPrincipal(r *http.Request) (*org.Principal, error) {
	rc := reqCtx(r)
	if rc.principal == nil || !rc.api {
		return nil, apperr.New(apperr.Unauthorized, "需要有效的访问令牌（Authorization: Bearer …）")
	}
	return rc.principal, nil
}

func (s *Server) apiToken(w http.ResponseWriter, r *http.Request) {
	if !s.limits.allow("token:"+clientIP(r), 10, 10) {
		apiError(w, apperr.New(apperr.RateLimited, "请求过于频繁，请稍后再试"))
		return
	}
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, 4<<10, &in); err != nil {
		apiError(w, err)
		return
	}
	p, err := s.db.Authenticate(r.Context(), in.Username, in.Password)
	if err != nil {
		apiError(w, err)
		return
	}
	token, sess, err := s.db.CreateSession(r.Context(), p.User.ID, store.SessionAPI, 24*time.Hour)
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "expires_at": sess.ExpiresAt.UTC().Format(time.RFC3339),
		"user": map[string]any{"username": p.User.Username, "role": p.User.Role, "org": p.Org.Code}})
}

// apiOrgJSON is an organisation as the API shows it.
type apiOrgJSON struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	ShortName string      `json:"short_name,omitempty"`
	Kind      org.Kind    `json:"kind"`
	Level     org.Level   `json:"level"`
	Parent    string      `json:"parent,omitempty"`
	Site      string      `json:"site"`
	Host      string      `json:"host,omitempty"`
	Contact   org.Contact `json:"contact"`
}

func orgJSON(o org.Org, byID map[int64]org.Org) apiOrgJSON {
	j := apiOrgJSON{Code: o.Code, Name: o.Name, ShortName: o.ShortName, Kind: o.Kind, Level: o.Level, Site: o.SitePath(), Host: o.Host, Contact: o.Contact}
	if p, ok := byID[o.ParentID]; ok {
		j.Parent = p.Code
	}
	return j
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) {
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		apiError(w, err)
		return
	}
	byID := map[int64]org.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	level := org.Level(r.URL.Query().Get("level"))
	if level != "" && !level.Valid() {
		apiError(w, apperr.New(apperr.Invalid, "未知的层级").OnField("level"))
		return
	}
	parent := r.URL.Query().Get("parent")
	out := []apiOrgJSON{}
	for _, o := range orgs {
		j := orgJSON(o, byID)
		if (level == "" || o.Level == level) && (parent == "" || j.Parent == parent) {
			out = append(out, j)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"orgs": out})
}

func (s *Server) apiOrg(w http.ResponseWriter, r *http.Request) {
	o, err := s.orgFromPath(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var parent map[int64]org.Org
	if o.ParentID != 0 {
		if p, err := s.db.Org(r.Context(), o.ParentID); err == nil {
			parent = map[int64]org.Org{p.ID: p}
		}
	}
	writeJSON(w, http.StatusOK, orgJSON(o, parent))
}

func (s *Server) apiColumns(w http.ResponseWriter, r *http.Request) {
	o, err := s.orgFromPath(r)
	if err != nil {
		apiError(w, err)
		return
	}
	cols, err := s.db.Columns(r.Context(), o.ID)
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"org": o.Code, "columns": disclosure.Tree(cols)})
}

// apiDocJSON is a document as the API shows it.
type apiDocJSON struct {
	ID               int64               `json:"id"`
	IndexNumber      string              `json:"index_number"`
	Org              string              `json:"org"`
	Title            string              `json:"title"`
	DocNumber        string              `json:"doc_number,omitempty"`
	Genre            disclosure.Genre    `json:"genre"`
	Topic            string              `json:"topic,omitempty"`
	WrittenOn        string              `json:"written_on,omitempty"`
	PublishedAt      string              `json:"published_at,omitempty"`
	Validity         disclosure.Validity `json:"validity"`
	EffectiveOn      string              `json:"effective_on,omitempty"`
	ExpiresOn        string              `json:"expires_on,omitempty"`
	State            disclosure.Status   `json:"state"`
	PublishedVersion int                 `json:"published_version"`
	LatestVersion    int                 `json:"latest_version"`
	URL              string              `json:"url"`
}

func (s *Server) docJSON(d disclosure.Document, orgs map[int64]org.Org) apiDocJSON {
	j := apiDocJSON{ID: d.ID, IndexNumber: d.IndexNumber, Org: orgs[d.OrgID].Code, Title: d.Title, DocNumber: d.DocNumber, Genre: d.Genre, Topic: d.Topic,
		WrittenOn: dateString(d.WrittenOn), Validity: d.CurrentValidity(s.today()), EffectiveOn: dateString(d.EffectiveOn), ExpiresOn: dateString(d.ExpiresOn),
		State: d.State, PublishedVersion: d.PublishedVersion, LatestVersion: d.LatestVersion, URL: "/d/" + strconv.FormatInt(d.ID, 10)}
	if !d.PublishedAt.IsZero() {
		j.PublishedAt = d.PublishedAt.UTC().Format(time.RFC3339)
	}
	return j
}

func dateString(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	f := store.DocumentFilter{Public: true}
	if _, err := s.parseListQuery(r, &f); err != nil {
		apiError(w, err)
		return
	}
	f.Page = 0
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			apiError(w, apperr.New(apperr.Invalid, "limit 应为 1 至 100").OnField("limit"))
			return
		}
		f.Limit = n
	}
	f.Cursor = r.URL.Query().Get("cursor")
	// Staff with a token may list their organisation's unpublished documents too.
	if st := r.URL.Query().Get("state"); st != "" && st != string(disclosure.StatusPublished) {
		p, err := apiPrincipal(r)
		if err != nil {
			apiError(w, err)
			return
		}
		status := disclosure.Status(st)
		if !status.Valid() {
			apiError(w, apperr.New(apperr.Invalid, "未知的状态").OnField("state"))
			return
		}
		scope, err := s.readScope(r, p)
		if err != nil {
			apiError(w, err)
			return
		}
		f.Public, f.States, f.OrgIDs, f.Subtree = false, []disclosure.Status{status}, intersect(f.OrgIDs, scope), nil
	}
	if f.Cursor == "" {
		f.Cursor = "" // first page: keyset from the top
	}
	page, err := s.db.Documents(r.Context(), f)
	if err != nil {
		apiError(w, err)
		return
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		apiError(w, err)
		return
	}
	out := make([]apiDocJSON, 0, len(page.Documents))
	for _, d := range page.Documents {
		out = append(out, s.docJSON(d, orgs))
	}
	body := map[string]any{"documents": out, "next_cursor": page.NextCursor}
	if f.Cursor == "" {
		body["total"] = page.Total
	}
	writeJSON(w, http.StatusOK, body)
}

// intersect keeps the ids of a that are in scope (all of scope when a is nil).
func intersect(a, scope []int64) []int64 {
	if a == nil {
		return scope
	}
	in := map[int64]bool{}
	for _, id := range scope {
		in[id] = true
	}
	out := []int64{}
	for _, id := range a {
		if in[id] {
			out = append(out, id)
		}
	}
	return out
}

// apiFields is the JSON form of a version's editable fields.
type apiFields struct {
	Title       string   `json:"title"`
	DocNumber   string   `json:"doc_number"`
	Issuers     []string `json:"issuers"`
	WrittenOn   string   `json:"written_on"`
	MadeOn      string   `json:"made_on"`
	Topic       string   `json:"topic"`
	Genre       string   `json:"genre"`
	PlanKind    string   `json:"plan_kind"`
	PlanPeriod  string   `json:"plan_period"`
	Mode        string   `json:"mode"`
	ModeReason  string   `json:"mode_reason"`
	Validity    string   `json:"validity"`
	EffectiveOn string   `json:"effective_on"`
	ExpiresOn   string   `json:"expires_on"`
	Summary     string   `json:"summary"`
	BodyHTML    string   `json:"body_html"`
	Column      string   `json:"column"`
	ChangeNote  string   `json:"change_note"`
}

func (a apiFields) fields() (disclosure.Fields, error) {
	f := disclosure.Fields{Title: a.Title, DocNumber: a.DocNumber, Issuers: a.Issuers, Topic: a.Topic, Genre: disclosure.Genre(a.Genre),
		PlanKind: disclosure.PlanKind(a.PlanKind), PlanPeriod: a.PlanPeriod, Mode: disclosure.Mode(a.Mode), ModeReason: a.ModeReason,
		Validity: disclosure.Validity(a.Validity), Summary: a.Summary, BodyHTML: a.BodyHTML, ColumnSlug: a.Column, ChangeNote: a.ChangeNote}
	for _, d := range []struct {
		name, v string
		dst     *workday.Date
	}{{"written_on", a.WrittenOn, &f.WrittenOn}, {"made_on", a.MadeOn, &f.MadeOn}, {"effective_on", a.EffectiveOn, &f.EffectiveOn}, {"expires_on", a.ExpiresOn, &f.ExpiresOn}} {
		if d.v == "" {
			continue
		}
		p, err := workday.ParseDate(d.v)
		if err != nil {
			return f, apperr.Newf(apperr.Invalid, "%s：%s", d.name, err.Error()).OnField(d.name)
		}
		*d.dst = p
	}
	return f, nil
}

func versionJSON(v disclosure.Version) map[string]any {
	m := map[string]any{
		"version": v.Version, "status": v.Status, "title": v.Title, "doc_number": v.DocNumber, "issuers": v.Issuers,
		"written_on": dateString(v.WrittenOn), "made_on": dateString(v.MadeOn), "topic": v.Topic, "genre": v.Genre,
		"plan_kind": v.PlanKind, "plan_period": v.PlanPeriod, "mode": v.Mode, "mode_reason": v.ModeReason, "validity": v.Validity,
		"effective_on": dateString(v.EffectiveOn), "expires_on": dateString(v.ExpiresOn), "summary": v.Summary, "body_html": v.BodyHTML,
		"change_note": v.ChangeNote, "lock_version": v.LockVersion, "review_comment": v.ReviewComment,
	}
	if !v.PublishedAt.IsZero() {
		m["published_at"] = v.PublishedAt.UTC().Format(time.RFC3339)
	}
	return m
}

func (s *Server) apiCreateDocument(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in struct {
		apiFields
		Org string `json:"org"`
	}
	if err := decodeJSON(r, 5<<20, &in); err != nil {
		apiError(w, err)
		return
	}
	orgID := p.Org.ID
	if in.Org != "" && org.NormalizeCreditCode(in.Org) != p.Org.Code {
		o, err := s.db.OrgByCode(r.Context(), in.Org)
		if err != nil {
			apiError(w, err)
			return
		}
		orgID = o.ID // the store refuses writes outside the caller's organisation
	}
	f, err := in.fields()
	if err != nil {
		apiError(w, err)
		return
	}
	doc, err := s.db.CreateDocument(r.Context(), p, orgID, f)
	if err != nil {
		apiError(w, err)
		return
	}
	s.cache.clear()
	orgs, _ := s.orgMap(r)
	w.Header().Set("Location", "/api/v1/documents/"+strconv.FormatInt(doc.ID, 10))
	writeJSON(w, http.StatusCreated, s.docJSON(doc, orgs))
}

// apiDoc loads a document the caller may see: the public sees published documents only;
// staff with a token also see their organisation's (or subtree's) unpublished ones.
func (s *Server) apiDoc(r *http.Request) (disclosure.Document, bool, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return disclosure.Document{}, false, apperr.New(apperr.NotFound, "文件不存在")
	}
	doc, err := s.db.Document(r.Context(), id)
	if err != nil {
		return doc, false, err
	}
	if rc := reqCtx(r); rc.api {
		if o, err := s.db.Org(r.Context(), doc.OrgID); err == nil && rc.principal.CanRead(o) {
			return doc, true, nil
		}
	}
	if doc.PublishedVersion == 0 {
		return doc, false, apperr.New(apperr.NotFound, "文件不存在")
	}
	return doc, false, nil
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	doc, staff, err := s.apiDoc(r)
	if err != nil {
		apiError(w, err)
		return
	}
	ver := doc.PublishedVersion
	if staff {
		ver = doc.LatestVersion
	}
	view, err := s.loadDocumentView(r, doc, ver, !staff)
	if err != nil {
		apiError(w, err)
		return
	}
	orgs, _ := s.orgMap(r)
	atts := []map[string]any{}
	for _, a := range view.Attachments {
		atts = append(atts, map[string]any{"id": a.ID, "name": a.Name, "size": a.Size, "content_type": a.ContentType, "sha256": a.SHA256,
			"url": "/attachments/" + strconv.FormatInt(a.ID, 10) + "/" + a.Name})
	}
	rels := []map[string]any{}
	for _, rel := range view.Relations {
		rels = append(rels, map[string]any{"kind": rel.Kind, "inverse": rel.Inverse, "label": rel.Label(), "document_id": rel.OtherID, "title": rel.OtherTitle})
	}
	writeJSON(w, http.StatusOK, map[string]any{"document": s.docJSON(doc, orgs), "version": versionJSON(view.Version), "attachments": atts, "relations": rels})
}

func (s *Server) apiUpdateDocument(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	doc, _, err := s.apiDoc(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in struct {
		apiFields
		Version     int `json:"version"`
		LockVersion int `json:"lock_version"`
	}
	if err := decodeJSON(r, 5<<20, &in); err != nil {
		apiError(w, err)
		return
	}
	if in.Version == 0 || in.LockVersion == 0 {
		apiError(w, apperr.New(apperr.Invalid, "须给出 version 和 lock_version（防止覆盖他人的修改）"))
		return
	}
	f, err := in.fields()
	if err != nil {
		apiError(w, err)
		return
	}
	v, err := s.db.UpdateDraft(r.Context(), p, doc.ID, in.Version, in.LockVersion, f)
	if err != nil {
		apiError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, versionJSON(v))
}

func (s *Server) apiTransition(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	doc, _, err := s.apiDoc(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in struct {
		Action      string `json:"action"`
		Comment     string `json:"comment"`
		PublishAt   string `json:"publish_at"`
		LockVersion int    `json:"lock_version"`
	}
	if err := decodeJSON(r, 64<<10, &in); err != nil {
		apiError(w, err)
		return
	}
	ti := store.TransitionInput{Action: disclosure.Action(in.Action), Comment: in.Comment, LockVersion: in.LockVersion}
	if !ti.Action.Valid() {
		apiError(w, apperr.New(apperr.Invalid, "未知的操作："+in.Action).OnField("action"))
		return
	}
	if in.PublishAt != "" {
		t, err := time.Parse(time.RFC3339, in.PublishAt)
		if err != nil {
			apiError(w, apperr.New(apperr.Invalid, "publish_at 须为 RFC 3339 时间").OnField("publish_at"))
			return
		}
		ti.PublishAt = t
	}
	doc, err = s.db.Transition(r.Context(), p, doc.ID, ti)
	if err != nil {
		apiError(w, err)
		return
	}
	s.cache.clear()
	orgs, _ := s.orgMap(r)
	writeJSON(w, http.StatusOK, s.docJSON(doc, orgs))
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	doc, staff, err := s.apiDoc(r)
	if err != nil {
		apiError(w, err)
		return
	}
	all, err := s.db.Versions(r.Context(), doc.ID)
	if err != nil {
		apiError(w, err)
		return
	}
	out := []map[string]any{}
	for _, v := range all {
		if staff || !v.PublishedAt.IsZero() {
			m := map[string]any{"version": v.Version, "status": v.Status, "title": v.Title, "change_note": v.ChangeNote,
				"url": "/api/v1/documents/" + strconv.FormatInt(doc.ID, 10) + "/versions/" + strconv.Itoa(v.Version)}
			if !v.PublishedAt.IsZero() {
				m["published_at"] = v.PublishedAt.UTC().Format(time.RFC3339)
			}
			out = append(out, m)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"document_id": doc.ID, "versions": out})
}

func (s *Server) apiVersion(w http.ResponseWriter, r *http.Request) {
	doc, staff, err := s.apiDoc(r)
	if err != nil {
		apiError(w, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		apiError(w, apperr.New(apperr.NotFound, "文件版本不存在"))
		return
	}
	v, err := s.db.Version(r.Context(), doc.ID, n)
	if err != nil {
		apiError(w, err)
		return
	}
	if !staff && v.PublishedAt.IsZero() {
		apiError(w, apperr.New(apperr.NotFound, "文件版本不存在"))
		return
	}
	writeJSON(w, http.StatusOK, versionJSON(v))
}
