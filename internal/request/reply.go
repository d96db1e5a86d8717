package request

import (
	"strings"

	"gongkai/internal/apperr"
)

// ReplyType is the reply decision, as the groups （一）–（六） of row 三
// ("本年度办理结果") of the annual report's table 三 (LEGAL.md §3.3).
type ReplyType string

const (
	ReplyDisclose     ReplyType = "disclose"      // 三(一) 予以公开 — Art. 36(1)/(2)
	ReplyPartial      ReplyType = "partial"       // 三(二) 部分公开 — Art. 37
	ReplyWithhold     ReplyType = "withhold"      // 三(三) 不予公开, sub-reasons 1–8
	ReplyUnable       ReplyType = "unable"        // 三(四) 无法提供, sub-reasons 1–3
	ReplyNotProcessed ReplyType = "not_processed" // 三(五) 不予处理, sub-reasons 1–5
	ReplyOther        ReplyType = "other"         // 三(六) 其他处理, sub-reasons 1–3
)

type replyTypeInfo struct {
	t        ReplyType
	label    string // short label
	rowLabel string // exact label of the report row
	row      string // row id, e.g. "三(三)"
}

var replyTypes = []replyTypeInfo{
	{ReplyDisclose, "予以公开", "（一）予以公开", "三(一)"},
	{ReplyPartial, "部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三(二)"},
	{ReplyWithhold, "不予公开", "（三）不予公开", "三(三)"},
	{ReplyUnable, "无法提供", "（四）无法提供", "三(四)"},
	{ReplyNotProcessed, "不予处理", "（五）不予处理", "三(五)"},
	{ReplyOther, "其他处理", "（六）其他处理", "三(六)"},
}

func (t ReplyType) info() (replyTypeInfo, bool) {
	for _, x := range replyTypes {
		if x.t == t {
			return x, true
		}
	}
	for _, x := range correctionReplyTypes {
		if x.t == t {
			return x, true
		}
	}
	return replyTypeInfo{}, false
}

// ReplyTypes returns the six types in report order.
func ReplyTypes() []ReplyType {
	out := make([]ReplyType, len(replyTypes))
	for i, x := range replyTypes {
		out[i] = x.t
	}
	return out
}

// Valid reports whether t is one of the six types of a disclosure reply (a correction
// request's outcomes are not: see IsCorrection and ValidFor).
func (t ReplyType) Valid() bool {
	for _, x := range replyTypes {
		if x.t == t {
			return true
		}
	}
	return false
}

// Label is the short Chinese name, e.g. "不予公开".
func (t ReplyType) Label() string { x, _ := t.info(); return x.label }

// RowLabel is the exact label of the type's row in table 三, e.g.
// "（二）部分公开（区分处理的，只计这一情形，不计其他情形）".
func (t ReplyType) RowLabel() string { x, _ := t.info(); return x.rowLabel }

// Row is the report row id of the type, e.g. "三(三)". For 予以公开 and 部分公开
// it is the row counted; the other types are counted in their sub-rows.
func (t ReplyType) Row() string { x, _ := t.info(); return x.row }

// HasReasons reports whether the type is counted by sub-reason (三(三)–三(六)), or, for
// 不予更正 (Art. 41), needs a ground.
func (t ReplyType) HasReasons() bool {
	return t == ReplyWithhold || t == ReplyUnable || t == ReplyNotProcessed || t == ReplyOther || t == ReplyNotCorrected
}

// Reasons returns the type's sub-reasons in report order (nil for 予以公开, 部分公开), or the
// grounds of 不予更正.
func (t ReplyType) Reasons() []Reason {
	var out []Reason
	for _, r := range append(reasons[:len(reasons):len(reasons)], correctionReasons...) {
		if r.Type == t {
			out = append(out, r.Code)
		}
	}
	return out
}

// Reason is a sub-reason of table 三, coded "type:name", e.g. "withhold:state_secret".
type Reason string

