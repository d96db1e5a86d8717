package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The supervision dashboard (督查看板) of a supervising organisation, computed live from the
// records (nothing is uploaded or self-reported): one row per subordinate organisation, its
// subtree added up, with the numbers a supervisor follows, each linked to the records behind
// it; a drill-down to the same dashboard rooted at the subordinate; sorting by any column
// without JavaScript; an XLSX export; and server-rendered SVG charts of the last 12 months.

// The dashboard's lists (and columns).
const (
	dashOverdue       = "overdue"       // applications past their reply deadline
	dashSoon          = "soon"          // applications due within 3 working days
	dashProactive     = "proactive"     // proactive information past the Art. 26 deadline
	dashUninterpreted = "uninterpreted" // policies, normative documents and rules without an interpretation
	dashTasks         = "tasks"         // ledger tasks past their deadline
)

var dashKinds = []string{dashOverdue, dashSoon, dashProactive, dashUninterpreted, dashTasks}

// dashKindTitle is the catalog key naming a list.
var dashKindTitle = map[string]string{
	dashOverdue:       "超期未答复的申请",
	dashSoon:          "3个工作日内到期的申请",
	dashProactive:     "超过条例第二十六条时限未公开的信息",
	dashUninterpreted: "缺少政策解读的文件",
	dashTasks:         "逾期未完成的台账任务",
}

// interpretedGenres are the genres whose documents are expected to come with an interpretation.
var interpretedGenres = []disclosure.Genre{disclosure.GenrePolicy, disclosure.GenreNormative, disclosure.GenreRule}

// dashCounts are the numbers of one organisation, or of a subtree added up.
type dashCounts struct {
	Overdue, Soon, Proactive, Uninterpreted, Tasks int
	// Annual reports of last year: organisations, published by the deadline, published late,
	// not published with the deadline passed, not yet published before the deadline.
	Reports, OnTime, Late, Missing, Pending int
}

func (c *dashCounts) add(o dashCounts) {
	c.Overdue += o.Overdue
	c.Soon += o.Soon
	c.Proactive += o.Proactive
	c.Uninterpreted += o.Uninterpreted
	c.Tasks += o.Tasks
	c.Reports += o.Reports
	c.OnTime += o.OnTime
	c.Late += o.Late
	c.Missing += o.Missing
	c.Pending += o.Pending
}

// NotOnTime is the number of reports not published by the deadline (late, missing or pending).
func (c dashCounts) NotOnTime() int { return c.Reports - c.OnTime }

// Count is a column by its key.
func (c dashCounts) Count(kind string) int {
	switch kind {
	case dashOverdue:
		return c.Overdue
	case dashSoon:
		return c.Soon
	case dashProactive:
		return c.Proactive
	case dashUninterpreted:
		return c.Uninterpreted
	case dashTasks:
		return c.Tasks
	case "reports":
		return c.NotOnTime()
	}
	return 0
}

// dashData is what the dashboard knows of a subtree, organisation by organisation.
type dashData struct {
	root       org.Org
	orgs       []org.Org // the subtree, in tree order
	counts     map[int64]*dashCounts
	proactive  map[int64][]deadlineInfo
	docs       map[int64][]disclosure.Document // without an interpretation
	tasks      map[int64][]ledger.Task         // overdue, by owner
	reportYear int
}

