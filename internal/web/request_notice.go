package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/notice"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Formal notices (告知书) of an application, in the console: a form per kind prefilled from what
// the application's log already holds (the correction items, the extension, the consultation,
// the fee notice, the reply), numbered and stored with the application (store.AddRequestNotice,
// the body being the printable page), shown again as that page or as a DOCX made from it. Only
// the receiving organisation's handlers see them, since they address the applicant by name.
// The applicant sees the notices addressed to them on the tracking page through signed links.
// An organisation's administrator edits the templates the notices are made from.

// requestExtraRoutes registers the pages of notices, appeals, the case library and the
// applicant's notices.
func (s *Server) requestExtraRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /console/notice-templates", s.staff(s.noticeTemplates))
	m.HandleFunc("POST /console/notice-templates", s.staff(s.saveNoticeTemplate))
	m.HandleFunc("GET /console/notice-templates/{kind}/preview", s.staff(s.previewNoticeTemplate))
	m.HandleFunc("POST /console/requests/{id}/notices", s.staff(s.createNotice))
	m.HandleFunc("GET /console/requests/{id}/notices/{nid}", s.staff(s.noticeFile))
	m.HandleFunc("POST /console/requests/{id}/appeals", s.staff(s.addAppeal))
	m.HandleFunc("POST /console/requests/{id}/appeals/{aid}/decide", s.staff(s.decideAppeal))
	m.HandleFunc("POST /console/requests/{id}/case", s.staff(s.publishCase))
	for _, prefix := range []string{"", "/o/{code}"} {
		m.HandleFunc("GET "+prefix+"/track/notices/{id}", s.trackNotice)
		m.HandleFunc("GET "+prefix+"/cases", s.cached(s.casesPage))
		m.HandleFunc("GET "+prefix+"/cases/{id}", s.cached(s.casePage))
	}
}

// noticeTemplateSetting names the setting that holds an organisation's edited template of kind.
func noticeTemplateSetting(orgID int64, kind notice.Kind) string {
	return "notice.template." + strconv.FormatInt(orgID, 10) + "." + string(kind)
}

// noticeTemplate is the organisation's edited template of kind ("" for the default).
func (s *Server) noticeTemplate(ctx context.Context, orgID int64, kind notice.Kind) (string, error) {
	v, _, err := s.db.Setting(ctx, noticeTemplateSetting(orgID, kind))
	return v, err
}

// noticeOrg is the issuing organisation and its disclosure office as the notices show them.
func noticeOrg(o org.Org) notice.Org {
	c := o.Contact
	return notice.Org{Name: o.Name, Office: c.OfficeName, Phone: c.Phone, Fax: c.Fax, Email: c.Email, Address: c.Address,
		Postcode: c.Postcode, Hours: c.OfficeHours}
}

// noticeShortName is the organisation's word in notice numbers: its short name (机关代字), or its
// name when it has none.
func noticeShortName(o org.Org) string {
	if s := strings.TrimSpace(o.ShortName); s != "" {
		return s
	}
	return o.Name
}

// noticeField is a field of a notice form.
type noticeField struct {
	Name, Label string
	Type        string // text, date, number, textarea, lines, select, check
	Value       string
	Options     []choice
}

// noticeForm is the form that makes a notice of one kind.
type noticeForm struct {
	Kind   notice.Kind
	Title  string
	Fields []noticeField
	Open   bool   // the form failed and is shown again
	Hint   string // a catalog key shown above the form
}

