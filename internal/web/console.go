package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

const sessionCookie = "gongkai_session"

// staff requires a signed-in staff member, and a valid CSRF token on every POST.
func (s *Server) staff(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rc := reqCtx(r)
		if rc.principal == nil || rc.api {
			http.Redirect(w, r, "/console/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, 21<<20)
			var perr error
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				perr = r.ParseMultipartForm(8 << 20)
			} else {
				perr = r.ParseForm()
			}
			var tooBig *http.MaxBytesError
			if errors.As(perr, &tooBig) {
				s.renderError(w, r, apperr.New(apperr.TooLarge, "提交的内容过大（附件不能超过20 MB）"))
				return
			}
			if err := s.checkCSRF(r); err != nil {
				s.renderError(w, r, err)
				return
			}
			s.cache.clear()
		}
		h(w, r)
	}
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if reqCtx(r).principal != nil {
		http.Redirect(w, r, "/console/", http.StatusSeeOther)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "login", &page{Title: "工作人员登录", Console: true, Data: map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}})
}

func safeNext(next string) string {
	if !strings.HasPrefix(next, "/console") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/console/"
	}
	return next
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	next := safeNext(r.PostFormValue("next"))
	fail := func(err error) {
		s.render(w, r, apperr.Status(apperr.CodeOf(err)), "login", &page{Title: "工作人员登录", Console: true, Error: apperr.From(err),
			Data: map[string]string{"Next": next, "Username": r.PostFormValue("username")}})
	}
	if !s.limits.allow("login:"+clientIP(r), 10, 10) {
		fail(apperr.New(apperr.RateLimited, "登录尝试过于频繁，请稍后再试"))
		return
	}
	p, err := s.db.Authenticate(r.Context(), strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password"))
	if err != nil {
		fail(err)
		return
	}
	token, _, err := s.db.CreateSession(r.Context(), p.User.ID, store.SessionWeb, 12*time.Hour)
	if err != nil {
		fail(err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https", MaxAge: 12 * 3600})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if t := reqCtx(r).token; t != "" {
		s.db.DeleteSession(r.Context(), t)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}

// consolePage is a console page; title is a catalog key (a format string for titleArgs).
func (s *Server) consolePage(r *http.Request, title string, data any, titleArgs ...any) *page {
	return &page{Title: title, TitleArgs: titleArgs, Console: true, Data: data, Flash: r.URL.Query().Get("ok")}
}

// readScope is the organisations whose non-public records p may read: their own, and for a
// supervisor the whole subtree.
func (s *Server) readScope(r *http.Request, p *org.Principal) ([]int64, error) {
	if p.User.Role.Can(org.PermReadSubtree) {
		return s.db.SubtreeIDs(r.Context(), p.Org)
	}
	return []int64{p.Org.ID}, nil
}

// deadlineInfo is the Art. 26 clock of a document not yet published.
type deadlineInfo struct {
	Doc      disclosure.Document
	Org      org.Org
	Deadline workday.Date
	Left     int // working days left (negative: overdue)
	Overdue  bool
	Explain  string
}

func (s *Server) deadlines(r *http.Request, orgIDs []int64) ([]deadlineInfo, error) {
	docs, err := s.db.PendingProactive(r.Context(), orgIDs)
	if err != nil {
		return nil, err
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	today := s.today()
	cal := s.calendar(r.Context())
	var out []deadlineInfo
	for _, d := range docs {
		due, err := workday.PublishDeadline(cal, d.MadeOn)
		if err != nil {
			continue
		}
		info := deadlineInfo{Doc: d, Org: orgs[d.OrgID], Deadline: due}
		if today.After(due) {
			info.Overdue = true
			info.Left = -cal.WorkdaysBetween(due, today)
		} else {
			info.Left = cal.WorkdaysBetween(today, due)
		}
		if ex, err := cal.Explain(d.MadeOn, workday.PublishDeadlineWorkdays, false); err == nil {
			info.Explain = ex.TextFor("形成")
		}
		out = append(out, info)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deadline.Before(out[j].Deadline) })
	return out, nil
}

func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	var statuses []disclosure.Status
	if p.User.Role.Can(org.PermEditDocument) {
		statuses = append(statuses, disclosure.StatusDraft)
	}
	if p.User.Role.Can(org.PermReviewDocument) {
		statuses = append(statuses, disclosure.StatusInReview)
	}
	if p.User.Role.Can(org.PermPublishDocument) {
		statuses = append(statuses, disclosure.StatusApproved)
	}
	docs, versions, err := s.db.WorkQueue(r.Context(), p.Org.ID, statuses, 50)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	scope, err := s.readScope(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	dl, err := s.deadlines(r, scope)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	overdue := 0
	for _, d := range dl {
		if d.Overdue {
			overdue++
		}
	}
	type item struct {
		Doc     disclosure.Document
		Version disclosure.Version
	}
	items := make([]item, len(docs))
	for i := range docs {
		items[i] = item{docs[i], versions[i]}
	}
	s.render(w, r, http.StatusOK, "console_queue", s.consolePage(r, "我的工作", map[string]any{"Items": items, "Overdue": overdue, "Pending": len(dl)}))
}

func (s *Server) consoleDocuments(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	f := store.DocumentFilter{Limit: 30}
	q, err := s.parseListQuery(r, &f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// Staff see their own organisation's documents; a supervisor also sees the subtree.
	scope, err := s.readScope(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if f.OrgIDs != nil || f.Subtree != nil {
		allowed := map[int64]bool{}
		for _, id := range scope {
			allowed[id] = true
		}
		var ids []int64
		if f.Subtree != nil {
			sub, err := s.db.SubtreeIDs(r.Context(), *f.Subtree)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			f.OrgIDs, f.Subtree = sub, nil
		}
		for _, id := range f.OrgIDs {
			if allowed[id] {
				ids = append(ids, id)
			}
		}
		f.OrgIDs = ids
	} else {
		f.OrgIDs = scope
	}
	page, err := s.db.Documents(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lv, err := s.listView(r, "/console/documents", q, page, 30)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lv.ShowOrg = len(scope) > 1
	s.render(w, r, http.StatusOK, "console_documents", s.consolePage(r, "文件管理", lv))
}

// editorData is the document editor's data.
type editorData struct {
	Doc      *disclosure.Document
	Version  disclosure.Version
	View     *documentView
	Columns  []disclosure.Column
	CanEdit  bool
	Actions  []disclosure.Action
	Deadline *deadlineInfo
	Audit    any
}

func (s *Server) newDocumentForm(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.User.Role.Can(org.PermEditDocument) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "您的角色不能起草文件"))
		return
	}
	cols, _ := s.db.Columns(r.Context(), p.Org.ID)
	v := disclosure.Version{Fields: disclosure.Fields{Genre: disclosure.GenreNotice, Mode: disclosure.ModeProactive, Validity: disclosure.ValidityInForce,
		WrittenOn: s.today(), Title: strings.TrimSpace(r.URL.Query().Get("title"))}} // title: proposed by the Art. 44 prompt
	s.render(w, r, http.StatusOK, "console_editor", s.consolePage(r, "起草文件", &editorData{Version: v, Columns: cols, CanEdit: true}))
}

// fieldsFromForm reads the editor form; date errors are reported per field.
func fieldsFromForm(r *http.Request) (disclosure.Fields, error) {
	f := disclosure.Fields{
		Title: r.PostFormValue("title"), DocNumber: r.PostFormValue("doc_number"), Topic: r.PostFormValue("topic"),
		Genre: disclosure.Genre(r.PostFormValue("genre")), PlanKind: disclosure.PlanKind(r.PostFormValue("plan_kind")),
		PlanPeriod: strings.TrimSpace(r.PostFormValue("plan_period")), Mode: disclosure.Mode(r.PostFormValue("mode")),
		ModeReason: r.PostFormValue("mode_reason"), Validity: disclosure.Validity(r.PostFormValue("validity")),
		Summary: strings.TrimSpace(r.PostFormValue("summary")), BodyHTML: r.PostFormValue("body"), ColumnSlug: r.PostFormValue("column"),
		ChangeNote: strings.TrimSpace(r.PostFormValue("change_note")),
	}
	for _, line := range strings.Split(r.PostFormValue("issuers"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			f.Issuers = append(f.Issuers, line)
		}
	}
	dates := []struct {
		field, label string
		dst          *workday.Date
	}{{"written_on", "成文日期", &f.WrittenOn}, {"made_on", "形成日期", &f.MadeOn}, {"effective_on", "施行日期", &f.EffectiveOn}, {"expires_on", "失效日期", &f.ExpiresOn}}
	for _, d := range dates {
		v := strings.TrimSpace(r.PostFormValue(d.field))
		if v == "" {
			continue
		}
		parsed, err := workday.ParseDate(v)
		if err != nil {
			return f, apperr.Newf(apperr.Invalid, "%s无效：%s", d.label, err.Error()).OnField(d.field)
		}
		*d.dst = parsed
	}
	return f, nil
}

func (s *Server) createDocument(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	f, err := fieldsFromForm(r)
	if err == nil {
		var doc disclosure.Document
		doc, err = s.db.CreateDocument(r.Context(), p, p.Org.ID, f)
		if err == nil {
			http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=已保存草稿", http.StatusSeeOther)
			return
		}
	}
	cols, _ := s.db.Columns(r.Context(), p.Org.ID)
	pg := s.consolePage(r, "起草文件", &editorData{Version: disclosure.Version{Fields: f}, Columns: cols, CanEdit: true})
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_editor", pg)
}

// staffDocument loads a document the principal may read.
func (s *Server) staffDocument(r *http.Request) (disclosure.Document, org.Org, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return disclosure.Document{}, org.Org{}, apperr.New(apperr.NotFound, "文件不存在")
	}
	doc, err := s.db.Document(r.Context(), id)
	if err != nil {
		return doc, org.Org{}, err
	}
	o, err := s.db.Org(r.Context(), doc.OrgID)
	if err != nil {
		return doc, o, err
	}
	if !reqCtx(r).principal.CanRead(o) {
		return doc, o, apperr.New(apperr.NotFound, "文件不存在")
	}
	return doc, o, nil
}

func (s *Server) editorFor(r *http.Request, doc disclosure.Document, o org.Org) (*editorData, error) {
	p := reqCtx(r).principal
	view, err := s.loadDocumentView(r, doc, doc.LatestVersion, false)
	if err != nil {
		return nil, err
	}
	cols, err := s.db.Columns(r.Context(), doc.OrgID)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		if c.ID == doc.ColumnID && view.Version.ColumnSlug == "" {
			view.Version.ColumnSlug = c.Slug
		}
	}
	ed := &editorData{Doc: &doc, Version: view.Version, View: view, Columns: cols}
	ed.CanEdit = view.Version.Status == disclosure.StatusDraft && p.CanWrite(o, org.PermEditDocument)
	for _, a := range []disclosure.Action{disclosure.ActionSubmit, disclosure.ActionApprove, disclosure.ActionReject, disclosure.ActionPublish,
		disclosure.ActionRevise, disclosure.ActionWithdraw} {
		if _, err := disclosure.Transition(view.Version.Status, a); err == nil && p.CanWrite(o, disclosure.PermissionFor(a)) {
			ed.Actions = append(ed.Actions, a)
		}
	}
	if doc.PublishedVersion == 0 && doc.Mode == disclosure.ModeProactive && !doc.MadeOn.IsZero() {
		if dl, err := s.deadlines(r, []int64{doc.OrgID}); err == nil {
			for i := range dl {
				if dl[i].Doc.ID == doc.ID {
					ed.Deadline = &dl[i]
				}
			}
		}
	}
	ed.Audit, _ = s.db.AuditEntries(r.Context(), store.AuditFilter{Entity: "document", EntityID: strconv.FormatInt(doc.ID, 10), Limit: 50})
	return ed, nil
}

