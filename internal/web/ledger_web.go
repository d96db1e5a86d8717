package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The task ledger (工作台账) in the console: the list of an organisation's tasks (a supervisor's
// whole subtree) with their displayed status, a task's page with its progress and the forms of
// its owners and of the supervisor that assigned it, assigning new tasks down the tree, and the
// year-end review (回头看) that carries unfinished tasks into the next year.

// ledgerWriter reports whether p keeps the ledger: as the store has it, the admins and
// supervisors of an organisation (editors and handlers read it).
func ledgerWriter(p *org.Principal) bool {
	return p.User.Active && (p.User.Role == org.RoleAdmin || p.User.Role == org.RoleSupervisor)
}

// canSeeTask reports whether p may read t: the owner's staff and the supervisors above it, the
// co-owners and the assigning organisation.
func canSeeTask(p *org.Principal, t ledger.Task, owner org.Org) bool {
	return p.CanRead(owner) || t.IsCoOwner(p.Org.ID) || (t.AssignedBy != 0 && t.AssignedBy == p.Org.ID)
}

// taskRow is a task with the organisations it names and its displayed status.
type taskRow struct {
	Task       ledger.Task
	Status     ledger.Status // displayed: 逾期 when past the deadline and not done, unless 需整改
	Overdue    bool          // past the deadline and not done, whatever Status shows
	Owner      org.Org
	CoOwners   []org.Org
	AssignedBy *org.Org
	Progress   int
}

func (s *Server) taskRow(t ledger.Task, orgs map[int64]org.Org) taskRow {
	row := taskRow{Task: t, Status: t.DisplayStatus(s.now()), Overdue: t.IsOverdue(s.now()), Owner: orgs[t.OwnerOrgID]}
	for _, id := range t.CoOwnerOrgIDs {
		row.CoOwners = append(row.CoOwners, orgs[id])
	}
	if o, ok := orgs[t.AssignedBy]; ok && t.AssignedBy != 0 {
		row.AssignedBy = &o
	}
	return row
}

// AlsoOverdue reports whether the task is past its deadline while it shows another status
// (需整改 wins over 逾期), so that the page shows both.
func (r taskRow) AlsoOverdue() bool { return r.Overdue && r.Status != ledger.StatusOverdue }

// countStatus adds a task of displayed status st to c.
func countStatus(c *ledger.Counts, st ledger.Status) {
	c.Total++
	switch st {
	case ledger.StatusDone:
		c.Done++
	case ledger.StatusOverdue:
		c.Overdue++
	case ledger.StatusInProgress:
		c.InProgress++
	case ledger.StatusNotStarted:
		c.NotStarted++
	case ledger.StatusNeedsRectification:
		c.NeedsRectification++
	}
}

// ledgerYears are the years offered by the ledger pages.
func (s *Server) ledgerYears() []int {
	y := s.today().Year
	return []int{y + 1, y, y - 1, y - 2, y - 3}
}

func (s *Server) ledgerYear(r *http.Request) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get("year"))
	if v == "" {
		return s.today().Year, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > 9999 {
		return 0, apperr.New(apperr.Invalid, "台账年度无效").OnField("year")
	}
	return y, nil
}

// ledgerScope is the organisations whose tasks a ledger page lists: the organisation of ?org=
// (the principal's own by default) and, for a supervisor, its subtree.
func (s *Server) ledgerScope(r *http.Request) (org.Org, []int64, error) {
	p := reqCtx(r).principal
	o, err := s.targetOrg(r)
	if err != nil {
		return o, nil, err
	}
	if !p.User.Role.Can(org.PermReadSubtree) {
		return o, []int64{o.ID}, nil
	}
	ids, err := s.db.SubtreeIDs(r.Context(), o)
	return o, ids, err
}