// dashboardData computes the dashboard of root's subtree; only the lists named in kinds are
// gathered (all of them when kinds is nil), the annual reports only with all.
func (s *Server) dashboardData(r *http.Request, root org.Org, kinds []string) (*dashData, error) {
	ctx := r.Context()
	all, err := s.db.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	d := &dashData{root: root, counts: map[int64]*dashCounts{}, proactive: map[int64][]deadlineInfo{},
		docs: map[int64][]disclosure.Document{}, tasks: map[int64][]ledger.Task{}, reportYear: s.today().Year - 1}
	byID := map[int64]org.Org{}
	var ids []int64
	for _, o := range all {
		if o.InSubtreeOf(root) {
			d.orgs = append(d.orgs, o)
			d.counts[o.ID] = &dashCounts{}
			byID[o.ID] = o
			ids = append(ids, o.ID)
		}
	}
	want := func(k string) bool { return kinds == nil || slices.Contains(kinds, k) }
	if want(dashOverdue) || want(dashSoon) {
		// Counted in SQL, however many there are; the lists behind them are paged (urgentList).
		today, soonUntil := s.urgentWindow(ctx)
		overdue, soon, err := s.db.UrgentRequestCounts(ctx, ids, today, soonUntil)
		if err != nil {
			return nil, err
		}
		for id, c := range d.counts {
			if want(dashOverdue) {
				c.Overdue = overdue[id]
			}
			if want(dashSoon) {
				c.Soon = soon[id]
			}
		}
	}
	if want(dashProactive) {
		dl, err := s.deadlines(r, ids)
		if err != nil {
			return nil, err
		}
		for _, x := range dl {
			if x.Overdue {
				d.counts[x.Doc.OrgID].Proactive++
				d.proactive[x.Doc.OrgID] = append(d.proactive[x.Doc.OrgID], x)
			}
		}
	}
	if want(dashUninterpreted) {
		docs, err := s.db.UninterpretedDocuments(ctx, ids, interpretedGenres)
		if err != nil {
			return nil, err
		}
		for _, doc := range docs {
			d.counts[doc.OrgID].Uninterpreted++
			d.docs[doc.OrgID] = append(d.docs[doc.OrgID], doc)
		}
	}
	if want(dashTasks) {
		tasks, err := s.db.Tasks(ctx, store.TaskFilter{OrgIDs: ids})
		if err != nil {
			return nil, err
		}
		for _, t := range tasks {
			if c, ok := d.counts[t.OwnerOrgID]; ok && t.IsOverdue(s.now()) {
				c.Tasks++
				d.tasks[t.OwnerOrgID] = append(d.tasks[t.OwnerOrgID], t)
			}
		}
	}
	if kinds == nil {
		today := s.today()
		for _, o := range d.orgs {
			draft, err := s.db.ReportDraftOf(ctx, o.ID, d.reportYear)
			if err != nil {
				return nil, err
			}
			c := d.counts[o.ID]
			c.Reports++
			deadline := store.ReportDeadline(o, d.reportYear)
			switch {
			case draft.Published && !workday.DateOf(draft.PublishedAt).After(deadline):
				c.OnTime++
			case draft.Published:
				c.Late++
			case today.After(deadline):
				c.Missing++
			default:
				c.Pending++
			}
		}
	}
	return d, nil
}

// urgentWindow is today and the last day of "due soon": the third working day after today, so
// that an application due then has at most 3 working days left.
func (s *Server) urgentWindow(ctx context.Context) (today, soonUntil workday.Date) {
	cl := s.clocking(ctx)
	today = cl.Today
	soonUntil, err := cl.Cal.AddWorkdays(today, 3, false)
	if err != nil {
		soonUntil = today.AddDays(3)
	}
	return today, soonUntil
}

// urgentPageSize is the number of applications on a page of the overdue and due-soon lists.
const urgentPageSize = 100

// urgentList is a page of the applications behind an overdue or due-soon number (the same
// filters as UrgentRequestCounts), most urgent first, with their clocks computed today.
func (s *Server) urgentList(ctx context.Context, kind string, ids []int64, orgs map[int64]org.Org, page int) ([]requestRow, error) {
	today, soonUntil := s.urgentWindow(ctx)
	f := store.RequestFilter{OrgIDs: ids, Open: true, NotPaused: true, Limit: urgentPageSize, Offset: (page - 1) * urgentPageSize}
	if kind == dashOverdue {
		f.DueUntil = today.AddDays(-1)
	} else {
		f.DueFrom, f.DueUntil = today, soonUntil
	}
	reqs, err := s.db.Requests(ctx, f)
	if err != nil {
		return nil, err
	}
	cl := s.clocking(ctx)
	var out []requestRow
	for _, req := range reqs {
		c, err := s.db.RequestClock(ctx, req.ID, cl)
		if err != nil {
			return nil, err
		}
		out = append(out, requestRow{Request: listed(req), Org: orgs[req.OrgID], Clock: c, Urgency: urgency(c), Left: c.Left})
	}
	return out, nil
}

