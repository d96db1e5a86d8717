package web

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/disclosure"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Applications in the staff console: the list with deadlines in colour, registering paper
// applications, and the page of one application with its clock, its log, a form for every kind
// of step and the reply. Handlers of the receiving organisation act and see the applicant's
// personal data; other staff who may read the organisation (its editors, supervisors above it)
// see the masked record.

// requestRow is an application in a list, with its urgency.
type requestRow struct {
	Request store.Request
	Org     org.Org
	Clock   request.Clock
	Urgency string // overdue, soon, paused, ended, ok
	Left    int
}

// urgency classifies a clock for the list's colours: overdue (red), due within 3 working days
// (amber), paused (grey), ended.
func urgency(c request.Clock) string {
	switch {
	case c.Status == request.StatusEnded:
		return "ended"
	case c.Status == request.StatusOverdue:
		return "overdue"
	case c.Status == request.StatusPaused:
		return "paused"
	case c.Left <= 3:
		return "soon"
	}
	return "ok"
}

// requestRows lists applications with their clocks computed today. filter is open, overdue or
// all.
func (s *Server) requestRows(ctx context.Context, scope []int64, filter string, limit int) ([]requestRow, error) {
	cl := s.clocking(ctx)
	f := store.RequestFilter{OrgIDs: scope, Limit: limit}
	switch filter {
	case "overdue":
		f.Open, f.DueUntil = true, cl.Today.AddDays(-1)
	case "open":
		f.Open = true
	}
	reqs, err := s.db.Requests(ctx, f)
	if err != nil {
		return nil, err
	}
	orgs, err := s.db.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]org.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	out := []requestRow{}
	for _, r := range reqs {
		c, err := s.db.RequestClock(ctx, r.ID, cl)
		if err != nil {
			return nil, err
		}
		if filter == "overdue" && c.Status != request.StatusOverdue {
			continue // the stored due date was provisional (a pause still running)
		}
		out = append(out, requestRow{Request: listed(r), Org: byID[r.OrgID], Clock: c, Urgency: urgency(c), Left: c.Left})
	}
	return out, nil
}

// correctionListed is what lists show of a correction request's content (Art. 41): the record
// to correct is the applicant's personal information, so lists, which staff across a subtree
// read, never show it; the receiving organisation's handlers see it on the request's page.
const correctionListed = "更正与本人相关的政府信息的申请（内容仅受理机关办理人员在详情页可见）"

// listed is an application as staff lists show it.
func listed(r store.Request) store.Request {
	if r.Purpose == request.PurposeCorrection {
		r.InfoName, r.DocNumber, r.Description = correctionListed, "", ""
	}
	return r
}

func (s *Server) consoleRequests(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	filter := r.URL.Query().Get("f")
	switch filter {
	case "open", "overdue", "all":
	default:
		filter = "open"
	}
	scope, err := s.readScope(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rows, err := s.requestRows(r.Context(), scope, filter, 200)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_requests", s.consolePage(r, "依申请公开", map[string]any{
		"Rows": rows, "Filter": filter, "Today": s.today(), "ShowOrg": len(scope) > 1,
		"CanRegister": p.User.Role.Can(org.PermHandleRequest),
	}))
}

func (s *Server) newRequestForm(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.CanWrite(p.Org, org.PermHandleRequest) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有依申请公开办理员可以登记申请"))
		return
	}
	v, err := s.applyData(r, p.Org, url.Values{"kind": {string(request.NaturalPerson)}, "id_kind": {string(request.ResidentID)}}, true)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request_apply", s.consolePage(r, "登记申请", v))
}

func (s *Server) createPaperRequest(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	cl := s.clocking(r.Context())
	in, err := decodeApplicationForm(r.PostForm, true, cl.Today)
	if err == nil && !p.CanWrite(p.Org, org.PermHandleRequest) {
		err = apperr.New(apperr.Forbidden, "只有依申请公开办理员可以登记申请")
	}
	if err == nil {
		in.OrgID = p.Org.ID
		var req store.Request
		var code string
		var dup bool
		req, code, dup, err = s.createRequest(r.Context(), p, in, cl)
		if err == nil {
			s.renderReceipt(w, r, req, p.Org, code, dup, cl, true)
			return
		}
	}
	v, verr := s.applyData(r, p.Org, r.PostForm, true)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	pg := s.consolePage(r, "登记申请", v)
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "request_apply", pg)
}