// noticeFieldSpecs are the fields of each kind's form after the common ones (date, information).
var noticeFieldSpecs = map[notice.Kind][]noticeField{
	notice.KindAcknowledgement: {{Name: "channel", Label: "申请渠道", Type: "text"}, {Name: "reply_due", Label: "答复期限（不填的不写）", Type: "date"}},
	notice.KindCorrection: {{Name: "correction_items", Label: "需要补正的事项（每行一项，须一次性告知全部事项）", Type: "lines"},
		{Name: "correction_days", Label: "补正期限（工作日）", Type: "number"}, {Name: "correction_last_day", Label: "补正期限的最后一日", Type: "date"}},
	notice.KindExtension: {{Name: "extension_days", Label: "延长的工作日（最多20个）", Type: "number"},
		{Name: "approver", Label: "同意延期的政府信息公开工作机构负责人", Type: "text"},
		{Name: "extension_reason", Label: "延期理由（可不填）", Type: "textarea"}, {Name: "new_due", Label: "延长后的答复期限", Type: "date"}},
	notice.KindThirdParty: {{Name: "third_party", Label: "被征求意见的第三方", Type: "text"},
		{Name: "third_party_interest", Label: "可能损害的合法权益（如商业秘密，可不填）", Type: "text"},
		{Name: "third_party_deadline", Label: "第三方提出意见的期限", Type: "date"}},
	notice.KindThirdPartyDecision: {{Name: "third_party", Label: "不同意公开的第三方", Type: "text"},
		{Name: "decision_content", Label: "决定公开的政府信息内容", Type: "textarea"},
		{Name: "decision_reasons", Label: "决定公开的理由（不公开可能对公共利益造成重大影响）", Type: "textarea"},
		{Name: "review_body", Label: "复议机关", Type: "text"}, {Name: "court", Label: "管辖法院（不填的写“有管辖权的人民法院”）", Type: "text"}},
	notice.KindCorrected:             correctionNoticeFields,
	notice.KindCorrectionTransferred: correctionNoticeFields,
	notice.KindCorrectionRefused:     correctionNoticeFields,
	notice.KindFee: {{Name: "fee_amount", Label: "收费金额（元）", Type: "text"}, {Name: "fee_method", Label: "计费方式", Type: "select"},
		{Name: "fee_basis", Label: "收费依据", Type: "textarea"}, {Name: "fee_standard", Label: "收费标准（可不填）", Type: "textarea"},
		{Name: "fee_how_to_pay", Label: "缴纳方式", Type: "textarea"}, {Name: "fee_pay_by", Label: "缴费期限的最后一日", Type: "date"},
		{Name: "fee_pauses_clock", Label: "告知申请人：通知至缴费期间不计入答复期限", Type: "check"}},
	notice.KindReply: {{Name: "review_body", Label: "复议机关", Type: "text"}, {Name: "court", Label: "管辖法院（不填的写“有管辖权的人民法院”）", Type: "text"},
		{Name: "attachments", Label: "附件名称（每行一项，可不填）", Type: "lines"}},
}

// commonNoticeFields come first in every form.
var commonNoticeFields = []noticeField{{Name: "issued", Label: "文书日期", Type: "date"}, {Name: "info", Label: "申请公开的政府信息", Type: "textarea"}}

// correctionNoticeFields are the fields of the notices of a correction request's outcomes (Art.
// 41): the outcome itself comes from the recorded reply.
var correctionNoticeFields = []noticeField{{Name: "review_body", Label: "复议机关", Type: "text"},
	{Name: "court", Label: "管辖法院（不填的写“有管辖权的人民法院”）", Type: "text"}}

// noticeApplies reports whether a notice of kind k can be issued for the application now: the
// notices of a disclosure request's steps and reply for a disclosure request; for a correction
// request (Art. 41) the acknowledgement, correction (补正) and extension notices and, once
// replied, the notice of its outcome.
func noticeApplies(k notice.Kind, purpose request.Purpose, reply *store.StoredReply) bool {
	if purpose.Of() == request.PurposeCorrection {
		switch k {
		case notice.KindAcknowledgement, notice.KindCorrection, notice.KindExtension:
			return true
		}
		return reply != nil && k.CorrectionOutcome() != "" && k.CorrectionOutcome() == reply.Reply.Type
	}
	if k.CorrectionOutcome() != "" {
		return false
	}
	return k != notice.KindReply || reply != nil
}

// noticeHints explain where a form's values come from.
var noticeHints = map[notice.Kind]string{
	notice.KindAcknowledgement:       "按收到申请的日期和答复期限填写。",
	notice.KindCorrection:            "已按最近一次登记的告知补正填写。",
	notice.KindExtension:             "已按登记的延长答复期限填写。",
	notice.KindThirdParty:            "已按最近一次登记的征求第三方意见填写；征求意见书寄送第三方，不向申请人显示。",
	notice.KindFee:                   "已按登记的收费通知填写。",
	notice.KindThirdPartyDecision:    "已按登记的“告知第三方决定公开”填写（条例第三十二条）；告知书寄送第三方，不向申请人显示。",
	notice.KindReply:                 "答复书按已作出的答复生成。",
	notice.KindCorrected:             "告知书按已作出的更正申请答复生成（条例第四十一条）。",
	notice.KindCorrectionTransferred: "告知书按已作出的更正申请答复生成（条例第四十一条）。",
	notice.KindCorrectionRefused:     "告知书按已作出的更正申请答复生成（条例第四十一条）。",
}

