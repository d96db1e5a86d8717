package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// The rest of an application's console page: its notices, the reviews and court cases brought
// against its reply (行政复议、行政诉讼, the annual report's table 四), its publication as a
// guidance case, the cases to follow when replying, and the Art. 44 prompt when other
// applicants asked for the same information.

// requestExtra is the part of requestDetail built here.
type requestExtra struct {
	policy     request.Policy
	reviewBody string

	Notices     []store.Notice // handlers only
	NoticeForms []noticeForm   // handlers only

	Appeals     []request.Appeal
	AppealKinds []request.AppealKind
	Outcomes    []request.AppealOutcome

	Similar       []store.Request // Art. 44
	DraftTitle    string          // the title of a document proposed for proactive disclosure
	Case          *store.Case     // the case published from this application
	CaseTitle     string          // the draft of the case (handlers, replied, not yet published)
	CaseSummary   string
	Examples      []store.Case // cases of the reply type chosen, to follow
	ExampleType   request.ReplyType
	ExampleReason request.Reason
}

// NoticeTitle is the title of a stored notice's kind.
func (x *requestExtra) NoticeTitle(n store.Notice) string { return noticeKindTitle(n.Kind) }

// Appealable reports whether reviews and cases may be recorded: after the reply.
func (d *requestDetail) Appealable() bool { return d.Reply != nil }

// loadRequestExtra loads notices, appeals, the published case and similar applications.
func (s *Server) loadRequestExtra(r *http.Request, d *requestDetail) (*requestExtra, error) {
	ctx := r.Context()
	x := &requestExtra{policy: s.requestPolicy(ctx), AppealKinds: request.AppealKinds(), Outcomes: request.AppealOutcomes()}
	var err error
	if d.CanHandle {
		if x.Notices, err = s.db.RequestNotices(ctx, d.Request.ID); err != nil {
			return nil, err
		}
		x.reviewBody = s.reviewBody(ctx, d.Org)
	}
	if x.Appeals, err = s.db.Appeals(ctx, d.Request.ID); err != nil {
		return nil, err
	}
	if x.Similar, err = s.db.SimilarRequests(ctx, d.Request.ID); err != nil {
		return nil, err
	}
	x.DraftTitle = clipRunes(requestInfo(d.Request), 100)
	if c, ok, err := s.db.RequestCase(ctx, d.Request.ID); err != nil {
		return nil, err
	} else if ok {
		x.Case = &c
	}
	if d.CanHandle && d.Reply != nil && x.Case == nil && d.Applicant != nil {
		x.CaseTitle, x.CaseSummary = caseDraft(d.Request, *d.Reply, *d.Applicant)
	}
	return x, nil
}

// finishRequestDetail completes the page's forms once the failed form, if any, is known: the
// notice forms and the cases shown next to the reply form.
func (s *Server) finishRequestDetail(r *http.Request, d *requestDetail) error {
	x := d.Extra
	if d.CanHandle {
		x.NoticeForms = noticeForms(d, x)
	}
	if !d.CanHandle || d.Clock.Status == request.StatusEnded {
		return nil
	}
	x.ExampleType = request.ReplyType(d.Val("reply", "type"))
	x.ExampleReason = request.Reason(d.Val("reply", "reason"))
	if !x.ExampleType.Valid() {
		x.ExampleType, x.ExampleReason = "", ""
		return nil
	}
	if x.ExampleReason != "" && x.ExampleReason.Type() != x.ExampleType {
		x.ExampleReason = ""
	}
	var err error
	x.Examples, err = s.db.Cases(r.Context(), store.CaseFilter{ReplyType: x.ExampleType, Reason: x.ExampleReason, Limit: 5})
	return err
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// appealInput reads the fields of an appeal form.
func appealInput(f url.Values, today workday.Date) (request.Appeal, error) {
	a := request.Appeal{Kind: request.AppealKind(strings.TrimSpace(f.Get("appeal_kind"))),
		Outcome: request.AppealOutcome(strings.TrimSpace(f.Get("outcome"))), Note: strings.TrimSpace(f.Get("note"))}
	if !cleanText(a.Note, true) || utf8.RuneCountInString(a.Note) > 1000 {
		return a, apperr.New(apperr.Invalid, "备注含有无效字符或过长（不超过1000字）").OnField("note")
	}
	var err error
	if a.FiledOn, err = parseOptionalDate(f.Get("filed_on"), "申请复议或起诉的日期", "filed_on", workday.Date{}); err != nil {
		return a, err
	}
	if a.DecidedOn, err = parseOptionalDate(f.Get("decided_on"), "审结日期", "decided_on", workday.Date{}); err != nil {
		return a, err
	}
	if a.FiledOn.After(today) || a.DecidedOn.After(today) {
		return a, apperr.New(apperr.Invalid, "不能登记今天以后的日期").OnField("filed_on")
	}
	return a, nil
}

// addAppeal records a review or a court case against the reply.
func (s *Server) addAppeal(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := appealInput(r.PostForm, s.today())
	if err == nil {
		a.RequestID = req.ID
		_, err = s.db.AddAppeal(r.Context(), reqCtx(r).principal, a)
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, "appeal", err)
		return
	}
	http.Redirect(w, r, requestPath(req.ID)+"?ok=已登记复议或诉讼", http.StatusSeeOther)
}

// decideAppeal records the outcome of a review or a court case.
func (s *Server) decideAppeal(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	aid, _ := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	appeals, err := s.db.Appeals(r.Context(), req.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	found := false
	for _, a := range appeals {
		found = found || a.ID == aid
	}
	if !found {
		s.renderError(w, r, apperr.New(apperr.NotFound, "复议或诉讼记录不存在"))
		return
	}
	a, err := appealInput(r.PostForm, s.today())
	if err == nil && a.Outcome.Label() == "" {
		err = apperr.New(apperr.Invalid, "请选择审理结果").OnField("outcome")
	}
	if err == nil {
		err = s.db.DecideAppeal(r.Context(), reqCtx(r).principal, aid, a.Outcome, a.DecidedOn, a.Note)
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, "decide-"+strconv.FormatInt(aid, 10), err)
		return
	}
	http.Redirect(w, r, requestPath(req.ID)+"?ok=已登记审理结果", http.StatusSeeOther)
}
