package demo

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Applications for information (依申请公开). The applicants, companies and associations are
// invented; their identity numbers are built for the demonstration from the fictional province's
// division codes (680000 江南省, 680100 临江市, 680122 东湖县, 680300 青山市, 680324 石桥县), so
// they pass the GB 11643 check but belong to nobody. Mail addresses are under example.com.
//
// The story runs from 2024 to the present at the province (江南省人民政府), a city (临江市人民政府),
// a county (东湖县人民政府) and a department (临江市市场监督管理局): applications answered in every
// way the annual report counts, corrections, consultations, fees, extensions, applications carried
// over the year end, appeals and guidance cases, and — dated relative to today — applications still
// open: due soon, overdue, paused, and one applicant's burst of applications (Art. 35).

// residentID builds a valid 18-character 居民身份证 number from an area code, a date of birth
// (YYYYMMDD) and a sequence number.
func residentID(area, birth string, seq int) string {
	first := area + birth + fmt.Sprintf("%03d", seq%1000)
	return first + string(request.ResidentIDCheckChar(first))
}

// applicantCode builds a valid 统一社会信用代码 for an applicant organisation: prefix (91 企业,
// 12 事业单位, 31 律师事务所, 51 社会团体, 53 基金会), division, a 主体标识码 and the check character.
func applicantCode(prefix, division string, n int) string {
	var subject string
	if prefix == "91" {
		subject = fmt.Sprintf("MA3%05dK", 20000+n*731)
	} else {
		base := fmt.Sprintf("%08d", 3000000+((n+13)*7919)%6999999)
		subject = base + gb11714Check(base)
	}
	first := prefix + division + subject
	c, err := org.CreditCodeCheckChar(first)
	if err != nil {
		panic("demo: " + err.Error())
	}
	return first + string(c)
}

func natural(name, area, birth string, seq int, phone, email, address string) request.Applicant {
	return request.Applicant{Kind: request.NaturalPerson, Name: name,
		ID:    request.Identity{Kind: request.ResidentID, Number: residentID(area, birth, seq)},
		Phone: phone, Email: email, Address: address}
}

func organisation(kind request.ApplicantKind, name, code, phone, email, address string) request.Applicant {
	return request.Applicant{Kind: kind, Name: name, ID: request.Identity{Kind: request.CreditCodeDoc, Number: code},
		Phone: phone, Email: email, Address: address}
}

// The applicants.
var (
	linXiaowen   = natural("林晓雯", "680100", "19900802", 24, "0596-2235817", "linxiaowen@example.com", "江南省临江市滨江区学府路28号3栋502室")
	chenGuodong  = natural("陈国栋", "680100", "19571123", 131, "0596-2281406", "", "江南省临江市滨江区江畔路17号2单元301室")
	zhaoYalin    = natural("赵雅琳", "680300", "19850130", 42, "0597-3312968", "zhaoyalin@example.com", "江南省青山市青峰区松涛路9号")
	sunHaoyu     = natural("孙浩宇", "680324", "19960609", 17, "0597-6273105", "sunhaoyu@example.com", "江南省青山市石桥县城关街道解放路102号")
	wuDehou      = natural("吴德厚", "680122", "19490315", 255, "0596-5136620", "", "江南省临江市东湖县湖滨镇柳岸村六组")
	zhengSiyuan  = natural("郑思源", "680100", "19791205", 58, "0596-2247731", "zhengsiyuan@example.com", "江南省临江市青江区文化路66号")
	huangXiulan  = natural("黄秀兰", "680100", "19620721", 206, "0596-2280952", "", "江南省临江市滨江区江畔路21号1单元602室")
	heJiajun     = natural("何家俊", "680100", "19881014", 73, "0596-2219475", "hejiajun@example.com", "江南省临江市青江区新华街8号")
	xuJingyi     = natural("许静怡", "680300", "19930228", 84, "0597-3340718", "xujingyi@example.com", "江南省临江市青江区学府路(文化路口)5号")
	fengZhigang  = natural("冯志刚", "680324", "19740506", 39, "0597-6208834", "fengzhigang@example.com", "江南省青山市石桥县府前路27号")
	zhouMingyuan = natural("周明远", "680122", "19680417", 115, "0596-5108627", "zhoumingyuan@example.com", "江南省临江市东湖县湖滨镇东湖大道203号")
	maChunsheng  = natural("马春生", "680122", "19660912", 51, "0596-5142279", "", "江南省临江市东湖县湖滨镇湖光村三组")
	qianLicheng  = natural("钱立诚", "680100", "19710825", 93, "0596-2273390", "qianlicheng@example.com", "江南省临江市滨江区人民大道356号")
	// A resident of Hong Kong, with his 港澳居民来往内地通行证.
	liangWenbo = request.Applicant{Kind: request.NaturalPerson, Name: "梁文博", ID: request.Identity{Kind: request.HKMacaoPermit, Number: "H60238417"},
		Email: "liangwenbo@example.com", Address: "江南省临江市滨江区滨江路9号滨江花园4栋1101室（境内通信地址）"}

	xindaJianshe   = organisation(request.Company, "江南鑫达建设工程有限公司", applicantCode("91", "680000", 1), "0596-8832106", "office@xinda-jianshe.example.com", "江南省临江市滨江区建设路188号")
	hengyuanZhiye  = organisation(request.Company, "临江市恒远置业有限公司", applicantCode("91", "680100", 2), "0596-2390618", "legal@hengyuan-zhiye.example.com", "江南省临江市青江区江滨路88号恒远大厦12楼")
	huguangNongye  = organisation(request.Company, "东湖县湖光农业发展有限公司", applicantCode("91", "680122", 3), "0596-5160372", "huguang@example.com", "江南省临江市东湖县湖滨镇农业园区2号")
	ruifengHuanbao = organisation(request.Company, "青山市瑞丰环保科技有限公司", applicantCode("91", "680300", 4), "0597-3385120", "service@ruifeng-env.example.com", "江南省青山市青峰区科创园B座6楼")
	sheKeYuan      = organisation(request.Research, "江南省社会科学院公共政策研究所", applicantCode("12", "680000", 5), "0596-8870425", "ggzc@jnass.example.com", "江南省临江市滨江区社科路3号")
	ligongXueyuan  = organisation(request.Research, "临江理工学院城市治理研究中心", applicantCode("12", "680100", 6), "0596-2401187", "urban@ljit.example.com", "江南省临江市青江区大学城路1号")
	lvshuiXiehui   = organisation(request.PublicInterest, "临江市绿水青山环保志愿者协会", applicantCode("51", "680100", 7), "0596-2316604", "lvshui@example.com", "江南省临江市滨江区公园路12号")
	zhucanJijinhui = organisation(request.PublicInterest, "江南省助残公益基金会", applicantCode("53", "680000", 8), "0596-8851930", "zhucan@example.com", "江南省临江市滨江区康宁路45号")
	hengzhengLvsuo = organisation(request.LegalService, "江南衡正律师事务所", applicantCode("31", "680000", 9), "0596-8897215", "hengzheng@example.com", "江南省临江市滨江区金融街6号衡正大厦20楼")
	mingliLvsuo    = organisation(request.LegalService, "临江明理律师事务所", applicantCode("31", "680100", 10), "0596-2352248", "mingli@example.com", "江南省临江市青江区法院街15号")
	// Applicants of the kind 其他: a villagers' committee and an owners' committee, identified by
	// the documents they hold.
	liuanCun = request.Applicant{Kind: request.OtherOrg, Name: "东湖县湖滨镇柳岸村村民委员会",
		ID:    request.Identity{Kind: request.OtherDocument, Number: "东湖民基证字〔2019〕第033号"},
		Phone: "0596-5139021", Address: "江南省临江市东湖县湖滨镇柳岸村村委会"}
	jiangpanYewei = request.Applicant{Kind: request.OtherOrg, Name: "临江市滨江区江畔花园小区业主委员会",
		ID:    request.Identity{Kind: request.OtherDocument, Number: "滨江房业备〔2022〕第017号"},
		Phone: "0596-2288410", Email: "jiangpan-yw@example.com", Address: "江南省临江市滨江区江畔路19号江畔花园物业楼2楼"}
)

