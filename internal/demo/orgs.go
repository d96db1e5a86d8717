package demo

import (
	"fmt"
	"html"
	"strings"

	"gongkai/internal/org"
)

// An orgSpec describes one demonstration organisation. The bodies are fictional (江南省 is no real
// province); 国务院办公厅 is real, so everything written in its name is marked as demonstration data.
type orgSpec struct {
	key       string // ASCII slug: user names start with it
	parent    string // key of the parent, "" for the root
	name      string
	short     string
	kind      org.Kind
	level     org.Level
	dept      string // the department's trade (see deptTrades), "" for governments
	prefix    string // registration authority and type of the credit code: 11 机关, 91 企业
	division  string // 6-digit administrative division code of the registering body
	host      string
	address   string
	postcode  string
	phone     string // the fax is the phone's neighbour
	domain    string // mail domain
	area      string // the area the body serves, as in 临江市 or 东湖县
	docPrefix string // 发文机关代字 of the body's own documents, e.g. 临政发
}

// A trade is what a kind of department does; it fills the guide, the budgets and the org pages.
type trade struct {
	duties   string // 主要职责, one sentence
	function string // the 功能分类 of its main project spending, for the budget tables
}

var deptTrades = map[string]trade{
	"fgw":  {"拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划，统筹协调经济社会发展，负责重大建设项目的审批、核准和备案，推进经济体制改革和营商环境建设", "一般公共服务支出"},
	"cz":   {"拟订财政发展规划和政策，编制年度预决算草案并组织执行，负责政府非税收入、政府采购、国有资本经营预算和政府债务管理，监督财政资金使用", "一般公共服务支出"},
	"tj":   {"组织实施统计调查，收集、汇总、整理和提供统计数据，开展统计分析和监测，依法发布统计信息，监督检查统计法律法规的实施", "一般公共服务支出"},
	"scjg": {"负责市场综合监督管理、市场主体登记注册、食品和药品安全监管、产品质量和特种设备安全监管、价格监督检查和反不正当竞争执法", "一般公共服务支出"},
	"rs":   {"拟订人力资源和社会保障政策，统筹城乡就业和社会保险，组织实施公务员考试录用和事业单位公开招聘，完善工资收入分配制度，维护劳动者合法权益", "社会保障和就业支出"},
	"yj":   {"组织编制应急预案和应急体系建设规划，指导安全生产、防灾减灾救灾和应急救援工作，依法对安全生产实施综合监督管理", "灾害防治及应急管理支出"},
	"sl":   {"保障水资源的合理开发利用，负责水资源统一监督管理、水利工程建设与运行管理、防汛抗旱和水旱灾害防御的有关工作，指导农村水利和河湖管理", "农林水支出"},
}

// deptDefs are the departments of a government at each level: key suffix, name suffix and trade.
type deptDef struct{ key, name, trade, docPrefix string }

var provinceDepts = []deptDef{
	{"fgw", "发展和改革委员会", "fgw", "发改"},
	{"czt", "财政厅", "cz", "财"},
	{"tjj", "统计局", "tj", "统"},
	{"scjgj", "市场监督管理局", "scjg", "市监"},
	{"rst", "人力资源和社会保障厅", "rs", "人社"},
	{"yjglt", "应急管理厅", "yj", "应急"},
	{"slt", "水利厅", "sl", "水"},
}

var cityDepts = []deptDef{
	{"fgw", "发展和改革委员会", "fgw", "发改"},
	{"czj", "财政局", "cz", "财"},
	{"tjj", "统计局", "tj", "统"},
	{"scjgj", "市场监督管理局", "scjg", "市监"},
	{"rsj", "人力资源和社会保障局", "rs", "人社"},
	{"yjglj", "应急管理局", "yj", "应急"},
	{"slj", "水利局", "sl", "水"},
}

var countyDepts = []deptDef{
	{"fgj", "发展和改革局", "fgw", "发改"},
	{"czj", "财政局", "cz", "财"},
	{"tjj", "统计局", "tj", "统"},
	{"scjgj", "市场监督管理局", "scjg", "市监"},
	{"rsj", "人力资源和社会保障局", "rs", "人社"},
	{"yjglj", "应急管理局", "yj", "应急"},
	{"slj", "水利局", "sl", "水"},
}

// deptShort abbreviates a department's name the way it is usually written.
var deptShort = map[string]string{
	"发展和改革委员会": "发展改革委", "发展和改革局": "发展改革局", "市场监督管理局": "市场监管局",
	"人力资源和社会保障厅": "人力资源社会保障厅", "人力资源和社会保障局": "人力资源社会保障局",
}

