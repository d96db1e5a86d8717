package request

import (
	"strings"

	"gongkai/internal/apperr"
)

// Art. 41 — a request to correct government information about the applicant:
//
//	第四十一条 公民、法人或者其他组织有证据证明行政机关提供的与其自身相关的政府信息记录
//	不准确的，可以要求行政机关更正。有权更正的行政机关审核属实的，应当予以更正并告知申请人；
//	不属于本行政机关职能范围的，行政机关可以转送有权更正的行政机关处理并告知申请人，或者
//	告知申请人向有权更正的行政机关提出。
//
// It is modelled as the purpose of an application (PurposeCorrection): the same applicant
// data, intake channels and receipt dates (Arts. 29, 31), and the same clock. The 条例 sets no
// period of its own for Art. 41 and LEGAL.md §1.3 names none, so the Art. 33 clock (20 working
// days, one extension) applies to it as to any application (INFERENCE, as the brief of this
// feature says: "the same statutory clock unless LEGAL.md says otherwise").
//
// A correction request ends with one of its own outcomes (CorrectionReplyTypes), never with a
// disclosure reply (予以公开 …), and a disclosure request never with a correction outcome
// (ValidateReplyFor).
//
// Annual report (table 三): LEGAL.md §3 is silent on correction requests. They are applications
// made to the organ under the 条例, so they are counted as received (row 一, by applicant kind,
// like any application), and every outcome is counted under 三(六)3 "其他处理—其他": none of
// 三(一)–三(五) describes a correction, and 三(六)1/2 are the two abandonment cases of Arts. 30
// and 42. Counting them there keeps the table's rule 一 + 二 = 三(七) + 四 (LEGAL.md §3.3). This
// is a choice (INFERENCE), not a rule of the format.

// Purpose is what an application asks for.
type Purpose string

const (
	// PurposeDisclosure: disclosure of government information (Arts. 27–40), the default.
	PurposeDisclosure Purpose = "disclosure"
	// PurposeCorrection: correction of government information about the applicant (Art. 41).
	PurposeCorrection Purpose = "correction"
)

// ParsePurpose reads a purpose; "" is PurposeDisclosure.
func ParsePurpose(s string) (Purpose, error) {
	switch p := Purpose(strings.TrimSpace(s)); p {
	case "":
		return PurposeDisclosure, nil
	case PurposeDisclosure, PurposeCorrection:
		return p, nil
	}
	return "", apperr.New(apperr.Invalid, "申请类别应为“disclosure”（申请公开政府信息）或“correction”（申请更正与本人相关的政府信息）").OnField("purpose")
}

// Valid reports whether p is one of the two purposes.
func (p Purpose) Valid() bool { return p == PurposeDisclosure || p == PurposeCorrection }

// Label is the purpose's Chinese name.
func (p Purpose) Label() string {
	switch p {
	case PurposeDisclosure:
		return "申请公开政府信息"
	case PurposeCorrection:
		return "申请更正与本人相关的政府信息"
	}
	return ""
}

// Of is the purpose with "" read as PurposeDisclosure (applications stored before purposes).
func (p Purpose) Of() Purpose {
	if p == "" {
		return PurposeDisclosure
	}
	return p
}

// The outcomes of a correction request (Art. 41).
const (
	ReplyCorrected    ReplyType = "corrected"     // 予以更正: verified and corrected; Corrected says what
	ReplyTransferred  ReplyType = "transferred"   // 转送有权机关并告知申请人: TransferOrgan names the organ
	ReplyNotCorrected ReplyType = "not_corrected" // 不予更正: a CorrectionReason and the reasons
)

// correctionRow is the table-三 row every correction outcome is counted in (see above).
const correctionRow = "三(六)3"

var correctionReplyTypes = []replyTypeInfo{
	{ReplyCorrected, "予以更正", "（六）其他处理 3.其他（更正申请：予以更正）", correctionRow},
	{ReplyTransferred, "转送有权机关并告知申请人", "（六）其他处理 3.其他（更正申请：转送有权机关）", correctionRow},
	{ReplyNotCorrected, "不予更正", "（六）其他处理 3.其他（更正申请：不予更正）", correctionRow},
}

// CorrectionReplyTypes returns the outcomes of a correction request.
func CorrectionReplyTypes() []ReplyType {
	out := make([]ReplyType, len(correctionReplyTypes))
	for i, x := range correctionReplyTypes {
		out[i] = x.t
	}
	return out
}

// IsCorrection reports whether t is an outcome of a correction request.
func (t ReplyType) IsCorrection() bool {
	for _, x := range correctionReplyTypes {
		if x.t == t {
			return true
		}
	}
	return false
}

// ValidFor reports whether t is a reply to an application of purpose p.
func (t ReplyType) ValidFor(p Purpose) bool {
	if p.Of() == PurposeCorrection {
		return t.IsCorrection()
	}
	return t.Valid()
}