// noticeChannel is how the acknowledgement names the channel of receipt.
func noticeChannel(c request.Channel) string {
	if c == request.Online {
		return "网上申请平台"
	}
	return c.Label()
}

// requestInfo is the information requested, as a notice quotes it.
func requestInfo(r store.Request) string {
	info := strings.TrimSpace(r.InfoName)
	if doc := strings.TrimSpace(r.DocNumber); doc != "" {
		if info == "" {
			info = doc
		} else {
			info += "（" + doc + "）"
		}
	}
	if info == "" {
		info = strings.TrimSpace(r.Description)
	}
	return info
}

func dateValue(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func yuanValue(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

// lastEvent is the latest event of a kind.
func lastEvent(events []request.Event, k request.EventKind) (request.Event, bool) {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Kind == k {
			return events[i], true
		}
	}
	return request.Event{}, false
}

// feeFromNote reads the fee notice's text as the console recorded it (request.FeeNotice.Text).
func feeFromNote(note string) (method, basis, standard, howToPay string) {
	for i, l := range strings.Split(note, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case i == 0 && strings.HasPrefix(l, "依据"):
			basis = l
		case strings.HasPrefix(l, "收费标准："):
			standard = strings.TrimSuffix(strings.TrimPrefix(l, "收费标准："), "。")
		case strings.HasPrefix(l, "缴纳方式："):
			howToPay = strings.TrimPrefix(l, "缴纳方式：")
		}
	}
	switch {
	case strings.Contains(basis, request.FeeItems.Label()):
		method = string(request.FeeItems)
	case strings.Contains(basis, request.FeePages.Label()):
		method = string(request.FeePages)
	}
	return
}

// noticePrefill is the values a kind's form starts with, from the application's state.
func noticePrefill(d *requestDetail, x *requestExtra, kind notice.Kind) url.Values {
	v := url.Values{}
	v.Set("issued", dateValue(d.Today))
	v.Set("info", requestInfo(d.Request))
	c := d.Clock
	switch kind {
	case notice.KindAcknowledgement:
		v.Set("channel", noticeChannel(d.Request.Channel))
		v.Set("reply_due", dateValue(c.Due))
	case notice.KindCorrection:
		days := x.policy.CorrectionPeriodDays
		if e, ok := lastEvent(d.Events, request.EvCorrectionRequested); ok {
			v.Set("correction_items", strings.Join(e.Items, "\n"))
			if e.Days > 0 {
				days = e.Days
			}
		}
		v.Set("correction_days", strconv.Itoa(days))
		v.Set("correction_last_day", dateValue(c.CorrectionDue))
	case notice.KindExtension:
		if e, ok := lastEvent(d.Events, request.EvExtended); ok {
			v.Set("extension_days", strconv.Itoa(e.Days))
			v.Set("approver", e.Approver)
			v.Set("extension_reason", e.Note)
			v.Set("new_due", dateValue(c.Due))
		}
	case notice.KindThirdParty:
		if e, ok := lastEvent(d.Events, request.EvThirdPartyStart); ok {
			v.Set("third_party", e.Party)
			v.Set("third_party_deadline", dateValue(c.ThirdPartyDue))
		}
	case notice.KindThirdPartyDecision:
		if e, ok := lastEvent(d.Events, request.EvThirdPartyNotified); ok {
			v.Set("third_party", e.Party)
			v.Set("decision_content", e.Text)
			v.Set("decision_reasons", e.Note)
		}
	case notice.KindFee:
		if e, ok := lastEvent(d.Events, request.EvFeeNotice); ok {
			if e.AmountFen > 0 {
				v.Set("fee_amount", yuanValue(e.AmountFen))
			}
			method, basis, standard, how := feeFromNote(e.Note)
			v.Set("fee_method", method)
			v.Set("fee_basis", basis)
			v.Set("fee_standard", standard)
			v.Set("fee_how_to_pay", how)
			v.Set("fee_pay_by", dateValue(c.FeeDue))
		}
		if x.policy.PauseForFee {
			v.Set("fee_pauses_clock", "1")
		}
	case notice.KindCorrected, notice.KindCorrectionTransferred, notice.KindCorrectionRefused:
		if d.Reply != nil {
			v.Set("issued", dateValue(d.Reply.RepliedOn))
		}
		v.Set("review_body", x.reviewBody)
	case notice.KindReply:
		if d.Reply != nil {
			v.Set("issued", dateValue(d.Reply.RepliedOn))
		}
		v.Set("review_body", x.reviewBody)
		var names []string
		for _, f := range d.Files {
			names = append(names, f.Name)
		}
		v.Set("attachments", strings.Join(names, "\n"))
	}
	return v
}

