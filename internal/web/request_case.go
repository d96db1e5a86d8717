package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
)

// The case library (案例指导): a handler publishes an answered application, anonymised, as a
// guidance case; the public browses the cases by reply type and sub-reason, and handlers see
// the cases of the reply type they are drafting.

// anonymise removes the applicant's name, identity number and contact details from text.
func anonymise(text string, a request.Applicant) string {
	for _, x := range []struct{ personal, with string }{
		{a.ID.Number, "（证件号码已隐去）"}, {a.Phone, "（联系电话已隐去）"}, {a.Email, "（电子邮箱已隐去）"},
		{a.Address, "（地址已隐去）"}, {a.Name, "申请人"},
	} {
		if p := strings.TrimSpace(x.personal); utf8.RuneCountInString(p) >= 2 {
			text = strings.ReplaceAll(text, p, x.with)
		}
	}
	return text
}

// caseDraft proposes a case's title and summary from the application and its reply, with the
// applicant's personal data removed (the case's page adds the legal basis of the reply type).
func caseDraft(req store.Request, sr store.StoredReply, a request.Applicant) (title, summary string) {
	rp := sr.Reply
	outcome := rp.Type.Label()
	if rp.Reason != "" {
		outcome += "（" + rp.Reason.Label() + "）"
	}
	info := requestInfo(req)
	title = clipRunes("申请公开“"+clipRunes(info, 60)+"”的答复："+outcome, 100)
	var b strings.Builder
	b.WriteString("申请内容：申请人申请公开“" + info + "”。")
	if d := strings.TrimSpace(req.Description); d != "" && d != info {
		b.WriteString("所需信息的描述：" + d)
	}
	b.WriteString("\n答复结果：" + outcome + "。")
	if e := strings.TrimSpace(rp.Explanation); e != "" {
		b.WriteString("\n答复理由：" + e)
	}
	if rp.NotThisOrgan && rp.ResponsibleOrgan != "" {
		b.WriteString("\n负责公开该信息的机关：" + rp.ResponsibleOrgan + "。")
	}
	return anonymise(title, a), clipRunes(anonymise(b.String(), a), 5000)
}

// publishCase publishes the application as a guidance case.
func (s *Server) publishCase(w http.ResponseWriter, r *http.Request) {
	req, o, err := s.staffRequest(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title, summary := r.PostFormValue("title"), r.PostFormValue("summary")
	if !cleanText(title, false) || !cleanText(summary, true) {
		err = apperr.New(apperr.Invalid, "填写的内容含有无效字符或过长").OnField("summary")
	} else {
		_, err = s.db.PublishCase(r.Context(), reqCtx(r).principal, req.ID, title, summary)
	}
	if err != nil {
		s.renderRequestError(w, r, req, o, "case", err)
		return
	}
	http.Redirect(w, r, requestPath(req.ID)+"?ok=已发布为案例", http.StatusSeeOther)
}

// caseRow is a case with its organisation.
type caseRow struct {
	Case store.Case
	Org  org.Org
}

// Date is the day the case was published.
func (c caseRow) Date() string {
	if len(c.Case.PublishedAt) >= 10 {
		return c.Case.PublishedAt[:10]
	}
	return c.Case.PublishedAt
}

// LegalBasis is the legal basis of the case's reply type and sub-reason.
func (c caseRow) LegalBasis() string {
	return request.Reply{Type: c.Case.ReplyType, Reason: c.Case.Reason}.LegalBasis()
}

// casesView is the case library's page.
type casesView struct {
	Cases      []caseRow
	Q          string
	Type       request.ReplyType
	Reason     request.Reason
	ReplyTypes []request.ReplyType
	Searched   bool
}

func (s *Server) caseRows(r *http.Request, cases []store.Case) ([]caseRow, error) {
	orgs, err := s.orgMap(r)
	if err != nil {
		return nil, err
	}
	out := []caseRow{}
	for _, c := range cases {
		out = append(out, caseRow{Case: c, Org: orgs[c.OrgID]})
	}
	return out, nil
}

// casesPage lists the cases, searched by text and filtered by reply type and sub-reason.
func (s *Server) casesPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := &casesView{Q: strings.TrimSpace(q.Get("q")), Type: request.ReplyType(q.Get("type")), Reason: request.Reason(q.Get("reason")),
		ReplyTypes: request.ReplyTypes()}
	if !cleanText(v.Q, false) || utf8.RuneCountInString(v.Q) > 100 {
		s.renderError(w, r, apperr.New(apperr.Invalid, "检索词无效或过长（不超过100字）"))
		return
	}
	if !v.Type.Valid() {
		v.Type = ""
	}
	if _, ok := v.Reason.Info(); !ok || (v.Type != "" && v.Reason.Type() != v.Type) {
		v.Reason = ""
	}
	if v.Type == "" && v.Reason != "" {
		v.Type = v.Reason.Type()
	}
	v.Searched = v.Q != "" || v.Type != "" || v.Reason != ""
	cases, err := s.db.Cases(r.Context(), store.CaseFilter{ReplyType: v.Type, Reason: v.Reason, Text: v.Q, Limit: 50})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.Cases, err = s.caseRows(r, cases); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request_cases", &page{Title: "案例指导", Data: v, Breadcrumbs: []crumb{{"案例指导", ""}}})
}