// An appSpec is one application and what happens to it.
type appSpec struct {
	org  string
	ch   request.Channel
	who  request.Applicant
	recv string // receipt date: "YYYY-MM-DD" (moved to a working day) or "wN" (N working days before today)

	info, docNo, desc, form, delivery string

	steps   []rstep
	appeals []appealSpec
	cas     *caseSpec
	show    string // print the number and query code with this note
}

// An rstep is an event on the application's clock, or its reply. Dates are "+N" (N working days
// after receipt) or "YYYY-MM-DD".
type rstep struct {
	at     string
	served string // consultations: the day the letter reached the consultee
	ev     request.Event
	reply  *request.Reply
}

type appealSpec struct {
	kind             request.AppealKind
	filed, decided   string
	outcome          request.AppealOutcome
	note, decideNote string
}

type caseSpec struct {
	at, title, summary string
}

func ev(at string, e request.Event) rstep       { return rstep{at: at, ev: e} }
func replied(at string, r *request.Reply) rstep { return rstep{at: at, reply: r} }

func consult(kind request.EventKind, at, served, party string) rstep {
	return rstep{at: at, served: served, ev: request.Event{Kind: kind, Party: party}}
}

func rDisclose(how string) *request.Reply {
	return &request.Reply{Type: request.ReplyDisclose, HowToObtain: how}
}

func rPublic(how string) *request.Reply {
	return &request.Reply{Type: request.ReplyDisclose, AlreadyPublic: true, HowToObtain: how}
}

func rPartial(expl, how string, grounds ...request.Reason) *request.Reply {
	return &request.Reply{Type: request.ReplyPartial, Explanation: expl, HowToObtain: how, WithheldGrounds: grounds}
}

func rReason(reason request.Reason, expl string) *request.Reply {
	return &request.Reply{Type: reason.Type(), Reason: reason, Explanation: expl}
}

const (
	byMail   = "通过电子邮件发送至申请人预留的电子邮箱"
	byPost   = "以挂号信邮寄至申请人提供的通信地址"
	inPerson = "请申请人于收到本答复之日起15个工作日内，携带有效身份证件到本机关政府信息公开办公室领取"
)

