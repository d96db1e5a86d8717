package request

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func TestParsePurpose(t *testing.T) {
	for in, want := range map[string]Purpose{"": PurposeDisclosure, "disclosure": PurposeDisclosure, " correction ": PurposeCorrection} {
		got, err := ParsePurpose(in)
		if err != nil || got != want {
			t.Errorf("ParsePurpose(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParsePurpose("amend"); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("unknown purpose: %v", err)
	}
	if Purpose("").Of() != PurposeDisclosure || PurposeCorrection.Label() != "申请更正与本人相关的政府信息" {
		t.Error("Of/Label")
	}
}

// TestCorrectionReplies: Art. 41 — the outcomes of a correction request, each with what it must
// say, and the refusal of a reply of the other purpose's kinds.
func TestCorrectionReplies(t *testing.T) {
	ok := []Reply{
		{Type: ReplyCorrected, Corrected: "出生日期由1980年1月2日更正为1980年2月1日"},
		{Type: ReplyTransferred, TransferOrgan: "江南市公安局", TransferOrganContact: "0571-110"},
		{Type: ReplyTransferred, TransferOrgan: "江南市公安局"},
		{Type: ReplyNotCorrected, Reason: CorrectionNotProven, Explanation: "所附材料与档案记载一致"},
		{Type: ReplyNotCorrected, Reason: CorrectionNotAboutApplicant, Explanation: "该记录是他人的信息"},
		{Type: ReplyNotCorrected, Reason: CorrectionRefusedOther, Explanation: "其他"},
	}
	for _, r := range ok {
		if err := ValidateReplyFor(PurposeCorrection, r); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
		if r.Row() != "三(六)3" {
			t.Errorf("%s: row %q, want 三(六)3 (LEGAL.md §3 silent; counted as 其他处理—其他)", r.Type, r.Row())
		}
		if got := r.LegalBasis(); !strings.Contains(got, "第四十一条规定：公民、法人或者其他组织有证据证明") {
			t.Errorf("%s: basis %q", r.Type, got)
		}
		if r.Type.Label() == "" || r.Type.Valid() || !r.Type.IsCorrection() || !r.Type.ValidFor(PurposeCorrection) || r.Type.ValidFor(PurposeDisclosure) {
			t.Errorf("%s: label/valid", r.Type)
		}
		// A correction outcome is refused for a disclosure request, with an error that says why.
		err := ValidateReplyFor(PurposeDisclosure, r)
		if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "更正申请") {
			t.Errorf("%s for a disclosure request: %v", r.Type, err)
		}
		// The clock accepts the outcome as the reply that ends it.
		ev := Event{Kind: EvReplied, On: workday.MustParseDate("2025-10-09"), ReplyType: r.Type, Reason: r.Reason}
		if err := Validate(nil, DefaultPolicy(), []Event{{Kind: EvReceived, On: workday.MustParseDate("2025-09-29")}}, ev); err != nil {
			t.Errorf("%s: clock: %v", r.Type, err)
		}
	}
	bad := []struct {
		name  string
		r     Reply
		field string
		want  string
	}{
		{"disclosure reply to a correction request", Reply{Type: ReplyDisclose, HowToObtain: "x"}, "type", "不能答复“予以公开”"},
		{"其他处理 to a correction request", Reply{Type: ReplyOther, Reason: OtherOther, Explanation: "x"}, "type", "条例第四十一条"},
		{"unknown", Reply{Type: "fixed"}, "type", "处理结果"},
		{"corrected without content", Reply{Type: ReplyCorrected, Corrected: " "}, "corrected", "更正的内容"},
		{"transferred without organ", Reply{Type: ReplyTransferred, TransferOrganContact: "x"}, "transfer_organ", "行政机关名称"},
		{"not corrected without ground", Reply{Type: ReplyNotCorrected, Explanation: "x"}, "reason", "不予更正的情形"},
		{"not corrected with a disclosure reason", Reply{Type: ReplyNotCorrected, Reason: OtherOther, Explanation: "x"}, "reason", "不是不予更正的情形"},
		{"not corrected without reasons", Reply{Type: ReplyNotCorrected, Reason: CorrectionNotProven}, "explanation", "说明理由"},
		{"corrected with a ground", Reply{Type: ReplyCorrected, Corrected: "x", Reason: CorrectionNotProven}, "reason", "不设具体情形"},
		{"organ on a correction", Reply{Type: ReplyCorrected, Corrected: "x", TransferOrgan: "y"}, "transfer_organ", "转送"},
		{"content on a refusal", Reply{Type: ReplyNotCorrected, Reason: CorrectionNotProven, Explanation: "x", Corrected: "y"}, "corrected", "予以更正"},
		{"disclosure fields", Reply{Type: ReplyCorrected, Corrected: "x", HowToObtain: "y"}, "type", "不填写政府信息公开答复的事项"},
		{"too long", Reply{Type: ReplyCorrected, Corrected: strings.Repeat("长", MaxCorrectionField+1)}, "explanation", "过长"},
	}
	for _, c := range bad {
		err := ValidateReplyFor(PurposeCorrection, c.r)
		if apperr.CodeOf(err) != apperr.Invalid || apperr.From(err).Field != c.field || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v (field %q), want field %q containing %q", c.name, err, apperr.From(err).Field, c.field, c.want)
		}
	}
	// Disclosure requests keep their own rules; correction fields are refused on them.
	if err := ValidateReplyFor(PurposeDisclosure, Reply{Type: ReplyDisclose, HowToObtain: "x"}); err != nil {
		t.Error(err)
	}
	if err := ValidateReplyFor("", Reply{Type: ReplyDisclose, HowToObtain: "x", Corrected: "y"}); apperr.From(err).Field != "corrected" {
		t.Errorf("correction content on a disclosure reply: %v", err)
	}
	// A 不予更正 ground is not a reason of a disclosure reply either.
	if err := ValidateReply(Reply{Type: ReplyOther, Reason: CorrectionNotProven, Explanation: "x"}); apperr.From(err).Field != "reason" {
		t.Errorf("不予更正 ground on 其他处理: %v", err)
	}
	// The report's rows are untouched: Reasons() is still exactly table 三's sub-rows.
	for _, info := range Reasons() {
		if info.Type.IsCorrection() {
			t.Errorf("Reasons() lists %s", info.Code)
		}
	}
	if len(ReplyTypes()) != 6 || len(CorrectionReplyTypes()) != 3 || len(ReplyNotCorrected.Reasons()) != 3 || len(CorrectionReasons()) != 3 {
		t.Error("type lists")
	}
	// The clock refuses a ground that does not belong to the outcome.
	ev := Event{Kind: EvReplied, On: workday.MustParseDate("2025-10-09"), ReplyType: ReplyCorrected, Reason: CorrectionNotProven}
	if err := Validate(nil, DefaultPolicy(), []Event{{Kind: EvReceived, On: workday.MustParseDate("2025-09-29")}}, ev); err == nil {
		t.Error("clock accepted 予以更正 with a ground")
	}
}
