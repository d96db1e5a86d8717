package notice

import (
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// Document is an issued notice as stored with the application: its kind,
// number and date, the body (Render), the printable page (Page) and the DOCX.
type Document struct {
	Kind   Kind
	Number string
	Issued workday.Date
	Title  string
	Body   HTML
	Page   HTML
	DOCX   []byte
}

// Build renders the notice (Render with override, "" for the default
// template) and makes its printable page and DOCX.
func Build(kind Kind, d Data, override string) (Document, error) {
	body, err := Render(kind, d, override)
	if err != nil {
		return Document{}, err
	}
	docx, err := DOCX(body)
	if err != nil {
		return Document{}, err
	}
	title := kind.Title()
	return Document{
		Kind: kind, Number: d.Number, Issued: d.Issued, Title: title,
		Body: body, Page: Page(title+" "+d.Number, body), DOCX: docx,
	}, nil
}

// Sample returns complete example data for kind, valid for Render: for
// previews on the template-editing page. For a reply it is a 不予公开
// (过程性信息) decision.
func Sample(kind Kind) Data {
	d := Data{
		Org: Org{
			Name:     "江南市人民政府办公室",
			Office:   "江南市人民政府办公室政务公开科",
			Contact:  "李明",
			Phone:    "0571-12345678",
			Fax:      "0571-12345679",
			Email:    "gongkai@jiangnan.example.gov.cn",
			Address:  "江南市人民路1号",
			Postcode: "310000",
			Hours:    "工作日上午9:00至12:00，下午13:30至17:00",
		},
		Number:        Number("江南政公", kind, 2025, 12),
		Issued:        workday.MustParseDate("2025-10-20"),
		Applicant:     "张三",
		RequestNumber: "JN-2025-0123",
		Received:      workday.MustParseDate("2025-09-26"),
		Channel:       "江南市政府信息公开网上申请平台",
		Info:          "2024年江南市老旧小区改造项目的资金分配方案",
		ReplyDue:      workday.MustParseDate("2025-10-31"),

		CorrectionItems: []string{
			"申请人的身份证明",
			"申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
		},
		CorrectionDays:    15,
		CorrectionLastDay: workday.MustParseDate("2025-11-10"),

		ExtensionDays:   20,
		Approver:        "王芳",
		ExtensionReason: "所申请信息涉及多个部门，需要调取、核实的材料较多",
		NewDue:          workday.MustParseDate("2025-11-28"),

		ThirdParty:         "江南建设工程有限公司",
		ThirdPartyInterest: "商业秘密",
		ThirdPartyDeadline: workday.MustParseDate("2025-11-11"),
		DecisionContent:    "江南市老旧小区改造项目各中标单位的中标金额和工期",
		DecisionReasons:    "项目使用财政资金、涉及数万户居民的切身利益，不公开可能对公共利益造成重大影响",

		FeePausesClock: true,

		Reply: request.Reply{
			Type:        request.ReplyWithhold,
			Reason:      request.WithholdProcess,
			Explanation: "该方案为征求意见过程中形成的讨论稿，尚未最终确定。",
		},
		Attachments: []string{"2024年江南市老旧小区改造项目清单"},
		ReviewBody:  "江南市人民政府",
		Court:       "江南市江北区人民法院",
	}
	switch kind {
	case KindCorrected, KindCorrectionTransferred, KindCorrectionRefused:
		d.Info = "本人企业职工档案中记载的出生日期"
		d.Attachments = nil
		d.Reply = SampleCorrectionReply(kind.CorrectionOutcome())
	}
	// 45 件 in one month (LEGAL.md §2.1's worked example: 5,500 元).
	lines, err := request.MonthlyFees(request.DefaultPolicy(), []request.FeeApplication{
		{ID: "JN-2025-0123", Received: d.Received, Items: 45, Method: request.FeeItems}})
	if err != nil {
		panic(err)
	}
	fee, err := request.NewFeeNotice(nil, lines[0], d.Issued, "通过江南市非税收入统一缴款平台缴纳，缴款码随本通知送达。")
	if err != nil {
		panic(err)
	}
	d.SetFee(fee)
	return d
}

// SampleCorrectionReply is a valid outcome of type t of a correction request (Art. 41).
func SampleCorrectionReply(t request.ReplyType) request.Reply {
	switch t {
	case request.ReplyTransferred:
		return request.Reply{Type: t, TransferOrgan: "江南市人力资源和社会保障局", TransferOrganContact: "电话0571-87000000"}
	case request.ReplyNotCorrected:
		return request.Reply{Type: t, Reason: request.CorrectionNotProven, Explanation: "您提供的户口簿复印件与本机关保存的档案原件记载一致，不能证明该记录不准确。"}
	}
	return request.Reply{Type: request.ReplyCorrected, Corrected: "出生日期由“1990年7月3日”更正为“1990年3月7日”。"}
}

// SampleReplies returns one valid reply of every variant: 予以公开 (provided,
// and already proactively disclosed), 部分公开 (with withheld grounds), and
// every sub-reason of request.Reasons() — 本机关不掌握 also as "not this
// organ's information" with the responsible organ known and unknown.
func SampleReplies() []request.Reply {
	out := []request.Reply{
		{Type: request.ReplyDisclose, HowToObtain: "请于2025年10月27日至31日工作时间到江南市人民路1号政务公开科领取，或通过电子邮件接收。"},
		{Type: request.ReplyDisclose, AlreadyPublic: true, HowToObtain: "该信息已在江南市人民政府门户网站“政府信息公开”专栏公开，网址为 https://www.jiangnan.example.gov.cn/zfxxgk/。"},
		{Type: request.ReplyPartial, HowToObtain: "随本答复书以电子邮件发送。", Explanation: "其中涉及个人身份证号码和联系方式的内容属于个人隐私，已作遮盖处理。",
			WithheldGrounds: []request.Reason{request.WithholdThirdParty}},
	}
	for _, info := range request.Reasons() {
		r := request.Reply{Type: info.Type, Reason: info.Code, Explanation: "示例说明：" + info.Label + "。"}
		switch info.Code {
		case request.WithholdAdminQuery, request.NotProcessedPetition, request.NotProcessedPublication:
			r.HowToObtain = "示例途径：江南市政务服务中心一楼综合窗口。"
		}
		out = append(out, r)
		if info.Code == request.UnableNotHeld {
			out = append(out,
				request.Reply{Type: info.Type, Reason: info.Code, NotThisOrgan: true,
					Explanation:      "该信息由江南市住房和城乡建设局制作并保存。",
					ResponsibleOrgan: "江南市住房和城乡建设局", ResponsibleOrganContact: "电话0571-87654321，地址江南市建设路8号"},
				request.Reply{Type: info.Type, Reason: info.Code, NotThisOrgan: true, ResponsibleOrganUnknown: true,
					Explanation: "本机关未制作、获取该信息。"})
		}
	}
	return out
}

// samples are the data a template is checked against: the full sample, a
// sample without any optional field and, for a reply, every reply variant.
func samples(kind Kind) []Data {
	full := Sample(kind)
	minimal := full
	minimal.Org = Org{Name: full.Org.Name}
	minimal.Channel, minimal.ReplyDue = "", workday.Date{}
	minimal.ExtensionReason, minimal.ThirdPartyInterest, minimal.FeeStandard = "", "", ""
	minimal.FeePausesClock = false
	minimal.Attachments = nil
	minimal.Court = ""
	if kind != KindReply {
		return []Data{full, minimal}
	}
	var out []Data
	for _, r := range SampleReplies() {
		d := full
		d.Reply = r
		out = append(out, d)
		m := minimal
		m.Reply = r
		if r.Type != request.ReplyWithhold && r.Type != request.ReplyPartial && !r.NotThisOrgan && r.Reason != request.OtherOther {
			m.Reply.Explanation = ""
		}
		m.CorrectionLastDay, m.FeePayBy = workday.Date{}, workday.Date{}
		if (r.Type == request.ReplyDisclose || r.Type == request.ReplyPartial) && m.Reply.HowToObtain == "" {
			m.Attachments = full.Attachments
		}
		out = append(out, m)
	}
	return out
}