// scopedTasks are the tasks of a year that a ledger page lists: those owned or co-owned in the
// page's scope and, on the principal's own page, those its organisation assigned.
func (s *Server) scopedTasks(r *http.Request, year int) (org.Org, []ledger.Task, error) {
	p := reqCtx(r).principal
	root, scope, err := s.ledgerScope(r)
	if err != nil {
		return root, nil, err
	}
	all, err := s.db.Tasks(r.Context(), store.TaskFilter{Year: year})
	if err != nil {
		return root, nil, err
	}
	var out []ledger.Task
	for _, t := range all {
		keep := slices.Contains(scope, t.OwnerOrgID) || (root.ID == p.Org.ID && t.AssignedBy == p.Org.ID)
		for _, co := range t.CoOwnerOrgIDs {
			keep = keep || slices.Contains(scope, co)
		}
		if keep {
			out = append(out, t)
		}
	}
	return root, out, nil
}

// assignTargets are the organisations p may give tasks to: its own, and for a supervisor every
// organisation below it.
func (s *Server) assignTargets(r *http.Request, p *org.Principal) ([]org.Org, error) {
	if !ledgerWriter(p) {
		return nil, nil
	}
	orgs, err := s.db.Orgs(r.Context())
	if err != nil {
		return nil, err
	}
	var out []org.Org
	for _, o := range orgs {
		if o.ID == p.Org.ID || (p.User.Role.Can(org.PermReadSubtree) && ledger.CanAssign(p.Org.Path, o.Path)) {
			out = append(out, o)
		}
	}
	return out, nil
}

// ledgerView is the data of the ledger's list.
type ledgerView struct {
	Org      org.Org
	Query    string
	Year     int
	Years    []int
	Filter   string // a displayed status, or ""
	Rows     []taskRow
	Counts   ledger.Counts
	Statuses []ledger.Status
	Targets  []org.Org
	Form     url.Values // the assignment form as typed, after an error
	Today    workday.Date
}

// Val is a field of the assignment form as typed.
func (v *ledgerView) Val(field string) string {
	if v.Form == nil {
		return ""
	}
	return v.Form.Get(field)
}

// Chosen reports whether an organisation was chosen in a list of the assignment form.
func (v *ledgerView) Chosen(field string, id int64) bool {
	return v.Form != nil && slices.Contains(v.Form[field], strconv.FormatInt(id, 10))
}