// casePage shows one case.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var c store.Case
	if err == nil {
		c, err = s.db.Case(r.Context(), id)
	}
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "案例不存在"))
		return
	}
	rows, err := s.caseRows(r, []store.Case{c})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "request_case", &page{Title: "%s - %s", TitleArgs: []any{c.Title, msg("案例指导")}, Data: rows[0],
		Breadcrumbs: []crumb{{"案例指导", "/cases"}, {c.Title, ""}}})
}

// requestExtraEnglish is the English of the notice, appeal and case pages.
var requestExtraEnglish = map[string]string{
	// Notices.
	"告知书":     "Notices",
	"告知书模板":   "Notice Templates",
	"文书编号":    "Notice no.",
	"文书日期":    "Date of notice",
	"下载":      "Download",
	"尚未生成告知书": "No notice has been issued yet",
	"生成%s":    "Issue: %s",
	"生成告知书":   "Issue the notice",
	"告知书按本机构的告知书模板生成，编号按机关、文书类别和年度连续编排；打印页和DOCX内容相同。": "Notices are made from your body's notice templates and numbered consecutively per body, kind and year; the printable page and the DOCX have the same content.",
	"告知书链接30分钟内有效；过期后请重新查询。":                          "The links to the notices work for 30 minutes; look the application up again after that.",
	"政府信息公开申请登记回执":                                    "Acknowledgement of an Application for Government Information",
	"补正申请告知书":                                         "Notice to Correct an Application",
	"延期答复告知书":                                         "Notice of Extension of the Reply Period",
	"征求第三方意见书":                                        "Letter Consulting a Third Party",
	"收取信息处理费通知书":                                      "Notice of Information Processing Fee",
	"政府信息公开申请答复书":                                     "Reply to an Application for Government Information",
	"申请公开的政府信息":                                       "Information requested",
	"答复期限（不填的不写）":                                     "Reply due by (left out if empty)",
	"补正期限（工作日）":                                       "Period for the correction (working days)",
	"补正期限的最后一日":                                       "Last day for the correction",
	"延期理由（可不填）":                                       "Reason for the extension (optional)",
	"延长后的答复期限":                                        "New reply due date",
	"被征求意见的第三方":                                       "Third party consulted",
	"可能损害的合法权益（如商业秘密，可不填）":                            "Rights that may be harmed (e.g. trade secrets; optional)",
	"第三方提出意见的期限":                                      "Deadline for the third party's opinion",
	"收费金额（元）":                                         "Amount (yuan)",
	"收费依据":                                            "Basis of the charge",
	"收费标准（可不填）":                                       "Rates applied (optional)",
	"缴费期限的最后一日":                                       "Last day to pay",
	"告知申请人：通知至缴费期间不计入答复期限":                            "Tell the applicant that the time from the notice to payment is not counted in the reply period",
	"复议机关":                                            "Administrative review body",
	"管辖法院（不填的写“有管辖权的人民法院”）":                           "Court (if empty: “the competent people's court”)",
	"附件名称（每行一项，可不填）":                                  "Attachments (one name per line; optional)",
	"按收到申请的日期和答复期限填写。":                                "Filled in from the date of receipt and the reply due date.",
	"已按最近一次登记的告知补正填写。":                                "Filled in from the last correction request recorded.",
	"已按登记的延长答复期限填写。":                                  "Filled in from the extension recorded.",
	"已按最近一次登记的征求第三方意见填写；征求意见书寄送第三方，不向申请人显示。": "Filled in from the last third-party consultation recorded; the letter goes to the third party and is not shown to the applicant.",
	"已按登记的收费通知填写。":  "Filled in from the fee notice recorded.",
	"答复书按已作出的答复生成。": "The reply notice states the reply made.",
	"%s的告知书按以下模板生成。模板使用 Go html/template 语法，可用的数据和函数见默认模板；保存前检查语法、引用的字段、可转换为DOCX的HTML，以及是否保留文书编号、日期和（答复书的）救济途径。": "%s's notices are made from the templates below, in Go html/template syntax; the default templates show the data and functions available. Before saving, a template is checked for its syntax, the fields it uses, HTML that converts to DOCX, and that it keeps the notice number, the date and (in a reply) the remedies.",
	"只有本机构管理员可以修改告知书模板。": "Only your body's administrators can change the notice templates.",
	"只有本机构管理员可以修改告知书模板":  "Only your body's administrators can change the notice templates",
	"本机构模板": "Own template",
	"默认模板":  "Default template",
	"%s模板":  "Template: %s",
	"未保存：模板有误，见页首的说明。": "Not saved: the template has an error, explained at the top of the page.",
	"恢复默认模板":             "Restore the default",
	"用示例数据预览":            "Preview with sample data",
	"已保存告知书模板":           "Notice template saved",
	"已生成告知书":             "Notice issued",
	"请选择要生成的告知书":         "Please choose the notice to issue",
	"请选择要修改的告知书模板":       "Please choose the notice template to change",
	"模板含有无效字符":           "The template contains invalid characters",
	"告知书不存在":             "Notice not found",
	"告知书模板不存在":           "Notice template not found",
	"告知书已损坏，无法生成DOCX":    "The notice is damaged; no DOCX can be made from it",
	"告知书不存在或链接已失效，请重新查询": "The notice does not exist or the link is no longer valid. Look the application up again.",
	"链接已过期，请重新查询":        "The link has expired. Look the application up again.",
	"文书日期不能晚于今天":         "The date of the notice cannot be after today",
	"该申请尚未答复，不能生成答复书":    "The application has not been replied to; no reply notice can be issued",
	"收费金额应为以元为单位的数字，最多两位小数，如“5500.00”": "The amount is a number of yuan with at most two decimals, e.g. “5500.00”",

	// Appeals.
	"行政复议和行政诉讼":       "Administrative Review and Litigation",
	"类别":              "Kind",
	"申请复议或起诉的日期":      "Date filed",
	"审理结果":            "Outcome",
	"审结日期":            "Date decided",
	"审结日期（尚未审结的不填）":   "Date decided (empty while pending)",
	"备注（复议机关或法院、案号等）": "Note (review body or court, case number…)",
	"登记审理结果":          "Record the outcome",
	"登记行政复议或行政诉讼":     "Record an administrative review or a lawsuit",
	"尚未登记针对本答复的行政复议或行政诉讼":   "No administrative review or lawsuit against this reply has been recorded",
	"已登记复议或诉讼":              "Review or lawsuit recorded",
	"已登记审理结果":               "Outcome recorded",
	"请选择审理结果":               "Please choose the outcome",
	"复议或诉讼记录不存在":            "Review or lawsuit not found",
	"备注含有无效字符或过长（不超过1000字）": "The note contains invalid characters or is too long (1,000 characters at most)",
	"行政复议":                  "Administrative review",
	"行政诉讼（未经复议直接起诉）":        "Lawsuit (without prior review)",
	"行政诉讼（复议后起诉）":           "Lawsuit (after review)",
	"尚未审结":                  "Pending",
	"结果维持":                  "Upheld",
	"结果纠正":                  "Corrected",
	"其他结果":                  "Other outcome",
	"请选择行政复议或行政诉讼（直接起诉或复议后起诉）": "Please choose administrative review or lawsuit (direct or after review)",
	"请填写申请复议或起诉的日期":            "Please give the date the review or lawsuit was filed",
	"该申请尚未答复，不能登记针对答复的复议或诉讼":   "The application has not been replied to; no review or lawsuit against a reply can be recorded",
	"复议或起诉日期不能早于答复日期":          "The review or lawsuit cannot be filed before the reply",
	"尚未审结的案件不应有审结日期":           "A pending case has no date of decision",
	"请填写不早于申请日期的审结日期":          "Please give a date of decision not before the date filed",

	// Art. 44.
	"条例第四十四条提示": "Article 44 of the Regulations",
	"已有%d件其他申请人申请相同或相近的信息，依据条例第四十四条，可以纳入主动公开范围": "%d other applicants have asked for the same or similar information; under Article 44 of the Regulations it may be disclosed proactively",
	"起草主动公开的文件": "Draft a document for proactive disclosure",

	// Cases.
	"案例指导":       "Guidance Cases",
	"发布为案例":      "Publish as a case",
	"已发布为案例":     "Published as a case",
	"本申请已发布为案例：": "This application is published as the case: ",
	"本申请尚未发布为案例": "This application has not been published as a case",
	"案例标题":       "Title of the case",
	"案情摘要":       "Summary",
	"案情摘要（已匿名化）": "Summary (anonymised)",
	"案例向社会公开。草稿已去除申请人的姓名、证件号码和联系方式，请再核对并去除其他能识别申请人的内容。": "Cases are public. The draft leaves out the applicant's name, identity number and contact details; check it again and remove anything else that identifies the applicant.",
	"参考案例": "Cases to Follow",
	"查看同类案例并按此类型答复": "Show cases of this kind and reply with this type",
	"暂无同类案例":        "No cases of this kind yet",
	"选择答复类型（和具体情形），可查看已发布的同类答复案例。": "Choose a reply type (and a sub-reason) to see the cases published with such replies.",
	"具体情形": "Sub-reason",
	"（不限）": "(any)",
	"关键词":  "Keywords",
	"各机关依申请公开的答复案例，已去除申请人的个人信息，供申请人和行政机关参考。": "Replies of the bodies to applications for information, with the applicants' personal data removed, for applicants and bodies to refer to.",
	"没有找到符合条件的案例。":      "No case matched.",
	"尚未发布案例。":           "No case has been published yet.",
	"作出答复的机关":           "Body that replied",
	"查看同类案例":            "Cases of the same kind",
	"全部案例":              "All cases",
	"案例不存在":             "Case not found",
	"检索词无效或过长（不超过100字）": "The search is invalid or too long (100 characters at most)",
	"请填写案例标题（不超过100字）和案情摘要（不超过5000字）": "Please give the case's title (100 characters at most) and summary (5,000 characters at most)",
	"案例中仍含有申请人的姓名、证件号码或联系方式，请先做匿名化处理": "The case still contains the applicant's name, identity number or contact details; please anonymise it first",
	"只能把已答复的申请发布为案例":                  "Only an application that has been replied to can be published as a case",
	"该申请已发布为案例":                       "The application is already published as a case",
}

func init() {
	for k, v := range requestExtraEnglish {
		english[k] = v
	}
}