// noticeForms are the forms of the kinds that can be issued now (a reply after the reply only).
func noticeForms(d *requestDetail, x *requestExtra) []noticeForm {
	var out []noticeForm
	for _, k := range notice.Kinds() {
		if !noticeApplies(k, d.Request.Purpose, d.Reply) {
			continue
		}
		f := noticeForm{Kind: k, Title: k.Title(), Hint: noticeHints[k]}
		values := noticePrefill(d, x, k)
		if d.FormKind == "notice_"+string(k) && d.Form != nil {
			values, f.Open = d.Form, true
		}
		for _, spec := range append(append([]noticeField{}, commonNoticeFields...), noticeFieldSpecs[k]...) {
			spec.Value = values.Get(spec.Name)
			if spec.Name == "fee_method" {
				spec.Options = []choice{{string(request.FeeItems), request.FeeItems.Label()}, {string(request.FeePages), request.FeePages.Label()}}
			}
			f.Fields = append(f.Fields, spec)
		}
		out = append(out, f)
	}
	return out
}

// reviewBody is the 复议机关 a reply names by default: the organisation above, else itself.
func (s *Server) reviewBody(ctx context.Context, o org.Org) string {
	if o.ParentID != 0 {
		if parent, err := s.db.Org(ctx, o.ParentID); err == nil {
			return parent.Name
		}
	}
	return o.Name
}

var yuanRE = regexp.MustCompile(`^([0-9]{1,9})(?:\.([0-9]{1,2}))?$`)

// parseYuan reads an amount in 元 ("5500", "5500.00", "5,500.5元") as fen.
func parseYuan(s string) (int64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "元")
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(s)
	m := yuanRE.FindStringSubmatch(s)
	if m == nil {
		return 0, apperr.New(apperr.Invalid, "收费金额应为以元为单位的数字，最多两位小数，如“5500.00”").OnField("fee_amount")
	}
	yuan, _ := strconv.ParseInt(m[1], 10, 64)
	frac := m[2]
	if len(frac) == 1 {
		frac += "0"
	}
	fen := int64(0)
	if frac != "" {
		fen, _ = strconv.ParseInt(frac, 10, 64)
	}
	return yuan*request.FenPerYuan + fen, nil
}

