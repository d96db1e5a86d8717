package web

import (
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

// The 依申请公开 API: filing (public, or a handler registering a paper application), the
// applicant's view by number and query code, and the staff's list, clock, steps and reply.

// apiApplication is the body of POST /api/v1/requests.
type apiApplication struct {
	Org       string `json:"org"`
	Applicant struct {
		Kind     string `json:"kind"`
		Name     string `json:"name"`
		IDKind   string `json:"id_kind"`
		IDNumber string `json:"id_number"`
		Phone    string `json:"phone"`
		Email    string `json:"email"`
		Address  string `json:"address"`
	} `json:"applicant"`
	Description string `json:"description"`
	InfoName    string `json:"info_name"`
	DocNumber   string `json:"doc_number"`
	Form        string `json:"form"`
	Delivery    string `json:"delivery"`
	SubmitKey   string `json:"submit_key"`
	Channel     string `json:"channel"`
	LetterKind  string `json:"letter_kind"`
	ReceivedOn  string `json:"received_on"`
	ArrivedOn   string `json:"arrived_on"`
	// Purpose: "disclosure" (default) or "correction" (Art. 41: correct government information
	// about the applicant); a correction needs Evidence — the proof that the record is
	// inaccurate and what it should say.
	Purpose  string `json:"purpose"`
	Evidence string `json:"evidence"`
}

// values converts the body to the fields of the application form, so that one decoder checks
// both. The API's channels are online, letter (ordinary by default; letter_kind "registered" for
// post the organ signs for), in_person, fax and email; the domain's oral, registered_post and
// ordinary_letter are accepted too. received_on is the Art. 31 date of the channel.
func (a apiApplication) values(staff bool, today workday.Date) (url.Values, error) {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	ap := a.Applicant
	set("kind", ap.Kind)
	set("name", ap.Name)
	idKind := ap.IDKind
	if idKind == "" {
		idKind = string(request.ResidentID)
		if ap.Kind != "" && ap.Kind != string(request.NaturalPerson) {
			idKind = string(request.CreditCodeDoc)
		}
	}
	set("id_kind", idKind)
	set("id_number", ap.IDNumber)
	set("phone", ap.Phone)
	set("email", ap.Email)
	set("address", ap.Address)
	set("description", a.Description)
	set("info_name", a.InfoName)
	set("doc_number", a.DocNumber)
	set("form", a.Form)
	set("delivery", a.Delivery)
	set("submit_key", a.SubmitKey)
	set("purpose", a.Purpose)
	set("evidence", a.Evidence)
	if !staff {
		if (a.Channel != "" && a.Channel != string(request.Online)) || a.ReceivedOn != "" || a.LetterKind != "" || a.ArrivedOn != "" {
			return v, apperr.New(apperr.Unauthorized, "登记信函、当面、传真或电子邮件提交的申请及其收到日期，须使用依申请公开办理员的访问令牌")
		}
		return v, nil
	}
	received := a.ReceivedOn
	if received == "" {
		received = today.String()
	}
	var ch request.Channel
	fact := "confirmed"
	switch a.Channel {
	case "", "online":
		ch = request.Online
	case "letter":
		switch a.LetterKind {
		case "", "ordinary":
			ch = request.OrdinaryLetter
		case "registered":
			ch, fact = request.RegisteredPost, "signed_for"
		default:
			return v, apperr.Newf(apperr.Invalid, "letter_kind 应为 ordinary（平常信函，以与申请人确认之日为收到日期）或 registered（需签收的邮件，以签收之日为收到日期），当前为“%s”", a.LetterKind).OnField("letter_kind")
		}
	case "ordinary_letter":
		ch = request.OrdinaryLetter
	case "registered_post":
		ch, fact = request.RegisteredPost, "signed_for"
	case "in_person", "oral":
		ch, fact = request.Channel(a.Channel), "handed_in"
	case "fax", "email":
		ch = request.Channel(a.Channel)
	default:
		return v, apperr.Newf(apperr.Invalid, "未知的申请渠道“%s”，应为 online、letter、in_person、fax 或 email", a.Channel).OnField("channel")
	}
	v.Set("channel", string(ch))
	v.Set(fact, received)
	if ch == request.OrdinaryLetter {
		set("arrived", a.ArrivedOn)
	}
	return v, nil
}

// apiMaybePrincipal is the caller's principal when a bearer token is given (nil for the public);
// a token that is given but not valid is an error, not the public.
func apiMaybePrincipal(r *http.Request) (*org.Principal, error) {
	if r.Header.Get("Authorization") == "" {
		return nil, nil
	}
	return apiPrincipal(r)
}

func (s *Server) apiCreateRequest(w http.ResponseWriter, r *http.Request) {
	p, err := apiMaybePrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	if p == nil && !s.limits.allow("apply-api:"+clientIP(r), 20, 6) {
		apiError(w, apperr.New(apperr.RateLimited, "提交过于频繁，请稍后再试"))
		return
	}
	var in apiApplication
	if err := decodeJSON(r, 64<<10, &in); err != nil {
		apiError(w, err)
		return
	}
	cl := s.clocking(r.Context())
	var o org.Org
	switch {
	case in.Org != "":
		if o, err = s.db.OrgByCode(r.Context(), in.Org); err != nil {
			apiError(w, apperr.New(apperr.NotFound, "机构不存在").OnField("org"))
			return
		}
	case p != nil:
		o = p.Org
	default:
		apiError(w, apperr.New(apperr.Invalid, "请给出受理机关的统一社会信用代码 org").OnField("org"))
		return
	}
	v, err := in.values(p != nil, cl.Today)
	if err != nil {
		apiError(w, err)
		return
	}
	nr, err := decodeApplicationForm(v, p != nil, cl.Today)
	if err != nil {
		apiError(w, err)
		return
	}
	nr.OrgID = o.ID
	req, code, dup, err := s.createRequest(r.Context(), p, nr, cl)
	if err != nil {
		apiError(w, err)
		return
	}
	body := map[string]any{"id": req.ID, "number": req.Number, "org": o.Code, "channel": req.Channel, "purpose": req.Purpose.Of(), "received_on": dateString(req.ReceivedOn),
		"due_date": dateString(req.DueOn), "status": req.Status, "tracking": "/api/v1/requests/" + req.Number}
	// The due date with a calendar warning when it falls in or crosses a year whose holidays
	// are not entered (calendar.unknown_year).
	warn := nonNil(cl.Cal.Warnings(req.ReceivedOn, req.DueOn))
	body["warnings"], body["warnings_en"] = warn, warningsEN(warn)
	status := http.StatusCreated
	if code != "" {
		body["query_code"] = code
	}
	if dup {
		body["duplicate"] = true
		status = http.StatusOK
	}
	noStore(w)
	w.Header().Set("Location", "/api/v1/requests/"+req.Number)
	writeJSON(w, status, body)
}

func eventJSON(e request.Event, public bool) map[string]any {
	if public && e.Kind == request.EvThirdPartyNotified {
		// The Art. 32 notice concerns the third party: its name, the content and reasons stay with staff.
		e.Party, e.Note, e.Text = "", "", ""
	}
	m := map[string]any{"kind": e.Kind, "label": e.Kind.Label(), "on": dateString(e.On)}
	if e.Objected && !public {
		m["objected"] = true
	}
	if e.Days != 0 {
		m["days"] = e.Days
	}
	if e.Approver != "" {
		m["approver"] = e.Approver
	}
	if e.Party != "" && !(public && (e.Kind == request.EvThirdPartyStart || e.Kind == request.EvThirdPartyEnd || e.Kind == request.EvThirdPartyNotified)) {
		m["party"] = e.Party
	}
	if !e.Served.IsZero() {
		m["served"] = dateString(e.Served)
	}
	if len(e.Items) > 0 {
		m["items"] = e.Items
	}
	if e.AmountFen != 0 {
		m["amount_fen"], m["amount"] = e.AmountFen, request.FormatFen(e.AmountFen)
	}
	if e.ReplyType != "" {
		m["reply_type"] = e.ReplyType
	}
	if e.Reason != "" {
		m["reason"] = e.Reason
	}
	if e.Note != "" {
		m["note"] = e.Note
	}
	if e.Text != "" {
		m["text"] = e.Text
	}
	if e.Original != "" {
		m["original"] = e.Original
	}
	return m
}

func clockJSON(c request.Clock) map[string]any {
	pauses := []map[string]any{}
	for _, p := range c.Pauses {
		pauses = append(pauses, map[string]any{"kind": p.Kind, "label": p.Kind.Label(), "party": p.Party, "from": dateString(p.From),
			"to": dateString(p.To), "open": p.Open, "capped": p.Capped, "deadline": dateString(p.Deadline), "counted": p.Counted, "excluded_workdays": p.Excluded})
	}
	paused := []request.PauseKind{}
	paused = append(paused, c.PausedFor...)
	m := map[string]any{"status": c.Status, "status_label": c.Status.Label(), "received_on": dateString(c.Received), "start": dateString(c.Start),
		"due_date": dateString(c.Due), "due_provisional": c.DueProvisional, "period_workdays": c.Period, "used_workdays": c.Used,
		"left_workdays": c.Left, "excluded_workdays": c.Excluded, "paused_for": paused, "pauses": pauses,
		"explanation": nonNil(c.Explanation), "alerts": nonNil(c.Alerts), "warnings": nonNil(c.Warnings),
		"warnings_en": warningsEN(c.Warnings)}
	if c.Ended != "" {
		m["ended"], m["ended_on"], m["end_label"] = c.Ended, dateString(c.EndedOn), c.Ended.Label()
	}
	for k, d := range map[string]workday.Date{"correction_notice_by": c.CorrectionNoticeBy, "correction_due": c.CorrectionDue,
		"third_party_due": c.ThirdPartyDue, "organ_due": c.OrganDue, "fee_due": c.FeeDue} {
		if !d.IsZero() {
			m[k] = dateString(d)
		}
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func replyJSON(sr store.StoredReply) map[string]any {
	rp := sr.Reply
	m := map[string]any{"type": rp.Type, "type_label": rp.Type.Label(), "row": rp.Row(), "explanation": rp.Explanation,
		"how_to_obtain": rp.HowToObtain, "already_public": rp.AlreadyPublic, "legal_basis": rp.LegalBasis(), "replied_on": dateString(sr.RepliedOn)}
	if rp.Reason != "" {
		m["reason"], m["reason_label"] = rp.Reason, rp.Reason.Label()
	}
	if len(rp.WithheldGrounds) > 0 {
		var g []map[string]any
		for _, r := range rp.WithheldGrounds {
			g = append(g, map[string]any{"reason": r, "label": r.Label()})
		}
		m["withheld_grounds"] = g
	}
	if rp.Corrected != "" {
		m["corrected"] = rp.Corrected
	}
	if rp.TransferOrgan != "" {
		m["transfer_organ"], m["transfer_organ_contact"] = rp.TransferOrgan, rp.TransferOrganContact
	}
	if rp.NotThisOrgan {
		m["not_this_organ"] = true
		m["responsible_organ"], m["responsible_organ_contact"], m["responsible_organ_unknown"] = rp.ResponsibleOrgan, rp.ResponsibleOrganContact, rp.ResponsibleOrganUnknown
	}
	return m
}

// apiTrackRequest is the applicant's view: GET /api/v1/requests/{number}?code=….
func (s *Server) apiTrackRequest(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	if !s.limits.allow("track:"+clientIP(r), 30, 10) {
		apiError(w, apperr.New(apperr.RateLimited, "查询过于频繁，请稍后再试"))
		return
	}
	code := r.URL.Query().Get("code")
	if strings.TrimSpace(code) == "" {
		apiError(w, apperr.New(apperr.Invalid, "请用参数 code 给出查询码").OnField("code"))
		return
	}
	v, err := s.loadTrack(r.Context(), r.PathValue("number"), code)
	if err != nil {
		apiError(w, err)
		return
	}
	events := []map[string]any{}
	for _, e := range v.Events {
		events = append(events, eventJSON(e, true))
	}
	files := []map[string]any{}
	for _, f := range v.Files {
		files = append(files, map[string]any{"name": f.Name, "size": f.Size, "url": f.URL})
	}
	body := map[string]any{"number": v.Request.Number, "org": v.Org.Code, "org_name": v.Org.Name, "channel": v.Request.Channel, "purpose": v.Request.Purpose.Of(),
		"info_name": v.Request.InfoName, "doc_number": v.Request.DocNumber, "description": v.Request.Description,
		"received_on": dateString(v.Request.ReceivedOn), "status": v.Clock.Status, "status_label": v.Clock.Status.Label(),
		"due_date": dateString(v.Clock.Due), "clock": clockJSON(v.Clock), "events": events, "files": files,
		"awaiting_correction": v.Awaiting, "reply": nil}
	if v.Awaiting {
		body["correction_items"] = v.Items
		body["correction_due"] = dateString(v.Clock.CorrectionDue)
	}
	if v.Reply != nil {
		body["reply"] = replyJSON(*v.Reply)
	}
	writeJSON(w, http.StatusOK, body)
}

// apiStaffRequest loads an application the token's holder may read.
func (s *Server) apiStaffRequest(r *http.Request) (*org.Principal, store.Request, org.Org, error) {
	p, err := apiPrincipal(r)
	if err != nil {
		return nil, store.Request{}, org.Org{}, err
	}
	req, o, err := s.staffRequest(r)
	return p, req, o, err
}

func (s *Server) apiRequestClock(w http.ResponseWriter, r *http.Request) {
	_, req, _, err := s.apiStaffRequest(r)
	if err != nil {
		apiError(w, err)
		return
	}
	clock, err := s.db.RequestClock(r.Context(), req.ID, s.clocking(r.Context()))
	if err != nil {
		apiError(w, err)
		return
	}
	body := clockJSON(clock)
	body["id"], body["number"], body["lock_version"] = req.ID, req.Number, req.LockVersion
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) apiRequestEvent(w http.ResponseWriter, r *http.Request) {
	p, req, _, err := s.apiStaffRequest(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in eventInput
	if err := decodeJSON(r, 64<<10, &in); err != nil {
		apiError(w, err)
		return
	}
	cl := s.clocking(r.Context())
	e, fee, err := s.event(r.Context(), req, in, cl)
	if err != nil {
		apiError(w, err)
		return
	}
	clock, noFee, err := s.addStep(r.Context(), p, req, in.Lock, e, fee, cl)
	if err != nil {
		apiError(w, err)
		return
	}
	body := clockJSON(clock)
	body["id"], body["number"] = req.ID, req.Number
	if fee != nil {
		body["fee"] = map[string]any{"method": fee.Method, "items": fee.Items, "pages": fee.Pages, "amount_fen": fee.AmountFen,
			"amount": request.FormatFen(fee.AmountFen), "standard": fee.Standard, "pages_scope": cl.Policy.PagesScope}
	}
	if noFee {
		// Nothing to pay: the assessment is recorded (it counts in the applicant's month), no
		// notice is sent and the clock is unchanged.
		body["event"] = nil
		writeJSON(w, http.StatusOK, body)
		return
	}
	body["event"] = eventJSON(e, false)
	writeJSON(w, http.StatusCreated, body)
}

func (s *Server) apiRequestReply(w http.ResponseWriter, r *http.Request) {
	p, req, _, err := s.apiStaffRequest(r)
	if err != nil {
		apiError(w, err)
		return
	}
	var in struct {
		replyInput
		Files []struct {
			Name string `json:"name"`
			Data []byte `json:"data"`
		} `json:"files"`
	}
	if err := decodeJSON(r, 30<<20, &in); err != nil {
		apiError(w, err)
		return
	}
	var files []uploaded
	for _, f := range in.Files {
		if _, _, err := disclosure.CheckAttachment(f.Name, f.Data); err != nil {
			apiError(w, err)
			return
		}
		files = append(files, uploaded{f.Name, f.Data})
	}
	clock, err := s.replyAndFiles(r.Context(), p, req, in.replyInput, files, s.clocking(r.Context()))
	if err != nil {
		apiError(w, err)
		return
	}
	body := clockJSON(clock)
	body["id"], body["number"] = req.ID, req.Number
	if sr, ok, err := s.db.RequestReply(r.Context(), req.ID); err == nil && ok {
		body["reply"] = replyJSON(sr)
	}
	writeJSON(w, http.StatusCreated, body)
}

func (s *Server) apiRequests(w http.ResponseWriter, r *http.Request) {
	p, err := apiPrincipal(r)
	if err != nil {
		apiError(w, err)
		return
	}
	q := r.URL.Query()
	filter := q.Get("status")
	switch filter {
	case "":
		filter = "open"
	case "open", "overdue", "all":
	default:
		apiError(w, apperr.New(apperr.Invalid, "status 应为 open、overdue 或 all").OnField("status"))
		return
	}
	limit := 100
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > 500 {
			apiError(w, apperr.New(apperr.Invalid, "limit 应为 1 至 500").OnField("limit"))
			return
		}
	}
	scope, err := s.readScope(r, p)
	if err != nil {
		apiError(w, err)
		return
	}
	if code := q.Get("org"); code != "" {
		o, err := s.db.OrgByCode(r.Context(), code)
		if err != nil {
			apiError(w, err)
			return
		}
		if !p.CanRead(o) {
			apiError(w, apperr.New(apperr.Forbidden, "无权查看该机构的申请"))
			return
		}
		scope = []int64{o.ID}
		if q.Get("subtree") == "1" || q.Get("subtree") == "true" {
			sub, err := s.db.SubtreeIDs(r.Context(), o)
			if err != nil {
				apiError(w, err)
				return
			}
			scope = intersect(sub, mustScope(s.readScope(r, p)))
		}
	}
	rows, err := s.requestRows(r.Context(), scope, filter, limit)
	if err != nil {
		apiError(w, err)
		return
	}
	out := []map[string]any{}
	for _, row := range rows {
		rq := row.Request
		out = append(out, map[string]any{"id": rq.ID, "number": rq.Number, "org": row.Org.Code, "channel": rq.Channel,
			"received_on": dateString(rq.ReceivedOn), "status": row.Clock.Status, "urgency": row.Urgency, "due_date": dateString(row.Clock.Due),
			"left_workdays": row.Clock.Left, "applicant": rq.Applicant, "info_name": rq.InfoName, "doc_number": rq.DocNumber,
			"description": rq.Description, "lock_version": rq.LockVersion, "warnings": nonNil(row.Clock.Warnings),
			"warnings_en": warningsEN(row.Clock.Warnings)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"requests": out})
}

func mustScope(ids []int64, err error) []int64 {
	if err != nil {
		return []int64{}
	}
	return ids
}