func (s *Server) ledgerView(r *http.Request, year int, form url.Values) (*ledgerView, error) {
	p := reqCtx(r).principal
	root, tasks, err := s.scopedTasks(r, year)
	if err != nil {
		return nil, err
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	v := &ledgerView{Org: root, Query: orgQuery(p, root), Year: year, Years: s.ledgerYears(), Filter: r.URL.Query().Get("status"), Form: form,
		Statuses: ledger.DisplayStatuses(), Today: s.today()}
	if v.Filter != "" && !slices.Contains(v.Statuses, ledger.Status(v.Filter)) {
		return nil, apperr.New(apperr.Invalid, "未知的任务状态").OnField("status")
	}
	for _, t := range tasks {
		row := s.taskRow(t, orgs)
		countStatus(&v.Counts, row.Status)
		if v.Filter != "" && string(row.Status) != v.Filter {
			continue
		}
		progress, err := s.db.Progress(r.Context(), t.ID)
		if err != nil {
			return nil, err
		}
		row.Progress = len(progress)
		v.Rows = append(v.Rows, row)
	}
	if v.Targets, err = s.assignTargets(r, p); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) ledgerPage(w http.ResponseWriter, r *http.Request) {
	year, err := s.ledgerYear(r)
	var v *ledgerView
	if err == nil {
		v, err = s.ledgerView(r, year, nil)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_ledger", s.consolePage(r, "%d年工作台账", v, year))
}

// idsOf reads organisation ids from a form list.
func idsOf(vals []string) ([]int64, error) {
	var out []int64
	for _, v := range vals {
		if strings.TrimSpace(v) == "" {
			continue
		}
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			return nil, apperr.New(apperr.Invalid, "机构选择无效")
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// assignTasks creates a task for each organisation chosen as responsible (责任单位): assigned
// down the tree by a supervisor, or kept by an organisation for itself.
func (s *Server) assignTasks(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	f := r.PostForm
	year, err := strconv.Atoi(strings.TrimSpace(f.Get("year")))
	if err != nil {
		err = apperr.New(apperr.Invalid, "台账年度无效").OnField("year")
	}
	var owners, coOwners []int64
	if err == nil {
		owners, err = idsOf(f["owner"])
	}
	if err == nil {
		coOwners, err = idsOf(f["co_owner"])
	}
	var deadline ledger.Deadline
	if err == nil {
		deadline, err = ledger.ParseDeadline(f.Get("deadline"))
	}
	if err == nil && len(owners) == 0 {
		err = apperr.New(apperr.Invalid, "请选择责任单位").OnField("owner_org_id")
	}
	if err == nil && !ledgerWriter(p) {
		err = apperr.New(apperr.Forbidden, "只有管理员或监督员可以维护工作台账")
	}
	if err == nil {
		var tasks []ledger.Task
		for _, owner := range owners {
			t := ledger.Task{Title: strings.TrimSpace(f.Get("title")), Detail: strings.TrimSpace(f.Get("detail")), Source: strings.TrimSpace(f.Get("source")),
				Clause: strings.TrimSpace(f.Get("clause")), OwnerOrgID: owner, Year: year, Deadline: deadline}
			for _, co := range coOwners {
				if co != owner {
					t.CoOwnerOrgIDs = append(t.CoOwnerOrgIDs, co)
				}
			}
			tasks = append(tasks, t)
		}
		_, err = s.db.CreateTasks(r.Context(), p, tasks)
	}
	if err == nil {
		http.Redirect(w, r, "/console/ledger?year="+strconv.Itoa(year)+"&ok=已交办任务", http.StatusSeeOther)
		return
	}
	if year == 0 {
		year = s.today().Year
	}
	v, verr := s.ledgerView(r, year, f)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	pg := s.consolePage(r, "%d年工作台账", v, year)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_ledger", pg)
}

// ---------------------------------------------------------------- one task

// evidenceView is a piece of evidence with a link.
type evidenceView struct {
	Kind  ledger.EvidenceKind
	URL   string
	Title string
}

type progressView struct {
	Progress ledger.Progress
	Org      org.Org
	Evidence []evidenceView
}

// transitionView is a change of status the principal may make.
type transitionView struct {
	To    ledger.Status
	Label string // catalog key of the button
	Note  bool   // the supervisor's note (required for 需整改)
}

type taskView struct {
	Row         taskRow
	Progress    []progressView
	CanReport   bool
	Transitions []transitionView
	CarriedFrom *ledger.Task
	Today       workday.Date
	FormKind    string
	Form        url.Values
}

// Val is a field of the form that failed, to show it again.
func (v *taskView) Val(kind, field string) string {
	if v.FormKind != kind || v.Form == nil {
		return ""
	}
	return v.Form.Get(field)
}

// staffTask loads a task the principal may read (404 otherwise).
func (s *Server) staffTask(r *http.Request) (ledger.Task, map[int64]org.Org, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return ledger.Task{}, nil, apperr.New(apperr.NotFound, "任务不存在")
	}
	t, err := s.db.Task(r.Context(), id)
	if err != nil {
		return t, nil, err
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		return t, nil, err
	}
	if !canSeeTask(reqCtx(r).principal, t, orgs[t.OwnerOrgID]) {
		return t, nil, apperr.New(apperr.NotFound, "任务不存在")
	}
	return t, orgs, nil
}

func (s *Server) taskView(r *http.Request, t ledger.Task, orgs map[int64]org.Org, kind string, form url.Values) (*taskView, error) {
	ctx := r.Context()
	p := reqCtx(r).principal
	v := &taskView{Row: s.taskRow(t, orgs), Today: s.today(), FormKind: kind, Form: form}
	progress, err := s.db.Progress(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	v.Row.Progress = len(progress)
	for _, pr := range progress {
		pv := progressView{Progress: pr, Org: orgs[pr.OrgID]}
		for _, e := range pr.Evidence {
			ev := evidenceView{Kind: e.Kind, URL: e.Ref, Title: e.Title}
			if e.Kind == ledger.EvidenceDocument {
				ev.URL = "/d/" + e.Ref
				if ev.Title == "" {
					if id, err := strconv.ParseInt(e.Ref, 10, 64); err == nil {
						if d, err := s.db.Document(ctx, id); err == nil {
							ev.Title = d.Title
						}
					}
				}
			}
			if ev.Title == "" {
				ev.Title = e.Ref
			}
			pv.Evidence = append(pv.Evidence, ev)
		}
		v.Progress = append(v.Progress, pv)
	}
	if ledgerWriter(p) {
		v.CanReport = ledger.CanReport(t, p.Org.ID)
		byOwner, bySupervisor := ledger.RolesOf(t, p.Org.ID)
		for _, to := range []ledger.Status{ledger.StatusInProgress, ledger.StatusDone, ledger.StatusNeedsRectification} {
			if ledger.ValidateTransition(t.Status, to, byOwner, bySupervisor) != nil {
				continue
			}
			tv := transitionView{To: to, Note: bySupervisor}
			switch {
			case to == ledger.StatusNeedsRectification:
				tv.Label = "要求整改"
			case to == ledger.StatusInProgress && t.Status == ledger.StatusDone:
				tv.Label = "重新打开"
			case to == ledger.StatusInProgress:
				tv.Label, tv.Note = "标为推进中", false
			default:
				tv.Label, tv.Note = "标为已完成", false
			}
			v.Transitions = append(v.Transitions, tv)
		}
	}
	if t.CarriedFrom != 0 {
		if prev, err := s.db.Task(ctx, t.CarriedFrom); err == nil {
			v.CarriedFrom = &prev
		}
	}
	return v, nil
}

func (s *Server) taskPage(w http.ResponseWriter, r *http.Request) {
	t, orgs, err := s.staffTask(r)
	var v *taskView
	if err == nil {
		v, err = s.taskView(r, t, orgs, "", nil)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_ledger_task", s.consolePage(r, "任务：%s", v, t.Title))
}

// taskFailed shows the task page again with the error and the form as typed.
func (s *Server) taskFailed(w http.ResponseWriter, r *http.Request, t ledger.Task, orgs map[int64]org.Org, kind string, err error) {
	v, verr := s.taskView(r, t, orgs, kind, r.PostForm)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	pg := s.consolePage(r, "任务：%s", v, t.Title)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_ledger_task", pg)
}

// parseEvidence reads the evidence field: one item a line, a document's number on the platform
// or a web address, optionally followed by a title.
func (s *Server) parseEvidence(r *http.Request, text string) ([]ledger.Evidence, error) {
	var out []ledger.Evidence
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		ref, title, _ := strings.Cut(line, " ")
		e := ledger.Evidence{Kind: ledger.EvidenceLink, Ref: ref, Title: strings.TrimSpace(title)}
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
			e.Kind = ledger.EvidenceDocument
			d, err := s.db.Document(r.Context(), id)
			if err != nil || d.PublishedVersion == 0 {
				return nil, apperr.Newf(apperr.Invalid, "佐证文件%d不存在或尚未公开", id).OnField("evidence")
			}
		}
		if err := e.Validate(); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *Server) addTaskProgress(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	t, orgs, err := s.staffTask(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pr := ledger.Progress{TaskID: t.ID, Text: strings.TrimSpace(r.PostFormValue("text"))}
	if pr.On, err = workday.ParseDate(strings.TrimSpace(r.PostFormValue("on"))); err != nil {
		err = apperr.New(apperr.Invalid, "请填写进展日期").OnField("on")
	}
	if err == nil {
		pr.Evidence, err = s.parseEvidence(r, r.PostFormValue("evidence"))
	}
	if err == nil {
		_, err = s.db.AddProgress(r.Context(), p, pr)
	}
	if err != nil {
		s.taskFailed(w, r, t, orgs, "progress", err)
		return
	}
	http.Redirect(w, r, "/console/ledger/tasks/"+strconv.FormatInt(t.ID, 10)+"?ok=已报送进展", http.StatusSeeOther)
}

func (s *Server) changeTaskStatus(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	t, orgs, err := s.staffTask(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	to, err := ledger.ParseStatus(r.PostFormValue("status"))
	if err == nil {
		_, err = s.db.ChangeTaskStatus(r.Context(), p, t.ID, to, r.PostFormValue("note"))
	}
	if err != nil {
		s.taskFailed(w, r, t, orgs, "status:"+r.PostFormValue("status"), err)
		return
	}
	http.Redirect(w, r, "/console/ledger/tasks/"+strconv.FormatInt(t.ID, 10)+"?ok=已更新任务状态", http.StatusSeeOther)
}

// ---------------------------------------------------------------- year-end review (回头看)

// reviewItem is an unfinished task on the review page.
type reviewItem struct {
	Item     ledger.ReviewItem
	Row      taskRow
	CanCarry bool
	Carried  *ledger.Task // next year's task that continues it
}

type reviewOrg struct {
	Summary ledger.OrgSummary
	Org     org.Org
}

type reviewView struct {
	Org        org.Org
	Query      string
	Year       int
	Years      []int
	Review     ledger.ReviewResult
	ByOrg      []reviewOrg
	Unfinished []reviewItem
	FailedID   int64
	Form       url.Values
}

// Val is a field of the carry-over form of task id as typed, after an error.
func (v *reviewView) Val(id int64, field string) string {
	if v.FailedID != id || v.Form == nil {
		return ""
	}
	return v.Form.Get(field)
}

func (s *Server) reviewView(r *http.Request, year int) (*reviewView, error) {
	ctx := r.Context()
	p := reqCtx(r).principal
	root, tasks, err := s.scopedTasks(r, year)
	if err != nil {
		return nil, err
	}
	_, next, err := s.scopedTasks(r, year+1)
	if err != nil {
		return nil, err
	}
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	progress := map[int64][]ledger.Progress{}
	for _, t := range tasks {
		if progress[t.ID], err = s.db.Progress(ctx, t.ID); err != nil {
			return nil, err
		}
	}
	carried := map[int64]*ledger.Task{}
	for i := range next {
		if next[i].CarriedFrom != 0 {
			carried[next[i].CarriedFrom] = &next[i]
		}
	}
	v := &reviewView{Org: root, Query: orgQuery(p, root), Year: year, Years: s.ledgerYears(), Review: ledger.YearEndReview(tasks, progress, year, s.now())}
	for _, sum := range v.Review.ByOrg {
		v.ByOrg = append(v.ByOrg, reviewOrg{Summary: sum, Org: orgs[sum.OrgID]})
	}
	for _, it := range v.Review.Unfinished() {
		ri := reviewItem{Item: it, Row: s.taskRow(it.Task, orgs), Carried: carried[it.Task.ID]}
		ri.CanCarry = ri.Carried == nil && ledgerWriter(p) && ledger.CanReview(it.Task, p.Org.ID)
		v.Unfinished = append(v.Unfinished, ri)
	}
	return v, nil
}

func (s *Server) ledgerReview(w http.ResponseWriter, r *http.Request) {
	year, err := s.ledgerYear(r)
	var v *reviewView
	if err == nil {
		v, err = s.reviewView(r, year)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_ledger_review", s.consolePage(r, "%d年度工作台账回头看", v, year))
}

func (s *Server) carryOverTask(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	t, _, err := s.staffTask(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var deadline ledger.Deadline
	if d := strings.TrimSpace(r.PostFormValue("deadline")); d != "" {
		deadline, err = ledger.ParseDeadline(d)
	}
	if err == nil && !ledgerWriter(p) {
		err = apperr.New(apperr.Forbidden, "只有管理员或监督员可以维护工作台账")
	}
	if err == nil {
		var next []ledger.Task
		if next, err = s.db.Tasks(r.Context(), store.TaskFilter{Year: t.Year + 1}); err == nil &&
			slices.ContainsFunc(next, func(n ledger.Task) bool { return n.CarriedFrom == t.ID }) {
			err = apperr.New(apperr.Conflict, "该任务已结转到下一年度")
		}
	}
	if err == nil {
		_, err = s.db.CarryOverTask(r.Context(), p, t.ID, r.PostFormValue("note"), deadline)
	}
	year := strconv.Itoa(t.Year)
	if err == nil {
		http.Redirect(w, r, "/console/ledger/review?year="+year+"&ok=已结转任务", http.StatusSeeOther)
		return
	}
	v, verr := s.reviewView(r, t.Year)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	v.FailedID, v.Form = t.ID, r.PostForm
	pg := s.consolePage(r, "%d年度工作台账回头看", v, t.Year)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_ledger_review", pg)
}
