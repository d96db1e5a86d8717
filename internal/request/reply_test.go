package request

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
)

// reportRows is LEGAL.md §3.3's table 三, rows 三（一）…三（六）, verbatim.
const reportRows = `
  （一）予以公开
  （二）部分公开（区分处理的，只计这一情形，不计其他情形）
  （三）不予公开
      1.属于国家秘密
      2.其他法律行政法规禁止公开
      3.危及“三安全一稳定”
      4.保护第三方合法权益
      5.属于三类内部事务信息
      6.属于四类过程性信息
      7.属于行政执法案卷
      8.属于行政查询事项
  （四）无法提供
      1.本机关不掌握相关政府信息
      2.没有现成信息需要另行制作
      3.补正后申请内容仍不明确
  （五）不予处理
      1.信访举报投诉类申请
      2.重复申请
      3.要求提供公开出版物
      4.无正当理由大量反复申请
      5.要求行政机关确认或重新出具已获取信息
  （六）其他处理
      1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
      2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
      3.其他
`

// The reply types and sub-reasons are exactly the rows of table 三, in order,
// with the same labels and numbering.
func TestReasonsMatchTheReport(t *testing.T) {
	var got []string
	for _, rt := range ReplyTypes() {
		got = append(got, rt.RowLabel())
		for _, r := range rt.Reasons() {
			got = append(got, r.RowLabel())
		}
	}
	var want []string
	for _, line := range strings.Split(reportRows, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			want = append(want, s)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows differ:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	counts := map[ReplyType]int{ReplyDisclose: 0, ReplyPartial: 0, ReplyWithhold: 8, ReplyUnable: 3, ReplyNotProcessed: 5, ReplyOther: 3}
	for rt, n := range counts {
		if len(rt.Reasons()) != n {
			t.Errorf("%s has %d sub-reasons, want %d", rt, len(rt.Reasons()), n)
		}
	}
	groups := []string{"（一）", "（二）", "（三）", "（四）", "（五）", "（六）"}
	for i, rt := range ReplyTypes() {
		if rt.Row() != "三("+strings.Trim(groups[i], "（）")+")" {
			t.Errorf("%s row %s", rt, rt.Row())
		}
		for j, r := range rt.Reasons() {
			info, _ := r.Info()
			if want := rt.Row() + string(rune('1'+j)); info.Row != want || info.Number != j+1 || info.Type != rt {
				t.Errorf("%s: %+v, want row %s", r, info, want)
			}
			if r.Label() != info.Label || r.Type() != rt {
				t.Errorf("%s: label %q type %s", r, r.Label(), r.Type())
			}
			if !strings.HasPrefix(string(r), string(rt)+":") {
				t.Errorf("%s code does not start with its type", r)
			}
		}
	}
	if len(Reasons()) != 19 {
		t.Errorf("%d sub-reasons, want 8+3+5+3", len(Reasons()))
	}
	// Every article a reason cites is quoted.
	for _, r := range Reasons() {
		for _, a := range r.Articles {
			if ArticleText(a) == "" {
				t.Errorf("%s cites %s, which is not in ArticleText", r.Code, a)
			}
		}
	}
}

func TestReasonArticles(t *testing.T) {
	cases := []struct {
		r    Reply
		arts []string
		frag string
	}{
		{Reply{Type: ReplyDisclose}, []string{"第三十六条第（二）项"}, "向申请人提供该政府信息"},
		{Reply{Type: ReplyDisclose, AlreadyPublic: true, HowToObtain: "门户网站"}, []string{"第三十六条第（一）项"}, "已经主动公开"},
		{Reply{Type: ReplyPartial, Explanation: "x"}, []string{"第三十七条"}, "区分处理"},
		{Reply{Type: ReplyWithhold, Reason: WithholdStateSecret}, []string{"第十四条", "第三十六条第（三）项"}, "国家秘密"},
		{Reply{Type: ReplyWithhold, Reason: WithholdThirdParty}, []string{"第十五条", "第三十二条", "第三十六条第（三）项"}, "商业秘密、个人隐私"},
		{Reply{Type: ReplyWithhold, Reason: WithholdInternalAffairs}, []string{"第十六条第一款", "第三十六条第（三）项"}, "人事管理、后勤管理、内部工作流程"},
		{Reply{Type: ReplyWithhold, Reason: WithholdProcess}, []string{"第十六条第二款", "第三十六条第（三）项"}, "讨论记录、过程稿、磋商信函、请示报告"},
		{Reply{Type: ReplyWithhold, Reason: WithholdAdminQuery}, []string{"第三十六条第（七）项"}, "工商、不动产登记资料"},
		{Reply{Type: ReplyUnable, Reason: UnableNotHeld}, []string{"第三十六条第（四）项"}, "该政府信息不存在"},
		{Reply{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true}, []string{"第三十六条第（五）项"}, "名称、联系方式"},
		{Reply{Type: ReplyUnable, Reason: UnableNeedsCreation}, []string{"第三十八条"}, "加工、分析"},
		{Reply{Type: ReplyUnable, Reason: UnableStillUnclear}, []string{"第三十条"}, "补正"},
		{Reply{Type: ReplyNotProcessed, Reason: NotProcessedPetition}, []string{"第三十九条第一款"}, "信访、投诉、举报"},
		{Reply{Type: ReplyNotProcessed, Reason: NotProcessedRepeated}, []string{"第三十六条第（六）项"}, "不予重复处理"},
		{Reply{Type: ReplyNotProcessed, Reason: NotProcessedPublication}, []string{"第三十九条第二款"}, "公开出版物"},
		{Reply{Type: ReplyNotProcessed, Reason: NotProcessedExcessive}, []string{"第三十五条"}, "明显超过合理范围"},
		{Reply{Type: ReplyNotProcessed, Reason: NotProcessedConfirm}, nil, "未设专门条款"},
		{Reply{Type: ReplyOther, Reason: OtherCorrectionLapsed}, []string{"第三十条"}, "视为放弃申请"},
		{Reply{Type: ReplyOther, Reason: OtherFeeUnpaid}, []string{"第四十二条"}, "收到收费通知次日起20个工作日"},
		{Reply{Type: ReplyOther, Reason: OtherOther}, nil, "表三三(六)3"},
	}
	for _, tc := range cases {
		if got := tc.r.Articles(); strings.Join(got, ",") != strings.Join(tc.arts, ",") {
			t.Errorf("%s/%s: articles %v, want %v", tc.r.Type, tc.r.Reason, got, tc.arts)
		}
		if b := tc.r.LegalBasis(); !strings.Contains(b, tc.frag) {
			t.Errorf("%s/%s: basis lacks %q:\n%s", tc.r.Type, tc.r.Reason, tc.frag, b)
		}
	}
	if b := (Reply{Type: ReplyWithhold, Reason: WithholdStateSecret}).LegalBasis(); !strings.HasPrefix(b, "《中华人民共和国政府信息公开条例》第十四条规定：依法确定为国家秘密的政府信息") {
		t.Errorf("basis: %s", b)
	}
}

func TestValidateReply(t *testing.T) {
	ok := []Reply{
		{Type: ReplyDisclose},
		{Type: ReplyDisclose, AlreadyPublic: true, HowToObtain: "本机关门户网站“政府信息公开”栏目"},
		{Type: ReplyPartial, Explanation: "第3页涉及个人隐私", WithheldGrounds: []Reason{WithholdThirdParty}},
		{Type: ReplyWithhold, Reason: WithholdProcess, Explanation: "属于请示报告"},
		{Type: ReplyUnable, Reason: UnableNotHeld},
		{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, Explanation: "该信息由市自然资源局制作", ResponsibleOrgan: "市自然资源局", ResponsibleOrganContact: "0571-12345678"},
		{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, Explanation: "无法确定", ResponsibleOrganUnknown: true},
		{Type: ReplyNotProcessed, Reason: NotProcessedExcessive},
		{Type: ReplyOther, Reason: OtherOther, Explanation: "申请人死亡"},
	}
	for _, r := range ok {
		if err := ValidateReply(r); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
		if r.Row() == "" {
			t.Errorf("%+v: no row", r)
		}
	}
	bad := []struct {
		name  string
		r     Reply
		field string
		frag  string
	}{
		{"unknown type", Reply{Type: "maybe"}, "type", "请选择答复类型"},
		{"withhold needs a sub-reason", Reply{Type: ReplyWithhold, Explanation: "x"}, "reason", "须选择具体情形"},
		{"wrong sub-reason for the type", Reply{Type: ReplyWithhold, Reason: UnableNotHeld, Explanation: "x"}, "reason", "属于“无法提供”"},
		{"unknown sub-reason", Reply{Type: ReplyUnable, Reason: "unable:lost"}, "reason", "未知的答复情形"},
		{"disclose has no sub-reason", Reply{Type: ReplyDisclose, Reason: WithholdStateSecret}, "reason", "不设细项"},
		{"withhold needs reasons (Art. 36(3))", Reply{Type: ReplyWithhold, Reason: WithholdStateSecret}, "explanation", "说明理由"},
		{"partial needs reasons (Art. 37)", Reply{Type: ReplyPartial}, "explanation", "第三十七条"},
		{"partial grounds must be withhold reasons", Reply{Type: ReplyPartial, Explanation: "x", WithheldGrounds: []Reason{UnableNotHeld}}, "withheld_grounds", "不予公开"},
		{"grounds only with partial", Reply{Type: ReplyDisclose, WithheldGrounds: []Reason{WithholdProcess}}, "withheld_grounds", "部分公开"},
		{"already public needs how to obtain", Reply{Type: ReplyDisclose, AlreadyPublic: true}, "how_to_obtain", "方式、途径"},
		{"already public only for disclose", Reply{Type: ReplyPartial, AlreadyPublic: true, Explanation: "x"}, "already_public", "予以公开"},
		{"not this organ: missing responsible organ name", Reply{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, Explanation: "x"}, "responsible_organ", "行政机关名称"},
		{"not this organ: missing contact", Reply{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, Explanation: "x", ResponsibleOrgan: "市局"}, "responsible_organ_contact", "联系方式"},
		{"not this organ: missing reasons", Reply{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, ResponsibleOrgan: "市局", ResponsibleOrganContact: "1"}, "explanation", "说明理由"},
		{"not this organ with another reason", Reply{Type: ReplyUnable, Reason: UnableNeedsCreation, NotThisOrgan: true}, "not_this_organ", "本机关不掌握"},
		{"responsible organ without not-this-organ", Reply{Type: ReplyDisclose, ResponsibleOrgan: "市局"}, "responsible_organ", "不属于本机关"},
		{"unknown organ and a name", Reply{Type: ReplyUnable, Reason: UnableNotHeld, NotThisOrgan: true, Explanation: "x", ResponsibleOrgan: "市局", ResponsibleOrganUnknown: true}, "responsible_organ", "不能同时"},
		{"other/other needs an explanation", Reply{Type: ReplyOther, Reason: OtherOther}, "explanation", "说明具体情况"},
	}
	for _, tc := range bad {
		err := ValidateReply(tc.r)
		ae := apperr.From(err)
		if err == nil || ae.Code != apperr.Invalid || ae.Field != tc.field || !strings.Contains(ae.Message, tc.frag) {
			t.Errorf("%s: %v (field %q)", tc.name, err, ae.Field)
		}
	}
	// Rows.
	rows := map[string]Reply{
		"三(一)":  {Type: ReplyDisclose},
		"三(二)":  {Type: ReplyPartial},
		"三(三)1": {Type: ReplyWithhold, Reason: WithholdStateSecret},
		"三(四)3": {Type: ReplyUnable, Reason: UnableStillUnclear},
		"三(五)5": {Type: ReplyNotProcessed, Reason: NotProcessedConfirm},
		"三(六)2": {Type: ReplyOther, Reason: OtherFeeUnpaid},
		"":      {Type: ReplyOther, Reason: WithholdProcess},
	}
	for want, r := range rows {
		if got := r.Row(); got != want {
			t.Errorf("%+v: row %q, want %q", r, got, want)
		}
	}
}
