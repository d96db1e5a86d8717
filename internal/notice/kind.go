package notice

import (
	"fmt"

	"gongkai/internal/request"
)

// Kind is the kind of a notice.
type Kind string

const (
	KindAcknowledgement Kind = "acknowledgement" // 政府信息公开申请登记回执
	KindCorrection      Kind = "correction"      // 补正申请告知书
	KindExtension       Kind = "extension"       // 延期答复告知书
	KindThirdParty      Kind = "third_party"     // 征求第三方意见书
	KindFee             Kind = "fee"             // 收取信息处理费通知书
	KindReply           Kind = "reply"           // 政府信息公开申请答复书
	// KindThirdPartyDecision: Art. 32 — the written notice to a third party that objected that
	// the organ will disclose for major public interest, with the content and the reasons.
	KindThirdPartyDecision Kind = "third_party_decision" // 告知第三方决定公开书
	// The notices of a correction request's outcomes (Art. 41), each from its own template:
	// corrected (what was corrected), transferred to the organ with the power to correct (named),
	// not corrected (the ground and the reasons).
	KindCorrected             Kind = "corrected"              // 更正政府信息告知书
	KindCorrectionTransferred Kind = "correction_transferred" // 更正申请转送告知书
	KindCorrectionRefused     Kind = "correction_refused"     // 不予更正告知书
)

// CorrectionOutcome is the correction request's outcome a kind tells the applicant of ("" for
// the other kinds).
func (k Kind) CorrectionOutcome() request.ReplyType {
	switch k {
	case KindCorrected:
		return request.ReplyCorrected
	case KindCorrectionTransferred:
		return request.ReplyTransferred
	case KindCorrectionRefused:
		return request.ReplyNotCorrected
	}
	return ""
}

// KindForOutcome is the notice kind of a correction request's outcome ("" for another reply type).
func KindForOutcome(t request.ReplyType) Kind {
	for _, k := range []Kind{KindCorrected, KindCorrectionTransferred, KindCorrectionRefused} {
		if k.CorrectionOutcome() == t {
			return k
		}
	}
	return ""
}

var kinds = []struct {
	k     Kind
	title string
	code  string // the kind's word in the notice number
}{
	{KindAcknowledgement, "政府信息公开申请登记回执", "登记"},
	{KindCorrection, "补正申请告知书", "补正"},
	{KindExtension, "延期答复告知书", "延期"},
	{KindThirdParty, "征求第三方意见书", "征求"},
	{KindThirdPartyDecision, "决定公开告知书", "告知"},
	{KindFee, "收取信息处理费通知书", "收费"},
	{KindReply, "政府信息公开申请答复书", "答复"},
	{KindCorrected, "更正政府信息告知书", "更正"},
	{KindCorrectionTransferred, "更正申请转送告知书", "转送"},
	{KindCorrectionRefused, "不予更正告知书", "不予更正"},
}

// Kinds returns every kind in the order of a case's life.
func Kinds() []Kind {
	out := make([]Kind, len(kinds))
	for i, x := range kinds {
		out[i] = x.k
	}
	return out
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k.Title() != "" }

// Title is the notice's title, e.g. "补正申请告知书" ("" for an unknown kind).
func (k Kind) Title() string {
	for _, x := range kinds {
		if x.k == k {
			return x.title
		}
	}
	return ""
}

// Code is the kind's word in the notice number, e.g. "补正" ("" for an unknown kind).
func (k Kind) Code() string {
	for _, x := range kinds {
		if x.k == k {
			return x.code
		}
	}
	return ""
}

// Number makes a notice number:
//
//	机关简称〔年份〕类别第序号号    e.g. 江南政公〔2025〕补正第12号
//
// orgShort is the organisation's short name (机关代字, e.g. "江南政公"); the
// year is written in full inside 六角括号 〔〕 (U+3014/U+3015, not 【】 or []);
// the category is Kind.Code (登记, 补正, 延期, 征求, 收费, 答复); seq is the
// caller's running number for that organisation, kind and year, in Arabic
// digits without leading zeros. The caller keeps the sequence (one counter
// per organisation, kind and year) so that numbers never repeat.
func Number(orgShort string, kind Kind, year int, seq int) string {
	return fmt.Sprintf("%s〔%d〕%s第%d号", orgShort, year, kind.Code(), seq)
}
