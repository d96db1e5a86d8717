package notice

import (
	"errors"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"gongkai/internal/apperr"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var tags = regexp.MustCompile(`<[^>]*>`)

// plain is the text of rendered HTML, one line per block.
func plain(h HTML) string {
	s := strings.NewReplacer("</p>", "\n", "</h1>", "\n", "</li>", "\n", "</tr>", "\n").Replace(string(h))
	var lines []string
	for _, l := range strings.Split(html.UnescapeString(tags.ReplaceAllString(s, "")), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func mustRender(t *testing.T, k Kind, d Data) HTML {
	t.Helper()
	h, err := Render(k, d, "")
	if err != nil {
		t.Fatalf("%s: %v", k, err)
	}
	return h
}

func TestNumber(t *testing.T) {
	cases := []struct {
		k    Kind
		seq  int
		want string
	}{
		{KindCorrection, 12, "江南政公〔2025〕补正第12号"},
		{KindAcknowledgement, 1, "江南政公〔2025〕登记第1号"},
		{KindExtension, 3, "江南政公〔2025〕延期第3号"},
		{KindThirdParty, 4, "江南政公〔2025〕征求第4号"},
		{KindFee, 5, "江南政公〔2025〕收费第5号"},
		{KindReply, 107, "江南政公〔2025〕答复第107号"},
	}
	for _, c := range cases {
		if got := Number("江南政公", c.k, 2025, c.seq); got != c.want {
			t.Errorf("Number(%s, %d) = %q, want %q", c.k, c.seq, got, c.want)
		}
	}
}

func TestKinds(t *testing.T) {
	if len(Kinds()) != 10 {
		t.Fatalf("kinds: %v", Kinds())
	}
	for _, k := range Kinds() {
		if !k.Valid() || k.Title() == "" || k.Code() == "" || DefaultTemplate(k) == "" {
			t.Errorf("%s: title %q code %q", k, k.Title(), k.Code())
		}
	}
	if Kind("memo").Valid() || DefaultTemplate("memo") != "" {
		t.Error("unknown kind accepted")
	}
}

// Each kind renders its title, number, date, addressee, signature and the
// facts its article requires.
func TestRenderKinds(t *testing.T) {
	cases := []struct {
		k    Kind
		want []string
		not  []string
	}{
		{KindAcknowledgement, []string{"政府信息公开申请登记回执", "张三：", "JN-2025-0123", "江南市政府信息公开网上申请平台",
			"收到申请日期2025年9月26日", "第三十一条", "第三十三条", "20个工作日", "2025年10月31日（含当日）前"}, nil},
		{KindCorrection, []string{"补正申请告知书", "张三：", "第三十条", "一次性告知",
			"申请人的身份证明\n", "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述\n",
			"自收到本告知书之日起15个工作日内，即在2025年11月10日（含当日）前", "答复期限自本机关收到补正的申请之日起计算",
			"视为放弃申请"}, nil},
		{KindExtension, []string{"延期答复告知书", "张三：", "第三十三条", "政府信息公开工作机构负责人王芳同意",
			"延长20个工作日", "2025年11月28日（含当日）前作出答复", "所申请信息涉及多个部门"}, nil},
		{KindThirdParty, []string{"征求第三方意见书", "江南建设工程有限公司：", "第三十二条", "商业秘密",
			"自收到本意见书之日起15个工作日内，即在2025年11月11日（含当日）前", "逾期未提出意见的", "第三方意见回执", "□同意公开"},
			[]string{"张三"}}, // the third party is not told who applied
		{KindThirdPartyDecision, []string{"决定公开告知书", "江南建设工程有限公司：", "第三十二条", "贵方不同意公开",
			"不公开可能对公共利益造成重大影响", "决定公开的政府信息内容：江南市老旧小区改造项目各中标单位的中标金额和工期",
			"决定公开的理由：项目使用财政资金", "申请行政复议"},
			[]string{"张三"}}, // the third party is not told who applied
		{KindCorrected, []string{"更正政府信息告知书", "张三：", "更正与您自身相关的政府信息的申请", "第四十一条",
			"本机关已予以更正。更正的内容：出生日期由“1990年7月3日”更正为“1990年3月7日”", "申请行政复议"}, nil},
		{KindCorrectionTransferred, []string{"更正申请转送告知书", "张三：", "不属于本机关职能范围",
			"转送有权更正的行政机关江南市人力资源和社会保障局处理（联系方式：电话0571-87000000）", "第四十一条", "提起行政诉讼"}, nil},
		{KindCorrectionRefused, []string{"不予更正告知书", "您提供的证据不能证明该政府信息记录不准确，本机关决定不予更正",
			"理由：您提供的户口簿复印件", "第四十一条", "六十日内向江南市人民政府申请行政复议"}, nil},
		{KindFee, []string{"收取信息处理费通知书", "张三：", "第四十二条", "国办函〔2020〕109号", "按件计收",
			"应缴金额：5500.00元", "缴纳方式：通过江南市非税收入统一缴款平台缴纳", "收到本通知次日起20个工作日内",
			"视为放弃申请，本机关不再处理该政府信息公开申请", "不计算在答复期限内"}, nil},
		{KindReply, []string{"政府信息公开申请答复书", "张三：", "过程性信息", "不予公开", "第十六条第二款规定：",
			"如对本答复不服，可以在收到本答复之日起六十日内向江南市人民政府申请行政复议，或者在六个月内向江南市江北区人民法院提起行政诉讼。",
			"附件：\n2024年江南市老旧小区改造项目清单"}, nil},
	}
	for _, c := range cases {
		t.Run(string(c.k), func(t *testing.T) {
			d := Sample(c.k)
			text := plain(mustRender(t, c.k, d))
			common := []string{d.Number, "江南市人民政府办公室\n2025年10月20日", "联系机构：江南市人民政府办公室政务公开科"}
			for _, w := range append(common, c.want...) {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in\n%s", w, text)
				}
			}
			for _, w := range c.not {
				if strings.Contains(text, w) {
					t.Errorf("unexpected %q in\n%s", w, text)
				}
			}
			if !strings.HasPrefix(text, d.Number+"\n"+c.k.Title()+"\n") {
				t.Errorf("does not start with number and title:\n%s", text)
			}
		})
	}
}

// Every reply variant renders; every sub-reason of request.Reasons() is
// covered; the legal basis of request.Reply is quoted in full; adverse
// decisions (and all others) carry the remedy sentence.
func TestReplyVariants(t *testing.T) {
	const remedy = "如对本答复不服，可以在收到本答复之日起六十日内向江南市人民政府申请行政复议，或者在六个月内向江南市江北区人民法院提起行政诉讼。"
	covered := map[request.Reason]bool{}
	types := map[request.ReplyType]bool{}
	bodies := map[string]string{}
	for _, r := range SampleReplies() {
		d := Sample(KindReply)
		d.Reply = r
		name := string(r.Type) + "/" + string(r.Reason)
		if r.NotThisOrgan {
			name += "/not_this_organ"
		}
		if r.AlreadyPublic {
			name += "/already_public"
		}
		t.Run(name, func(t *testing.T) {
			text := plain(mustRender(t, KindReply, d))
			covered[r.Reason] = true
			types[r.Type] = true
			for _, line := range strings.Split(r.LegalBasis(), "\n") {
				if !strings.Contains(text, line) {
					t.Errorf("legal basis line missing: %q", line)
				}
			}
			for _, a := range r.Articles() {
				if !strings.Contains(text, a+"规定："+request.ArticleText(a)) {
					t.Errorf("article %s not quoted", a)
				}
			}
			if d.Adverse() != (r.Type != request.ReplyDisclose) {
				t.Errorf("Adverse() = %v", d.Adverse())
			}
			if d.Adverse() && !strings.Contains(text, remedy) {
				t.Errorf("adverse decision without the remedy:\n%s", text)
			}
			if !strings.Contains(text, remedy) {
				t.Errorf("reply without the remedy")
			}
			if r.HowToObtain != "" && !strings.Contains(text, r.HowToObtain) {
				t.Errorf("how to obtain missing")
			}
			if r.Explanation != "" && !strings.Contains(text, r.Explanation) {
				t.Errorf("explanation missing")
			}
			if r.NotThisOrgan {
				if r.ResponsibleOrganUnknown {
					if !strings.Contains(text, "无法确定负责公开该政府信息的行政机关") {
						t.Error("unknown responsible organ not said")
					}
				} else if !strings.Contains(text, "负责公开该政府信息的行政机关为江南市住房和城乡建设局，联系方式：电话0571-87654321") {
					t.Error("responsible organ (Art. 36(5)) not named")
				}
			}
			for _, g := range r.WithheldGrounds {
				if !strings.Contains(text, g.Label()) {
					t.Errorf("withheld ground %s not named", g)
				}
			}
			// the decision paragraph (after "现答复如下：", before the basis) differs per variant
			i, j := strings.Index(text, "现答复如下："), strings.Index(text, "本答复的依据：")
			if i < 0 || j < i {
				t.Fatalf("structure:\n%s", text)
			}
			decision := strings.TrimSpace(strings.ReplaceAll(text[i:j], r.Explanation, ""))
			if prev, dup := bodies[decision]; dup {
				t.Errorf("same decision text as %s", prev)
			}
			bodies[decision] = name
		})
	}
	for _, info := range request.Reasons() {
		if !covered[info.Code] {
			t.Errorf("sub-reason %s not covered by SampleReplies", info.Code)
		}
	}
	for _, rt := range request.ReplyTypes() {
		if !types[rt] {
			t.Errorf("reply type %s not covered", rt)
		}
	}
}

// Distinctive wording of each sub-reason (what the applicant is told).
func TestReplyWording(t *testing.T) {
	want := map[request.Reason]string{
		request.WithholdStateSecret:     "属于依法确定为国家秘密的政府信息，本机关决定不予公开",
		request.WithholdLawProhibited:   "属于法律、行政法规禁止公开的政府信息",
		request.WithholdSecurity:        "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
		request.WithholdThirdParty:      "公开会对第三方合法权益造成损害",
		request.WithholdInternalAffairs: "属于行政机关的内部事务信息",
		request.WithholdProcess:         "过程性信息",
		request.WithholdEnforcementFile: "属于行政执法案卷信息",
		request.WithholdAdminQuery:      "请您依照有关法律、行政法规的规定办理",
		request.UnableNotHeld:           "该政府信息不存在",
		request.UnableNeedsCreation:     "需要对现有政府信息进行加工、分析",
		request.UnableStillUnclear:      "补正后的申请内容仍不明确",
		request.NotProcessedPetition:    "不作为政府信息公开申请处理",
		request.NotProcessedRepeated:    "不予重复处理",
		request.NotProcessedPublication: "政府公报、报刊、书籍等公开出版物",
		request.NotProcessedExcessive:   "数量、频次明显超过合理范围",
		request.NotProcessedConfirm:     "确认或者重新出具",
		request.OtherCorrectionLapsed:   "补正期限已于2025年11月10日届满。您无正当理由逾期未补正，视为放弃申请",
		request.OtherFeeUnpaid:          "逾期未按收费通知要求缴纳费用，视为放弃申请",
		request.OtherOther:              "经审查，示例说明：其他。",
	}
	for _, info := range request.Reasons() {
		d := Sample(KindReply)
		d.Reply = request.Reply{Type: info.Type, Reason: info.Code, Explanation: "示例说明：" + info.Label + "。"}
		if info.Code == request.OtherFeeUnpaid {
			if !strings.Contains(plain(mustRender(t, KindReply, d)), "缴费期限已于"+d.FeePayBy.ChineseFull()+"届满") {
				t.Errorf("fee deadline missing")
			}
		}
		if w, ok := want[info.Code]; !ok {
			t.Errorf("no wording test for %s", info.Code)
		} else if text := plain(mustRender(t, KindReply, d)); !strings.Contains(text, w) {
			t.Errorf("%s: missing %q in\n%s", info.Code, w, text)
		}
	}
	// 予以公开 and 部分公开
	d := Sample(KindReply)
	d.Reply = SampleReplies()[0]
	if text := plain(mustRender(t, KindReply, d)); !strings.Contains(text, "本机关决定予以公开。现将该政府信息随本答复书提供给您（见附件）。获取该政府信息的方式、途径和时间：请于2025年10月27日") {
		t.Errorf("disclose:\n%s", text)
	}
	d.Reply = SampleReplies()[1]
	if text := plain(mustRender(t, KindReply, d)); !strings.Contains(text, "已经主动公开") || !strings.Contains(text, "第三十六条第（一）项") {
		t.Errorf("already public:\n%s", text)
	}
	d.Reply = SampleReplies()[2]
	text := plain(mustRender(t, KindReply, d))
	for _, w := range []string{"能够作区分处理", "第三十七条规定", "不予公开的内容所属情形：保护第三方合法权益。", "第十五条规定："} {
		if !strings.Contains(text, w) {
			t.Errorf("partial: missing %q in\n%s", w, text)
		}
	}
	// no court given: the generic court
	d = Sample(KindReply)
	d.Court = ""
	if !strings.Contains(plain(mustRender(t, KindReply, d)), "或者在六个月内向有管辖权的人民法院提起行政诉讼。") {
		t.Error("generic court missing")
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		k     Kind
		f     func(*Data)
		field string
	}{
		{KindCorrection, func(d *Data) { d.Org.Name = "" }, "org.name"},
		{KindCorrection, func(d *Data) { d.Number = " " }, "number"},
		{KindCorrection, func(d *Data) { d.Issued = workday.Date{} }, "issued"},
		{KindCorrection, func(d *Data) { d.Applicant = "" }, "applicant"},
		{KindCorrection, func(d *Data) { d.CorrectionItems = nil }, "correction_items"},
		{KindCorrection, func(d *Data) { d.CorrectionItems = []string{"a", " "} }, "correction_items"},
		{KindCorrection, func(d *Data) { d.CorrectionDays = 0 }, "correction_days"},
		{KindCorrection, func(d *Data) { d.CorrectionLastDay = workday.Date{} }, "correction_last_day"},
		{KindAcknowledgement, func(d *Data) { d.Received = workday.Date{} }, "received"},
		{KindAcknowledgement, func(d *Data) { d.RequestNumber = "" }, "request_number"},
		{KindAcknowledgement, func(d *Data) { d.Info = "" }, "info"},
		{KindExtension, func(d *Data) { d.ExtensionDays = 21 }, "extension_days"},
		{KindExtension, func(d *Data) { d.Approver = "" }, "approver"},
		{KindExtension, func(d *Data) { d.NewDue = workday.Date{} }, "new_due"},
		{KindThirdParty, func(d *Data) { d.ThirdParty = "" }, "third_party"},
		{KindThirdParty, func(d *Data) { d.ThirdPartyDeadline = workday.Date{} }, "third_party_deadline"},
		{KindThirdPartyDecision, func(d *Data) { d.ThirdParty = "" }, "third_party"},
		{KindThirdPartyDecision, func(d *Data) { d.DecisionContent = " " }, "decision_content"},
		{KindThirdPartyDecision, func(d *Data) { d.DecisionReasons = "" }, "decision_reasons"},
		{KindCorrected, func(d *Data) { d.Reply.Corrected = " " }, "corrected"},
		{KindCorrected, func(d *Data) { d.Reply = SampleCorrectionReply(request.ReplyTransferred) }, "type"},
		{KindCorrected, func(d *Data) { d.ReviewBody = "" }, "review_body"},
		{KindCorrectionTransferred, func(d *Data) { d.Reply.TransferOrgan = "" }, "transfer_organ"},
		{KindCorrectionRefused, func(d *Data) { d.Reply.Explanation = "" }, "explanation"},
		{KindCorrectionRefused, func(d *Data) { d.Reply = request.Reply{Type: request.ReplyDisclose, HowToObtain: "x"} }, "type"},
		{KindFee, func(d *Data) { d.FeeAmountFen = 0 }, "fee_amount"},
		{KindFee, func(d *Data) { d.FeeMethod = request.FeeNone }, "fee_method"},
		{KindFee, func(d *Data) { d.FeeBasis = "" }, "fee_basis"},
		{KindFee, func(d *Data) { d.FeeHowToPay = "" }, "fee_how_to_pay"},
		{KindFee, func(d *Data) { d.FeePayBy = workday.Date{} }, "fee_pay_by"},
		{KindReply, func(d *Data) { d.ReviewBody = "" }, "review_body"},
		{KindReply, func(d *Data) { d.Reply.Explanation = "" }, "explanation"},
		{KindReply, func(d *Data) { d.Reply = request.Reply{Type: request.ReplyDisclose}; d.Attachments = nil }, "how_to_obtain"},
		{KindReply, func(d *Data) { d.Attachments = []string{""} }, "attachments"},
	}
	for _, c := range cases {
		d := Sample(c.k)
		c.f(&d)
		err := d.Validate(c.k)
		if err == nil {
			t.Errorf("%s %s: no error", c.k, c.field)
			continue
		}
		e := apperr.From(err)
		if e.Code != apperr.Invalid || e.Field != c.field || !hasHan(e.Message) {
			t.Errorf("%s: got %v (field %q)", c.field, err, e.Field)
		}
		if _, err := Render(c.k, d, ""); err == nil {
			t.Errorf("%s: Render accepted invalid data", c.field)
		}
	}
	// the third party notice needs no applicant; a correction no description
	d := Sample(KindThirdParty)
	d.Applicant = ""
	if err := d.Validate(KindThirdParty); err != nil {
		t.Error(err)
	}
	// every sample ParseTemplate uses is itself valid
	for _, k := range Kinds() {
		for i, s := range samples(k) {
			if err := s.Validate(k); err != nil {
				t.Errorf("%s sample %d: %v", k, i, err)
			}
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Data is escaped: a name like <script> is text, never markup.
func TestEscaping(t *testing.T) {
	for _, k := range Kinds() {
		d := Sample(k)
		d.Applicant = `<script>alert("x")</script>`
		d.ThirdParty = `<img src=x onerror=alert(1)>公司`
		d.Info = `A&B "quoted" 'single' <b>bold</b>`
		d.Org.Name = "江南市<人民政府>办公室"
		h := mustRender(t, k, d)
		low := strings.ToLower(string(h))
		for _, bad := range []string{"<script", "<img", "<b>bold"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s: unescaped %q in\n%s", k, bad, h)
			}
		}
		if !strings.Contains(string(h), "A&amp;B") || !strings.Contains(string(h), "&lt;b&gt;bold&lt;/b&gt;") {
			t.Errorf("%s: info not escaped:\n%s", k, h)
		}
		if k != KindThirdParty && k != KindThirdPartyDecision && !strings.Contains(string(h), "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
			t.Errorf("%s: name not escaped:\n%s", k, h)
		}
		page := Page(`<script>标题</script>`, h)
		if strings.Contains(strings.ToLower(string(page)), "<script") {
			t.Errorf("%s: page has a script", k)
		}
		// and in the DOCX the same characters are text
		paras := docxParagraphs(t, mustDOCX(t, h))
		all := strings.Join(paras, "\n")
		for _, w := range []string{`A&B "quoted" 'single' <b>bold</b>`, "江南市<人民政府>办公室"} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: DOCX text lacks %q:\n%s", k, w, all)
			}
		}
		if k != KindThirdParty && k != KindThirdPartyDecision && !strings.Contains(all, `<script>alert("x")</script>：`) {
			t.Errorf("%s: DOCX addressee wrong:\n%s", k, all)
		}
	}
}

func TestPage(t *testing.T) {
	d := Sample(KindReply)
	d.Reply = SampleReplies()[1] // its text has a URL, which is text, not a resource
	body := mustRender(t, KindReply, d)
	p := string(Page("政府信息公开申请答复书 <江南>", body))
	for _, w := range []string{"<!DOCTYPE html>", `<html lang="zh-CN">`, `<meta charset="utf-8">`,
		"<title>政府信息公开申请答复书 &lt;江南&gt;</title>", "@page { size: A4; margin: 2.5cm; }",
		`"SimSun", "宋体"`, `"FangSong", "仿宋"`, "serif;", string(body), "</html>"} {
		if !strings.Contains(p, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	low := strings.ToLower(p)
	for _, bad := range []string{"<script", "<link", "@import", "url(", "src=", "href=", "<img", "<iframe"} {
		if strings.Contains(low, bad) {
			t.Errorf("page has %q", bad)
		}
	}
}

func TestBuild(t *testing.T) {
	for _, k := range Kinds() {
		doc, err := Build(k, Sample(k), "")
		if err != nil {
			t.Fatal(k, err)
		}
		if doc.Kind != k || doc.Number != Sample(k).Number || doc.Issued != Sample(k).Issued || doc.Title != k.Title() ||
			doc.Body == "" || !strings.Contains(string(doc.Page), string(doc.Body)) || len(doc.DOCX) == 0 {
			t.Errorf("%s: incomplete document", k)
		}
	}
	if _, err := Build(KindFee, Data{}, ""); err == nil {
		t.Error("Build accepted empty data")
	}
}

func TestCnDate(t *testing.T) {
	if got := cnDate(workday.MustParseDate("2025-01-05")); got != "2025年1月5日" {
		t.Error(got)
	}
	if got := cnDate(workday.Date{}); !strings.Contains(got, "年") || strings.ContainsAny(got, "0123456789") {
		t.Error(got)
	}
}

// Golden files: rendered bodies of a few notices and the document.xml of
// one DOCX. Run `go test ./internal/notice -update` after an intended change.
func TestGolden(t *testing.T) {
	notThis := Sample(KindReply)
	notThis.Reply = SampleReplies()[0]
	for _, r := range SampleReplies() {
		if r.NotThisOrgan && !r.ResponsibleOrganUnknown {
			notThis.Reply = r
		}
	}
	notThis.Attachments = nil
	cases := []struct {
		name string
		k    Kind
		d    Data
	}{
		{"acknowledgement", KindAcknowledgement, Sample(KindAcknowledgement)},
		{"correction", KindCorrection, Sample(KindCorrection)},
		{"extension", KindExtension, Sample(KindExtension)},
		{"third_party", KindThirdParty, Sample(KindThirdParty)},
		{"fee", KindFee, Sample(KindFee)},
		{"reply_withhold_process", KindReply, Sample(KindReply)},
		{"reply_not_this_organ", KindReply, notThis},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := mustRender(t, c.k, c.d)
			golden(t, c.name+".html", []byte(h))
			if c.name == "reply_withhold_process" {
				golden(t, c.name+".document.xml", docxPart(t, mustDOCX(t, h), "word/document.xml"))
			}
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s missing: run go test ./internal/notice -update", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (run with -update if intended)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}