// requestDetail is the data of an application's console page.
type requestDetail struct {
	Request    store.Request
	Org        org.Org
	Applicant  *request.Applicant // handlers of the receiving organisation only
	CanHandle  bool
	Clock      request.Clock
	Events     []request.Event
	Reply      *store.StoredReply
	Files      []store.RequestFile
	Flags      []request.AbuseFlag
	MonthCount int
	Fee        feeBasis // the month's count behind the fee form (fee.pages_scope)
	Today      workday.Date
	FormKind   string
	Form       url.Values
	ReplyTypes []request.ReplyType
	Reasons    []request.ReasonInfo
	Withhold   []request.ReasonInfo
	// Art. 41: a correction request — its outcomes and grounds of refusal, and the applicant's
	// proof (handlers of the receiving organisation only).
	Correction        bool
	CorrectionTypes   []request.ReplyType
	CorrectionReasons []request.ReasonInfo
	Proof             string
	FeeMethods        []request.FeeMethod
	Audit             any
	Extra             *requestExtra // notices, appeals, cases, Art. 44 (request_appeal.go)
}

// Val is a field of the form that failed, to show it again; other forms start empty.
func (d *requestDetail) Val(kind, field string) string {
	if d.FormKind != kind || d.Form == nil {
		return ""
	}
	return d.Form.Get(field)
}

// Checked reports whether a checkbox or option of the failed form was chosen.
func (d *requestDetail) Checked(kind, field, value string) bool {
	if d.FormKind != kind || d.Form == nil {
		return false
	}
	for _, v := range d.Form[field] {
		if v == value {
			return true
		}
	}
	return false
}

// staffRequest loads an application the principal may read (404 otherwise, as for documents).
func (s *Server) staffRequest(r *http.Request) (store.Request, org.Org, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.Request{}, org.Org{}, apperr.New(apperr.NotFound, "申请不存在")
	}
	req, err := s.db.Request(r.Context(), id)
	if err != nil {
		return req, org.Org{}, err
	}
	o, err := s.db.Org(r.Context(), req.OrgID)
	if err != nil {
		return req, o, err
	}
	if !reqCtx(r).principal.CanRead(o) {
		return req, o, apperr.New(apperr.NotFound, "申请不存在")
	}
	return req, o, nil
}

func (s *Server) loadRequestDetail(r *http.Request, req store.Request, o org.Org) (*requestDetail, error) {
	ctx := r.Context()
	p := reqCtx(r).principal
	cl := s.clocking(ctx)
	d := &requestDetail{Request: req, Org: o, Today: cl.Today, ReplyTypes: request.ReplyTypes(), Reasons: request.Reasons(),
		FeeMethods: []request.FeeMethod{request.FeeItems, request.FeePages}}
	for _, x := range d.Reasons {
		if x.Type == request.ReplyWithhold {
			d.Withhold = append(d.Withhold, x)
		}
	}
	d.CanHandle = p.CanWrite(o, org.PermHandleRequest)
	if d.CanHandle {
		a, err := s.db.RequestApplicant(ctx, p, req.ID)
		if err != nil {
			return nil, err
		}
		d.Applicant = &a
	}
	if d.Correction = req.Purpose == request.PurposeCorrection; d.Correction {
		d.CorrectionTypes, d.CorrectionReasons = request.CorrectionReplyTypes(), request.CorrectionReasons()
		if d.CanHandle {
			proof, err := s.db.RequestProof(ctx, p, req.ID)
			if err != nil {
				return nil, err
			}
			d.Proof = proof
		}
	}
	var err error
	if d.Clock, err = s.db.RequestClock(ctx, req.ID, cl); err != nil {
		return nil, err
	}
	if d.Events, err = s.db.RequestEvents(ctx, req.ID); err != nil {
		return nil, err
	}
	if !d.CanHandle {
		// Staff who only read the application (editors, supervisors) see it as the applicant
		// does as far as third parties consulted are concerned (Art. 32), with the staff alerts
		// that do not name them.
		d.Clock = staffReaderClock(d.Clock, d.Events)
		d.Events = applicantEvents(d.Events)
	}
	if sr, ok, err := s.db.RequestReply(ctx, req.ID); err != nil {
		return nil, err
	} else if ok {
		d.Reply = &sr
	}
	if d.Files, err = s.db.RequestFiles(ctx, req.ID); err != nil {
		return nil, err
	}
	// Art. 35: how many applications this applicant (by identity document) filed in the window.
	if cl.Policy.AbuseThreshold > 0 {
		n, err := s.db.ApplicantCounts(ctx, req.ID, cl.Today.AddDays(-(cl.Policy.AbuseWindowDays - 1)))
		if err != nil {
			return nil, err
		}
		refs := make([]request.ApplicationRef, n)
		for i := range refs {
			refs[i] = request.ApplicationRef{ApplicantKey: "applicant", Received: cl.Today}
		}
		d.Flags = request.FlagFrequentApplicants(cl.Policy, refs, cl.Today)
	}
	if d.MonthCount, err = s.monthCount(ctx, req); err != nil {
		return nil, err
	}
	if d.CanHandle {
		if d.Fee, err = s.feeBasis(ctx, req, cl.Policy); err != nil {
			return nil, err
		}
	}
	d.Audit, _ = s.db.AuditEntries(ctx, store.AuditFilter{Entity: "request", EntityID: strconv.FormatInt(req.ID, 10), Limit: 50})
	if d.Extra, err = s.loadRequestExtra(r, d); err != nil {
		return nil, err
	}
	return d, nil
}