// noticeData reads a notice form into the notice's data, the applicant's name and the reply
// coming from the store.
func (s *Server) noticeData(ctx context.Context, p *org.Principal, req store.Request, o org.Org, kind notice.Kind, f url.Values) (notice.Data, error) {
	d := notice.Data{Org: noticeOrg(o), RequestNumber: req.Number, Received: req.ReceivedOn}
	for k, vs := range f {
		for _, v := range vs {
			if !cleanText(v, true) || utf8.RuneCountInString(v) > 5000 {
				return d, apperr.New(apperr.Invalid, "填写的内容含有无效字符或过长").OnField(k)
			}
		}
	}
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	lines := func(k string) []string {
		var out []string
		for _, l := range strings.Split(f.Get(k), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	today := s.today()
	var err error
	date := func(k, label string) workday.Date {
		if err != nil {
			return workday.Date{}
		}
		var v workday.Date
		v, err = parseOptionalDate(get(k), label, k, workday.Date{})
		return v
	}
	number := func(k, label string) int {
		if err != nil || get(k) == "" {
			return 0
		}
		n, aerr := strconv.Atoi(get(k))
		if aerr != nil || n < 0 {
			err = apperr.Newf(apperr.Invalid, "%s应为非负整数", label).OnField(k)
		}
		return n
	}
	if d.Issued = date("issued", "文书日期"); err == nil && d.Issued.IsZero() {
		d.Issued = today
	}
	if err == nil && d.Issued.After(today) {
		err = apperr.New(apperr.Invalid, "文书日期不能晚于今天").OnField("issued")
	}
	d.Info = get("info")
	switch kind {
	case notice.KindAcknowledgement:
		d.Channel, d.ReplyDue = get("channel"), date("reply_due", "答复期限")
	case notice.KindCorrection:
		d.CorrectionItems = lines("correction_items")
		d.CorrectionDays = number("correction_days", "补正期限")
		d.CorrectionLastDay = date("correction_last_day", "补正期限的最后一日")
	case notice.KindExtension:
		d.ExtensionDays = number("extension_days", "延长的工作日")
		d.Approver, d.ExtensionReason = get("approver"), get("extension_reason")
		d.NewDue = date("new_due", "延长后的答复期限")
	case notice.KindThirdParty:
		d.ThirdParty, d.ThirdPartyInterest = get("third_party"), get("third_party_interest")
		d.ThirdPartyDeadline = date("third_party_deadline", "第三方提出意见的期限")
	case notice.KindThirdPartyDecision:
		d.ThirdParty, d.DecisionContent, d.DecisionReasons = get("third_party"), get("decision_content"), get("decision_reasons")
		d.ReviewBody, d.Court = get("review_body"), get("court")
	case notice.KindFee:
		if err == nil && get("fee_amount") != "" {
			d.FeeAmountFen, err = parseYuan(get("fee_amount"))
		}
		d.FeeMethod = request.FeeMethod(get("fee_method"))
		d.FeeBasis, d.FeeStandard, d.FeeHowToPay = get("fee_basis"), get("fee_standard"), get("fee_how_to_pay")
		d.FeePayBy = date("fee_pay_by", "缴费期限的最后一日")
		d.FeePausesClock = f.Get("fee_pauses_clock") == "1"
	case notice.KindReply, notice.KindCorrected, notice.KindCorrectionTransferred, notice.KindCorrectionRefused:
		d.ReviewBody, d.Court = get("review_body"), get("court")
		if kind == notice.KindReply {
			d.Attachments = lines("attachments")
		}
		if err == nil && req.Purpose.Of() == request.PurposeCorrection && kind == notice.KindReply {
			err = apperr.New(apperr.Invalid, "更正申请（条例第四十一条）不生成政府信息公开申请答复书，请生成其处理结果的告知书").OnField("kind")
		}
		if err == nil && req.Purpose.Of() != request.PurposeCorrection && kind != notice.KindReply {
			err = apperr.New(apperr.Invalid, "“"+kind.Title()+"”只用于更正与本人相关的政府信息的申请（条例第四十一条）").OnField("kind")
		}
		if err == nil {
			sr, ok, rerr := s.db.RequestReply(ctx, req.ID)
			switch {
			case rerr != nil:
				err = rerr
			case !ok:
				err = apperr.New(apperr.Invalid, "该申请尚未答复，不能生成答复书").OnField("kind")
			default:
				d.Reply = sr.Reply
			}
		}
	}
	if err != nil {
		return d, err
	}
	a, err := s.db.RequestApplicant(ctx, p, req.ID)
	if err != nil {
		return d, err
	}
	d.Applicant = a.Name
	return d, nil
}

// handlerRequest loads an application for one of its handlers: anyone else gets 404, as if it
// did not exist (the notices address the applicant by name).
func (s *Server) handlerRequest(r *http.Request) (store.Request, org.Org, error) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		return req, o, err
	}
	if !reqCtx(r).principal.CanWrite(o, org.PermHandleRequest) {
		return req, o, apperr.New(apperr.NotFound, "申请不存在")
	}
	return req, o, nil
}

func requestPath(id int64) string { return "/console/requests/" + strconv.FormatInt(id, 10) }

