package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/richtext"
	"gongkai/internal/search"
	"gongkai/internal/store"
)

const searchPageSize = 10

// searchRequest is a search as read from the query string.
type searchRequest struct {
	Q      string
	Query  search.Query
	Filter store.DocumentFilter
	List   listQuery
	Page   int
}

func (s *Server) parseSearch(r *http.Request) (*searchRequest, error) {
	sr := &searchRequest{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	q, err := search.ParseQuery(sr.Q)
	if err != nil {
		var qe *search.QueryError
		if errors.As(err, &qe) {
			return sr, apperr.New(apperr.Invalid, qe.Reason).OnField("q")
		}
		return sr, apperr.Wrap(apperr.Invalid, "检索词无法识别", err).OnField("q")
	}
	sr.Query = q
	sr.List, err = s.parseListQuery(r, &sr.Filter)
	if err != nil {
		return sr, err
	}
	sr.Page = sr.List.Page
	if sr.Page*searchPageSize > 1000 {
		return sr, apperr.New(apperr.Invalid, "只能查看前1000条结果，请缩小检索范围").OnField("page")
	}
	sr.Filter.Page, sr.Filter.Limit = 0, 0
	return sr, nil
}

// searchHit is a result as pages and the API show it.
type searchHit struct {
	ID          int64               `json:"id"`
	Title       string              `json:"title"`
	Org         string              `json:"org"`
	OrgName     string              `json:"org_name"`
	DocNumber   string              `json:"doc_number,omitempty"`
	IndexNumber string              `json:"index_number"`
	Genre       disclosure.Genre    `json:"genre"`
	Validity    disclosure.Validity `json:"validity"`
	PublishedAt string              `json:"published_at"`
	Snippet     string              `json:"snippet"`
	Exact       bool                `json:"exact,omitempty"`
	URL         string              `json:"url"`
	Fragments   []search.Fragment   `json:"-"`
	Published   time.Time           `json:"-"`
}

type searchView struct {
	Req        *searchRequest
	Result     store.SearchResult
	Hits       []searchHit
	DidYouMean string
	Prev, Next string
	PageCount  int
	Orgs       []org.Org
}

func (s *Server) runSearch(r *http.Request, sr *searchRequest, limit int) (*searchView, error) {
	v := &searchView{Req: sr, DidYouMean: sr.Query.DocNumberSuggestion()}
	if sr.Query.Empty() {
		return v, nil
	}
	res, err := s.db.Search(r.Context(), sr.Query, store.SearchOptions{Filter: sr.Filter, Offset: (sr.Page - 1) * limit, Limit: limit})
	if err != nil {
		return nil, err
	}
	v.Result = res
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	today := s.today()
	for _, h := range res.Hits {
		d := h.Document
		hit := searchHit{ID: d.ID, Title: d.Title, Org: orgs[d.OrgID].Code, OrgName: orgs[d.OrgID].Name, DocNumber: d.DocNumber,
			IndexNumber: d.IndexNumber, Genre: d.Genre, Validity: d.CurrentValidity(today), Exact: h.Exact,
			PublishedAt: d.PublishedAt.UTC().Format(time.RFC3339), Published: d.PublishedAt, URL: "/d/" + strconv.FormatInt(d.ID, 10)}
		if ver, err := s.db.Version(r.Context(), d.ID, d.PublishedVersion); err == nil {
			hit.Fragments = search.Snippet(richtext.Text(ver.BodyHTML), sr.Query, 120)
			var b strings.Builder
			for _, f := range hit.Fragments {
				b.WriteString(f.Text)
			}
			hit.Snippet = b.String()
		}
		v.Hits = append(v.Hits, hit)
	}
	v.PageCount = (res.Total + limit - 1) / limit
	if v.PageCount > 1000/limit {
		v.PageCount = 1000 / limit
	}
	base := "/search?q=" + url.QueryEscape(sr.Q)
	extra := strings.TrimPrefix(sr.List.encode(0), "?")
	if extra != "" {
		base += "&" + extra
	}
	if sr.Page > 1 {
		v.Prev = base + "&page=" + strconv.Itoa(sr.Page-1)
	}
	if sr.Page < v.PageCount {
		v.Next = base + "&page=" + strconv.Itoa(sr.Page+1)
	}
	return v, nil
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	if !s.limits.allow("search:"+clientIP(r), 60, 120) {
		s.renderError(w, r, apperr.New(apperr.RateLimited, "检索过于频繁，请稍后再试"))
		return
	}
	sr, err := s.parseSearch(r)
	var v *searchView
	if err == nil {
		v, err = s.runSearch(r, sr, searchPageSize)
	}
	if err != nil {
		e := apperr.From(err)
		if e.Code == apperr.Internal {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, apperr.Status(e.Code), "search", &page{Title: "检索", Error: e, Data: &searchView{Req: sr}})
		return
	}
	v.Orgs, _ = s.db.Orgs(r.Context())
	s.render(w, r, http.StatusOK, "search", &page{Title: "检索", Data: v, Breadcrumbs: []crumb{{"检索", ""}}})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	if !s.limits.allow("search:"+clientIP(r), 60, 120) {
		apiError(w, apperr.New(apperr.RateLimited, "检索过于频繁，请稍后再试"))
		return
	}
	sr, err := s.parseSearch(r)
	if err != nil {
		apiError(w, err)
		return
	}
	limit := searchPageSize
	if l := r.URL.Query().Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > 50 {
			apiError(w, apperr.New(apperr.Invalid, "limit 应为 1 至 50").OnField("limit"))
			return
		}
	}
	v, err := s.runSearch(r, sr, limit)
	if err != nil {
		apiError(w, err)
		return
	}
	hits := v.Hits
	if hits == nil {
		hits = []searchHit{}
	}
	facets := map[string][]map[string]any{}
	for name, fs := range v.Result.Facets {
		for _, f := range fs {
			facets[name] = append(facets[name], map[string]any{"value": f.Value, "count": f.Count})
		}
	}
	body := map[string]any{"total": v.Result.Total, "total_capped": v.Result.Capped, "facets_estimated": v.Result.Estimated,
		"hits": hits, "facets": facets, "page": sr.Page}
	if v.DidYouMean != "" {
		body["did_you_mean"] = v.DidYouMean
	}
	writeJSON(w, http.StatusOK, body)
}

// apiSuggest offers titles while typing: published documents whose title contains the words.
func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) {
	if !s.limits.allow("suggest:"+clientIP(r), 120, 600) {
		apiError(w, apperr.New(apperr.RateLimited, "请求过于频繁，请稍后再试"))
		return
	}
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	out := []map[string]any{}
	if len([]rune(text)) >= 2 && len([]rune(text)) <= 50 {
		q, err := search.ParseQuery("title:\"" + strings.ReplaceAll(text, `"`, " ") + "\"")
		if err == nil && !q.Empty() {
			res, err := s.db.Search(r.Context(), q, store.SearchOptions{Limit: 8})
			if err != nil {
				apiError(w, err)
				return
			}
			for _, h := range res.Hits {
				out = append(out, map[string]any{"id": h.Document.ID, "title": h.Document.Title, "url": "/d/" + strconv.FormatInt(h.Document.ID, 10)})
			}
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": out})
}