// requestStories is the story of the applications, oldest first within each organisation.
func requestStories() []appSpec {
	return []appSpec{
		// 江南省人民政府
		{org: "jn", ch: request.Online, who: linXiaowen, recv: "2024-03-12",
			info: "江南省人民政府关于同意设立江南临江高新技术产业开发区的批复", docNo: "江南政函〔2023〕45号",
			desc: "申请获取上述批复全文，用于了解高新区四至范围和规划面积。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+9", rDisclose(byMail+"（批复全文PDF格式，共3页）"))}},
		{org: "jn", ch: request.RegisteredPost, who: xindaJianshe, recv: "2024-06-05",
			info: "省政府常务会议研究临江至东湖快速通道项目的会议纪要及讨论记录",
			desc: "2024年第一季度省政府常务会议研究临江至东湖快速通道项目建设模式的会议纪要、参会单位发言记录及相关请示报告。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+17", rReason(request.WithholdProcess,
				"您申请的会议讨论记录和请示报告属于本机关在履行行政管理职能过程中形成的过程性信息；项目建设模式的最终决定已通过《江南省人民政府关于临江至东湖快速通道项目建设有关事项的批复》公开，可在本机关政府信息公开专栏查阅。"))},
			appeals: []appealSpec{{kind: request.AppealReview, filed: "2024-07-22", outcome: request.OutcomeUpheld, decided: "2024-09-20",
				note: "申请人向江南省人民政府申请行政复议（原级复议），请求撤销不予公开答复。", decideNote: "复议决定维持原答复：所申请信息属于过程性信息，答复认定事实清楚、适用依据正确。"}}},
		{org: "jn", ch: request.Email, who: sheKeYuan, recv: "2024-09-10",
			info: "2021—2023年全省各设区市政府信息公开申请办理情况分类统计数据",
			desc: "按设区市、申请人类型和答复类型交叉分类的统计表，用于“依申请公开制度运行评估”课题研究。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{replied("+15", rReason(request.UnableNeedsCreation,
				"本机关未制作按上述口径交叉分类的统计表，提供该信息需对各设区市年度报告数据重新汇总加工。各设区市人民政府历年政府信息公开工作年度报告已在其门户网站公开，可自行查阅。"))}},
		{org: "jn", ch: request.Online, who: zhengSiyuan, recv: "2024-12-23",
			info: "江南省人民政府2024年度重大行政决策事项目录",
			desc: "申请获取2024年度重大行政决策事项目录及各事项的承办单位、完成时限。", form: "电子文档", delivery: "网上获取",
			steps: []rstep{replied("2025-01-15", rDisclose("已通过本平台“申请查询”页面提供目录电子文档，申请人可凭申请编号和查询码下载"))}},
		{org: "jn", ch: request.InPerson, who: hengzhengLvsuo, recv: "2025-02-18",
			info: "《江南省省级政府投资基金管理办法》制定过程中的公平竞争审查意见",
			desc: "江南省人民政府办公厅与江南省财政厅联合起草《江南省省级政府投资基金管理办法》时形成的公平竞争审查意见及审查结论。", form: "纸质", delivery: "当面领取",
			steps: []rstep{
				consult(request.EvOrganStart, "+3", "+4", "江南省财政厅"),
				ev("+10", request.Event{Kind: request.EvOrganEnd, Party: "江南省财政厅", Note: "省财政厅书面回复：同意公开审查结论，审查过程中的部门沟通函件不宜公开。"}),
				replied("+19", rPartial("审查结论予以公开；审查过程中起草单位之间的沟通函件属于过程性信息，不予公开。", inPerson, request.WithholdProcess)),
			}},
		{org: "jn", ch: request.Online, who: heJiajun, recv: "2025-04-08",
			info: "江南省2024年度国有建设用地供应计划执行情况及具体地块出让价格",
			desc: "全省各设区市2024年国有建设用地供应计划执行情况，以及每宗出让地块的成交价格。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+6", &request.Reply{Type: request.ReplyUnable, Reason: request.UnableNotHeld, NotThisOrgan: true,
				Explanation:      "国有建设用地供应计划的执行和土地出让结果由自然资源主管部门负责公开，本机关不掌握您申请的具体地块成交信息。",
				ResponsibleOrgan: "江南省自然资源厅", ResponsibleOrganContact: "江南省临江市滨江区人民大道1号省级机关办公区9号楼，0596-8860271（演示数据）"})}},
		{org: "jn", ch: request.RegisteredPost, who: wuDehou, recv: "2025-06-16",
			info: "请求查处东湖县湖滨镇柳岸村土地征收补偿不公问题",
			desc: "来信反映本人承包地被征收后补偿标准偏低、补偿款发放不公，要求省政府派人调查处理并答复处理结果。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+8", &request.Reply{Type: request.ReplyNotProcessed, Reason: request.NotProcessedPetition,
				Explanation: "您的来信反映问题、要求调查处理，属于信访、投诉事项，不作为政府信息公开申请处理。",
				HowToObtain: "可向临江市东湖县人民政府信访局或通过“江南省网上信访信息系统”提出信访事项"})}},
		{org: "jn", ch: request.Online, who: ruifengHuanbao, recv: "2025-07-07",
			info: "2024年江南省省级生态环境保护专项资金竞争性分配评审结果及评分细则",
			desc: "包括各申报项目的得分、评审专家组评分细则和最终分配结果。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{
				ev("+18", request.Event{Kind: request.EvExtended, Days: 15, Approver: "省政府办公厅政务公开处处长 沈立新",
					Note: "所申请信息涉及三个厅局的评审材料，需逐项核对，延长答复期限15个工作日。"}),
				replied("+30", rDisclose(byMail+"（评审结果和评分细则，共2个文件）")),
			}},
		{org: "jn", ch: request.OrdinaryLetter, who: huangXiulan, recv: "2025-09-03",
			info: "《江南省人民政府公报》2024年全年合订本（纸质）",
			desc: "申请提供2024年政府公报纸质合订本一套。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+5", &request.Reply{Type: request.ReplyNotProcessed, Reason: request.NotProcessedPublication,
				Explanation: "您申请提供的是政府公报这一公开出版物。",
				HowToObtain: "可在江南省图书馆和各市、县政府信息查阅点免费查阅，或在江南省人民政府门户网站“政府公报”栏目下载电子版"})}},
		{org: "jn", ch: request.Online, who: zhucanJijinhui, recv: "2025-12-22",
			info: "2025年江南省困难残疾人生活补贴和重度残疾人护理补贴发放情况",
			desc: "按设区市汇总的2025年残疾人两项补贴发放人数和资金总额。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{replied("2026-01-12", rDisclose(byMail+"（按设区市汇总表1份）"))}},
		{org: "jn", ch: request.Email, who: zhaoYalin, recv: "2026-03-09",
			info: "江南省2025年度省级部门预算执行审计查出问题整改情况报告全文及附件",
			desc: "申请提供整改情况报告及全部附件的纸质复印件。", form: "纸质复印件", delivery: "邮寄",
			steps: []rstep{
				ev("+4", request.Event{Kind: request.EvFeeNotice, AmountFen: request.PageFee(120),
					Note: "按量计收：纸质复印件共120页（30页以内免费，31至100页每页10元，101至120页每页20元），合计1100元。"}),
				ev("+9", request.Event{Kind: request.EvFeePaid, Note: "申请人通过非税收入缴款码缴纳。"}),
				replied("+15", rDisclose(byPost+"（纸质复印件120页）")),
			}},
		{org: "jn", ch: request.Online, who: xindaJianshe, recv: "2026-06-15",
			info: "2025年江南省规模以上工业企业统计调查中临江市各企业的产值和利润数据",
			desc: "临江市各规模以上工业企业2025年统计年报中的工业总产值、营业收入和利润总额，按企业列示。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{replied("+14", rReason(request.WithholdLawProhibited,
				"您申请的是统计调查中取得的能够识别单个统计调查对象的资料，《中华人民共和国统计法》第二十五条规定不得对外提供、泄露。临江市规模以上工业分行业汇总数据已在统计信息栏目公开。"))},
			appeals: []appealSpec{{kind: request.AppealLitigation, filed: "2026-09-28", outcome: request.OutcomePending,
				note: "申请人向临江市中级人民法院提起行政诉讼（未经复议直接起诉），请求判令公开。"}}},
		{org: "jn", ch: request.Online, who: fengZhigang, recv: "w16",
			info: "江南省2026年省级重点建设项目中石桥至青山高速公路项目的征地补偿安置方案",
			desc: "申请获取该项目在青山市石桥县境内的征地补偿安置方案及批复文件。", form: "电子文档", delivery: "电子邮件"},
		{org: "jn", ch: request.Email, who: xindaJianshe, recv: "w24",
			info: "2026年江南省省级政府投资项目代建单位名录库入库名单",
			desc: "申请获取2026年入库代建单位名单及入库评审得分。", form: "电子文档", delivery: "电子邮件"},

		// 临江市人民政府
		{org: "lj", ch: request.InPerson, who: xindaJianshe, recv: "2024-04-15",
			info: "临江市滨江新区安置房项目代建单位遴选中各投标单位的报价明细和技术方案",
			desc: "2024年3月滨江新区安置房项目代建单位遴选中，各参选单位提交的报价明细表和技术方案全文。", form: "纸质", delivery: "当面领取",
			steps: []rstep{
				consult(request.EvThirdPartyStart, "+3", "+5", "临江市恒远置业有限公司"),
				ev("+13", request.Event{Kind: request.EvThirdPartyEnd, Party: "临江市恒远置业有限公司",
					Note: "第三方书面回复不同意公开，理由是报价构成和技术方案属于其商业秘密，并提供了保密措施的说明。"}),
				replied("+19", rReason(request.WithholdThirdParty,
					"经书面征求第三方意见，第三方不同意公开且理由合理：报价明细和技术方案属于商业秘密，公开会对其合法权益造成损害。遴选结果已在本机关政府信息公开专栏公示。")),
			},
			appeals: []appealSpec{{kind: request.AppealLitigation, filed: "2024-06-20", outcome: request.OutcomeUpheld, decided: "2024-12-18",
				note: "申请人向临江市青江区人民法院提起行政诉讼。", decideNote: "一审判决驳回原告诉讼请求，双方均未上诉。"}},
			cas: &caseSpec{at: "2025-01-10", title: "申请公开其他企业投标报价明细和技术方案，涉及商业秘密不予公开",
				summary: "某建设工程企业申请公开安置房项目代建单位遴选中其他参选单位的报价明细和技术方案。行政机关依照条例第三十二条书面征求第三方意见，第三方以涉及商业秘密为由不同意公开并说明了理由。行政机关认定理由合理，依照条例第十五条答复不予公开，同时告知遴选结果的公开途径。申请人提起行政诉讼，法院判决驳回诉讼请求。\n\n要点：征求第三方意见的时间不计入答复期限；第三方不同意公开的，行政机关仍应自行审查其理由是否合理，并考虑不公开是否会对公共利益造成重大影响。"}},
		{org: "lj", ch: request.Online, who: xuJingyi, recv: "2024-10-09",
			info: "关于我家附近那条路的文件",
			desc: "想了解我家门口那条路为什么要修、修多久。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{
				ev("+2", request.Event{Kind: request.EvCorrectionRequested, Items: []string{
					"所需政府信息的名称、文号或者便于查询的特征性描述：请写明道路名称和路段，以及所需文件的类型（如立项批复、施工公告等）"}}),
				ev("+6", request.Event{Kind: request.EvCorrected, Note: "补正：申请公开临江市青江区学府路（文化路至江滨路段）拓宽改造工程的立项批复文件和工期安排。"}),
				replied("+14", rDisclose(byMail+"（立项批复及工期安排说明）")),
			}},
		{org: "lj", ch: request.Online, who: heJiajun, recv: "2024-11-04",
			info: "市里的拆迁文件",
			desc: "请提供拆迁的所有文件。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{
				ev("+3", request.Event{Kind: request.EvCorrectionRequested, Items: []string{
					"所需政府信息的名称、文号或者便于查询的特征性描述：请写明征收项目名称或所在区域、大致时间和所需文件类型",
					"申请的政府信息的形式要求：请写明获取方式"}}),
				ev("+19", request.Event{Kind: request.EvCorrectionLapsed, Note: "补正期限届满，申请人未补正，也未说明理由。"}),
			}},
		{org: "lj", ch: request.Email, who: liangWenbo, recv: "2025-03-10",
			info: "滨江区老房子的相关资料",
			desc: "申请获取本人祖屋所在片区的有关资料。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{
				ev("+4", request.Event{Kind: request.EvCorrectionRequested, Days: 20, Items: []string{
					"所需政府信息的名称或特征性描述：请写明房屋所在的具体地址或片区名称、所需信息的类型（如征收决定、规划许可等）和形成时间"}}),
				ev("+9", request.Event{Kind: request.EvCorrected, Note: "补正：申请公开滨江区老城片区上世纪的有关房屋资料。"}),
				replied("+20", rReason(request.UnableStillUnclear,
					"补正后的申请仍未说明所需信息的类型、形成时间或地址，本机关经与申请人电话沟通后仍无法确定所指信息。申请人可在明确所需信息后重新提出申请。")),
			}},
		{org: "lj", ch: request.RegisteredPost, who: hengyuanZhiye, recv: "2025-05-12",
			info: "2020年以来临江市国有土地使用权出让合同及补充协议",
			desc: "2020年1月至2025年4月全市国有土地使用权出让合同及全部补充协议的纸质复印件。", form: "纸质复印件", delivery: "邮寄",
			steps: []rstep{
				ev("+5", request.Event{Kind: request.EvFeeNotice, AmountFen: request.PageFee(260),
					Note: "按量计收：纸质复印件共260页（30页以内免费，31至100页每页10元，101至200页每页20元，201页以上每页40元），合计5100元。"}),
				ev("+26", request.Event{Kind: request.EvFeeLapsed, Note: "缴费期限届满，申请人未缴纳信息处理费。"}),
			}},
		{org: "lj", ch: request.Online, who: linXiaowen, recv: "2025-05-06",
			info: "临江市2025年度城市更新项目计划",
			desc: "申请获取2025年城市更新项目计划清单及各项目实施主体。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+10", rDisclose(byMail))}},
		{org: "lj", ch: request.Online, who: linXiaowen, recv: "2025-06-23",
			info: "临江市2025年度城市更新项目计划",
			desc: "再次申请2025年城市更新项目计划清单。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+5", rReason(request.NotProcessedRepeated,
				"本机关已于2025年5月就您申请公开的同一信息作出答复并提供了电子文档，对重复申请不予重复处理。"))}},
		{org: "lj", ch: request.InPerson, who: chenGuodong, recv: "2025-08-18",
			info: "对已取得的《临江市人民政府关于江畔片区房屋征收的决定》复印件加盖公章",
			desc: "本人已取得该决定的复印件，要求市政府在复印件上加盖公章，确认与原件一致，用于诉讼。", form: "纸质", delivery: "当面领取",
			steps: []rstep{replied("+6", rReason(request.NotProcessedConfirm,
				"您要求对已获取的信息加盖公章予以确认，不属于条例规定的政府信息公开申请。该决定已在本机关政府信息公开专栏公开，可自行下载打印。"))}},
		{org: "lj", ch: request.Online, who: mingliLvsuo, recv: "2025-10-13",
			info: "临江市人民政府办公室2025年度工作人员考核等次评定结果及评分表",
			desc: "申请获取办公室全体工作人员年度考核等次和评分明细。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+12", rReason(request.WithholdInternalAffairs,
				"您申请的工作人员年度考核等次和评分明细属于行政机关人事管理方面的内部事务信息，依照条例第十六条第一款不予公开。"))}},
		{org: "lj", ch: request.Fax, who: zhouMingyuan, recv: "2025-11-03",
			info: "临江市城区人民防空工程分布位置图及防护等级",
			desc: "城区全部人民防空工程（含地下掩蔽工程）的分布位置图和防护等级表。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+10", rReason(request.WithholdStateSecret,
				"您申请的人民防空工程分布位置和防护等级资料经依法确定为国家秘密。市民可通过“临江人防”微信公众号查询就近的公共人防疏散场所。"))}},
		{org: "lj", ch: request.Online, who: ligongXueyuan, recv: "2025-12-29",
			info: "2025年临江市12345政务服务便民热线工单办理情况月度统计",
			desc: "按月份和诉求类别统计的工单受理量、办结率和满意率。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{replied("2026-01-20", rDisclose(byMail+"（2025年1月至12月月度统计表）"))}},
		{org: "lj", ch: request.Online, who: zhengSiyuan, recv: "2025-07-21",
			info: "临江市自来水厂和城区供水加压泵站的位置、管网布局详图及安防设施配置",
			desc: "全市各水厂、加压泵站的精确位置，城区供水主干管网布局详图，以及各站点的安防设施配置情况。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+9", rReason(request.WithholdSecurity,
				"供水设施精确位置、管网详图和安防配置属于城市供水关键基础设施信息，公开后可能危及公共安全。供水水质公告和停水通知已在临江市供水有限公司信息公开栏目发布。"))}},
		{org: "lj", ch: request.Online, who: zhaoYalin, recv: "2025-09-22",
			info: "滨江区松涛苑小区某套房屋的所有权人及抵押登记情况",
			desc: "申请查询滨江区松涛苑5栋702室房屋的登记所有权人和抵押登记信息。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+7", rReason(request.WithholdAdminQuery,
				"您申请的是不动产登记资料，《不动产登记暂行条例》及其实施细则对查询有专门规定，请持有效身份证件和利害关系证明材料到临江市不动产登记中心申请查询。"))}},
		{org: "lj", ch: request.Online, who: sunHaoyu, recv: "2026-02-09",
			info: "2026年临江市义务教育阶段新生入学政策",
			desc: "想咨询孩子今年上小学需要准备哪些材料、怎么网上报名。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+6", rReason(request.OtherOther,
				"申请内容属于入学政策咨询，已于答复前电话解答，并告知申请人可在临江市教育局门户网站“招生入学”栏目查阅2026年招生政策，申请人表示不再需要书面提供信息。"))}},
		{org: "lj", ch: request.Online, who: fengZhigang, recv: "2026-03-16",
			info: "临江市2026年春季植树造林任务分解表",
			desc: "申请获取各区县2026年春季植树造林任务分解表。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{ev("+4", request.Event{Kind: request.EvWithdrawn, Note: "申请人来电表示已在市林业局网站找到所需信息，申请撤回。"})}},
		// The same information asked for by three applicants (Art. 44).
		{org: "lj", ch: request.InPerson, who: chenGuodong, recv: "2026-09-14",
			info: "江畔片区旧城改造项目国有土地上房屋征收补偿方案", docNo: "临政征〔2026〕3号",
			desc: "申请获取江畔片区旧城改造项目房屋征收补偿方案全文及附件（补偿标准表）。", form: "纸质", delivery: "当面领取",
			steps: []rstep{replied("+8", rDisclose(inPerson+"（补偿方案全文及补偿标准表）"))},
			show:  "临江市人民政府，已答复；另有两位申请人申请同一信息，办理页面提示考虑主动公开"},
		{org: "lj", ch: request.OrdinaryLetter, who: huangXiulan, recv: "2026-10-12",
			info: "江畔片区旧城改造项目国有土地上房屋征收补偿方案", docNo: "临政征〔2026〕3号",
			desc: "申请获取江畔片区旧城改造项目房屋征收补偿方案及补偿标准。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+6", rDisclose(byPost+"（补偿方案全文及补偿标准表）"))}},
		{org: "lj", ch: request.Online, who: jiangpanYewei, recv: "w5",
			info: "江畔片区旧城改造项目房屋征收补偿方案", docNo: "临政征〔2026〕3号",
			desc: "代表小区业主申请获取征收补偿方案、补偿标准表和评估机构选定结果。", form: "电子文档", delivery: "电子邮件"},
		// Open applications, dated relative to today.
		{org: "lj", ch: request.Online, who: xuJingyi, recv: "w8",
			info: "小区旁边工地的审批文件",
			desc: "小区旁边在建的工地晚上施工很吵，想看看它的审批文件。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{ev("+2", request.Event{Kind: request.EvCorrectionRequested, Items: []string{
				"所需政府信息的名称或特征性描述：请写明工地所在位置或项目名称，以及所需审批文件的类型（如建设工程规划许可证、施工许可证、夜间施工许可等）"}})},
			show: "临江市人民政府，等待补正（可在查询页面在线提交补正）"},
		{org: "lj", ch: request.Online, who: huguangNongye, recv: "w14",
			info: "临江市2026年市级农业产业化龙头企业申报材料中的财务审计报告",
			desc: "申请获取2026年认定的市级农业产业化龙头企业临江市禾丰米业有限公司申报材料中的2025年度财务审计报告。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{consult(request.EvThirdPartyStart, "+3", "+5", "临江市禾丰米业有限公司")}},
		{org: "lj", ch: request.Email, who: zhaoYalin, recv: "w12",
			info: "临江市2026年老旧小区改造项目的设计图纸和工程预算书",
			desc: "青江区12个老旧小区改造项目的施工设计图纸和工程预算书纸质复印件。", form: "纸质复印件", delivery: "邮寄",
			steps: []rstep{ev("+5", request.Event{Kind: request.EvFeeNotice, AmountFen: request.PageFee(85),
				Note: "按量计收：纸质复印件共85页（30页以内免费，31至85页每页10元），合计550元。"})}},
		{org: "lj", ch: request.Online, who: lvshuiXiehui, recv: "w22",
			info: "2026年临江市重点排污单位自行监测数据汇总",
			desc: "2026年1月以来全市重点排污单位自行监测数据汇总表及超标情况处理结果。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{ev("+17", request.Event{Kind: request.EvExtended, Days: 20, Approver: "市政府办公室政务公开科科长 陈卫东",
				Note: "所申请信息需向生态环境部门调取并逐家核对，延长答复期限20个工作日。"})}},
		{org: "lj", ch: request.Online, who: zhouMingyuan, recv: "w18",
			info: "临江市地铁4号线滨江大道站施工期间交通组织方案",
			desc: "申请获取该站点施工期间的交通组织方案和绕行示意图。", form: "电子文档", delivery: "电子邮件"},
		{org: "lj", ch: request.Online, who: mingliLvsuo, recv: "w23",
			info: "临江市2026年政府法律顾问选聘结果及服务合同",
			desc: "市政府法律顾问选聘公告、评审结果和服务合同文本（可隐去个人信息）。", form: "电子文档", delivery: "电子邮件"},

		// 东湖县人民政府
		{org: "ljdh", ch: request.InPerson, who: liuanCun, recv: "2024-07-15",
			info: "东湖县湖滨镇柳岸村2023年集体土地征收补偿款发放明细",
			desc: "柳岸村2023年集体土地征收中每户的补偿款金额和发放时间。", form: "纸质", delivery: "当面领取",
			steps: []rstep{replied("+12", rPartial("补偿款发放明细中各户的补偿金额和发放时间予以公开；被征收户的身份证号码和银行账号属于个人隐私，作区分处理后不予公开。",
				inPerson, request.WithholdThirdParty))},
			cas: &caseSpec{at: "2024-09-02", title: "申请公开征地补偿款发放明细，个人身份和账户信息区分处理",
				summary: "某村民委员会申请公开本村集体土地征收补偿款的发放明细。补偿款发放明细涉及众多被征收户，其中补偿金额和发放时间与公共利益密切相关，应予公开；被征收户的身份证号码、银行账号属于个人隐私。行政机关依照条例第三十七条作区分处理，公开可以公开的内容，对不予公开的部分说明理由，按年度报告“部分公开”统计。\n\n要点：能够区分处理的，不应以“涉及个人隐私”为由整体不予公开。"}},
		{org: "ljdh", ch: request.RegisteredPost, who: maChunsheng, recv: "2025-04-21",
			info: "东湖县湖滨镇2024年度农村危房改造补助对象名单及补助金额",
			desc: "湖滨镇2024年农村危房改造补助对象名单、补助标准和各户补助金额。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+10", rDisclose(byPost+"（补助对象名单已隐去身份证号码）"))},
			appeals: []appealSpec{{kind: request.AppealReview, filed: "2025-06-16", outcome: request.OutcomeCorrected, decided: "2025-08-14",
				note: "申请人认为所提供名单缺少湖光村部分农户，向临江市人民政府申请行政复议。", decideNote: "复议机关认为原答复提供的信息不完整，责令在15个工作日内重新答复；已重新答复并补充提供湖光村名单。"}}},
		{org: "ljdh", ch: request.Online, who: huguangNongye, recv: "2025-08-11",
			info: "东湖县人民政府研究湖光农业园区用地问题的专题会议纪要",
			desc: "2025年6月县政府专题研究湖光农业园区设施农用地问题的会议纪要及相关部门的意见。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+15", rReason(request.WithholdProcess,
				"专题会议纪要和部门意见属于研究过程中形成的过程性信息；县政府的最终处理意见已书面告知贵公司。"))},
			appeals: []appealSpec{
				{kind: request.AppealReview, filed: "2025-10-09", outcome: request.OutcomeUpheld, decided: "2025-12-05",
					note: "申请人向临江市人民政府申请行政复议。", decideNote: "复议决定维持。"},
				{kind: request.AppealLitigationAfterReview, filed: "2025-12-22", outcome: request.OutcomeOther, decided: "2026-03-17",
					note: "申请人不服复议决定，向临江市青江区人民法院提起行政诉讼。", decideNote: "原告在审理期间申请撤诉，法院裁定准许。"},
			}},
		{org: "ljdh", ch: request.Online, who: maChunsheng, recv: "2025-12-26",
			info: "东湖县2026年度县级重点项目计划",
			desc: "申请获取2026年县级重点项目计划表，含项目名称、建设地点和年度投资。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{
				ev("2026-01-20", request.Event{Kind: request.EvExtended, Days: 10, Approver: "县政府办公室主任 袁振华",
					Note: "2026年度重点项目计划尚待县人民代表大会审议通过后印发，延长答复期限10个工作日。"}),
				replied("2026-02-03", rDisclose(byMail)),
			}},
		{org: "ljdh", ch: request.Online, who: lvshuiXiehui, recv: "2026-05-11",
			info: "东湖水质在线监测站2015年至2019年的历史监测原始数据",
			desc: "东湖湖心、入湖口两个水质自动监测站2015—2019年的逐小时原始监测数据。", form: "电子表格", delivery: "电子邮件",
			steps: []rstep{replied("+11", rReason(request.UnableNotHeld,
				"经检索，两个水质自动监测站于2020年建成投运，此前没有所申请的监测数据。"))}},
		{org: "ljdh", ch: request.Online, who: qianLicheng, recv: "2026-04-13",
			info: "东湖大道改造工程立项批复",
			desc: "申请获取东湖大道改造工程的立项批复文件。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+9", rDisclose(byMail))}},
		{org: "ljdh", ch: request.Online, who: zhouMingyuan, recv: "w10",
			info: "东湖县与临江市水利局联合制定的东湖流域防洪调度方案",
			desc: "申请获取现行东湖流域防洪调度方案全文。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{consult(request.EvOrganStart, "+2", "+3", "临江市水利局")}},

		// 临江市市场监督管理局
		{org: "lj-scjgj", ch: request.Online, who: hengyuanZhiye, recv: "2024-04-22",
			info: "对临江市某餐饮公司投诉举报查处案件的全部卷宗材料",
			desc: "本公司2023年12月投诉举报某餐饮公司不正当竞争，申请获取该案调查询问笔录、证据材料等全部卷宗。", form: "纸质", delivery: "邮寄",
			steps: []rstep{replied("+11", rReason(request.WithholdEnforcementFile,
				"您申请的调查询问笔录、证据材料属于行政执法案卷信息，依照条例第十六条第二款不予公开；该案处理结果已书面告知投诉举报人。"))}},
		{org: "lj-scjgj", ch: request.Online, who: linXiaowen, recv: "2025-06-09",
			info: "2025年第一季度临江市食品安全监督抽检结果",
			desc: "申请获取抽检不合格食品的名称、生产经营单位和处理情况。", form: "电子文档", delivery: "网上获取",
			steps: []rstep{replied("+4", rPublic("该信息已于2025年4月在临江市市场监督管理局政府信息公开专栏“行政执法”栏目主动公开，可在本平台检索“食品安全监督抽检”查阅"))}},
		{org: "lj-scjgj", ch: request.Email, who: hengzhengLvsuo, recv: "2025-09-15",
			info: "临江市市场监督管理局2025年作出的某食品公司行政处罚决定书", docNo: "临市监罚〔2025〕118号",
			desc: "申请获取上述行政处罚决定书全文。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+9", rPartial("行政处罚决定书予以公开；其中当事人法定代表人的身份证号码和住址属于个人信息，已作遮盖处理。",
				byMail, request.WithholdThirdParty))}},
		{org: "lj-scjgj", ch: request.Online, who: ruifengHuanbao, recv: "2026-07-06",
			info: "2026年临江市电梯维护保养单位信用评价结果",
			desc: "申请获取2026年全市电梯维保单位信用等级评价结果及评价标准。", form: "电子文档", delivery: "电子邮件",
			steps: []rstep{replied("+7", rDisclose(byMail))}},
	}
}