func (s *Server) createNotice(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.handlerRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	p := reqCtx(r).principal
	kind := notice.Kind(r.PostFormValue("kind"))
	if !kind.Valid() {
		s.renderRequestError(w, r, req, o, "", apperr.New(apperr.Invalid, "请选择要生成的告知书").OnField("kind"))
		return
	}
	d, err := s.noticeData(ctx, p, req, o, kind, r.PostForm)
	var override string
	if err == nil {
		override, err = s.noticeTemplate(ctx, o.ID, kind)
	}
	if err == nil {
		short := noticeShortName(o)
		_, err = s.db.AddRequestNotice(ctx, p, req.ID, string(kind), d.Issued,
			func(seq int) string { return notice.Number(short, kind, d.Issued.Year, seq) },
			func(number string) (string, error) {
				d.Number = number
				doc, err := notice.Build(kind, d, override)
				return string(doc.Page), err
			})
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, "notice_"+string(kind), err)
		return
	}
	http.Redirect(w, r, requestPath(req.ID)+"?ok=已生成告知书", http.StatusSeeOther)
}

// noticeBody is the body fragment of a stored notice page (notice.Page).
func noticeBody(page string) (notice.HTML, bool) {
	const open, end = "<body>\n<div class=\"notice\">\n", "\n</div>\n</body>"
	i, j := strings.Index(page, open), strings.LastIndex(page, end)
	if i < 0 || j < i+len(open) {
		return "", false
	}
	return notice.HTML(page[i+len(open) : j]), true
}

// noticeCSP lets a notice page use its own inline style and nothing else: no script, no
// external resource, no form, no framing.
func noticeCSP(page string) string {
	style := "'none'"
	if i := strings.Index(page, "<style>"); i >= 0 {
		if j := strings.Index(page[i:], "</style>"); j >= 0 {
			sum := sha256.Sum256([]byte(page[i+len("<style>") : i+j]))
			style = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		}
	}
	return "default-src 'none'; style-src " + style + "; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
}

// serveNoticePage writes a notice's printable page as stored.
func serveNoticePage(w http.ResponseWriter, page string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", noticeCSP(page))
	h.Set("Cache-Control", "private, no-store")
	w.Write([]byte(page))
}

