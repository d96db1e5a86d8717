package request

import (
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/search"
	"gongkai/internal/workday"
)

// AppealKind is how an applicant challenged a reply (annual report table 四).
type AppealKind string

const (
	AppealReview                AppealKind = "review"                  // 行政复议
	AppealLitigation            AppealKind = "litigation"              // 行政诉讼：未经复议直接起诉
	AppealLitigationAfterReview AppealKind = "litigation_after_review" // 行政诉讼：复议后起诉
)

// AppealKinds lists the kinds in the order of table 四's column groups.
func AppealKinds() []AppealKind {
	return []AppealKind{AppealReview, AppealLitigation, AppealLitigationAfterReview}
}

// Label is the kind's name in table 四.
func (k AppealKind) Label() string {
	switch k {
	case AppealReview:
		return "行政复议"
	case AppealLitigation:
		return "行政诉讼（未经复议直接起诉）"
	case AppealLitigationAfterReview:
		return "行政诉讼（复议后起诉）"
	}
	return ""
}

// AppealOutcome is the result of a review or a case (table 四's columns).
type AppealOutcome string

const (
	OutcomePending   AppealOutcome = "pending"   // 尚未审结
	OutcomeUpheld    AppealOutcome = "upheld"    // 结果维持
	OutcomeCorrected AppealOutcome = "corrected" // 结果纠正
	OutcomeOther     AppealOutcome = "other"     // 其他结果
)

// AppealOutcomes lists the outcomes in table 四's column order.
func AppealOutcomes() []AppealOutcome {
	return []AppealOutcome{OutcomeUpheld, OutcomeCorrected, OutcomeOther, OutcomePending}
}

// Label is the outcome's name in table 四.
func (o AppealOutcome) Label() string {
	switch o {
	case OutcomePending:
		return "尚未审结"
	case OutcomeUpheld:
		return "结果维持"
	case OutcomeCorrected:
		return "结果纠正"
	case OutcomeOther:
		return "其他结果"
	}
	return ""
}

// Appeal is a review or a court case against the reply to an application.
type Appeal struct {
	ID        int64
	RequestID int64
	Kind      AppealKind
	FiledOn   workday.Date
	Outcome   AppealOutcome
	DecidedOn workday.Date
	Note      string
}

// ValidateAppeal checks an appeal against its application's reply date.
func ValidateAppeal(a Appeal, repliedOn workday.Date) error {
	if a.Kind.Label() == "" {
		return apperr.New(apperr.Invalid, "请选择行政复议或行政诉讼（直接起诉或复议后起诉）").OnField("kind")
	}
	if a.Outcome == "" {
		a.Outcome = OutcomePending
	}
	if a.Outcome.Label() == "" {
		return apperr.New(apperr.Invalid, "未知的审理结果").OnField("outcome")
	}
	if a.FiledOn.IsZero() {
		return apperr.New(apperr.Invalid, "请填写申请复议或起诉的日期").OnField("filed_on")
	}
	if repliedOn.IsZero() {
		return apperr.New(apperr.Invalid, "该申请尚未答复，不能登记针对答复的复议或诉讼").OnField("kind")
	}
	if a.FiledOn.Before(repliedOn) {
		return apperr.New(apperr.Invalid, "复议或起诉日期不能早于答复日期").OnField("filed_on")
	}
	if a.Outcome == OutcomePending && !a.DecidedOn.IsZero() {
		return apperr.New(apperr.Invalid, "尚未审结的案件不应有审结日期").OnField("decided_on")
	}
	if a.Outcome != OutcomePending && (a.DecidedOn.IsZero() || a.DecidedOn.Before(a.FiledOn)) {
		return apperr.New(apperr.Invalid, "请填写不早于申请日期的审结日期").OnField("decided_on")
	}
	return nil
}

// Similarity is the share of shared tokens between two descriptions of requested information
// (Jaccard over the search tokens), for Art. 44: several applicants asking for the same
// information should prompt proactive disclosure.
func Similarity(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, t := range search.Tokens(s) {
			m[t.Text] = true
		}
		return m
	}
	x, y := set(a), set(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	inter := 0
	for t := range x {
		if y[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

// SameInformation reports whether two applications evidently ask for the same information: the
// same 文号, or descriptions that share most of their words.
func SameInformation(docA, textA, docB, textB string) bool {
	if a, b := strings.TrimSpace(docA), strings.TrimSpace(docB); a != "" && a == b {
		return true
	}
	return Similarity(textA, textB) >= 0.6
}