// frequentRequests is one applicant's burst of applications in the last weeks (Art. 35): enough,
// within the abuse.threshold window, for the handling page to flag him. A few are answered as
// 不予处理 (三(五)4) after he gave no reason, for a few a reasonable delayed period is set, the rest
// are open.
func frequentRequests() []appSpec {
	projects := []string{"东湖大道改造工程", "湖滨镇污水处理厂扩建工程", "青石镇农贸市场改造工程", "东湖县第二中学新建工程", "环湖绿道二期工程", "县城集中供热工程"}
	papers := []string{"可行性研究报告批复", "初步设计批复", "建设用地规划许可证", "施工许可证", "竣工验收备案表"}
	excessive := "申请人在一个月内就同一批项目的各类审批文件提出30件申请，本机关依照条例第三十五条要求其说明理由，申请人未能说明合理理由，本机关认为申请理由不合理，不予处理。"
	delay := "申请数量明显超过合理范围，申请人说明了用于课题研究的理由，本机关认为理由合理，但无法在法定期限内答复，依照条例第三十五条确定延迟答复的合理期限。"
	var out []appSpec
	i := 0
	for _, pr := range projects {
		for _, pa := range papers {
			a := appSpec{ch: request.Online, who: qianLicheng, info: pr + pa,
				desc: "申请获取" + pr + "的" + pa + "（含附件）。", form: "电子文档", delivery: "电子邮件"}
			switch {
			case i < 10:
				a.org, a.recv = "ljdh", "w12"
			case i < 18:
				a.org, a.recv = "ljdh-fgj", "w8"
			case i < 24:
				a.org, a.recv = "lj", "w6"
			default:
				a.org, a.recv = "ljdh", "w4"
			}
			switch {
			case i < 4:
				a.steps = []rstep{replied("+7", rReason(request.NotProcessedExcessive, excessive))}
			case i < 7:
				a.steps = []rstep{ev("+6", request.Event{Kind: request.EvDelaySet, Days: 30, Note: delay})}
			}
			out = append(out, a)
			i++
		}
	}
	return out
}