// The grounds of 不予更正.
const (
	CorrectionNotProven         Reason = "not_corrected:not_proven"          // the evidence does not prove the record inaccurate
	CorrectionNotAboutApplicant Reason = "not_corrected:not_about_applicant" // the record is not about the applicant
	CorrectionRefusedOther      Reason = "not_corrected:other"               // other grounds (explained)
)

var correctionReasons = []ReasonInfo{
	{CorrectionNotProven, ReplyNotCorrected, 1, "申请人提供的证据不能证明该政府信息记录不准确", correctionRow, []string{"第四十一条"}, "CONFIRMED"},
	{CorrectionNotAboutApplicant, ReplyNotCorrected, 2, "所要求更正的政府信息不是与申请人自身相关的政府信息", correctionRow, []string{"第四十一条"}, "CONFIRMED"},
	{CorrectionRefusedOther, ReplyNotCorrected, 3, "其他不予更正的情形", correctionRow, []string{"第四十一条"}, "INFERENCE"},
}

// CorrectionReasons returns the grounds of 不予更正 in order.
func CorrectionReasons() []ReasonInfo {
	out := make([]ReasonInfo, len(correctionReasons))
	copy(out, correctionReasons)
	for i := range out {
		out[i].Articles = append([]string(nil), out[i].Articles...)
	}
	return out
}

// MaxCorrectionField bounds the free-text fields of a correction outcome.
const MaxCorrectionField = 5000

// ValidateReplyFor checks a reply to an application of purpose p: a disclosure reply
// (ValidateReply) for a disclosure request, a correction outcome (予以更正 with what was
// corrected; 转送 with the organ named; 不予更正 with a ground and the reasons) for a correction
// request. A reply of the other purpose's kinds is refused with an error that says so.
func ValidateReplyFor(p Purpose, r Reply) error {
	if p.Of() != PurposeCorrection {
		if r.Type.IsCorrection() {
			return invalidReply("type", "“"+r.Type.Label()+"”是更正申请（条例第四十一条）的处理结果，不能用于答复政府信息公开申请")
		}
		if r.Corrected != "" || r.TransferOrgan != "" || r.TransferOrganContact != "" {
			return invalidReply("corrected", "更正内容和转送机关只适用于更正申请的答复")
		}
		return ValidateReply(r)
	}
	if r.Type.Valid() {
		return invalidReply("type", "本件是更正与本人相关的政府信息的申请（条例第四十一条），应答复予以更正、转送有权机关并告知申请人或者不予更正，不能答复“"+r.Type.Label()+"”")
	}
	if !r.Type.IsCorrection() {
		return invalidReply("type", "请选择更正申请的处理结果（予以更正、转送有权机关并告知申请人或者不予更正）")
	}
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	long := func(s string) bool { return len([]rune(s)) > MaxCorrectionField }
	if long(r.Corrected) || long(r.Explanation) || long(r.TransferOrgan) || long(r.TransferOrganContact) {
		return invalidReply("explanation", "填写的内容过长（不超过5000字）")
	}
	if r.AlreadyPublic || r.HowToObtain != "" || len(r.WithheldGrounds) > 0 || r.NotThisOrgan ||
		r.ResponsibleOrgan != "" || r.ResponsibleOrganContact != "" || r.ResponsibleOrganUnknown {
		return invalidReply("type", "更正申请的答复不填写政府信息公开答复的事项（获取方式、不予公开的理由、负责公开的机关等）")
	}
	if r.Type == ReplyNotCorrected {
		if r.Reason == "" {
			return invalidReply("reason", "不予更正的，请选择不予更正的情形")
		}
		if r.Reason.Type() != ReplyNotCorrected {
			return invalidReply("reason", "情形“"+string(r.Reason)+"”不是不予更正的情形")
		}
		if blank(r.Explanation) {
			return invalidReply("explanation", "不予更正的，应告知申请人并说明理由")
		}
	} else if r.Reason != "" {
		return invalidReply("reason", "“"+r.Type.Label()+"”不设具体情形，请勿选择")
	}
	if r.Type != ReplyCorrected && !blank(r.Corrected) {
		return invalidReply("corrected", "只有予以更正的才填写更正的内容")
	}
	if r.Type != ReplyTransferred && (!blank(r.TransferOrgan) || !blank(r.TransferOrganContact)) {
		return invalidReply("transfer_organ", "只有转送有权更正的行政机关的才填写该机关")
	}
	switch r.Type {
	case ReplyCorrected:
		if blank(r.Corrected) {
			return invalidReply("corrected", "予以更正的，请写明更正的内容（原记录和更正后的记录），并告知申请人（条例第四十一条）")
		}
	case ReplyTransferred:
		if blank(r.TransferOrgan) {
			return invalidReply("transfer_organ", "请填写有权更正该政府信息的行政机关名称（条例第四十一条：转送有权更正的行政机关处理并告知申请人）")
		}
	}
	return nil
}