// monthCount is how many applications the applicant filed in the natural month of this one's
// receipt (the 按件 fee's count).
func (s *Server) monthCount(ctx context.Context, req store.Request) (int, error) {
	start := workday.Date{Year: req.ReceivedOn.Year, Month: req.ReceivedOn.Month, Day: 1}
	next := start.AddDays(40)
	next = workday.Date{Year: next.Year, Month: next.Month, Day: 1}
	a, err := s.db.ApplicantCounts(ctx, req.ID, start)
	if err != nil {
		return 0, err
	}
	b, err := s.db.ApplicantCounts(ctx, req.ID, next)
	return a - b, err
}

func (s *Server) requestPage(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := s.loadRequestDetail(r, req, o)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The cases to follow: the reply form starts with the reply type (and sub-reason) chosen.
	if q := r.URL.Query(); q.Get("case_type") != "" {
		d.FormKind, d.Form = "reply", url.Values{"type": {q.Get("case_type")}, "reason": {q.Get("case_reason")}}
	}
	if err := s.finishRequestDetail(r, d); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_request", s.consolePage(r, "申请 %s", d, req.Number))
}

// renderRequestError shows the application's page again with the error and the form kept.
func (s *Server) renderRequestError(w http.ResponseWriter, r *http.Request, req store.Request, o org.Org, kind string, err error) {
	d, lerr := s.loadRequestDetail(r, req, o)
	if lerr != nil {
		s.renderError(w, r, lerr)
		return
	}
	d.FormKind, d.Form = kind, r.PostForm
	if ferr := s.finishRequestDetail(r, d); ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	pg := s.consolePage(r, "申请 %s", d, req.Number)
	pg.Flash = ""
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_request", pg)
}

// parseOptionalDate reads a date field; empty gives def.
func parseOptionalDate(v, label, field string, def workday.Date) (workday.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return def, nil
	}
	d, err := workday.ParseDate(v)
	if err != nil || !d.Valid() {
		return d, apperr.Newf(apperr.Invalid, "%s“%s”不是有效日期，请按“2025-01-31”的格式填写实际存在的日期", label, v).OnField(field)
	}
	return d, nil
}

// eventInput is a step as the console form and the API give it.
type eventInput struct {
	Kind      string   `json:"kind"`
	On        string   `json:"on"`
	Days      int      `json:"days"`
	Approver  string   `json:"approver"`
	Party     string   `json:"party"`
	Served    string   `json:"served"`
	Items     []string `json:"items"`
	AmountFen int64    `json:"amount_fen"`
	FeeMethod string   `json:"fee_method"`
	FeeItems  int      `json:"fee_items"`
	FeePages  int      `json:"fee_pages"`
	HowToPay  string   `json:"how_to_pay"`
	Note      string   `json:"note"`
	Text      string   `json:"text"`     // corrected: the corrected description; third_party_notified: the content to disclose
	Objected  bool     `json:"objected"` // third_party_consult_end: the third party does not agree (Art. 32)
	Lock      int      `json:"lock_version"`
}