// The sub-reasons of table 三, with the report's numbering in the comments.
const (
	// 三(三) 不予公开
	WithholdStateSecret     Reason = "withhold:state_secret"     // 1.属于国家秘密
	WithholdLawProhibited   Reason = "withhold:law_prohibited"   // 2.其他法律行政法规禁止公开
	WithholdSecurity        Reason = "withhold:security"         // 3.危及“三安全一稳定”
	WithholdThirdParty      Reason = "withhold:third_party"      // 4.保护第三方合法权益
	WithholdInternalAffairs Reason = "withhold:internal_affairs" // 5.属于三类内部事务信息
	WithholdProcess         Reason = "withhold:process"          // 6.属于四类过程性信息
	WithholdEnforcementFile Reason = "withhold:enforcement_file" // 7.属于行政执法案卷
	WithholdAdminQuery      Reason = "withhold:admin_query"      // 8.属于行政查询事项
	UnableNotHeld           Reason = "unable:not_held"           // 1.本机关不掌握相关政府信息
	UnableNeedsCreation     Reason = "unable:needs_creation"     // 2.没有现成信息需要另行制作
	UnableStillUnclear      Reason = "unable:still_unclear"      // 3.补正后申请内容仍不明确
	NotProcessedPetition    Reason = "not_processed:petition"    // 1.信访举报投诉类申请
	NotProcessedRepeated    Reason = "not_processed:repeated"    // 2.重复申请
	NotProcessedPublication Reason = "not_processed:publication" // 3.要求提供公开出版物
	NotProcessedExcessive   Reason = "not_processed:excessive"   // 4.无正当理由大量反复申请
	NotProcessedConfirm     Reason = "not_processed:confirm"     // 5.要求行政机关确认或重新出具已获取信息
	OtherCorrectionLapsed   Reason = "other:correction_lapsed"   // 1.申请人无正当理由逾期不补正…
	OtherFeeUnpaid          Reason = "other:fee_unpaid"          // 2.申请人逾期未按收费通知要求缴纳费用…
	OtherOther              Reason = "other:other"               // 3.其他
)

// ReasonInfo describes a sub-reason.
type ReasonInfo struct {
	Code   Reason
	Type   ReplyType
	Number int    // the number in the report, 1-based
	Label  string // exact label of the report row without the number, e.g. "属于国家秘密"
	Row    string // report row id, e.g. "三(三)1"
	// Articles are the provisions to quote in the reply, as keys of
	// ArticleText (e.g. "第十四条"). Empty when no article covers the reason.
	Articles []string
	// Mapping is "CONFIRMED" when LEGAL.md's mapping rests on an article's
	// wording, else "INFERENCE"/"UNCONFIRMED" as LEGAL.md §3.3 marks it.
	Mapping string
}