func (s *Server) editDocumentForm(w http.ResponseWriter, r *http.Request) {
	doc, o, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ed, err := s.editorFor(r, doc, o)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_editor", s.consolePage(r, "编辑：%s", ed, doc.Title))
}

func (s *Server) saveDocument(w http.ResponseWriter, r *http.Request) {
	doc, o, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := fieldsFromForm(r)
	if err == nil {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		lock, _ := strconv.Atoi(r.PostFormValue("lock_version"))
		_, err = s.db.UpdateDraft(r.Context(), reqCtx(r).principal, doc.ID, version, lock, f)
		if err == nil {
			http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=已保存", http.StatusSeeOther)
			return
		}
	}
	ed, lerr := s.editorFor(r, doc, o)
	if lerr != nil {
		s.renderError(w, r, lerr)
		return
	}
	ed.Version.Fields = f // keep what the user typed
	pg := s.consolePage(r, "编辑：%s", ed, doc.Title)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_editor", pg)
}

func (s *Server) previewDocument(w http.ResponseWriter, r *http.Request) {
	doc, o, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view, err := s.loadDocumentView(r, doc, doc.LatestVersion, false)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view.Preview = true
	s.render(w, r, http.StatusOK, "document", &page{Title: "预览：%s", TitleArgs: []any{view.Version.Title}, Site: &o, Data: view, Breadcrumbs: s.orgCrumbs(o, "预览")})
}

