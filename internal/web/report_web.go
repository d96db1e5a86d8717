package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/report"
	"gongkai/internal/request"
	"gongkai/internal/richtext"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Issue 5 on the web: the annual report of an organisation (draft, checks, publication and
// downloads), the roll-up of an area, the task ledger and the supervision dashboard. The routes
// are registered here; the handlers live in report_web.go, ledger_web.go and dashboard_web.go.

func (s *Server) issue5Routes(m *http.ServeMux, api func(string, http.HandlerFunc)) {
	// Annual report (年度报告): {year} is "2025" for the page, "2025.xlsx", "2025.docx" or
	// "2025.json" for the downloads.
	m.HandleFunc("GET /console/reports/{year}", s.staff(s.reportPage))
	m.HandleFunc("POST /console/reports/{year}", s.staff(s.saveReport))
	m.HandleFunc("POST /console/reports/{year}/publish", s.staff(s.publishReport))
	m.HandleFunc("GET /console/reports/{year}/cells/{ref}", s.staff(s.reportCell))
	m.HandleFunc("GET /console/rollup/{year}", s.staff(s.rollupPage))
	m.HandleFunc("GET /console/rollup/{year}/cells/{ref}", s.staff(s.rollupCell))
	m.HandleFunc("GET /o/{code}/annual-reports/{file}", s.cached(s.publicReport))

	// Task ledger (工作台账).
	m.HandleFunc("GET /console/ledger", s.staff(s.ledgerPage))
	m.HandleFunc("GET /console/ledger/review", s.staff(s.ledgerReview))
	m.HandleFunc("POST /console/ledger/tasks", s.staff(s.assignTasks))
	m.HandleFunc("GET /console/ledger/tasks/{id}", s.staff(s.taskPage))
	m.HandleFunc("POST /console/ledger/tasks/{id}/progress", s.staff(s.addTaskProgress))
	m.HandleFunc("POST /console/ledger/tasks/{id}/status", s.staff(s.changeTaskStatus))
	m.HandleFunc("POST /console/ledger/tasks/{id}/carry", s.staff(s.carryOverTask))

	// Supervision dashboard (督查看板).
	m.HandleFunc("GET /console/dashboard", s.staff(s.dashboardPage))
	m.HandleFunc("GET /console/dashboard.xlsx", s.staff(s.dashboardXLSX))
	m.HandleFunc("GET /console/dashboard/list/{kind}", s.staff(s.dashboardList))

	api("GET /api/v1/orgs/{code}/annual-reports/{year}", s.apiAnnualReport)
}

// ---------------------------------------------------------------- helpers shared by issue 5

// targetOrg is the organisation a console page is about: ?org=CODE, else the principal's own.
// The principal must be able to read it (its own, or in a supervisor's subtree); otherwise the
// answer is the same as for an organisation that does not exist.
func (s *Server) targetOrg(r *http.Request) (org.Org, error) {
	p := reqCtx(r).principal
	code := strings.TrimSpace(r.URL.Query().Get("org"))
	if code == "" || code == p.Org.Code {
		return s.db.Org(r.Context(), p.Org.ID)
	}
	o, err := s.db.OrgByCode(r.Context(), code)
	if err != nil || !p.CanRead(o) {
		return org.Org{}, apperr.New(apperr.NotFound, "机构不存在或无权查看")
	}
	return o, nil
}

// orgQuery is the query string that keeps a page on organisation o ("" for the principal's own).
func orgQuery(p *org.Principal, o org.Org) string {
	if o.ID == p.Org.ID {
		return ""
	}
	return "?org=" + url.QueryEscape(o.Code)
}

// reportYear reads a report year from the path: "2025", or "2025.xlsx" and the like (ext is then
// ".xlsx"). Years run from 2019 (the revised 条例) to the current one.
func (s *Server) reportYear(v string) (year int, ext string, err error) {
	if i := strings.IndexByte(v, '.'); i >= 0 {
		v, ext = v[:i], v[i:]
	}
	year, err = strconv.Atoi(v)
	if err != nil || year < 2019 || year > s.today().Year {
		return 0, "", apperr.New(apperr.NotFound, "没有该年度的年度报告")
	}
	return year, ext, nil
}

// download sends a file with a Chinese name (and an ASCII fallback for old clients).
func download(w http.ResponseWriter, contentType, asciiName, name string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName, url.PathEscape(name)))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// sendReport writes a report in the format named by ext (".xlsx", ".docx" or ".json").
func (s *Server) sendReport(w http.ResponseWriter, r *http.Request, rep report.Report, o org.Org, ext string, snapshot []byte) {
	var data []byte
	var err error
	ctype := ""
	switch ext {
	case ".xlsx":
		ctype = xlsxType
		data, err = report.XLSX(rep)
	case ".docx":
		ctype = docxType
		data, err = report.DOCX(rep)
	case ".json":
		ctype = "application/json; charset=utf-8"
		if snapshot != nil {
			data = snapshot
		} else {
			data, err = report.JSON(rep)
		}
	default:
		s.renderError(w, r, apperr.New(apperr.NotFound, "没有该格式的年度报告"))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	download(w, ctype, fmt.Sprintf("annual-report-%s-%d%s", o.Code, rep.Year, ext), rep.Title()+ext, data)
}

// reportFromJSON reads a report back from its JSON (the issued copy kept at publication), so
// that the published report can be rendered again as HTML, XLSX and DOCX exactly as issued. The
// records behind the cells are not in the JSON (Sources is empty).
func reportFromJSON(b []byte) (report.Report, error) {
	var j struct {
		Format   report.Format `json:"format"`
		Org      string        `json:"org"`
		Year     int           `json:"year"`
		Overview string        `json:"overview"`
		Problems string        `json:"problems"`
		Table2   struct {
			Groups []struct {
				Columns []report.Column2 `json:"columns"`
				Rows    []struct {
					ID    string        `json:"id"`
					Cells []json.Number `json:"cells"`
				} `json:"rows"`
			} `json:"groups"`
		} `json:"table2"`
		Table3 struct {
			Rows []struct {
				ID    string `json:"id"`
				Cells []int  `json:"cells"`
			} `json:"rows"`
		} `json:"table3"`
		Table4 struct {
			Cells []int `json:"cells"`
		} `json:"table4"`
		Other struct {
			Fees   report.FeeFacts    `json:"fees"`
			Ledger report.LedgerFacts `json:"ledger"`
			Text   string             `json:"text"`
		} `json:"other"`
		Anomalies []report.Anomaly `json:"anomalies"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return report.Report{}, fmt.Errorf("web: published report: %w", err)
	}
	rep := report.Report{Org: j.Org, Year: j.Year, Format: j.Format, Overview: j.Overview, Problems: j.Problems,
		Other: report.Other{Fees: j.Other.Fees, Ledger: j.Other.Ledger, Text: j.Other.Text}, Anomalies: j.Anomalies, Sources: map[report.Ref][]int64{}}
	if !rep.Format.Valid() {
		return rep, fmt.Errorf("web: published report: unknown format %q", j.Format)
	}
	for _, g := range j.Table2.Groups {
		for _, row := range g.Rows {
			for k, c := range row.Cells {
				var v int64
				var err error
				if k < len(g.Columns) && g.Columns[k].Unit != "" {
					v, err = report.ParseWan(c.String())
				} else {
					v, err = c.Int64()
				}
				if err != nil {
					return rep, fmt.Errorf("web: published report: table 二 %s: %w", row.ID, err)
				}
				rep.Table2.Set(row.ID, k+1, v)
			}
		}
	}
	for _, row := range j.Table3.Rows {
		if i := rep.Format.RowIndex(row.ID); i >= 0 {
			copy(rep.Table3.Cells[i][:], row.Cells)
		}
	}
	copy(rep.Table4.Cells[:], j.Table4.Cells)
	return rep, nil
}

// ---------------------------------------------------------------- the annual report page

// manualField is an entered cell of table 二 and where it lives in report.Manual.
type manualField struct {
	name string
	ref  report.Ref
	get  func(*report.Manual) int64
	set  func(*report.Manual, int64)
}

func intField(name, row string, col int, p func(*report.Manual) *int) manualField {
	return manualField{name: name, ref: report.Ref{Table: "二", Row: row, Col: col},
		get: func(m *report.Manual) int64 { return int64(*p(m)) }, set: func(m *report.Manual, v int64) { *p(m) = int(v) }}
}

func amountField(name, row string, col int, p func(*report.Manual) *int64) manualField {
	return manualField{name: name, ref: report.Ref{Table: "二", Row: row, Col: col},
		get: func(m *report.Manual) int64 { return *p(m) }, set: func(m *report.Manual, v int64) { *p(m) = v }}
}

// manualFields are the cells staff enter, in the order of the format's table 二.
func manualFields(f report.Format) []manualField {
	if f == report.Format2019 {
		return []manualField{
			intField("licensing_prev", report.RowLicensing, 1, func(m *report.Manual) *int { return &m.Old.LicensingPrev }),
			intField("licensing_change", report.RowLicensing, 2, func(m *report.Manual) *int { return &m.Old.LicensingChange }),
			intField("licensing", report.RowLicensing, 3, func(m *report.Manual) *int { return &m.Licensing }),
			intField("other_services_prev", report.RowOtherServices, 1, func(m *report.Manual) *int { return &m.Old.OtherServicesPrev }),
			intField("other_services_change", report.RowOtherServices, 2, func(m *report.Manual) *int { return &m.Old.OtherServicesChange }),
			intField("other_services", report.RowOtherServices, 3, func(m *report.Manual) *int { return &m.Old.OtherServices }),
			intField("penalty_prev", report.RowPenalty, 1, func(m *report.Manual) *int { return &m.Old.PenaltyPrev }),
			intField("penalty_change", report.RowPenalty, 2, func(m *report.Manual) *int { return &m.Old.PenaltyChange }),
			intField("penalty", report.RowPenalty, 3, func(m *report.Manual) *int { return &m.Penalty }),
			intField("enforcement_prev", report.RowEnforcement, 1, func(m *report.Manual) *int { return &m.Old.EnforcementPrev }),
			intField("enforcement_change", report.RowEnforcement, 2, func(m *report.Manual) *int { return &m.Old.EnforcementChange }),
			intField("enforcement", report.RowEnforcement, 3, func(m *report.Manual) *int { return &m.Enforcement }),
			intField("fees_prev", report.RowFees, 1, func(m *report.Manual) *int { return &m.Old.FeesPrev }),
			intField("fees_change", report.RowFees, 2, func(m *report.Manual) *int { return &m.Old.FeesChange }),
			intField("procurement_projects", report.RowProcurement, 1, func(m *report.Manual) *int { return &m.Old.ProcurementProjects }),
			amountField("procurement_amount", report.RowProcurement, 2, func(m *report.Manual) *int64 { return &m.Old.ProcurementAmount }),
		}
	}
	return []manualField{
		intField("licensing", report.RowLicensing, 1, func(m *report.Manual) *int { return &m.Licensing }),
		intField("penalty", report.RowPenalty, 1, func(m *report.Manual) *int { return &m.Penalty }),
		intField("enforcement", report.RowEnforcement, 1, func(m *report.Manual) *int { return &m.Enforcement }),
		amountField("fees", report.RowFees, 1, func(m *report.Manual) *int64 { return &m.Fees }),
	}
}

// column2 is the column of table 二 a cell is in.
func column2(f report.Format, ref report.Ref) report.Column2 {
	for _, g := range f.Groups2() {
		for _, row := range g.Rows {
			if row.ID == ref.Row && ref.Col >= 1 && ref.Col <= len(g.Columns) {
				return g.Columns[ref.Col-1]
			}
		}
	}
	return report.Column2{}
}

// reportField is an entered cell on the form.
type reportField struct {
	Name, Label, Value, Unit string
	Signed                   bool
}

func reportFields(f report.Format, m report.Manual, typed url.Values) []reportField {
	var out []reportField
	for _, mf := range manualFields(f) {
		col := column2(f, mf.ref)
		v := strconv.FormatInt(mf.get(&m), 10)
		if col.Unit != "" {
			v = report.FormatWan(mf.get(&m))
		}
		if typed != nil {
			v = typed.Get(mf.name)
		}
		out = append(out, reportField{Name: mf.name, Label: report.CellName(f, mf.ref), Value: v, Unit: col.Unit, Signed: col.Signed})
	}
	return out
}

// manualFromForm reads the entered cells. A cell that is not a number is refused at once;
// numbers that break a rule (a negative count) are kept, and the checks name them.
func manualFromForm(f report.Format, form url.Values) (report.Manual, error) {
	var m report.Manual
	for _, mf := range manualFields(f) {
		s := strings.TrimSpace(form.Get(mf.name))
		if s == "" {
			continue
		}
		label := report.CellName(f, mf.ref)
		var v int64
		if column2(f, mf.ref).Unit != "" {
			var err error
			if v, err = report.ParseWan(s); err != nil {
				return m, apperr.Newf(apperr.Invalid, "%s：%s", label, err.Error()).OnField(mf.name)
			}
		} else {
			n, err := strconv.Atoi(strings.NewReplacer(",", "", "，", "").Replace(s))
			if err != nil {
				return m, apperr.Newf(apperr.Invalid, "%s：请填写整数（现为“%s”）", label, s).OnField(mf.name)
			}
			v = int64(n)
		}
		mf.set(&m, v)
	}
	return m, nil
}

// reportView is the data of the annual report page.
type reportView struct {
	Org       org.Org
	Year      int
	Years     []int
	Query     string // ?org=CODE when looking at another organisation
	Base      string // /console/reports/2025
	Draft     store.ReportDraft
	Overview  string
	Problems  string
	Other     string
	Fields    []reportField
	Body      template.HTML // the report as it stands, every computed cell linked to its records
	Checks    []report.Problem
	Errors    int
	Warnings  int
	CanEdit   bool
	Prefilled bool
	Deadline  workday.Date
	YearOpen  bool   // the year has not ended yet
	Rollup    string // the roll-up of the organisation's area, for those who may see it
}

// reportChecks are the checks run before publication: the report package's rules (with last
// year's report for the cross-year ones, as PublishAnnualReport runs them) and the texts of
// sections 一 and 五, which must be written.
func (s *Server) reportChecks(ctx context.Context, orgID int64, rep report.Report) []report.Problem {
	var last *report.Report
	if prev, err := s.db.AnnualReport(ctx, orgID, rep.Year-1); err == nil {
		last = &prev
	}
	return append(textChecks(rep.Overview, rep.Problems), report.Check(rep, last)...)
}

// textChecks are the problems of the staff-written sections: 一 and 五 must be written (六 may
// hold only the facts of the year).
func textChecks(overview, problems string) []report.Problem {
	var out []report.Problem
	for _, t := range []struct{ text, msg string }{
		{overview, "第一部分“总体情况”尚未填写"},
		{problems, "第五部分“存在的主要问题及改进情况”尚未填写"},
	} {
		if strings.TrimSpace(richtext.PlainText(t.text)) == "" {
			out = append(out, report.Problem{Severity: report.Error, Rule: "text", Message: t.msg})
		}
	}
	return out
}

func (s *Server) reportView(r *http.Request, o org.Org, year int, typed url.Values) (*reportView, error) {
	ctx := r.Context()
	p := reqCtx(r).principal
	draft, err := s.db.ReportDraftOf(ctx, o.ID, year)
	if err != nil {
		return nil, err
	}
	rep, err := s.db.AnnualReport(ctx, o.ID, year)
	if err != nil {
		return nil, err
	}
	v := &reportView{Org: o, Year: year, Query: orgQuery(p, o), Base: "/console/reports/" + strconv.Itoa(year), Draft: draft,
		CanEdit: !draft.Published && p.CanWrite(o, org.PermManageOrg), Deadline: store.ReportDeadline(o, year), YearOpen: year >= s.today().Year}
	for y := s.today().Year; y >= 2019; y-- {
		v.Years = append(v.Years, y)
	}
	v.Overview, v.Problems, v.Other = draft.OverviewHTML, draft.ProblemsHTML, draft.OtherHTML
	if v.CanEdit && v.Overview == "" {
		v.Overview, v.Prefilled = report.DraftOverview(rep), true
	}
	if v.CanEdit && v.Problems == "" {
		v.Problems, v.Prefilled = report.DraftProblems(rep), true
	}
	if typed != nil {
		v.Overview, v.Problems, v.Other = typed.Get("overview"), typed.Get("problems"), typed.Get("other")
	}
	v.Fields = reportFields(rep.Format, draft.Manual, typed)
	shown := rep
	if draft.Published {
		// The page shows the report as issued; the lists behind the cells are today's records.
		if b, err := s.db.PublishedReportJSON(ctx, o.ID, year); err == nil {
			if issued, err := reportFromJSON(b); err == nil {
				issued.Sources = rep.Sources
				shown = issued
			}
		}
	} else {
		v.Checks = s.reportChecks(ctx, o.ID, rep)
		for _, c := range v.Checks {
			if c.Blocks() {
				v.Errors++
			} else {
				v.Warnings++
			}
		}
	}
	if rollupAllowed(p, o) {
		v.Rollup = "/console/rollup/" + strconv.Itoa(year) + v.Query
	}
	v.Body = report.HTMLWithLinks(shown, func(ref report.Ref) string {
		return v.Base + "/cells/" + url.PathEscape(ref.String()) + v.Query
	})
	return v, nil
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	year, ext, err := s.reportYear(r.PathValue("year"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	o, err := s.targetOrg(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if ext != "" {
		rep, snapshot, err := s.issuedOrCurrent(r.Context(), o, year)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.sendReport(w, r, rep, o, ext, snapshot)
		return
	}
	v, err := s.reportView(r, o, year, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_report", s.consolePage(r, "%s%d年政府信息公开工作年度报告", v, o.Name, year))
}

// issuedOrCurrent is the report as published, with its JSON, or, before publication, the report
// computed from today's records and the draft.
func (s *Server) issuedOrCurrent(ctx context.Context, o org.Org, year int) (report.Report, []byte, error) {
	if b, err := s.db.PublishedReportJSON(ctx, o.ID, year); err == nil {
		rep, err := reportFromJSON(b)
		return rep, b, err
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return report.Report{}, nil, err
	}
	rep, err := s.db.AnnualReport(ctx, o.ID, year)
	return rep, nil, err
}

// ownReport checks that the principal may write its own organisation's report.
func ownReport(p *org.Principal) error {
	if !p.CanWrite(p.Org, org.PermManageOrg) {
		return apperr.New(apperr.Forbidden, "只有本机关管理员可以编写和发布年度报告")
	}
	return nil
}

func (s *Server) saveReport(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	year, err := s.pageReportYear(r)
	if err == nil {
		err = ownReport(p)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := manualFromForm(report.FormatFor(year), r.PostForm)
	if err == nil {
		lock, _ := strconv.Atoi(r.PostFormValue("lock_version"))
		err = s.db.SaveReportDraft(r.Context(), p, store.ReportDraft{OrgID: p.Org.ID, Year: year, OverviewHTML: r.PostFormValue("overview"),
			ProblemsHTML: r.PostFormValue("problems"), OtherHTML: r.PostFormValue("other"), Manual: m, LockVersion: lock})
	}
	if err == nil {
		http.Redirect(w, r, "/console/reports/"+strconv.Itoa(year)+"?ok=已保存年度报告草稿", http.StatusSeeOther)
		return
	}
	s.reportFailed(w, r, p.Org, year, err, r.PostForm)
}

// reportFailed shows the report page again with the error (and what was typed, if given).
func (s *Server) reportFailed(w http.ResponseWriter, r *http.Request, o org.Org, year int, err error, typed url.Values) {
	v, verr := s.reportView(r, o, year, typed)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	pg := s.consolePage(r, "%s%d年政府信息公开工作年度报告", v, o.Name, year)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_report", pg)
}

func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	year, err := s.pageReportYear(r)
	if err == nil {
		err = ownReport(p)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The texts of 一 and 五 are checked here; the tables by PublishAnnualReport.
	draft, err := s.db.ReportDraftOf(r.Context(), p.Org.ID, year)
	if err == nil && !draft.Published {
		if ps := textChecks(draft.OverviewHTML, draft.ProblemsHTML); len(ps) > 0 {
			err = apperr.Newf(apperr.Conflict, "年度报告未通过发布前检查：%s", ps[0].Message)
		}
	}
	if err == nil {
		_, err = s.db.PublishAnnualReport(r.Context(), p, p.Org.ID, year)
	}
	if err != nil {
		s.reportFailed(w, r, p.Org, year, err, nil)
		return
	}
	http.Redirect(w, r, "/console/reports/"+strconv.Itoa(year)+"?ok=已发布年度报告", http.StatusSeeOther)
}

// ---------------------------------------------------------------- the records behind a cell

// cellRecord is one record behind a cell.
type cellRecord struct {
	Request *store.Request       // table 三, and the application of an appeal in table 四
	Appeal  *request.Appeal      // table 四
	Doc     *disclosure.Document // table 二
	Org     org.Org
}

// cellView is the data of a cell's page.
type cellView struct {
	Kind    string // applications (table 三), appeals (四) or documents (二)
	Org     org.Org
	Year    int
	Ref     report.Ref
	Name    string
	Value   string
	Records []cellRecord
	More    int // records not listed
	Back    string
}

// maxCellRecords bounds a cell's list; the count above it is exact.
const maxCellRecords = 500

func (s *Server) cellRecords(ctx context.Context, ref report.Ref, ids []int64, orgs map[int64]org.Org) ([]cellRecord, error) {
	var out []cellRecord
	switch ref.Table {
	case "三":
		for _, id := range ids {
			req, err := s.db.Request(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, cellRecord{Request: &req, Org: orgs[req.OrgID]})
		}
	case "四":
		byAppeal, err := s.db.AppealRequests(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			reqID, ok := byAppeal[id]
			if !ok {
				continue
			}
			req, err := s.db.Request(ctx, reqID)
			if err != nil {
				return nil, err
			}
			appeals, err := s.db.Appeals(ctx, reqID)
			if err != nil {
				return nil, err
			}
			for i := range appeals {
				if appeals[i].ID == id {
					out = append(out, cellRecord{Request: &req, Appeal: &appeals[i], Org: orgs[req.OrgID]})
				}
			}
		}
	case "二":
		for _, id := range ids {
			d, err := s.db.Document(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, cellRecord{Doc: &d, Org: orgs[d.OrgID]})
		}
	}
	return out, nil
}

// cellValue is a cell's value as the report shows it.
func cellValue(rep report.Report, ref report.Ref) string {
	switch ref.Table {
	case "二":
		v := rep.Table2.Get(ref.Row, ref.Col)
		if column2(rep.Format, ref).Unit != "" {
			return report.FormatWan(v)
		}
		return strconv.FormatInt(v, 10)
	case "三":
		return strconv.Itoa(rep.Cell(ref.Row, ref.Col))
	case "四":
		if ref.Col >= 1 && ref.Col <= report.Cols4 {
			return strconv.Itoa(rep.Table4.Cells[ref.Col-1])
		}
	}
	return ""
}

// pageReportYear is the year of a report page's path (no file extension: those are downloads).
func (s *Server) pageReportYear(r *http.Request) (int, error) {
	year, ext, err := s.reportYear(r.PathValue("year"))
	if err == nil && ext != "" {
		err = apperr.New(apperr.NotFound, "没有该年度的年度报告")
	}
	return year, err
}

func parseCellRef(v string) (report.Ref, error) {
	ref, err := report.ParseRef(v)
	if err != nil {
		return ref, apperr.New(apperr.NotFound, "年度报告中没有该单元格")
	}
	return ref, nil
}

func (s *Server) reportCell(w http.ResponseWriter, r *http.Request) {
	year, err := s.pageReportYear(r)
	var ref report.Ref
	if err == nil {
		ref, err = parseCellRef(r.PathValue("ref"))
	}
	var o org.Org
	if err == nil {
		o, err = s.targetOrg(r)
	}
	var rep report.Report
	if err == nil {
		rep, err = s.db.AnnualReport(r.Context(), o.ID, year)
	}
	var orgs map[int64]org.Org
	if err == nil {
		orgs, err = s.orgMap(r)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := reqCtx(r).principal
	ids := rep.Records(ref)
	v := &cellView{Kind: map[string]string{"二": "documents", "三": "applications", "四": "appeals"}[ref.Table], Org: o, Year: year, Ref: ref, Name: report.CellName(rep.Format, ref), Value: cellValue(rep, ref),
		Back: "/console/reports/" + strconv.Itoa(year) + orgQuery(p, o)}
	if len(ids) > maxCellRecords {
		v.More, ids = len(ids)-maxCellRecords, ids[:maxCellRecords]
	}
	if v.Records, err = s.cellRecords(r.Context(), ref, ids, orgs); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_report_cell", s.consolePage(r, "年度报告单元格：%s", v, v.Name))
}

// ---------------------------------------------------------------- roll-up of an area

// rollupAllowed reports whether the principal may see the roll-up of root: a supervisor over root's
// subtree, or the admin of a government for its own area.
func rollupAllowed(p *org.Principal, root org.Org) bool {
	if p.User.Role.Can(org.PermReadSubtree) && p.CanRead(root) {
		return true
	}
	return p.User.Active && p.User.Role == org.RoleAdmin && p.Org.ID == root.ID && root.Kind == org.KindGovernment
}

// rollupRowView is one organisation of the roll-up.
type rollupRowView struct {
	store.RollupRow
	Depth                               int
	Received, Decided, Carried, Appeals int
	Status                              string // on_time, late, pending (before the deadline), missing (deadline passed)
	ReportURL                           string // the organisation's report page, or its published document
	DocumentID                          int64
}

type rollupView struct {
	Root                                org.Org
	Year                                int
	Years                               []int
	Query                               string
	Body                                template.HTML
	Rows                                []rollupRowView
	OnTime, Late, Pending, Missing      int
	Received, Decided, Carried, Appeals int
}

func (s *Server) rollupRoot(r *http.Request) (org.Org, int, error) {
	year, err := s.pageReportYear(r)
	if err != nil {
		return org.Org{}, 0, err
	}
	root, err := s.targetOrg(r)
	if err != nil {
		return root, year, err
	}
	if !rollupAllowed(reqCtx(r).principal, root) {
		return root, year, apperr.New(apperr.Forbidden, "只有监督员或本级人民政府管理员可以查看年度报告汇总")
	}
	return root, year, nil
}

func (s *Server) rollupPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := reqCtx(r).principal
	root, year, err := s.rollupRoot(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sum, rows, err := s.db.Rollup(ctx, root, year)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &rollupView{Root: root, Year: year, Query: orgQuery(p, root)}
	for y := s.today().Year; y >= 2019; y-- {
		v.Years = append(v.Years, y)
	}
	base := "/console/rollup/" + strconv.Itoa(year)
	v.Body = report.HTMLWithLinks(sum, func(ref report.Ref) string { return base + "/cells/" + url.PathEscape(ref.String()) + v.Query })
	today := s.today()
	rootDepth := strings.Count(root.Path, "/")
	for _, row := range rows {
		rv := rollupRowView{RollupRow: row, Depth: strings.Count(row.Org.Path, "/") - rootDepth,
			Received: row.Report.Cell("一", report.Cols3), Decided: row.Report.Cell("三(七)", report.Cols3), Carried: row.Report.Cell("四", report.Cols3),
			Appeals: row.Report.Table4.Cells[4] + row.Report.Table4.Cells[9] + row.Report.Table4.Cells[14]}
		switch {
		case row.OnTime:
			rv.Status = "on_time"
			v.OnTime++
		case !row.PublishedAt.IsZero():
			rv.Status = "late"
			v.Late++
		case today.After(row.Deadline):
			rv.Status = "missing"
			v.Missing++
		default:
			rv.Status = "pending"
			v.Pending++
		}
		if p.CanRead(row.Org) {
			rv.ReportURL = "/console/reports/" + strconv.Itoa(year) + orgQuery(p, row.Org)
		} else if d, err := s.db.ReportDraftOf(ctx, row.Org.ID, year); err == nil && d.Published {
			rv.ReportURL = "/d/" + strconv.FormatInt(d.DocumentID, 10)
		}
		v.Received += rv.Received
		v.Decided += rv.Decided
		v.Carried += rv.Carried
		v.Appeals += rv.Appeals
		v.Rows = append(v.Rows, rv)
	}
	s.render(w, r, http.StatusOK, "console_report_rollup", s.consolePage(r, "%s%d年度报告汇总", v, root.Name, year))
}

// rollupCellRow is one organisation's number in a cell of the roll-up.
type rollupCellRow struct {
	Org   org.Org
	Depth int
	Count int
	URL   string
}

func (s *Server) rollupCell(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	root, year, err := s.rollupRoot(r)
	var ref report.Ref
	if err == nil {
		ref, err = parseCellRef(r.PathValue("ref"))
	}
	var sum report.Report
	var rows []store.RollupRow
	if err == nil {
		sum, rows, err = s.db.Rollup(r.Context(), root, year)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rootDepth := strings.Count(root.Path, "/")
	var out []rollupCellRow
	for _, row := range rows {
		n := len(row.Report.Records(ref))
		if n == 0 {
			continue
		}
		cr := rollupCellRow{Org: row.Org, Depth: strings.Count(row.Org.Path, "/") - rootDepth, Count: n}
		if p.CanRead(row.Org) {
			cr.URL = "/console/reports/" + strconv.Itoa(year) + "/cells/" + url.PathEscape(ref.String()) + orgQuery(p, row.Org)
		}
		out = append(out, cr)
	}
	v := map[string]any{"Root": root, "Year": year, "Name": report.CellName(sum.Format, ref), "Value": cellValue(sum, ref), "Rows": out,
		"Back": "/console/rollup/" + strconv.Itoa(year) + orgQuery(p, root)}
	s.render(w, r, http.StatusOK, "console_report_rollup_cell", s.consolePage(r, "汇总单元格：%s", v, report.CellName(sum.Format, ref)))
}

// ---------------------------------------------------------------- the published report

// publicReport is an organisation's published report for a year: /o/{code}/annual-reports/2025
// (a page with the downloads), 2025.xlsx, 2025.docx and 2025.json, all as issued.
func (s *Server) publicReport(w http.ResponseWriter, r *http.Request) {
	o, err := s.orgFromPath(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	year, ext, err := s.reportYear(r.PathValue("file"))
	var snapshot []byte
	if err == nil {
		snapshot, err = s.db.PublishedReportJSON(r.Context(), o.ID, year)
	}
	var rep report.Report
	if err == nil {
		rep, err = reportFromJSON(snapshot)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if ext != "" {
		s.sendReport(w, r, rep, o, ext, snapshot)
		return
	}
	draft, err := s.db.ReportDraftOf(r.Context(), o.ID, year)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := o.SitePath() + "annual-reports/" + strconv.Itoa(year)
	s.render(w, r, http.StatusOK, "report_public", &page{Title: "%s%d年政府信息公开工作年度报告", TitleArgs: []any{o.Name, year}, Site: &o,
		Breadcrumbs: s.orgCrumbs(o, "政府信息公开年报"), Data: map[string]any{"Org": o, "Year": year, "Body": report.HTML(rep), "Base": base,
			"Draft": draft, "Deadline": store.ReportDeadline(o, year)}})
}

// apiAnnualReport returns an organisation's annual report as published (report.JSON at the time
// of publication); 404 before publication.
func (s *Server) apiAnnualReport(w http.ResponseWriter, r *http.Request) {
	o, err := s.orgFromPath(r)
	if err != nil {
		apiError(w, err)
		return
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		apiError(w, apperr.New(apperr.NotFound, "没有该年度的年度报告"))
		return
	}
	b, err := s.db.PublishedReportJSON(r.Context(), o.ID, year)
	if err != nil {
		apiError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(b)
}