// reasons: labels exactly as LEGAL.md §3.3; articles as its "Mapping reply
// decisions → rows" (itself INFERENCE in LEGAL.md; the sub-mapping marks
// here repeat LEGAL.md's own UNCONFIRMED marks).
var reasons = []ReasonInfo{
	{WithholdStateSecret, ReplyWithhold, 1, "属于国家秘密", "三(三)1", []string{"第十四条", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdLawProhibited, ReplyWithhold, 2, "其他法律行政法规禁止公开", "三(三)2", []string{"第十四条", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdSecurity, ReplyWithhold, 3, "危及“三安全一稳定”", "三(三)3", []string{"第十四条", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdThirdParty, ReplyWithhold, 4, "保护第三方合法权益", "三(三)4", []string{"第十五条", "第三十二条", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdInternalAffairs, ReplyWithhold, 5, "属于三类内部事务信息", "三(三)5", []string{"第十六条第一款", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdProcess, ReplyWithhold, 6, "属于四类过程性信息", "三(三)6", []string{"第十六条第二款", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdEnforcementFile, ReplyWithhold, 7, "属于行政执法案卷", "三(三)7", []string{"第十六条第二款", "第三十六条第（三）项"}, "INFERENCE"},
	{WithholdAdminQuery, ReplyWithhold, 8, "属于行政查询事项", "三(三)8", []string{"第三十六条第（七）项"}, "UNCONFIRMED"},
	{UnableNotHeld, ReplyUnable, 1, "本机关不掌握相关政府信息", "三(四)1", []string{"第三十六条第（四）项"}, "INFERENCE"},
	{UnableNeedsCreation, ReplyUnable, 2, "没有现成信息需要另行制作", "三(四)2", []string{"第三十八条"}, "INFERENCE"},
	{UnableStillUnclear, ReplyUnable, 3, "补正后申请内容仍不明确", "三(四)3", []string{"第三十条"}, "INFERENCE"},
	{NotProcessedPetition, ReplyNotProcessed, 1, "信访举报投诉类申请", "三(五)1", []string{"第三十九条第一款"}, "INFERENCE"},
	{NotProcessedRepeated, ReplyNotProcessed, 2, "重复申请", "三(五)2", []string{"第三十六条第（六）项"}, "INFERENCE"},
	{NotProcessedPublication, ReplyNotProcessed, 3, "要求提供公开出版物", "三(五)3", []string{"第三十九条第二款"}, "INFERENCE"},
	{NotProcessedExcessive, ReplyNotProcessed, 4, "无正当理由大量反复申请", "三(五)4", []string{"第三十五条"}, "INFERENCE"},
	{NotProcessedConfirm, ReplyNotProcessed, 5, "要求行政机关确认或重新出具已获取信息", "三(五)5", nil, "UNCONFIRMED"},
	{OtherCorrectionLapsed, ReplyOther, 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "三(六)1", []string{"第三十条"}, "CONFIRMED"},
	{OtherFeeUnpaid, ReplyOther, 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "三(六)2", []string{"第四十二条"}, "CONFIRMED"},
	{OtherOther, ReplyOther, 3, "其他", "三(六)3", nil, "CONFIRMED"},
}

// Reasons returns every sub-reason in report order (三(三)1 … 三(六)3).
func Reasons() []ReasonInfo {
	out := make([]ReasonInfo, len(reasons))
	copy(out, reasons)
	for i := range out {
		out[i].Articles = append([]string(nil), out[i].Articles...)
	}
	return out
}

// Info returns the sub-reason's (or the 不予更正 ground's) description.
func (r Reason) Info() (ReasonInfo, bool) {
	for _, x := range append(reasons[:len(reasons):len(reasons)], correctionReasons...) {
		if x.Code == r {
			x.Articles = append([]string(nil), x.Articles...)
			return x, true
		}
	}
	return ReasonInfo{}, false
}

// Type is the reply type the sub-reason belongs to ("" if unknown).
func (r Reason) Type() ReplyType { x, _ := r.Info(); return x.Type }

// Label is the sub-reason's exact report label ("" if unknown).
func (r Reason) Label() string { x, _ := r.Info(); return x.Label }

// Row is the report row id, e.g. "三(三)1" ("" if unknown).
func (r Reason) Row() string { x, _ := r.Info(); return x.Row }

// RowLabel is the numbered label as printed in the report, e.g. "1.属于国家秘密".
func (r Reason) RowLabel() string {
	x, ok := r.Info()
	if !ok {
		return ""
	}
	return string(rune('0'+x.Number)) + "." + x.Label
}

// OtherFeeBasis is quoted for 三(六)2 besides 条例 Art. 42: the fee rules
// (LEGAL.md §2.1, CONFIRMED secondary, restated by the 四川省 notice).
const OtherFeeBasis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请。"

// ArticleText returns the verbatim text of a provision of the 条例 quoted in
// replies, by key such as "第十四条", "第十六条第二款" or "第三十六条第（五）项"
// ("" for a key not quoted here). The text is the 2019 version
// (LawRefBook/Laws, 行政法规/政府信息公开条例(2019-04-03).md, commit 6ef77b0a —
// the CONFIRMED source of LEGAL.md §1).
func ArticleText(key string) string { return articleText[key] }

var articleText = map[string]string{
	"第十四条":       "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
	"第十五条":       "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。",
	"第十六条第一款":    "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。",
	"第十六条第二款":    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。",
	"第三十条":       "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。",
	"第三十二条":      "依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。第三方应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。",
	"第三十三条":      "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。",
	"第三十四条":      "申请公开的政府信息由两个以上行政机关共同制作的，牵头制作的行政机关收到政府信息公开申请后可以征求相关行政机关的意见，被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。",
	"第三十五条":      "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人的，可以确定延迟答复的合理期限并告知申请人。",
	"第三十六条第（一）项": "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
	"第三十六条第（二）项": "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间；",
	"第三十六条第（三）项": "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由；",
	"第三十六条第（四）项": "经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
	"第三十六条第（五）项": "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式；",
	"第三十六条第（六）项": "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理；",
	"第三十六条第（七）项": "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理。",
	"第三十七条":      "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
	"第三十八条":      "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的规定能够作区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。",
	"第三十九条第一款":   "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为政府信息公开申请处理并可以告知通过相应渠道提出。",
	"第三十九条第二款":   "申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知获取的途径。",
	"第四十一条":      "公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录不准确的，可以要求行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；不属于本行政机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者告知申请人向有权更正的行政机关提出。",
	"第四十二条":      "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。行政机关收取信息处理费的具体办法由国务院价格主管部门会同国务院财政部门、全国政府信息公开工作主管部门制定。",
}

// Reply is the reply decision on one application (Art. 36: one decision per
// application; a partly disclosed request is counted only as 部分公开).
type Reply struct {
	Type   ReplyType
	Reason Reason // required for 三(三)–三(六); empty for 予以公开 and 部分公开

	// AlreadyPublic: 予以公开 because the information was already
	// proactively disclosed (Art. 36(1)); HowToObtain is then required.
	AlreadyPublic bool
	// HowToObtain: how, where (and when) to get the information (Art. 36(1)/(2), 39(2)).
	HowToObtain string
	// Explanation: the reasons given to the applicant (说明理由) — required
	// for 不予公开 (Art. 36(3)), for the withheld parts of 部分公开 (Art. 37),
	// for "not this organ's information" (Art. 36(5)) and for 其他.
	Explanation string
	// WithheldGrounds: for 部分公开, the 不予公开 sub-reasons of the withheld parts (optional).
	WithheldGrounds []Reason

	// NotThisOrgan: with 无法提供 1 (本机关不掌握), the information is not this
	// organ's to disclose (Art. 36(5)) rather than nonexistent (Art. 36(4)).
	NotThisOrgan bool
	// ResponsibleOrgan and ResponsibleOrganContact: Art. 36(5) "能够确定负责公开
	// 该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式". Both are
	// required with NotThisOrgan unless ResponsibleOrganUnknown says the organ
	// cannot be identified.
	ResponsibleOrgan        string
	ResponsibleOrganContact string
	ResponsibleOrganUnknown bool

	// Corrected: 予以更正 (Art. 41) — what was corrected (the record before and after).
	Corrected string `json:",omitempty"`
	// TransferOrgan and TransferOrganContact: 转送有权机关并告知申请人 (Art. 41) — the organ
	// with the power to correct, to which the request was transferred (contact optional).
	TransferOrgan        string `json:",omitempty"`
	TransferOrganContact string `json:",omitempty"`
}

func invalidReply(field, msg string) error {
	return apperr.New(apperr.Invalid, msg).OnField(field)
}

// ValidateReply checks that the reply is complete and consistent: a known
// type; a sub-reason exactly when the type has sub-reasons, and one of that
// type's; the content each article requires (reasons, how to obtain, the
// responsible organ for "not this organ's information").
func ValidateReply(r Reply) error {
	if !r.Type.Valid() {
		return invalidReply("type", "请选择答复类型（予以公开、部分公开、不予公开、无法提供、不予处理或其他处理）")
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if r.Type.HasReasons() {
		if r.Reason == "" {
			return invalidReply("reason", "“"+r.Type.Label()+"”须选择具体情形（年度报告表三"+r.Type.Row()+"的细项）")
		}
		info, ok := r.Reason.Info()
		if !ok {
			return invalidReply("reason", "未知的答复情形“"+string(r.Reason)+"”")
		}
		if info.Type != r.Type {
			return invalidReply("reason", "情形“"+info.Label+"”属于“"+info.Type.Label()+"”，不属于“"+r.Type.Label()+"”")
		}
	} else if r.Reason != "" {
		return invalidReply("reason", "“"+r.Type.Label()+"”不设细项，请勿选择具体情形")
	}
	if r.AlreadyPublic && r.Type != ReplyDisclose {
		return invalidReply("already_public", "“已经主动公开”只适用于予以公开的答复")
	}
	if r.AlreadyPublic && blank(r.HowToObtain) {
		return invalidReply("how_to_obtain", "所申请信息已经主动公开的，应告知申请人获取该政府信息的方式、途径（条例第三十六条第（一）项）")
	}
	if len(r.WithheldGrounds) > 0 && r.Type != ReplyPartial {
		return invalidReply("withheld_grounds", "只有部分公开的答复才能列出不予公开部分的理由类别")
	}
	for _, g := range r.WithheldGrounds {
		if g.Type() != ReplyWithhold {
			return invalidReply("withheld_grounds", "部分公开中不予公开部分的理由应为“不予公开”的情形，“"+string(g)+"”不是")
		}
	}
	orgGiven := !blank(r.ResponsibleOrgan) || !blank(r.ResponsibleOrganContact) || r.ResponsibleOrganUnknown
	if r.NotThisOrgan && r.Reason != UnableNotHeld {
		return invalidReply("not_this_organ", "“不属于本机关负责公开”应作为“无法提供—本机关不掌握相关政府信息”答复")
	}
	if orgGiven && !r.NotThisOrgan {
		return invalidReply("responsible_organ", "只有信息不属于本机关负责公开时才填写负责公开的行政机关")
	}
	switch r.Type {
	case ReplyPartial:
		if blank(r.Explanation) {
			return invalidReply("explanation", "部分公开的，应对不予公开的内容说明理由（条例第三十七条）")
		}
	case ReplyWithhold:
		if blank(r.Explanation) {
			return invalidReply("explanation", "决定不予公开的，应告知申请人并说明理由（条例第三十六条第（三）项）")
		}
	}
	if r.NotThisOrgan {
		if blank(r.Explanation) {
			return invalidReply("explanation", "所申请信息不属于本机关负责公开的，应告知申请人并说明理由（条例第三十六条第（五）项）")
		}
		if !r.ResponsibleOrganUnknown {
			if blank(r.ResponsibleOrgan) {
				return invalidReply("responsible_organ", "请填写负责公开该政府信息的行政机关名称；确实无法确定的，请勾选“无法确定负责机关”（条例第三十六条第（五）项）")
			}
			if blank(r.ResponsibleOrganContact) {
				return invalidReply("responsible_organ_contact", "请填写负责公开该政府信息的行政机关的联系方式（条例第三十六条第（五）项）")
			}
		} else if !blank(r.ResponsibleOrgan) {
			return invalidReply("responsible_organ", "已填写负责机关名称，不能同时勾选“无法确定负责机关”")
		}
	}
	if r.Reason == OtherOther && blank(r.Explanation) {
		return invalidReply("explanation", "选择“其他处理—其他”的，请说明具体情况")
	}
	return nil
}

// Row is the annual-report row the reply is counted in: "三(一)", "三(二)"
// or a sub-row such as "三(三)1". Call ValidateReply first; an invalid reply gives "".
func (r Reply) Row() string {
	if r.Type.HasReasons() {
		if r.Reason.Type() != r.Type {
			return ""
		}
		return r.Reason.Row()
	}
	return r.Type.Row()
}

// Articles are the provisions to quote for the reply, as keys of ArticleText, in order.
func (r Reply) Articles() []string {
	switch r.Type {
	case ReplyDisclose:
		if r.AlreadyPublic {
			return []string{"第三十六条第（一）项"}
		}
		return []string{"第三十六条第（二）项"}
	case ReplyPartial:
		return []string{"第三十七条"}
	case ReplyCorrected, ReplyTransferred, ReplyNotCorrected:
		return []string{"第四十一条"}
	}
	info, ok := r.Reason.Info()
	if !ok {
		return nil
	}
	if r.NotThisOrgan && r.Reason == UnableNotHeld {
		return []string{"第三十六条第（五）项"}
	}
	return info.Articles
}

// LegalBasis is the basis to print in the reply: each article quoted,
// "《中华人民共和国政府信息公开条例》第十四条：…". For 三(六)2 the fee rules are
// added; a reason no article covers (三(五)5, 三(六)3) says so.
func (r Reply) LegalBasis() string {
	arts := r.Articles()
	var parts []string
	for _, a := range arts {
		parts = append(parts, "《中华人民共和国政府信息公开条例》"+a+"规定："+ArticleText(a))
	}
	if r.Reason == OtherFeeUnpaid {
		parts = append(parts, OtherFeeBasis)
	}
	if len(parts) == 0 {
		return "《中华人民共和国政府信息公开条例》对此情形未设专门条款（按政府信息公开工作年度报告格式表三" + r.Row() + "统计）。"
	}
	return strings.Join(parts, "\n")
}