// governments lists the governments of the demonstration tree, parents first.
func governments() []orgSpec {
	return []orgSpec{
		{key: "gwyb", name: "国务院办公厅", short: "国务院办公厅", kind: org.KindGovernment, level: org.LevelNational,
			prefix: "11", division: "100000", address: "北京市西城区府右街（演示数据）", postcode: "100017", phone: "010-65550100",
			domain: "gwyb.gov.example", area: "全国", docPrefix: "国办发"},
		{key: "jn", parent: "gwyb", name: "江南省人民政府", short: "江南省政府", kind: org.KindGovernment, level: org.LevelProvince,
			prefix: "11", division: "680000", address: "江南省临江市滨江区人民大道1号", postcode: "356000", phone: "0596-8860001",
			domain: "jiangnan.gov.example", area: "江南省", docPrefix: "江南政发"},
		{key: "lj", parent: "jn", name: "临江市人民政府", short: "临江市政府", kind: org.KindGovernment, level: org.LevelCity,
			prefix: "11", division: "680100", host: "linjiang.gov.example", address: "江南省临江市滨江区市府大道88号", postcode: "356001",
			phone: "0596-2230001", domain: "linjiang.gov.example", area: "临江市", docPrefix: "临政发"},
		{key: "ljdh", parent: "lj", name: "临江市东湖县人民政府", short: "东湖县政府", kind: org.KindGovernment, level: org.LevelCounty,
			prefix: "11", division: "680122", address: "江南省临江市东湖县湖滨镇东湖大道18号", postcode: "356100", phone: "0596-5120001",
			domain: "donghu.gov.example", area: "东湖县", docPrefix: "东政发"},
		{key: "ljdh-qsz", parent: "ljdh", name: "临江市东湖县青石镇人民政府", short: "青石镇政府", kind: org.KindGovernment, level: org.LevelTownship,
			prefix: "11", division: "680122", address: "江南省临江市东湖县青石镇青石街66号", postcode: "356121", phone: "0596-5630001",
			domain: "qingshi.donghu.gov.example", area: "青石镇", docPrefix: "青石政发"},
		{key: "qs", parent: "jn", name: "青山市人民政府", short: "青山市政府", kind: org.KindGovernment, level: org.LevelCity,
			prefix: "11", division: "680300", address: "江南省青山市青峰区青山路1号", postcode: "357000", phone: "0597-3360001",
			domain: "qingshan.gov.example", area: "青山市", docPrefix: "青政发"},
		{key: "qsst", parent: "qs", name: "青山市石桥县人民政府", short: "石桥县政府", kind: org.KindGovernment, level: org.LevelCounty,
			prefix: "11", division: "680324", address: "江南省青山市石桥县城关街道府前路2号", postcode: "357200", phone: "0597-6210001",
			domain: "shiqiao.gov.example", area: "石桥县", docPrefix: "石政发"},
		{key: "qsst-cgjd", parent: "qsst", name: "青山市石桥县城关街道办事处", short: "城关街道", kind: org.KindGovernment, level: org.LevelTownship,
			prefix: "11", division: "680324", address: "江南省青山市石桥县城关街道解放路35号", postcode: "357200", phone: "0597-6250001",
			domain: "chengguan.shiqiao.gov.example", area: "城关街道", docPrefix: "城关办发"},
	}
}

// orgSpecs is the whole tree, parents before children.
func orgSpecs() []orgSpec {
	var out []orgSpec
	for _, g := range governments() {
		out = append(out, g)
		var defs []deptDef
		var place string // what a department's office address adds to the government's
		switch g.level {
		case org.LevelProvince:
			defs, place = provinceDepts, "省级机关办公区"
		case org.LevelCity:
			defs, place = cityDepts, "市行政中心"
		case org.LevelCounty:
			defs, place = countyDepts, "县行政服务中心"
		}
		areaShort := strings.TrimSuffix(strings.TrimSuffix(g.short, "政府"), "人民")
		for i, d := range defs {
			name := g.area + d.name
			short := areaShort + d.name
			if s, ok := deptShort[d.name]; ok {
				short = areaShort + s
			}
			ph := g.phone[:len(g.phone)-2] + fmt.Sprintf("%02d", 10+i*3)
			out = append(out, orgSpec{
				key: g.key + "-" + d.key, parent: g.key, name: name, short: short, kind: org.KindDepartment, level: g.level,
				dept: d.trade, prefix: "11", division: g.division, address: fmt.Sprintf("%s%s%d号楼", g.address, place, i+1),
				postcode: g.postcode, phone: ph, domain: d.key + "." + g.domain, area: g.area,
				docPrefix: docAreaPrefix(g) + d.docPrefix,
			})
			if g.key == "lj" && d.key == "slj" {
				out = append(out, orgSpec{
					key: "lj-gsgs", parent: "lj-slj", name: "临江市供水有限公司", short: "临江供水", kind: org.KindInstitution, level: org.LevelCity,
					prefix: "91", division: "680100", address: "江南省临江市滨江区清泉路16号", postcode: "356002", phone: "0596-2966001",
					domain: "linjiangwater.example", area: "临江市",
				})
			}
		}
	}
	return out
}