// A shownRequest is an application printed with its query code for testers.
type shownRequest struct {
	number, code, note string
}

// reqDay resolves a date of the story: "YYYY-MM-DD" (moved to a working day), "wN" (N working days
// before today) or "+N" (N working days after base).
func (l *loader) reqDay(s string, base workday.Date) (workday.Date, error) {
	switch {
	case strings.HasPrefix(s, "w"):
		n, err := strconv.Atoi(s[1:])
		if err != nil {
			return workday.Date{}, fmt.Errorf("demo: bad date %q", s)
		}
		return l.workdaysBefore(n), nil
	case strings.HasPrefix(s, "+"):
		n, err := strconv.Atoi(s[1:])
		if err != nil {
			return workday.Date{}, fmt.Errorf("demo: bad date %q", s)
		}
		if n == 0 {
			return base, nil
		}
		return calendar.AddWorkdays(base, n, false)
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("demo: bad date %q", s)
	}
	return onWorkday(d), nil
}

// principal is the organisation's staff member of the role.
func (l *loader) principal(orgKey string, role org.Role) *org.Principal {
	return &org.Principal{User: l.users[orgKey+"-"+roleSlugs[role]], Org: l.orgs[orgKey]}
}

func clocking(today workday.Date) store.Clocking {
	return store.Clocking{Cal: calendar, Policy: request.DefaultPolicy(), Today: today}
}

