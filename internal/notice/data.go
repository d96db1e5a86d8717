package notice

import (
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// Org is the issuing organisation and its disclosure office (条例 Art. 4, 12:
// the office's name, address, hours, phone, fax and internet contact).
type Org struct {
	Name     string // the organisation as signed, e.g. "江南市人民政府办公室"
	Office   string // its 政府信息公开工作机构, e.g. "江南市人民政府办公室政务公开科"
	Contact  string // contact person (optional)
	Phone    string
	Fax      string
	Email    string
	Address  string
	Postcode string
	Hours    string // office hours
}

// Data is everything the notices need. Each kind uses part of it; Validate
// says which fields a kind requires.
type Data struct {
	Org    Org
	Number string       // the notice number (文书编号), see Number
	Issued workday.Date // the date of the notice (落款日期)

	// Applicant is the applicant's name as addressed ("张三", "某某公司").
	// The caller decides: in full on the applicant's and the handler's copy,
	// masked (request.MaskName) on a copy shown to others.
	Applicant     string
	RequestNumber string       // the application's number (申请编号/登记编号)
	Received      workday.Date // the Art. 31 receipt date
	Channel       string       // how it was received, e.g. "网上申请平台" (acknowledgement; optional)
	Info          string       // the information requested, as described by the applicant
	ReplyDue      workday.Date // the Art. 33 due date (acknowledgement, optional)

	// Correction (补正, Art. 30): every item at once, the period in working
	// days from receipt of the notice, and its last day.
	CorrectionItems   []string
	CorrectionDays    int
	CorrectionLastDay workday.Date

	// Extension (延期, Art. 33): days (1–20), the head of the disclosure
	// office who agreed, the reason and the new due date.
	ExtensionDays   int
	Approver        string
	ExtensionReason string // optional
	NewDue          workday.Date

	// Third-party consultation (Art. 32): to whom, the rights that may be
	// harmed (optional, e.g. "商业秘密") and the end of its 15 working days.
	ThirdParty         string
	ThirdPartyInterest string
	ThirdPartyDeadline workday.Date
	// Decision to disclose over the third party's objection (Art. 32, KindThirdPartyDecision):
	// the information that will be disclosed and why non-disclosure may seriously affect the
	// public interest; ThirdParty names the addressee.
	DecisionContent string
	DecisionReasons string

	// Fee (信息处理费, LEGAL.md §2.1); SetFee fills these from a request.FeeNotice.
	FeeAmountFen int64
	FeeMethod    request.FeeMethod
	FeeBasis     string // the rules relied on, a sentence beginning "依据…" (request.FeeNotice.Basis)
	FeeStandard  string // the tiers applied (request.FeeLine.Standard; optional)
	FeeHowToPay  string
	FeePayBy     workday.Date
	// FeePausesClock: say that notice → payment is not counted in the reply
	// period (clock.pause_for_fee; LEGAL.md §2.2 marks the rule UNCONFIRMED).
	FeePausesClock bool

	// Reply is the decision of a reply (答复书).
	Reply request.Reply

	Attachments []string // names of the attachments (附件), in order

	// ReviewBody is the 复议机关 named in the remedy ("江南市人民政府");
	// Court the court ("江南市江北区人民法院"; empty: "有管辖权的人民法院").
	ReviewBody string
	Court      string
}

// SetFee copies a fee notice's amount, method, basis, standard, payment
// method and deadline into d.
func (d *Data) SetFee(n request.FeeNotice) {
	d.FeeAmountFen = n.AmountFen
	d.FeeMethod = n.Method
	d.FeeBasis = n.Basis
	d.FeeStandard = n.Standard
	d.FeeHowToPay = n.HowToPay
	d.FeePayBy = n.PayBy
}

// Adverse reports whether the reply refuses the applicant anything (every
// type but 予以公开).
func (d Data) Adverse() bool { return d.Reply.Type != request.ReplyDisclose }

// LegalBasis is the reply's legal basis, one provision a line, as
// request.Reply.LegalBasis gives it; for 部分公开 the provisions of the
// withheld parts' grounds (Reply.WithheldGrounds) follow.
func (d Data) LegalBasis() []string {
	lines := strings.Split(d.Reply.LegalBasis(), "\n")
	if d.Reply.Type == request.ReplyPartial {
		seen := map[string]bool{}
		for _, l := range lines {
			seen[l] = true
		}
		for _, g := range d.Reply.WithheldGrounds {
			info, ok := g.Info()
			if !ok {
				continue
			}
			for _, a := range info.Articles {
				l := "《中华人民共和国政府信息公开条例》" + a + "规定：" + request.ArticleText(a)
				if !seen[l] {
					seen[l] = true
					lines = append(lines, l)
				}
			}
		}
	}
	return lines
}

// ReasonLabel is the report label of the reply's sub-reason ("" if none).
func (d Data) ReasonLabel() string { return d.Reply.Reason.Label() }

// WithheldLabels are the labels of the withheld parts' grounds (部分公开).
func (d Data) WithheldLabels() []string {
	var out []string
	for _, g := range d.Reply.WithheldGrounds {
		out = append(out, g.Label())
	}
	return out
}

func invalid(field, msg string) error { return apperr.New(apperr.Invalid, msg).OnField(field) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// Validate checks that d has what a notice of kind k needs.
func (d Data) Validate(k Kind) error {
	if !k.Valid() {
		return invalid("kind", "未知的文书类型“"+string(k)+"”")
	}
	if blank(d.Org.Name) {
		return invalid("org.name", "请填写作出告知的机关名称")
	}
	if blank(d.Number) {
		return invalid("number", "请填写文书编号")
	}
	if !d.Issued.Valid() {
		return invalid("issued", "请填写文书日期")
	}
	if k == KindThirdParty || k == KindThirdPartyDecision {
		if blank(d.ThirdParty) {
			return invalid("third_party", "请填写被征求意见的第三方名称")
		}
	} else if blank(d.Applicant) {
		return invalid("applicant", "请填写申请人姓名或者名称")
	}
	if !d.Received.Valid() {
		return invalid("received", "请填写收到申请的日期（条例第三十一条）")
	}
	if blank(d.RequestNumber) {
		return invalid("request_number", "请填写申请编号")
	}
	if blank(d.Info) {
		return invalid("info", "请填写申请公开的政府信息")
	}
	switch k {
	case KindThirdPartyDecision:
		if blank(d.DecisionContent) {
			return invalid("decision_content", "请写明决定公开的政府信息内容（条例第三十二条）")
		}
		if blank(d.DecisionReasons) {
			return invalid("decision_reasons", "请写明决定公开的理由（条例第三十二条）")
		}
	case KindCorrection:
		n := 0
		for _, it := range d.CorrectionItems {
			if blank(it) {
				return invalid("correction_items", "补正事项不能为空白")
			}
			n++
		}
		if n == 0 {
			return invalid("correction_items", "请一次性列明需要补正的全部事项（条例第三十条）")
		}
		if d.CorrectionDays < request.MinCorrectionPeriodDays || d.CorrectionDays > request.MaxCorrectionPeriodDays {
			return apperr.Newf(apperr.Invalid, "补正期限应在%d至%d个工作日之间", request.MinCorrectionPeriodDays, request.MaxCorrectionPeriodDays).OnField("correction_days")
		}
		if !d.CorrectionLastDay.Valid() {
			return invalid("correction_last_day", "请填写补正期限的最后一日")
		}
	case KindExtension:
		if d.ExtensionDays < 1 || d.ExtensionDays > 20 {
			return invalid("extension_days", "延长的期限应为1至20个工作日（条例第三十三条）")
		}
		if blank(d.Approver) {
			return invalid("approver", "延长答复期限须经政府信息公开工作机构负责人同意，请填写负责人（条例第三十三条）")
		}
		if !d.NewDue.Valid() {
			return invalid("new_due", "请填写延长后的答复期限")
		}
	case KindThirdParty:
		if !d.ThirdPartyDeadline.Valid() {
			return invalid("third_party_deadline", "请填写第三方提出意见的期限（收到征求意见书之日起15个工作日，条例第三十二条）")
		}
	case KindFee:
		if d.FeeAmountFen <= 0 {
			return invalid("fee_amount", "收费金额应大于零；无需收费的不应发出收费通知")
		}
		if d.FeeMethod != request.FeeItems && d.FeeMethod != request.FeePages {
			return invalid("fee_method", "请选择计费方式：按件计收或按量计收（二者只能选一）")
		}
		if blank(d.FeeBasis) {
			return invalid("fee_basis", "请写明收费依据")
		}
		if blank(d.FeeHowToPay) {
			return invalid("fee_how_to_pay", "请写明缴纳方式")
		}
		if !d.FeePayBy.Valid() {
			return invalid("fee_pay_by", "请填写缴费期限的最后一日")
		}
	case KindCorrected, KindCorrectionTransferred, KindCorrectionRefused:
		if d.Reply.Type != k.CorrectionOutcome() {
			return invalid("type", "“"+k.Title()+"”只用于“"+k.CorrectionOutcome().Label()+"”的更正申请答复")
		}
		if err := request.ValidateReplyFor(request.PurposeCorrection, d.Reply); err != nil {
			return err
		}
		if blank(d.ReviewBody) {
			return invalid("review_body", "请填写复议机关：告知书须告知申请行政复议、提起行政诉讼的途径和期限")
		}
	case KindReply:
		if err := request.ValidateReply(d.Reply); err != nil {
			return err
		}
		r := d.Reply
		if (r.Type == request.ReplyDisclose || r.Type == request.ReplyPartial) && blank(r.HowToObtain) && len(d.Attachments) == 0 {
			return invalid("how_to_obtain", "请附上所公开的信息，或写明获取该政府信息的方式、途径和时间（条例第三十六条第（二）项）")
		}
		if blank(d.ReviewBody) {
			return invalid("review_body", "请填写复议机关：答复书须告知申请行政复议、提起行政诉讼的途径和期限")
		}
	}
	for _, a := range d.Attachments {
		if blank(a) {
			return invalid("attachments", "附件名称不能为空白")
		}
	}
	return nil
}