func eventInputFromForm(f url.Values) (eventInput, error) {
	in := eventInput{Kind: f.Get("kind"), On: f.Get("on"), Approver: f.Get("approver"), Party: f.Get("party"), Served: f.Get("served"),
		FeeMethod: f.Get("fee_method"), HowToPay: f.Get("how_to_pay"), Note: f.Get("note"), Text: f.Get("text"),
		Objected: f.Get("objected") == "1"}
	for _, line := range strings.Split(f.Get("items"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Items = append(in.Items, line)
		}
	}
	ints := []struct {
		name, label string
		dst         *int
	}{{"days", "工作日数", &in.Days}, {"fee_items", "件数", &in.FeeItems}, {"fee_pages", "页数", &in.FeePages}, {"lock_version", "", &in.Lock}}
	for _, x := range ints {
		v := strings.TrimSpace(f.Get(x.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return in, apperr.Newf(apperr.Invalid, "%s应为非负整数", x.label).OnField(x.name)
		}
		*x.dst = n
	}
	return in, nil
}

// event turns the input into a clock event; a fee notice's amount is computed from the 办法's
// tiers and the applicant's count in the month unless given, and comes with the assessment it
// was computed from (fee, nil otherwise). An assessment with nothing to pay comes without a
// notice to send: the caller records it only (see addStep).
func (s *Server) event(ctx context.Context, req store.Request, in eventInput, cl store.Clocking) (request.Event, *store.FeeAssessment, error) {
	e := request.Event{Kind: request.EventKind(strings.TrimSpace(in.Kind)), Days: in.Days, Approver: strings.TrimSpace(in.Approver),
		Party: strings.TrimSpace(in.Party), Items: in.Items, AmountFen: in.AmountFen, Note: strings.TrimSpace(in.Note)}
	if e.Kind.Label() == "" || e.Kind == request.EvReceived || e.Kind == request.EvReplied {
		return e, nil, apperr.New(apperr.Invalid, "请选择要登记的办理步骤").OnField("kind")
	}
	for _, t := range append([]string{e.Approver, e.Party, e.Note}, e.Items...) {
		if !cleanText(t, true) || len([]rune(t)) > 2000 {
			return e, nil, apperr.New(apperr.Invalid, "填写的内容含有无效字符或过长").OnField("note")
		}
	}
	if e.Kind == request.EvThirdPartyEnd {
		e.Objected = in.Objected
	}
	if e.Kind == request.EvCorrected || e.Kind == request.EvThirdPartyNotified {
		e.Text = strings.TrimSpace(in.Text)
		if !cleanText(e.Text, true) || len([]rune(e.Text)) > store.MaxCorrectionText {
			return e, nil, apperr.New(apperr.Invalid, "补正后的申请内容含有无效字符或过长（不超过5000字）").OnField("text")
		}
	}
	var err error
	if e.On, err = parseOptionalDate(in.On, "日期", "on", cl.Today); err != nil {
		return e, nil, err
	}
	if e.Served, err = parseOptionalDate(in.Served, "送达日期", "served", workday.Date{}); err != nil {
		return e, nil, err
	}
	if e.On.After(cl.Today) || e.Served.After(cl.Today) {
		return e, nil, apperr.New(apperr.Invalid, "不能登记今天以后的日期").OnField("on")
	}
	if e.Kind == request.EvFeeNotice && in.FeeMethod != "" {
		fee, notice, err := s.feeNotice(ctx, req, in, e.On, cl)
		if err != nil {
			return e, nil, err
		}
		e.AmountFen, e.Note = notice.AmountFen, notice.Text()
		return e, &fee, nil
	}
	return e, nil, nil
}

// errNoFee says that an assessment came to nothing to pay: it is recorded, no notice is sent.
var errNoFee = errors.New("web: nothing to pay")

// feeNotice assesses the application's 信息处理费 with request.MonthlyFees over the applicant's
// applications of the natural month received before this one (store.MonthFeeApplications): 按件
// by the ordinals of its 件 in the month, 按量 by its pages — counted afresh for the application
// (fee.pages_scope = application) or on top of the pages of the month's earlier 按量
// applications (fee.pages_scope = month). It returns the assessment and, when there is
// something to pay, the 收费通知 (zero otherwise).
func (s *Server) feeNotice(ctx context.Context, req store.Request, in eventInput, on workday.Date, cl store.Clocking) (store.FeeAssessment, request.FeeNotice, error) {
	method := request.FeeMethod(in.FeeMethod)
	this := request.FeeApplication{ID: req.Number, Received: req.ReceivedOn, Items: max(in.FeeItems, 1), Method: method}
	switch method {
	case request.FeeItems:
	case request.FeePages:
		if in.FeePages < 1 {
			return store.FeeAssessment{}, request.FeeNotice{}, apperr.New(apperr.Invalid, "按量计收须填写提供的页数").OnField("fee_pages")
		}
		this.Items, this.Pages = 1, in.FeePages
	default:
		return store.FeeAssessment{}, request.FeeNotice{}, apperr.New(apperr.Invalid, "请选择计费方式：按件计收或按量计收").OnField("fee_method")
	}
	apps, err := s.db.MonthFeeApplications(ctx, req.ID)
	if err != nil {
		return store.FeeAssessment{}, request.FeeNotice{}, err
	}
	lines, err := request.MonthlyFees(cl.Policy, append(apps, this))
	if err != nil {
		return store.FeeAssessment{}, request.FeeNotice{}, err
	}
	line := lines[len(lines)-1]
	fee := store.FeeAssessment{RequestID: req.ID, Method: method, Items: this.Items, Pages: this.Pages, AmountFen: line.AmountFen,
		Standard: line.Standard, AssessedOn: on}
	if line.AmountFen == 0 {
		return fee, request.FeeNotice{}, nil
	}
	notice, err := request.NewFeeNotice(cl.Cal, line, on, strings.TrimSpace(in.HowToPay))
	return fee, notice, err
}

// addStep records a step: a fee notice with its assessment, an assessment with nothing to pay
// on its own (noFee), any other step as it is.
func (s *Server) addStep(ctx context.Context, p *org.Principal, req store.Request, lock int, e request.Event, fee *store.FeeAssessment, cl store.Clocking) (clock request.Clock, noFee bool, err error) {
	switch {
	case fee != nil && fee.AmountFen == 0:
		if err := s.db.RecordFeeAssessment(ctx, p, req.ID, *fee); err != nil {
			return clock, false, err
		}
		clock, err = s.db.RequestClock(ctx, req.ID, cl)
		return clock, true, err
	case fee != nil:
		clock, err = s.db.AddFeeNotice(ctx, p, req.ID, lock, e, *fee, cl)
	default:
		clock, err = s.db.AddRequestEvent(ctx, p, req.ID, lock, e, cl)
	}
	return clock, false, err
}

// feeBasis is what the fee form shows about the month: the page scope in force and what the
// applicant's earlier applications of the month already count, and this application's own
// assessment if made.
type feeBasis struct {
	Scope         request.PagesScope
	EarlierApps   int // the applicant's applications received earlier in the month
	EarlierItems  int // their 件
	EarlierPages  int // pages of those charged 按量 (counted under the month scope)
	Assessed      bool
	Method        request.FeeMethod
	Items, Pages  int
	AmountFen     int64
	Standard      string
	PerMonthPages bool
}

func (s *Server) feeBasis(ctx context.Context, req store.Request, p request.Policy) (feeBasis, error) {
	b := feeBasis{Scope: p.PagesScope, PerMonthPages: p.PagesScope == request.PagesPerMonth}
	apps, err := s.db.MonthFeeApplications(ctx, req.ID)
	if err != nil {
		return b, err
	}
	b.EarlierApps = len(apps)
	for _, a := range apps {
		b.EarlierItems += a.Items
		if a.Method == request.FeePages {
			b.EarlierPages += a.Pages
		}
	}
	f, ok, err := s.db.RequestFee(ctx, req.ID)
	if err != nil {
		return b, err
	}
	if ok {
		b.Assessed, b.Method, b.Items, b.Pages, b.AmountFen, b.Standard = true, f.Method, f.Items, f.Pages, f.AmountFen, f.Standard
	}
	return b, nil
}

func (s *Server) requestEvent(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := reqCtx(r).principal
	cl := s.clocking(r.Context())
	in, err := eventInputFromForm(r.PostForm)
	noFee := false
	if err == nil {
		var e request.Event
		var fee *store.FeeAssessment
		if e, fee, err = s.event(r.Context(), req, in, cl); err == nil {
			_, noFee, err = s.addStep(r.Context(), p, req, in.Lock, e, fee, cl)
		}
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, r.PostFormValue("kind"), err)
		return
	}
	if noFee {
		http.Redirect(w, r, "/console/requests/"+strconv.FormatInt(req.ID, 10)+"?ok=按标准本件无需收费，不发收费通知；已登记计费结果，计入该申请人本月的累计", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/console/requests/"+strconv.FormatInt(req.ID, 10)+"?ok=已登记", http.StatusSeeOther)
}

// replyInput is a reply as the console form and the API give it.
type replyInput struct {
	Type                    string   `json:"type"`
	Reason                  string   `json:"reason"`
	Explanation             string   `json:"explanation"`
	HowToObtain             string   `json:"how_to_obtain"`
	AlreadyPublic           bool     `json:"already_public"`
	WithheldGrounds         []string `json:"withheld_grounds"`
	NotThisOrgan            bool     `json:"not_this_organ"`
	ResponsibleOrgan        string   `json:"responsible_organ"`
	ResponsibleOrganContact string   `json:"responsible_organ_contact"`
	ResponsibleOrganUnknown bool     `json:"responsible_organ_unknown"`
	// A correction request's outcome (Art. 41): what was corrected; the organ the request was
	// transferred to.
	Corrected            string `json:"corrected"`
	TransferOrgan        string `json:"transfer_organ"`
	TransferOrganContact string `json:"transfer_organ_contact"`
	RepliedOn            string `json:"replied_on"`
	Lock                 int    `json:"lock_version"`
}

// reply reads the input as a reply to an application of purpose p.
func (in replyInput) reply(today workday.Date, p request.Purpose) (request.Reply, workday.Date, error) {
	rp := request.Reply{Type: request.ReplyType(strings.TrimSpace(in.Type)), Reason: request.Reason(strings.TrimSpace(in.Reason)),
		Explanation: strings.TrimSpace(in.Explanation), HowToObtain: strings.TrimSpace(in.HowToObtain), AlreadyPublic: in.AlreadyPublic,
		NotThisOrgan: in.NotThisOrgan, ResponsibleOrgan: strings.TrimSpace(in.ResponsibleOrgan),
		ResponsibleOrganContact: strings.TrimSpace(in.ResponsibleOrganContact), ResponsibleOrganUnknown: in.ResponsibleOrganUnknown,
		Corrected: strings.TrimSpace(in.Corrected), TransferOrgan: strings.TrimSpace(in.TransferOrgan), TransferOrganContact: strings.TrimSpace(in.TransferOrganContact)}
	for _, g := range in.WithheldGrounds {
		if g = strings.TrimSpace(g); g != "" {
			rp.WithheldGrounds = append(rp.WithheldGrounds, request.Reason(g))
		}
	}
	for _, t := range []string{rp.Explanation, rp.HowToObtain, rp.ResponsibleOrgan, rp.ResponsibleOrganContact, rp.Corrected, rp.TransferOrgan, rp.TransferOrganContact} {
		if !cleanText(t, true) || len([]rune(t)) > 5000 {
			return rp, workday.Date{}, apperr.New(apperr.Invalid, "填写的内容含有无效字符或过长").OnField("explanation")
		}
	}
	on, err := parseOptionalDate(in.RepliedOn, "答复日期", "replied_on", today)
	if err != nil {
		return rp, on, err
	}
	if on.After(today) {
		return rp, on, apperr.New(apperr.Invalid, "答复日期不能晚于今天").OnField("replied_on")
	}
	return rp, on, request.ValidateReplyFor(p, rp)
}

// uploaded is a file of the information provided, read and checked before anything is stored.
type uploaded struct {
	name string
	data []byte
}

func readUploads(headers []*multipart.FileHeader) ([]uploaded, error) {
	var out []uploaded
	for _, h := range headers {
		if h.Filename == "" && h.Size == 0 {
			continue // an empty file input
		}
		f, err := h.Open()
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "无法读取上传的文件").OnField("files")
		}
		data, err := io.ReadAll(io.LimitReader(f, disclosure.MaxAttachmentSize+1))
		f.Close()
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "无法读取上传的文件").OnField("files")
		}
		if _, _, err := disclosure.CheckAttachment(h.Filename, data); err != nil {
			return nil, err
		}
		out = append(out, uploaded{h.Filename, data})
	}
	return out, nil
}