// docAreaPrefix is the start of a department's 发文机关代字, e.g. 临 for 临市监罚.
func docAreaPrefix(g orgSpec) string {
	switch g.key {
	case "jn":
		return "江南"
	case "lj":
		return "临"
	case "qs":
		return "青"
	case "ljdh":
		return "东湖"
	case "qsst":
		return "石桥"
	}
	return ""
}

// creditCode builds a valid 统一社会信用代码 for the n-th organisation: the prefix, the division,
// a 主体标识码 with its GB 11714 check digit (a MA… code for enterprises), and the check character.
func creditCode(s orgSpec, n int) (string, error) {
	var subject string
	if s.prefix == "91" {
		subject = fmt.Sprintf("MA2%05d", 10000+n*379)
		subject += "Q"
	} else {
		base := fmt.Sprintf("%08d", 1000000+((n+7)*104729)%8999999)
		subject = base + gb11714Check(base)
	}
	first17 := s.prefix + s.division + subject
	c, err := org.CreditCodeCheckChar(first17)
	if err != nil {
		return "", err
	}
	return first17 + string(c), nil
}

// gb11714Check is the check digit of an 8-digit 组织机构代码 (GB 11714-1997).
func gb11714Check(digits string) string {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(digits[i]-'0') * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return "X"
	case 11:
		return "0"
	default:
		return fmt.Sprint(c)
	}
}

// faxOf is the fax number next to a phone number.
func faxOf(phone string) string {
	last := phone[len(phone)-1]
	if last == '9' {
		return phone[:len(phone)-1] + "8"
	}
	return phone[:len(phone)-1] + string(last+1)
}

const officeHours = "工作日 上午9:00-12:00 下午13:30-17:00"

// contactOf is the disclosure office's contact data.
func contactOf(s orgSpec) org.Contact {
	office := "政府信息公开办公室"
	if s.kind == org.KindInstitution {
		office = "信息公开办公室"
	}
	return org.Contact{
		OfficeName:  office,
		Address:     s.address,
		Postcode:    s.postcode,
		Phone:       s.phone,
		Fax:         faxOf(s.phone),
		Email:       "xxgk@" + s.domain,
		OfficeHours: officeHours,
	}
}

// buildOrg makes the org.Org of a spec; parent is nil for the root.
func buildOrg(s orgSpec, n int, parent *orgSpec, parentID int64, position int) (org.Org, error) {
	code, err := creditCode(s, n)
	if err != nil {
		return org.Org{}, err
	}
	o := org.Org{
		ParentID:  parentID,
		Code:      code,
		Name:      s.name,
		ShortName: s.short,
		Kind:      s.kind,
		Level:     s.level,
		Host:      s.host,
		Contact:   contactOf(s),
		Position:  position,
	}
	o.GuideHTML = guideHTML(s, parent, o.Contact)
	o.RulesHTML = rulesHTML(s)
	return o, nil
}

// supervisorOf names the body to which complaints about s go (条例 Art. 51).
func supervisorOf(s orgSpec, parent *orgSpec) string {
	switch {
	case parent == nil || parent.key == "gwyb":
		return "国务院办公厅政府信息与政务公开办公室"
	case s.kind == org.KindDepartment:
		return parent.name + "办公室（政务公开工作主管部门）或者上一级主管部门"
	case s.kind == org.KindInstitution:
		return "主管部门" + parent.name
	default:
		return parent.name + "办公室（政务公开工作主管部门）"
	}
}

func esc(s string) string { return html.EscapeString(s) }