// planRequests plans the applications' steps. Steps that would fall on or after today (a host
// whose clock is behind the story) are left out, with what follows them.
func (l *loader) planRequests() error {
	specs := append(requestStories(), frequentRequests()...)
	today := workday.DateOf(l.today)
	for i := range specs {
		if err := l.planRequest(&specs[i], i, today); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) planRequest(a *appSpec, i int, today workday.Date) error {
	if _, ok := l.orgs[a.org]; !ok {
		return fmt.Errorf("demo: application %q: unknown organisation %q", a.info, a.org)
	}
	recv, err := l.reqDay(a.recv, workday.Date{})
	if err != nil {
		return err
	}
	if !recv.Before(today) {
		return nil
	}
	handler := l.principal(a.org, org.RoleRequestHandler)
	var id int64
	var lastAt time.Time
	// when is a plausible time on day d, after the application's previous step that day.
	when := func(d workday.Date, hour int) time.Time {
		t := at(d, hour, (i*7)%50)
		if !t.After(lastAt) && workday.DateOf(lastAt) == d {
			t = lastAt.Add(7 * time.Minute)
		}
		lastAt = t
		return t
	}
	created := when(recv, 9+i%2)
	l.addStep(created, func() error {
		l.setClock(created)
		var p *org.Principal
		if a.ch != request.Online {
			p = handler // letters, visits, faxes and mails are registered by the handler
		}
		r, code, err := l.db.CreateRequest(l.ctx, p, store.NewRequest{OrgID: l.orgs[a.org].ID, Channel: a.ch, ReceivedOn: recv, Applicant: a.who,
			InfoName: a.info, DocNumber: a.docNo, Description: a.desc, Form: a.form, Delivery: a.delivery}, clocking(recv))
		if err != nil {
			return fmt.Errorf("演示申请“%s”登记: %w", a.info, err)
		}
		id = r.ID
		l.requests++
		if a.show != "" {
			l.shown = append(l.shown, shownRequest{number: r.Number, code: code, note: a.show})
		}
		return nil
	})
	var replyOn workday.Date
	for k, s := range a.steps {
		day, err := l.reqDay(s.at, recv)
		if err != nil {
			return err
		}
		e := s.ev
		e.On = day
		asOf := day
		if s.served != "" {
			if e.Served, err = l.reqDay(s.served, recv); err != nil {
				return err
			}
			asOf = e.Served // recorded once the day of service is known
		}
		if !asOf.Before(today) {
			break
		}
		t := when(asOf, 10+k%6)
		if s.reply != nil {
			replyOn = day
			r := *s.reply
			l.addStep(t, func() error {
				l.setClock(t)
				_, err := l.db.ReplyRequest(l.ctx, handler, id, 0, r, day, clocking(asOf))
				if err != nil {
					return fmt.Errorf("演示申请“%s”答复: %w", a.info, err)
				}
				return nil
			})
			continue
		}
		l.addStep(t, func() error {
			l.setClock(t)
			if _, err := l.db.AddRequestEvent(l.ctx, handler, id, 0, e, clocking(asOf)); err != nil {
				return fmt.Errorf("演示申请“%s”%s: %w", a.info, e.Kind.Label(), err)
			}
			return nil
		})
	}
	if replyOn.IsZero() {
		return nil
	}
	if c := a.cas; c != nil {
		day, err := l.reqDay(c.at, recv)
		if err != nil {
			return err
		}
		if day.Before(today) {
			t := when(day, 15)
			l.addStep(t, func() error {
				l.setClock(t)
				if _, err := l.db.PublishCase(l.ctx, handler, id, c.title, c.summary); err != nil {
					return fmt.Errorf("演示案例“%s”: %w", c.title, err)
				}
				l.cases++
				return nil
			})
		}
	}
	for _, ap := range a.appeals {
		filed, err := l.reqDay(ap.filed, recv)
		if err != nil {
			return err
		}
		if !filed.Before(today) {
			continue
		}
		var appealID int64
		t := when(filed, 14)
		l.addStep(t, func() error {
			l.setClock(t)
			got, err := l.db.AddAppeal(l.ctx, handler, request.Appeal{RequestID: id, Kind: ap.kind, FiledOn: filed, Note: ap.note})
			if err != nil {
				return fmt.Errorf("演示申请“%s”%s: %w", a.info, ap.kind.Label(), err)
			}
			appealID = got.ID
			l.appeals++
			return nil
		})
		if ap.outcome == request.OutcomePending || ap.outcome == "" {
			continue
		}
		decided, err := l.reqDay(ap.decided, recv)
		if err != nil {
			return err
		}
		if !decided.Before(today) {
			continue
		}
		td := at(decided, 16, 10)
		l.addStep(td, func() error {
			l.setClock(td)
			note := ap.note + ap.decideNote
			if err := l.db.DecideAppeal(l.ctx, handler, appealID, ap.outcome, decided, note); err != nil {
				return fmt.Errorf("演示申请“%s”%s结果: %w", a.info, ap.kind.Label(), err)
			}
			return nil
		})
	}
	return nil
}

// finishRequests brings the cached status of open applications up to today (pending → overdue).
func (l *loader) finishRequests() error {
	_, err := l.db.RefreshRequestClocks(l.ctx, clocking(workday.DateOf(l.today)))
	return err
}

// requestsNote tells testers how to try the tracking page.
func (l *loader) requestsNote() string {
	if len(l.shown) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("依申请公开演示：在“申请查询”页面（/track）输入申请编号和查询码，可查看办理进度：\n")
	for _, s := range l.shown {
		fmt.Fprintf(&b, "  申请编号 %s  查询码 %s  （%s）\n", s.number, s.code, s.note)
	}
	return b.String()
}