// sum adds up the counts of o's subtree (only o's own with self).
func (d *dashData) sum(o org.Org, self bool) dashCounts {
	var c dashCounts
	for _, x := range d.orgs {
		if countedFor(x, o, self) {
			c.add(*d.counts[x.ID])
		}
	}
	return c
}

// countedFor reports whether x is counted for o: o itself, or o's subtree unless self.
func countedFor(x, o org.Org, self bool) bool { return x.ID == o.ID || (!self && x.InSubtreeOf(o)) }

// dashRow is a line of the dashboard.
type dashRow struct {
	Org   org.Org
	Self  bool   // the root's own numbers, its subtree left out
	Drill string // the dashboard rooted at this organisation
	List  string // the query of the lists behind the numbers
	dashCounts
}

// Link is the list behind a number.
func (r dashRow) Link(kind string) string { return "/console/dashboard/list/" + kind + r.List }

// chartSeries is one series of a bar chart.
type chartSeries struct {
	Name   string
	Fill   string
	Values []int
}

// chartData is a chart with its data table.
type chartData struct {
	ID, Title, Desc string
	Bar             string // format of a bar's tooltip: month, series, value
	Labels          []string
	Series          []chartSeries
	SVG             template.HTML
}

type dashView struct {
	Root       org.Org
	Ancestors  []org.Org // from the principal's organisation down to the root's parent
	Rows       []dashRow
	Total      dashCounts
	Sort       string
	Desc       bool
	Query      string
	ReportYear int
	Today      workday.Date
	Charts     []chartData
}

// dashColumns are the sortable columns: "name" and the counts.
var dashColumns = []string{"name", dashOverdue, dashSoon, dashProactive, dashUninterpreted, dashTasks, "reports"}

// SortURL is the link of a column's heading: sorted by it, the other way round when it already is.
func (v *dashView) SortURL(col string) string {
	q := url.Values{}
	if v.Query != "" {
		q.Set("org", v.Root.Code)
	}
	q.Set("sort", col)
	desc := col != "name"
	if col == v.Sort {
		desc = !v.Desc
	}
	if desc {
		q.Set("dir", "desc")
	} else {
		q.Set("dir", "asc")
	}
	return "/console/dashboard?" + q.Encode()
}

// AriaSort is the aria-sort value of a column's heading.
func (v *dashView) AriaSort(col string) string {
	switch {
	case col != v.Sort:
		return ""
	case v.Desc:
		return "descending"
	}
	return "ascending"
}

// XLSXURL is the export of the dashboard as shown.
func (v *dashView) XLSXURL() string {
	q := url.Values{}
	if v.Query != "" {
		q.Set("org", v.Root.Code)
	}
	if v.Sort != "" {
		q.Set("sort", v.Sort)
		if v.Desc {
			q.Set("dir", "desc")
		} else {
			q.Set("dir", "asc")
		}
	}
	if len(q) == 0 {
		return "/console/dashboard.xlsx"
	}
	return "/console/dashboard.xlsx?" + q.Encode()
}

// dashboardRoot is the organisation the dashboard is rooted at; only supervisors see it.
func (s *Server) dashboardRoot(r *http.Request) (org.Org, error) {
	p := reqCtx(r).principal
	if !p.User.Role.Can(org.PermReadSubtree) {
		return org.Org{}, apperr.New(apperr.Forbidden, "只有监督员可以查看督查看板")
	}
	return s.targetOrg(r)
}