// guideHTML is the organisation's 政府信息公开指南 (条例 Art. 12).
func guideHTML(s orgSpec, parent *orgSpec, c org.Contact) string {
	var b strings.Builder
	name := esc(s.name)
	p := func(format string, args ...any) { fmt.Fprintf(&b, "<p>"+format+"</p>\n", args...) }
	h := func(t string) { fmt.Fprintf(&b, "<h3>%s</h3>\n", t) }
	if s.kind == org.KindInstitution {
		p("为便于公民、法人和其他组织获取%s在提供公共服务过程中制作、获取的信息，根据《中华人民共和国政府信息公开条例》第五十五条和主管部门的有关规定，编制本指南。本指南每年更新，最近一次更新后如有变化以网站公布为准。", name)
	} else {
		p("为了更好地提供政府信息公开服务，保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，编制《%s政府信息公开指南》。本指南每年更新，公民、法人和其他组织可在本机关政府信息公开专栏查阅或下载。", name)
	}
	if s.key == "gwyb" {
		p("（本页为演示数据，机构信息与联系方式均为虚构，请勿据此办理业务。）")
	}
	h("一、信息分类与编排体系")
	p("本机关主动公开的信息按“政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报”编排。法定主动公开内容下设机构职能、法规文件、政策解读、规划信息、统计信息、行政执法、财政预决算、市场准入负面清单、应急管理、人事信息和通知公告等栏目，没有相关信息的栏目予以说明。")
	p("每条信息标注索引号、主题分类、发布机构、成文日期、发布日期、文号和有效性等要素，主题分类参照国务院政府信息公开主题分类。政府信息公开目录按发布时间倒序排列，可按栏目、主题、年份和有效性检索。")
	h("二、获取方式")
	p("（一）主动公开。本机关通过政府信息公开专栏（平台地址 /o/%s/）、政府公报、新闻发布会和政务新媒体等途径主动公开政府信息；属于主动公开范围的信息，自形成或者变更之日起20个工作日内予以公开。公众还可以在当地档案馆、公共图书馆和政务服务中心设置的政府信息查阅点查阅。", esc(s.key))
	if s.kind == org.KindInstitution {
		p("（二）依申请获取。公众需要获取本单位未主动公开的信息的，可以通过网站、信函或当面方式向本单位信息公开办公室提出申请，本单位依照主管部门的规定予以答复。")
	} else {
		p("（二）依申请公开。公民、法人或者其他组织可以通过政府信息公开专栏的在线申请、信函或者当面提交书面申请的方式，向本机关申请获取主动公开以外的政府信息。申请应当包括申请人的姓名或者名称、身份证明、联系方式，所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径（《条例》第二十九条）。")
		p("本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。申请内容不明确的，本机关在收到申请之日起7个工作日内一次性告知申请人补正；征求第三方和其他机关意见所需时间不计算在答复期限内。")
	}
	h("三、政府信息公开工作机构")
	p("名称：%s%s", name, esc(c.OfficeName))
	p("办公地址：%s", esc(c.Address))
	p("邮政编码：%s", esc(c.Postcode))
	p("联系电话：%s　传真：%s", esc(c.Phone), esc(c.Fax))
	p("电子邮箱：%s", esc(c.Email))
	p("办公时间：%s（法定节假日除外）", esc(c.OfficeHours))
	h("四、收费")
	p("依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费，按件计收或者按量计收，同一申请不同时适用两种方式。收费前本机关将书面告知收费依据、标准、金额和缴纳方式。")
	h("五、监督和救济")
	p("公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向%s投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。", esc(supervisorOf(s, parent)))
	return b.String()
}

// rulesHTML is the organisation's page of 政府信息公开制度.
func rulesHTML(s orgSpec) string {
	var b strings.Builder
	name := esc(s.name)
	item := func(title, text string) {
		fmt.Fprintf(&b, "<h3>%s</h3>\n<p>%s</p>\n", title, text)
	}
	fmt.Fprintf(&b, "<p>为规范%s政府信息公开工作，依据《中华人民共和国政府信息公开条例》和上级机关的有关规定，本机关建立并执行以下工作制度。</p>\n", name)
	item("一、主动公开制度", "属于《条例》第十九条、第二十条规定范围的信息，由起草单位在拟制时明确公开属性，经审核后自形成或者变更之日起20个工作日内通过政府信息公开专栏公开；行政规范性文件在印发后及时公开，并同步发布政策解读。")
	item("二、公开前审查制度", "拟公开的信息实行“起草单位初审、政府信息公开工作机构复审、分管负责人审定”的三级审查，依照《中华人民共和国保守国家秘密法》和《条例》第十四条至第十六条审查是否涉及国家秘密、商业秘密和个人隐私；不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定。")
	item("三、保密审查制度", "坚持“先审查、后公开”和“谁公开、谁审查”的原则，审查记录随文件归档备查；对已公开信息定期复查，发现不宜公开的内容及时撤回并说明理由。")
	item("四、依申请公开办理制度", "依申请公开实行登记、审核、办理、答复、归档全流程管理，统一受理、按时答复；需要补正、延期或者征求第三方意见的，依法出具书面告知书。")
	item("五、动态调整和监督考核制度", "每年对不予公开的信息进行评估，条件变化后可以公开的及时公开；政府信息公开工作纳入年度绩效考核，对未按规定履行公开义务的依法依规追究责任。")
	item("六、年度报告制度", "每年1月31日前编制并公布上一年度政府信息公开工作年度报告，内容和格式执行国务院办公厅政府信息与政务公开办公室的统一要求。")
	return b.String()
}
