package request

import (
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestValidateAppeal(t *testing.T) {
	replied := workday.MustParseDate("2025-11-03")
	d := workday.MustParseDate
	tests := []struct {
		name string
		a    Appeal
		ok   bool
	}{
		{"pending review", Appeal{Kind: AppealReview, FiledOn: d("2025-11-20"), Outcome: OutcomePending}, true},
		{"upheld case", Appeal{Kind: AppealLitigation, FiledOn: d("2025-12-01"), Outcome: OutcomeUpheld, DecidedOn: d("2026-03-01")}, true},
		{"unknown kind", Appeal{Kind: "complaint", FiledOn: d("2025-11-20")}, false},
		{"before the reply", Appeal{Kind: AppealReview, FiledOn: d("2025-11-01")}, false},
		{"decided without date", Appeal{Kind: AppealReview, FiledOn: d("2025-11-20"), Outcome: OutcomeCorrected}, false},
		{"pending with date", Appeal{Kind: AppealReview, FiledOn: d("2025-11-20"), Outcome: OutcomePending, DecidedOn: d("2025-12-20")}, false},
		{"decided before filed", Appeal{Kind: AppealReview, FiledOn: d("2025-11-20"), Outcome: OutcomeOther, DecidedOn: d("2025-11-10")}, false},
	}
	for _, tt := range tests {
		err := ValidateAppeal(tt.a, replied)
		if (err == nil) != tt.ok || (err != nil && apperr.CodeOf(err) != apperr.Invalid) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if err := ValidateAppeal(Appeal{Kind: AppealReview, FiledOn: d("2025-11-20")}, workday.Date{}); err == nil {
		t.Error("appeal against an unanswered application accepted")
	}
}

func TestSameInformation(t *testing.T) {
	if !SameInformation("", "申请公开2025年临江市本级一般公共预算支出明细表", "", "请公开临江市2025年本级一般公共预算支出明细表") {
		t.Error("near-identical descriptions not recognised")
	}
	if SameInformation("", "申请公开2025年临江市本级一般公共预算支出明细表", "", "某小区拆迁补偿安置方案") {
		t.Error("different information judged the same")
	}
	if !SameInformation("江南政发〔2021〕5号", "规划纲要", "江南政发〔2021〕5号", "十四五规划全文") {
		t.Error("same 文号 not recognised")
	}
}