func (s *Server) dashboardView(r *http.Request) (*dashView, error) {
	p := reqCtx(r).principal
	root, err := s.dashboardRoot(r)
	if err != nil {
		return nil, err
	}
	d, err := s.dashboardData(r, root, nil)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	v := &dashView{Root: root, Query: orgQuery(p, root), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", ReportYear: d.reportYear, Today: s.today()}
	if v.Sort != "" && !slices.Contains(dashColumns, v.Sort) {
		return nil, apperr.New(apperr.Invalid, "无法按该列排序").OnField("sort")
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	for _, idText := range strings.Split(strings.Trim(root.Path, "/"), "/") {
		id, _ := strconv.ParseInt(idText, 10, 64)
		if a, ok := orgs[id]; ok && id != root.ID && p.CanRead(a) {
			v.Ancestors = append(v.Ancestors, a)
		}
	}
	listQuery := func(o org.Org, self bool) string {
		q := "?org=" + url.QueryEscape(o.Code)
		if self {
			q += "&self=1"
		}
		return q
	}
	v.Rows = append(v.Rows, dashRow{Org: root, Self: true, List: listQuery(root, true), dashCounts: d.sum(root, true)})
	var children []dashRow
	for _, o := range d.orgs {
		if o.ParentID == root.ID {
			children = append(children, dashRow{Org: o, Drill: "/console/dashboard?org=" + url.QueryEscape(o.Code), List: listQuery(o, false), dashCounts: d.sum(o, false)})
		}
	}
	if v.Sort != "" {
		slices.SortStableFunc(children, func(a, b dashRow) int {
			var c int
			if v.Sort == "name" {
				c = strings.Compare(a.Org.Name, b.Org.Name)
			} else {
				c = a.Count(v.Sort) - b.Count(v.Sort)
			}
			if v.Desc {
				c = -c
			}
			return c
		})
	}
	v.Rows = append(v.Rows, children...)
	v.Total = d.sum(root, false)
	if v.Charts, err = s.dashboardCharts(r, d); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.dashboardView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_dashboard", s.consolePage(r, "督查看板：%s", v, v.Root.Name))
}

// ---------------------------------------------------------------- charts

// lastMonths are the 12 months up to and including today's, oldest first ("2025-12").
func lastMonths(today workday.Date) []string {
	var out []string
	for i := 11; i >= 0; i-- {
		t := time.Date(today.Year, today.Month-time.Month(i), 1, 0, 0, 0, 0, time.UTC)
		out = append(out, t.Format("2006-01"))
	}
	return out
}

// dashboardCharts are the trends of the subtree over the last 12 months: applications received
// and replied to, and documents published, by month.
func (s *Server) dashboardCharts(r *http.Request, d *dashData) ([]chartData, error) {
	ctx := r.Context()
	lang := reqCtx(r).locale()
	months := lastMonths(s.today())
	first, _ := workday.ParseDate(months[0] + "-01")
	var ids []int64
	for _, o := range d.orgs {
		ids = append(ids, o.ID)
	}
	received, replied, err := s.db.RequestActivity(ctx, ids, first)
	if err != nil {
		return nil, err
	}
	published, err := s.publishedByMonth(ctx, ids, first)
	if err != nil {
		return nil, err
	}
	series := func(name, fill string, m map[string]int) chartSeries {
		c := chartSeries{Name: lang.t(name), Fill: fill}
		for _, month := range months {
			c.Values = append(c.Values, m[month])
		}
		return c
	}
	charts := []chartData{
		{ID: "chart-requests", Title: lang.t("依申请公开：每月收到和答复的申请"),
			Desc:   lang.tf("%s及其下级机构最近12个月每月收到的政府信息公开申请数和作出答复数。", d.root.Name),
			Labels: months, Series: []chartSeries{series("收到申请", "#0b4f8a", received), series("作出答复", "#1d6b35", replied)}},
		{ID: "chart-documents", Title: lang.t("主动公开：每月发布的文件"),
			Desc:   lang.tf("%s及其下级机构最近12个月每月发布的文件数。", d.root.Name),
			Labels: months, Series: []chartSeries{series("发布文件", "#a4161a", published)}},
	}
	for i := range charts {
		charts[i].Bar = lang.t("%s %s：%d")
		charts[i].SVG = barChart(charts[i])
	}
	return charts, nil
}

// publishedByMonth counts the documents of the organisations published per month since from.
func (s *Server) publishedByMonth(ctx context.Context, ids []int64, from workday.Date) (map[string]int, error) {
	out := map[string]int{}
	cursor := ""
	for {
		pg, err := s.db.Documents(ctx, store.DocumentFilter{Public: true, OrgIDs: ids, Cursor: cursor, Limit: 100})
		if err != nil {
			return nil, err
		}
		for _, doc := range pg.Documents {
			day := workday.DateOf(doc.PublishedAt)
			if day.Before(from) {
				return out, nil // newest first: the rest is older
			}
			out[fmt.Sprintf("%04d-%02d", day.Year, int(day.Month))]++
		}
		if cursor = pg.NextCursor; cursor == "" {
			return out, nil
		}
	}
}

// niceCeil is the smallest of 1, 2, 5 × 10^k (at least 4) that is not below n, for an axis.
func niceCeil(n int) int {
	if n < 4 {
		return 4
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*p >= n && m*p >= 4 {
				return m * p
			}
		}
	}
}

// barChart draws a grouped bar chart as inline SVG: readable without JavaScript, with a title
// and a description for assistive technology and a tooltip (title) on every bar.
func barChart(c chartData) template.HTML {
	const w, h, left, right, top, bottom = 720.0, 270.0, 44.0, 12.0, 36.0, 44.0
	plotW, plotH := w-left-right, h-top-bottom
	maxV := 0
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	axis := niceCeil(maxV)
	bar := c.Bar
	if bar == "" {
		bar = "%s %s：%d"
	}
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%s" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-title %s-desc">`,
		esc(c.ID), w, h, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
	// Legend.
	x := left
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<rect x="%.1f" y="10" width="14" height="14" fill="%s"/><text x="%.1f" y="22" font-size="13" fill="#1a1a1a">%s</text>`,
			x, esc(s.Fill), x+20, esc(s.Name))
		x += 40 + 14*float64(len([]rune(s.Name)))
	}
	// Grid and axis.
	for i := 0; i <= 4; i++ {
		v := axis * i / 4
		y := top + plotH - plotH*float64(v)/float64(axis)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d0d4da" stroke-width="1"/>`, left, y, w-right, y)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="end" fill="#555">%d</text>`, left-6, y+4, v)
	}
	n := len(c.Labels)
	if n == 0 || len(c.Series) == 0 {
		b.WriteString(`</svg>`)
		return template.HTML(b.String())
	}
	groupW := plotW / float64(n)
	barW := groupW * 0.8 / float64(len(c.Series))
	for i, label := range c.Labels {
		gx := left + groupW*float64(i) + groupW*0.1
		for k, s := range c.Series {
			v := 0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			bh := plotH * float64(v) / float64(axis)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s</title></rect>`,
				gx+barW*float64(k), top+plotH-bh, barW, bh, esc(s.Fill), esc(fmt.Sprintf(bar, label, s.Name, v)))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="#555">%s</text>`, left+groupW*(float64(i)+0.5), h-bottom+16, esc(label))
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#555" stroke-width="1"/>`, left, top+plotH, w-right, top+plotH)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// ---------------------------------------------------------------- export

func (s *Server) dashboardXLSX(w http.ResponseWriter, r *http.Request) {
	v, err := s.dashboardView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lang := reqCtx(r).locale()
	f := excelize.NewFile()
	defer f.Close()
	sheet := lang.t("督查看板")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		s.renderError(w, r, err)
		return
	}
	head := []any{lang.t("机构"), lang.t("超期未答复的申请"), lang.t("3个工作日内到期的申请"), lang.t("超过条例第二十六条时限未公开的信息"),
		lang.t("缺少政策解读的文件"), lang.t("逾期未完成的台账任务"), lang.tf("%d年度报告：机构数", v.ReportYear), lang.t("按期发布"), lang.t("逾期发布"),
		lang.t("逾期未发布"), lang.t("尚未发布（未到期限）")}
	rows := [][]any{{lang.tf("督查看板：%s", v.Root.Name) + " · " + v.Today.String()}, head}
	line := func(name string, c dashCounts) []any {
		return []any{name, c.Overdue, c.Soon, c.Proactive, c.Uninterpreted, c.Tasks, c.Reports, c.OnTime, c.Late, c.Missing, c.Pending}
	}
	for _, row := range v.Rows {
		name := row.Org.Name
		if row.Self {
			name += lang.t("（本机关）")
		}
		rows = append(rows, line(name, row.dashCounts))
	}
	rows = append(rows, line(lang.t("合计"), v.Total))
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	f.SetColWidth(sheet, "A", "A", 36)
	f.SetColWidth(sheet, "B", "K", 16)
	trend := lang.t("月度趋势")
	if _, err := f.NewSheet(trend); err != nil {
		s.renderError(w, r, err)
		return
	}
	header := []any{lang.t("月份")}
	for _, c := range v.Charts {
		for _, s := range c.Series {
			header = append(header, s.Name)
		}
	}
	f.SetSheetRow(trend, "A1", &header)
	for i, month := range v.Charts[0].Labels {
		row := []any{month}
		for _, c := range v.Charts {
			for _, s := range c.Series {
				row = append(row, s.Values[i])
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow(trend, cell, &row)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	download(w, xlsxType, "dashboard-"+v.Root.Code+".xlsx", lang.tf("督查看板：%s", v.Root.Name)+".xlsx", buf.Bytes())
}

// ---------------------------------------------------------------- the lists behind the numbers

type dashListView struct {
	Root      org.Org
	Kind      string
	Self      bool
	Title     string
	Requests  []requestRow
	Proactive []deadlineInfo
	Docs      []disclosure.Document
	Tasks     []taskRow
	Orgs      map[int64]org.Org
	Back      string
	Today     workday.Date
	// Paging of the overdue and due-soon lists: the page, the number of applications in all, and
	// the links to the pages before and after (empty at the ends).
	Page, Total      int
	PrevURL, NextURL string
}

// dashboardList lists the records behind a number of the dashboard: ?org=CODE for the subtree
// of an organisation, with &self=1 for the organisation alone.
func (s *Server) dashboardList(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	kind := r.PathValue("kind")
	if !slices.Contains(dashKinds, kind) {
		s.renderError(w, r, apperr.New(apperr.NotFound, "没有这个督查清单"))
		return
	}
	root, err := s.dashboardRoot(r)
	var d *dashData
	if err == nil {
		d, err = s.dashboardData(r, root, []string{kind})
	}
	var orgs map[int64]org.Org
	if err == nil {
		orgs, err = s.orgMap(r)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	self := r.URL.Query().Get("self") == "1"
	v := &dashListView{Root: root, Kind: kind, Self: self, Title: dashKindTitle[kind], Orgs: orgs, Today: s.today()}
	v.Back = "/console/dashboard" + orgQuery(p, root)
	var ids []int64
	for _, o := range d.orgs {
		if !countedFor(o, root, self) {
			continue
		}
		ids = append(ids, o.ID)
		v.Total += d.counts[o.ID].Count(kind)
		v.Proactive = append(v.Proactive, d.proactive[o.ID]...)
		v.Docs = append(v.Docs, d.docs[o.ID]...)
		for _, t := range d.tasks[o.ID] {
			v.Tasks = append(v.Tasks, s.taskRow(t, orgs))
		}
	}
	if kind == dashOverdue || kind == dashSoon {
		v.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
		v.Page = max(v.Page, 1)
		if v.Requests, err = s.urgentList(r.Context(), kind, ids, orgs, v.Page); err != nil {
			s.renderError(w, r, err)
			return
		}
		pageURL := func(n int) string {
			q := r.URL.Query()
			q.Set("page", strconv.Itoa(n))
			return r.URL.Path + "?" + q.Encode()
		}
		if v.Page > 1 {
			v.PrevURL = pageURL(v.Page - 1)
		}
		if v.Page*urgentPageSize < v.Total {
			v.NextURL = pageURL(v.Page + 1)
		}
	}
	slices.SortStableFunc(v.Tasks, func(a, b taskRow) int { return a.Task.Due().Compare(b.Task.Due()) })
	title := "督查清单：%s（%s）"
	if self {
		title = "督查清单：%s（%s，不含下级）"
	}
	s.render(w, r, http.StatusOK, "console_dashboard_list", s.consolePage(r, title, v, msg(v.Title), root.Name))
}