// noticeFile serves a notice as its printable page, or as DOCX when the name ends in .docx.
func (s *Server) noticeFile(w http.ResponseWriter, r *http.Request) {
	req, _, err := s.handlerRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sid, docx := strings.CutSuffix(r.PathValue("nid"), ".docx")
	nid, perr := strconv.ParseInt(sid, 10, 64)
	var n store.Notice
	if perr == nil {
		n, err = s.db.RequestNotice(r.Context(), nid)
	}
	if perr != nil || err != nil || n.RequestID != req.ID {
		s.renderError(w, r, apperr.New(apperr.NotFound, "告知书不存在"))
		return
	}
	if !docx {
		serveNoticePage(w, n.BodyHTML)
		return
	}
	body, ok := noticeBody(n.BodyHTML)
	if !ok {
		s.renderError(w, r, apperr.New(apperr.Internal, "告知书已损坏，无法生成DOCX"))
		return
	}
	data, err := notice.DOCX(body)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": n.Number + ".docx"}))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// noticeLink is a notice on the tracking page.
type noticeLink struct {
	Title, Number string
	Issued        workday.Date
	URL           string
}

// applicantNotices are the notices addressed to the applicant (a third party's letter is not),
// with links that work for 30 minutes, like the reply's files.
func (s *Server) applicantNotices(ctx context.Context, requestID int64, key []byte) ([]noticeLink, error) {
	ns, err := s.db.RequestNotices(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var out []noticeLink
	for _, n := range ns {
		if notice.Kind(n.Kind) == notice.KindThirdParty || notice.Kind(n.Kind) == notice.KindThirdPartyDecision {
			continue // addressed to the third party
		}
		out = append(out, noticeLink{Title: notice.Kind(n.Kind).Title(), Number: n.Number, Issued: n.IssuedOn,
			URL: s.signedURL(key, "/track/notices/", "notice", n.ID)})
	}
	return out, nil
}

// trackNotice serves a notice to the applicant through a signed link from the tracking page.
func (s *Server) trackNotice(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	id, ok := s.signedID(w, r, "notice", "告知书不存在或链接已失效，请重新查询", "链接已过期，请重新查询")
	if !ok {
		return
	}
	n, err := s.db.RequestNotice(r.Context(), id)
	if err != nil || notice.Kind(n.Kind) == notice.KindThirdParty || notice.Kind(n.Kind) == notice.KindThirdPartyDecision {
		s.renderError(w, r, apperr.New(apperr.NotFound, "告知书不存在或链接已失效，请重新查询"))
		return
	}
	serveNoticePage(w, n.BodyHTML)
}

// Editable templates.

// noticeTemplateItem is one kind's template on the editing page.
type noticeTemplateItem struct {
	Kind   notice.Kind
	Title  string
	Text   string
	Custom bool // the organisation's own text, not the default
	Error  *apperr.Error
}

type noticeTemplatesView struct {
	Org     org.Org
	CanEdit bool
	Items   []noticeTemplateItem
}

func (s *Server) noticeTemplatesData(r *http.Request) (*noticeTemplatesView, error) {
	p := reqCtx(r).principal
	v := &noticeTemplatesView{Org: p.Org, CanEdit: p.CanWrite(p.Org, org.PermManageOrg)}
	for _, k := range notice.Kinds() {
		text, err := s.noticeTemplate(r.Context(), p.Org.ID, k)
		if err != nil {
			return nil, err
		}
		it := noticeTemplateItem{Kind: k, Title: k.Title(), Text: text, Custom: strings.TrimSpace(text) != ""}
		if !it.Custom {
			it.Text = notice.DefaultTemplate(k)
		}
		v.Items = append(v.Items, it)
	}
	return v, nil
}

func (s *Server) noticeTemplates(w http.ResponseWriter, r *http.Request) {
	v, err := s.noticeTemplatesData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_request_notice_templates", s.consolePage(r, "告知书模板", v))
}

func (s *Server) saveNoticeTemplate(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	if !p.CanWrite(p.Org, org.PermManageOrg) {
		s.renderError(w, r, apperr.New(apperr.Forbidden, "只有本机构管理员可以修改告知书模板"))
		return
	}
	kind := notice.Kind(r.PostFormValue("kind"))
	text := strings.ReplaceAll(r.PostFormValue("template"), "\r\n", "\n")
	var err error
	switch {
	case !kind.Valid():
		err = apperr.New(apperr.Invalid, "请选择要修改的告知书模板").OnField("kind")
	case r.PostFormValue("reset") == "1" || text == notice.DefaultTemplate(kind):
		err = s.db.SetOrgSetting(r.Context(), store.ActorOf(p), p.Org.ID, noticeTemplateSetting(p.Org.ID, kind), "", "notice_template.reset", string(kind))
	case !utf8.ValidString(text):
		err = apperr.New(apperr.Invalid, "模板含有无效字符").OnField("template")
	default:
		// Saved with an audit entry, like every other staff write (digests of the old and new text).
		if err = notice.ParseTemplate(kind, text); err == nil {
			err = s.db.SetOrgSetting(r.Context(), store.ActorOf(p), p.Org.ID, noticeTemplateSetting(p.Org.ID, kind), text, "notice_template.save", string(kind))
		}
	}
	if err == nil {
		http.Redirect(w, r, "/console/notice-templates?ok=已保存告知书模板", http.StatusSeeOther)
		return
	}
	v, lerr := s.noticeTemplatesData(r)
	if lerr != nil {
		s.renderError(w, r, lerr)
		return
	}
	for i := range v.Items {
		if v.Items[i].Kind == kind {
			v.Items[i].Text, v.Items[i].Error = text, apperr.From(err)
		}
	}
	pg := s.consolePage(r, "告知书模板", v)
	pg.Flash = ""
	pg.Error = apperr.From(err)
	s.render(w, r, apperr.Status(pg.Error.Code), "console_request_notice_templates", pg)
}

// previewNoticeTemplate shows the organisation's template of a kind filled with sample data.
func (s *Server) previewNoticeTemplate(w http.ResponseWriter, r *http.Request) {
	p := reqCtx(r).principal
	kind := notice.Kind(r.PathValue("kind"))
	if !kind.Valid() {
		s.renderError(w, r, apperr.New(apperr.NotFound, "告知书模板不存在"))
		return
	}
	override, err := s.noticeTemplate(r.Context(), p.Org.ID, kind)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := notice.Sample(kind)
	d.Org = noticeOrg(p.Org)
	d.Number = notice.Number(noticeShortName(p.Org), kind, d.Issued.Year, 1)
	d.ReviewBody = s.reviewBody(r.Context(), p.Org)
	doc, err := notice.Build(kind, d, override)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	serveNoticePage(w, string(doc.Page))
}

// noticeKindTitle is the title of a notice kind as stored ("" for an unknown one).
func noticeKindTitle(kind string) string { return notice.Kind(kind).Title() }