func formFiles(r *http.Request) []*multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	return r.MultipartForm.File["files"]
}

// replyAndFiles records the reply, then stores the files of the information provided; the files
// are checked first so that a bad file stores nothing.
func (s *Server) replyAndFiles(ctx context.Context, p *org.Principal, req store.Request, in replyInput, files []uploaded, cl store.Clocking) (request.Clock, error) {
	rp, on, err := in.reply(cl.Today, req.Purpose)
	if err != nil {
		return request.Clock{}, err
	}
	if !p.CanWrite(org.Org{ID: req.OrgID}, org.PermHandleRequest) {
		return request.Clock{}, apperr.New(apperr.Forbidden, "只有受理机关的办理人员可以办理该申请")
	}
	clock, err := s.db.ReplyRequest(ctx, p, req.ID, in.Lock, rp, on, cl)
	if err != nil {
		return clock, err
	}
	for _, f := range files {
		if _, err := s.db.AddRequestFile(ctx, p, req.ID, f.name, f.data); err != nil {
			return clock, err
		}
	}
	return clock, nil
}

func (s *Server) requestReply(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := reqCtx(r).principal
	f := r.PostForm // multipart values are in PostForm too
	in := replyInput{Type: f.Get("type"), Reason: f.Get("reason"), Explanation: f.Get("explanation"), HowToObtain: f.Get("how_to_obtain"),
		AlreadyPublic: f.Get("already_public") == "1", WithheldGrounds: f["withheld_grounds"], NotThisOrgan: f.Get("not_this_organ") == "1",
		ResponsibleOrgan: f.Get("responsible_organ"), ResponsibleOrganContact: f.Get("responsible_organ_contact"),
		ResponsibleOrganUnknown: f.Get("responsible_organ_unknown") == "1", RepliedOn: f.Get("replied_on"),
		Corrected: f.Get("corrected"), TransferOrgan: f.Get("transfer_organ"), TransferOrganContact: f.Get("transfer_organ_contact")}
	in.Lock, _ = strconv.Atoi(f.Get("lock_version"))
	files, err := readUploads(formFiles(r))
	if err == nil {
		_, err = s.replyAndFiles(r.Context(), p, req, in, files, s.clocking(r.Context()))
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, "reply", err)
		return
	}
	http.Redirect(w, r, "/console/requests/"+strconv.FormatInt(req.ID, 10)+"?ok=已答复", http.StatusSeeOther)
}

func (s *Server) requestUpload(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	files, err := readUploads(formFiles(r))
	if err == nil && len(files) == 0 {
		err = apperr.New(apperr.Invalid, "请选择要上传的文件").OnField("files")
	}
	if err == nil {
		for _, f := range files {
			if _, err = s.db.AddRequestFile(r.Context(), reqCtx(r).principal, req.ID, f.name, f.data); err != nil {
				break
			}
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = apperr.New(apperr.TooLarge, "附件不能超过20 MB").OnField("files")
		}
		s.renderRequestError(w, r, req, o, "files", err)
		return
	}
	http.Redirect(w, r, "/console/requests/"+strconv.FormatInt(req.ID, 10)+"?ok=已上传附件", http.StatusSeeOther)
}

// requestFileStaff serves a file to staff who may read the application.
func (s *Server) requestFileStaff(w http.ResponseWriter, r *http.Request) {
	req, _, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fid, _ := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	f, data, err := s.db.RequestFileData(r.Context(), fid)
	if err != nil || f.RequestID != req.ID {
		s.renderError(w, r, apperr.New(apperr.NotFound, "附件不存在"))
		return
	}
	serveRequestFile(w, f, data)
}