func (s *Server) transitionDocument(w http.ResponseWriter, r *http.Request) {
	doc, o, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := store.TransitionInput{Action: disclosure.Action(r.PostFormValue("action")), Comment: r.PostFormValue("comment")}
	in.LockVersion, _ = strconv.Atoi(r.PostFormValue("lock_version"))
	if at := strings.TrimSpace(r.PostFormValue("publish_at")); at != "" {
		t, perr := time.ParseInLocation("2006-01-02T15:04", at, workday.Location())
		if perr != nil {
			err = apperr.New(apperr.Invalid, "定时发布时间格式无效").OnField("publish_at")
		}
		in.PublishAt = t
	}
	if err == nil {
		_, err = s.db.Transition(r.Context(), reqCtx(r).principal, doc.ID, in)
	}
	if err != nil {
		ed, lerr := s.editorFor(r, doc, o)
		if lerr != nil {
			s.renderError(w, r, lerr)
			return
		}
		pg := s.consolePage(r, "编辑：%s", ed, doc.Title)
		pg.Error = apperr.From(err)
		s.render(w, r, apperr.Status(pg.Error.Code), "console_editor", pg)
		return
	}
	http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok="+url.QueryEscape("已"+in.Action.Label()), http.StatusSeeOther)
}

func (s *Server) uploadAttachment(w http.ResponseWriter, r *http.Request) {
	doc, o, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	file, header, err := r.FormFile("file")
	if err == nil {
		defer file.Close()
		var data []byte
		data, err = io.ReadAll(io.LimitReader(file, disclosure.MaxAttachmentSize+1))
		if err == nil {
			_, err = s.db.AddAttachment(r.Context(), reqCtx(r).principal, doc.ID, header.Filename, data)
		}
	} else {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = apperr.New(apperr.TooLarge, "附件不能超过20 MB").OnField("file")
		} else {
			err = apperr.New(apperr.Invalid, "请选择要上传的文件").OnField("file")
		}
	}
	if err != nil {
		ed, lerr := s.editorFor(r, doc, o)
		if lerr != nil {
			s.renderError(w, r, lerr)
			return
		}
		pg := s.consolePage(r, "编辑：%s", ed, doc.Title)
		pg.Error = apperr.From(err)
		s.render(w, r, apperr.Status(pg.Error.Code), "console_editor", pg)
		return
	}
	http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=已上传附件", http.StatusSeeOther)
}

