package web

import (
	"encoding/xml"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func (s *Server) today() workday.Date { return workday.DateOf(s.now()) }

// listQuery is a list's filters as read from the query string.
type listQuery struct {
	Year     string
	Topic    string
	Genre    string
	Validity string
	Org      string // organisation code, for platform-wide lists
	Subtree  bool
	Title    string
	Page     int
}

func (q listQuery) encode(page int) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("year", q.Year)
	set("topic", q.Topic)
	set("genre", q.Genre)
	set("validity", q.Validity)
	set("org", q.Org)
	set("title", q.Title)
	if q.Subtree {
		v.Set("subtree", "1")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// parseListQuery reads and checks the filters shared by the portal and the API.
func (s *Server) parseListQuery(r *http.Request, f *store.DocumentFilter) (listQuery, error) {
	qv := r.URL.Query()
	q := listQuery{Year: qv.Get("year"), Topic: qv.Get("topic"), Genre: qv.Get("genre"), Validity: qv.Get("validity"),
		Org: qv.Get("org"), Subtree: qv.Get("subtree") == "1" || qv.Get("subtree") == "true", Title: strings.TrimSpace(qv.Get("title"))}
	if q.Year != "" {
		y, err := strconv.Atoi(q.Year)
		if err != nil || y < 1949 || y > 2100 {
			return q, apperr.New(apperr.Invalid, "年份应为四位数字，如 2025").OnField("year")
		}
		f.Year = y
	}
	if q.Genre != "" {
		g := disclosure.Genre(q.Genre)
		if !g.Valid() {
			return q, apperr.Newf(apperr.Invalid, "未知的信息类别：%s", q.Genre).OnField("genre")
		}
		f.Genre = g
	}
	if q.Topic != "" {
		if len([]rune(q.Topic)) > 60 {
			return q, apperr.New(apperr.Invalid, "主题分类过长").OnField("topic")
		}
		f.Topic = q.Topic
	}
	if q.Validity != "" {
		v := disclosure.Validity(q.Validity)
		if v.Label() == "" {
			return q, apperr.Newf(apperr.Invalid, "未知的有效性：%s", q.Validity).OnField("validity")
		}
		f.Validity = v
		f.Today = s.today()
	}
	if len([]rune(q.Title)) > 100 {
		return q, apperr.New(apperr.Invalid, "标题关键词过长").OnField("title")
	}
	f.TitleLike = q.Title
	if q.Org != "" {
		o, err := s.db.OrgByCode(r.Context(), q.Org)
		if err != nil {
			return q, apperr.Newf(apperr.NotFound, "机构“%s”不存在", q.Org).OnField("org")
		}
		if q.Subtree {
			f.Subtree = &o
		} else {
			f.OrgIDs = []int64{o.ID}
		}
	}
	q.Page = 1
	if p := qv.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 10000 {
			return q, apperr.New(apperr.Invalid, "页码无效").OnField("page")
		}
		q.Page = n
	}
	f.Page = q.Page
	return q, nil
}

type listView struct {
	Query      listQuery
	BaseURL    string
	Page       store.DocumentPage
	PageNum    int
	PageCount  int
	Prev, Next string
	Orgs       map[int64]org.Org
	Today      workday.Date
	Column     *disclosure.Column
	Columns    []disclosure.Column
	FeedRSS    string
	FeedAtom   string
	ShowOrg    bool
	AllOrgs    []org.Org
}

func (s *Server) listView(r *http.Request, base string, q listQuery, p store.DocumentPage, limit int) (*listView, error) {
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	v := &listView{Query: q, BaseURL: base, Page: p, PageNum: q.Page, Orgs: orgs, Today: s.today()}
	v.PageCount = (p.Total + limit - 1) / limit
	if q.Page > 1 {
		v.Prev = base + q.encode(q.Page-1)
	}
	if q.Page < v.PageCount {
		v.Next = base + q.encode(q.Page+1)
	}
	return v, nil
}

func (s *Server) orgMap(r *http.Request) (map[int64]org.Org, error) {
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[int64]org.Org, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o
	}
	return m, nil
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if site := reqCtx(r).site; site != nil {
		s.siteHomeFor(w, r, *site)
		return
	}
	orgs, err := s.db.Orgs(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	latest, err := s.db.Documents(ctx, store.DocumentFilter{Public: true, Limit: 12})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	byLevel := map[org.Level][]org.Org{}
	orgByID := map[int64]org.Org{}
	for _, o := range orgs {
		orgByID[o.ID] = o
		if o.Kind == org.KindGovernment {
			byLevel[o.Level] = append(byLevel[o.Level], o)
		}
	}
	type levelGroup struct {
		Level org.Level
		Orgs  []org.Org
	}
	var groups []levelGroup
	for _, l := range org.Levels {
		if len(byLevel[l]) > 0 {
			groups = append(groups, levelGroup{l, byLevel[l]})
		}
	}
	s.render(w, r, http.StatusOK, "home", &page{Title: "政务公开平台", Data: map[string]any{
		"Levels": groups, "Latest": latest.Documents, "Orgs": orgByID, "Today": s.today(), "OrgCount": len(orgs),
	}})
}

func (s *Server) orgList(w http.ResponseWriter, r *http.Request) {
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// Depth for indentation: count of ids in the path.
	type row struct {
		org.Org
		Depth int
	}
	rows := make([]row, len(orgs))
	for i, o := range orgs {
		rows[i] = row{o, strings.Count(o.Path, "/") - 2}
	}
	s.render(w, r, http.StatusOK, "orgs", &page{Title: "机构导航", Data: rows, Breadcrumbs: []crumb{{"机构导航", ""}}})
}

func (s *Server) orgFromPath(r *http.Request) (org.Org, error) {
	return s.db.OrgByCode(r.Context(), r.PathValue("code"))
}

func (s *Server) siteHome(w http.ResponseWriter, r *http.Request) {
	o, err := s.orgFromPath(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.siteHomeFor(w, r, o)
}

func (s *Server) siteHomeFor(w http.ResponseWriter, r *http.Request, o org.Org) {
	ctx := r.Context()
	cols, err := s.db.Columns(ctx, o.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	latest, err := s.db.Documents(ctx, store.DocumentFilter{Public: true, OrgIDs: []int64{o.ID}, Limit: 10})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	orgs, err := s.db.Orgs(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var children []org.Org
	var parent *org.Org
	for i, x := range orgs {
		if x.ParentID == o.ID {
			children = append(children, x)
		}
		if x.ID == o.ParentID {
			parent = &orgs[i]
		}
	}
	s.render(w, r, http.StatusOK, "site", &page{Title: "%s 政府信息公开", TitleArgs: []any{o.Name}, Site: &o,
		Breadcrumbs: s.orgCrumbs(o, ""),
		Data: map[string]any{"Org": o, "Columns": disclosure.Tree(cols), "Latest": latest.Documents, "Children": children,
			"Parent": parent, "Today": s.today()}})
}

func (s *Server) orgCrumbs(o org.Org, last string) []crumb {
	c := []crumb{{o.DisplayName(), o.SitePath()}}
	if last != "" {
		c = append(c, crumb{last, ""})
	}
	return c
}

func (s *Server) column(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.orgFromPath(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	col, err := s.db.Column(ctx, o.ID, r.PathValue("slug"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	cols, err := s.db.Columns(ctx, o.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := &page{Title: "%s - %s", TitleArgs: []any{msg(col.Name), o.Name}, Site: &o, Breadcrumbs: s.orgCrumbs(o, col.Name)}
	data := map[string]any{"Org": o, "Column": col, "Columns": disclosure.Tree(cols), "Today": s.today()}
	p.Data = data
	switch col.Kind {
	case disclosure.ColumnList:
		area, err := s.areaColumn(r, o, col)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		f := store.DocumentFilter{Public: true, Area: area, Limit: 20}
		q, err := s.parseListQuery(r, &f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		f.OrgIDs, f.Subtree = nil, nil // a column belongs to its site already
		docs, err := s.db.Documents(ctx, f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		lv, err := s.listView(r, o.SitePath()+"c/"+col.Slug, q, docs, 20)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		lv.Column = &col
		lv.FeedRSS = o.SitePath() + "c/" + col.Slug + "/rss.xml"
		lv.FeedAtom = o.SitePath() + "c/" + col.Slug + "/atom.xml"
		data["List"] = lv
	case disclosure.ColumnSection:
		var children []disclosure.Column
		for _, c := range cols {
			if c.ParentID == col.ID {
				children = append(children, c)
			}
		}
		data["Children"] = children
	}
	s.render(w, r, http.StatusOK, "column", p)
}

func (s *Server) documentList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := store.DocumentFilter{Public: true, Limit: 20}
	var site *org.Org
	base := "/docs"
	if code := r.PathValue("code"); code != "" {
		o, err := s.db.OrgByCode(ctx, code)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		site = &o
		base = o.SitePath() + "docs"
	}
	q, err := s.parseListQuery(r, &f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if site != nil && q.Org == "" {
		if q.Subtree {
			f.Subtree = site
		} else {
			f.OrgIDs = []int64{site.ID}
		}
	}
	docs, err := s.db.Documents(ctx, f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lv, err := s.listView(r, base, q, docs, 20)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lv.ShowOrg = true
	lv.AllOrgs, _ = s.db.Orgs(ctx)
	title := "信息公开目录"
	p := &page{Title: title, Site: site, Data: lv, Breadcrumbs: []crumb{{title, ""}}}
	if site != nil {
		p.Breadcrumbs = s.orgCrumbs(*site, "全部信息")
	}
	s.render(w, r, http.StatusOK, "list", p)
}

// documentView is a document page's data.
type documentView struct {
	Doc         disclosure.Document
	Version     disclosure.Version
	Versions    []disclosure.Version
	Attachments []disclosure.Attachment
	Relations   []disclosure.Relation
	Org         org.Org
	Issuers     []string
	Validity    disclosure.Validity
	Old         bool // an older version than the current one
	Preview     bool
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "文件不存在"))
		return
	}
	doc, err := s.db.Document(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if doc.PublishedVersion == 0 {
		s.renderError(w, r, apperr.New(apperr.NotFound, "文件不存在或尚未公开"))
		return
	}
	ver := doc.PublishedVersion
	if vs := r.PathValue("version"); vs != "" {
		ver, err = strconv.Atoi(vs)
		if err != nil {
			s.renderError(w, r, apperr.New(apperr.NotFound, "文件版本不存在"))
			return
		}
	}
	view, err := s.loadDocumentView(r, doc, ver, true)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	o := view.Org
	s.render(w, r, http.StatusOK, "document", &page{Title: "%s", TitleArgs: []any{view.Version.Title}, Site: &o, Data: view,
		Breadcrumbs: s.orgCrumbs(o, "正文")})
}

// loadDocumentView gathers a version with its files, relations and history. publicOnly hides
// unpublished versions and relations.
func (s *Server) loadDocumentView(r *http.Request, doc disclosure.Document, ver int, publicOnly bool) (*documentView, error) {
	ctx := r.Context()
	v, err := s.db.Version(ctx, doc.ID, ver)
	if err != nil {
		return nil, err
	}
	if publicOnly && v.PublishedAt.IsZero() {
		return nil, apperr.New(apperr.NotFound, "文件版本不存在或尚未公开")
	}
	o, err := s.db.Org(ctx, doc.OrgID)
	if err != nil {
		return nil, err
	}
	view := &documentView{Doc: doc, Version: v, Org: o, Old: ver != doc.PublishedVersion}
	view.Attachments, err = s.db.Attachments(ctx, doc.ID, ver)
	if err != nil {
		return nil, err
	}
	view.Relations, err = s.db.Relations(ctx, doc.ID, publicOnly)
	if err != nil {
		return nil, err
	}
	all, err := s.db.Versions(ctx, doc.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range all {
		if !publicOnly || !x.PublishedAt.IsZero() {
			view.Versions = append(view.Versions, x)
		}
	}
	view.Issuers = append([]string{o.Name}, v.Issuers...)
	view.Validity = disclosure.EffectiveValidity(v.Validity, disclosure.DateTime(v.EffectiveOn), disclosure.DateTime(v.ExpiresOn), s.today().Time())
	return view, nil
}

func (s *Server) attachment(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "附件不存在"))
		return
	}
	a, data, err := s.db.Attachment(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	doc, err := s.db.Document(r.Context(), a.DocumentID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The public may fetch files of published versions; staff who may read the organisation, any.
	v, err := s.db.Version(r.Context(), doc.ID, a.Version)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.PublishedAt.IsZero() {
		p := reqCtx(r).principal
		o, err := s.db.Org(r.Context(), doc.OrgID)
		if err != nil || !p.CanRead(o) {
			s.renderError(w, r, apperr.New(apperr.NotFound, "附件不存在"))
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("ETag", `"`+a.SHA256+`"`)
	h.Set("Cache-Control", "public, max-age=86400, immutable")
	if r.Header.Get("If-None-Match") == `"`+a.SHA256+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(data)
}

func (s *Server) elderMode(w http.ResponseWriter, r *http.Request) {
	on := r.URL.Query().Get("on") == "1"
	c := &http.Cookie{Name: "elder", Value: "1", Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if !on {
		c.Value, c.MaxAge = "", -1
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// langPref keeps the chosen UI language (l=en or l=zh-CN) in a cookie; any other value forgets
// the choice, so that Accept-Language decides again.
func (s *Server) langPref(w http.ResponseWriter, r *http.Request) {
	l, ok := parseLocale(r.URL.Query().Get("l"))
	c := &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if !ok {
		c.Value, c.MaxAge = "", -1
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// localNext is where a preference switch returns to: only local paths, so that the switch
// cannot redirect elsewhere.
func localNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /console/\nDisallow: /api/\nDisallow: /prefs/\nSitemap: %s/sitemap.xml\n", baseURL(r))
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []u      `xml:"url"`
	}
	ctx := r.Context()
	base := baseURL(r)
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	set.URLs = append(set.URLs, u{Loc: base + "/"})
	orgs, err := s.db.Orgs(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, o := range orgs {
		set.URLs = append(set.URLs, u{Loc: base + o.SitePath()})
	}
	f := store.DocumentFilter{Public: true, Limit: 100}
	for len(set.URLs) < 45000 {
		p, err := s.db.Documents(ctx, f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, d := range p.Documents {
			set.URLs = append(set.URLs, u{Loc: fmt.Sprintf("%s/d/%d", base, d.ID), LastMod: d.UpdatedAt.UTC().Format("2006-01-02")})
		}
		if p.NextCursor == "" {
			break
		}
		f.Cursor = p.NextCursor
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(set)
}

// areaColumn widens a column of a government's site to its departments and their institutions
// (not to lower governments, which have sites of their own).
func (s *Server) areaColumn(r *http.Request, site org.Org, col disclosure.Column) (*store.AreaColumn, error) {
	area := &store.AreaColumn{ColumnID: col.ID, Genres: col.Genres}
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		return nil, err
	}
	in := map[int64]bool{site.ID: true}
	for _, o := range orgs { // tree order: parents come first
		if in[o.ParentID] && o.Kind != org.KindGovernment {
			in[o.ID] = true
			area.OrgIDs = append(area.OrgIDs, o.ID)
		}
	}
	return area, nil
}

// feed data shared by RSS and Atom.
func (s *Server) feedData(r *http.Request) (org.Org, disclosure.Column, []disclosure.Document, error) {
	ctx := r.Context()
	o, err := s.orgFromPath(r)
	if err != nil {
		return o, disclosure.Column{}, nil, err
	}
	col, err := s.db.Column(ctx, o.ID, r.PathValue("slug"))
	if err != nil {
		return o, col, nil, err
	}
	if col.Kind != disclosure.ColumnList {
		return o, col, nil, apperr.New(apperr.NotFound, "该栏目没有订阅源")
	}
	area, err := s.areaColumn(r, o, col)
	if err != nil {
		return o, col, nil, err
	}
	p, err := s.db.Documents(ctx, store.DocumentFilter{Public: true, Area: area, Limit: 50})
	return o, col, p.Documents, err
}

func (s *Server) feedRSS(w http.ResponseWriter, r *http.Request) {
	o, col, docs, err := s.feedData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := baseURL(r)
	type item struct {
		Title   string `xml:"title"`
		Link    string `xml:"link"`
		GUID    string `xml:"guid"`
		PubDate string `xml:"pubDate"`
		Desc    string `xml:"description"`
	}
	type channel struct {
		Title string `xml:"title"`
		Link  string `xml:"link"`
		Desc  string `xml:"description"`
		Lang  string `xml:"language"`
		Items []item `xml:"item"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel channel  `xml:"channel"`
	}
	feed := rss{Version: "2.0", Channel: channel{Title: o.Name + " - " + col.Name, Link: base + o.SitePath() + "c/" + col.Slug,
		Desc: o.Name + "政府信息公开：" + col.Name, Lang: "zh-CN"}}
	for _, d := range docs {
		link := fmt.Sprintf("%s/d/%d", base, d.ID)
		desc := d.IndexNumber
		if d.DocNumber != "" {
			desc += " " + d.DocNumber
		}
		feed.Channel.Items = append(feed.Channel.Items, item{Title: d.Title, Link: link, GUID: link, PubDate: d.PublishedAt.Format(time.RFC1123Z), Desc: desc})
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(feed)
}

func (s *Server) feedAtom(w http.ResponseWriter, r *http.Request) {
	o, col, docs, err := s.feedData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := baseURL(r)
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	}
	type atom struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	self := base + o.SitePath() + "c/" + col.Slug
	feed := atom{Lang: "zh-CN", Title: o.Name + " - " + col.Name, ID: self, Links: []link{{Href: self}, {Href: self + "/atom.xml", Rel: "self"}}}
	feed.Author.Name = o.Name
	updated := time.Unix(0, 0).UTC()
	for _, d := range docs {
		if d.UpdatedAt.After(updated) {
			updated = d.UpdatedAt
		}
		l := fmt.Sprintf("%s/d/%d", base, d.ID)
		feed.Entries = append(feed.Entries, entry{Title: d.Title, ID: l, Link: link{Href: l}, Updated: d.UpdatedAt.UTC().Format(time.RFC3339),
			Summary: strings.TrimSpace(d.IndexNumber + " " + d.DocNumber)})
	}
	feed.Updated = updated.Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	xml.NewEncoder(w).Encode(feed)
}
