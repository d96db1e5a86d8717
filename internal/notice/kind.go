package notice

import "fmt"

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
)

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