func (s *Server) deleteAttachment(w http.ResponseWriter, r *http.Request) {
	doc, _, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err := s.db.RemoveAttachment(r.Context(), reqCtx(r).principal, doc.ID, aid); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=已删除附件", http.StatusSeeOther)
}

func (s *Server) addRelation(w http.ResponseWriter, r *http.Request) {
	doc, _, err := s.staffDocument(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	target := strings.TrimSpace(r.PostFormValue("target"))
	var to disclosure.Document
	if id, perr := strconv.ParseInt(target, 10, 64); perr == nil {
		to, err = s.db.Document(r.Context(), id)
	} else {
		to, err = s.db.DocumentByIndexNumber(r.Context(), target)
	}
	if err == nil {
		err = s.db.AddRelation(r.Context(), reqCtx(r).principal, doc.ID, disclosure.RelationKind(r.PostFormValue("kind")), to.ID)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/documents/"+strconv.FormatInt(doc.ID, 10)+"?ok=已添加关联", http.StatusSeeOther)
}

func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	docs, versions, err := s.db.WorkQueue(r.Context(), p.Org.ID, []disclosure.Status{disclosure.StatusInReview, disclosure.StatusApproved}, 100)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	type item struct {
		Doc     disclosure.Document
		Version disclosure.Version
	}
	items := make([]item, len(docs))
	for i := range docs {
		items[i] = item{docs[i], versions[i]}
	}
	s.render(w, r, http.StatusOK, "console_review", s.consolePage(r, "审核队列", map[string]any{"Items": items, "CanReview": p.User.Role.Can(org.PermReviewDocument)}))
}

func (s *Server) overdue(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	scope, err := s.readScope(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	dl, err := s.deadlines(r, scope)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_overdue", s.consolePage(r, "主动公开时限（条例第二十六条）", map[string]any{"Items": dl, "Today": s.today(),
		"Warnings": s.calendar(r.Context()).Warnings(s.today(), s.today().AddDays(60))}))
}

func (s *Server) orgSettingsForm(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	o, err := s.db.Org(r.Context(), p.Org.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_org", s.consolePage(r, "机构设置与公开指南", map[string]any{"Org": o, "CanEdit": p.CanWrite(o, org.PermManageOrg)}))
}

func (s *Server) saveOrgSettings(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.CanWrite(p.Org, org.PermManageOrg) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有本机构管理员可以修改机构设置"))
		return
	}
	lock, _ := strconv.Atoi(r.PostFormValue("lock_version"))
	u := store.OrgUpdate{Name: strings.TrimSpace(r.PostFormValue("name")), ShortName: strings.TrimSpace(r.PostFormValue("short_name")),
		Host: r.PostFormValue("host"), GuideHTML: r.PostFormValue("guide"), RulesHTML: r.PostFormValue("rules"), LockVersion: lock,
		Contact: org.Contact{OfficeName: r.PostFormValue("office_name"), Address: r.PostFormValue("address"), Postcode: r.PostFormValue("postcode"),
			Phone: r.PostFormValue("phone"), Fax: r.PostFormValue("fax"), Email: r.PostFormValue("email"), OfficeHours: r.PostFormValue("office_hours")}}
	u.GuideHTML, u.RulesHTML = sanitize(u.GuideHTML), sanitize(u.RulesHTML)
	if _, err := s.db.UpdateOrg(r.Context(), store.ActorOf(p), p.Org.ID, u); err != nil {
		o, _ := s.db.Org(r.Context(), p.Org.ID)
		pg := s.consolePage(r, "机构设置与公开指南", map[string]any{"Org": o, "CanEdit": true})
		pg.Error = apperr.From(err)
		s.render(w, r, apperr.Status(pg.Error.Code), "console_org", pg)
		return
	}
	s.forgetHosts()
	http.Redirect(w, r, "/console/org?ok=已保存", http.StatusSeeOther)
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.User.Role.Can(org.PermManageUsers) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有本机构管理员可以管理用户"))
		return
	}
	users, err := s.db.Users(r.Context(), p.Org.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_users", s.consolePage(r, "用户管理", map[string]any{"Users": users}))
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.CanWrite(p.Org, org.PermManageUsers) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有本机构管理员可以管理用户"))
		return
	}
	role, err := org.ParseRole(r.PostFormValue("role"))
	if err == nil {
		_, err = s.db.CreateUser(r.Context(), store.ActorOf(p), org.User{OrgID: p.Org.ID, Username: strings.TrimSpace(r.PostFormValue("username")),
			DisplayName: strings.TrimSpace(r.PostFormValue("display_name")), Role: role}, r.PostFormValue("password"))
	} else {
		err = apperr.New(apperr.Invalid, "请选择角色").OnField("role")
	}
	if err != nil {
		users, _ := s.db.Users(r.Context(), p.Org.ID)
		pg := s.consolePage(r, "用户管理", map[string]any{"Users": users})
		pg.Error = apperr.From(err)
		s.render(w, r, apperr.Status(pg.Error.Code), "console_users", pg)
		return
	}
	http.Redirect(w, r, "/console/users?ok=已创建用户", http.StatusSeeOther)
}

func (s *Server) setUserActive(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	u, err := s.db.User(r.Context(), id)
	if err != nil || u.OrgID != p.Org.ID || !p.CanWrite(p.Org, org.PermManageUsers) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "无权修改该用户"))
		return
	}
	if u.ID == p.User.ID {
		s.renderError(w, r, apperr.New(apperr.Invalid, "不能停用自己的账号"))
		return
	}
	if err := s.db.SetUserActive(r.Context(), store.ActorOf(p), id, r.PostFormValue("active") == "1"); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/users?ok=已更新", http.StatusSeeOther)
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.User.Role.Can(org.PermViewAudit) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "您的角色不能查看审计日志"))
		return
	}
	scope, err := s.readScope(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	entries, err := s.db.AuditEntries(r.Context(), store.AuditFilter{OrgIDs: scope, BeforeSeq: before, Limit: 100})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	next := ""
	if len(entries) == 100 {
		next = "/console/audit?before=" + strconv.FormatInt(entries[99].Seq, 10)
	}
	s.render(w, r, http.StatusOK, "console_audit", s.consolePage(r, "审计日志", map[string]any{"Entries": entries, "Next": next}))
}
