package demo

import (
	"fmt"
	"strings"

	"gongkai/internal/disclosure"
	"gongkai/internal/org"
)

// planFacts are the figures and priorities of one area's five-year plan.
type planFacts struct {
	area       string   // 江南省, 临江市, 青石镇
	party      string   // the party committee whose proposal the plan follows
	base       string   // what the previous period achieved
	growth     string   // target growth of GDP, e.g. "5.5%左右"
	targets    string   // further main targets
	industries []string // priorities
	projects   string   // key projects
}

// fiveYearPlan is the text of a 国民经济和社会发展五年规划纲要 (abridged).
func fiveYearPlan(period string, f planFacts) string {
	var ordinal, span, endYear, vision string
	switch period {
	case "2021-2025":
		ordinal, span, endYear = "第十四个", "“十四五”", "2025"
		vision = "“十四五”时期是我国全面建成小康社会、实现第一个百年奋斗目标之后，乘势而上开启全面建设社会主义现代化国家新征程的第一个五年。"
	default:
		ordinal, span, endYear = "第十五个", "“十五五”", "2030"
		vision = "“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期，在推进中国式现代化进程中具有承前启后的重要地位。"
	}
	tasks := make([]string, 0, len(f.industries))
	for i, t := range f.industries {
		tasks = append(tasks, fmt.Sprintf("%s%s", chineseOrdinal(i+1), t))
	}
	return body(
		vision+"本纲要根据"+f.party+"关于制定"+f.area+"国民经济和社会发展"+ordinal+"五年规划的建议编制，主要阐明"+span+"时期"+f.area+"发展的指导思想、主要目标、重点任务和重大举措，是政府履行职责的重要依据，是全体人民共同的行动纲领。",
		h("第一章 发展基础"),
		f.base,
		h("第二章 总体要求和主要目标"),
		"坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，坚持以人民为中心的发展思想，统筹发展和安全。到"+endYear+"年，地区生产总值年均增长"+f.growth+"，"+f.targets,
		h("第三章 重点任务"),
		strings.Join(tasks, "；")+"。",
		"谋划实施一批打基础、利长远、增后劲的重大项目，"+f.projects,
		h("第四章 保障措施"),
		"健全规划实施机制，将规划确定的约束性指标和重大工程、重大项目、重大政策纳入年度计划和部门工作计划，分解落实到责任单位；开展规划实施中期评估和总结评估，评估结果向社会公开，主动接受人大监督和社会监督。",
	)
}

func chineseOrdinal(n int) string {
	names := []string{"", "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"}
	if n < len(names) {
		return names[n]
	}
	return fmt.Sprintf("（%d）", n)
}

// plan is a five-year plan document of a government.
func plan(orgKey, title, number, period, pub string, f planFacts) doc {
	return doc{org: orgKey, pub: pub, attach: title + ".pdf", f: disclosure.Fields{
		Title: title, DocNumber: number, Genre: disclosure.GenrePlan, PlanKind: disclosure.PlanFiveYear, PlanPeriod: period,
		Topic:    `国民经济管理、国有资产监管\发展规划`,
		Summary:  f.area + period[:4] + "—" + period[5:] + "年国民经济和社会发展的主要目标、重点任务和保障措施。",
		BodyHTML: fiveYearPlan(period, f),
	}}
}

// statFacts are the headline figures of a statistical bulletin.
type statFacts struct {
	year                     int
	area                     string
	gdp                      string // 亿元
	growth                   string // %
	primary, second, third   string // value added, 亿元
	pop, urban               string // 万人, %
	grain                    string // 万吨
	industry                 string // growth of industrial value added, %
	invest                   string // growth of fixed-asset investment, %
	retail, retailGrowth     string
	urbanIncome, ruralIncome string // 元
	urbanGrowth, ruralGrowth string
	cpi                      string
	extra                    string // one more paragraph on the area's own topics
}

// bulletin is a 国民经济和社会发展统计公报.
func bulletin(orgKey, pub string, f statFacts) doc {
	title := fmt.Sprintf("%d年%s国民经济和社会发展统计公报", f.year, f.area)
	return doc{org: orgKey, pub: pub, f: disclosure.Fields{
		Title: title, Genre: disclosure.GenreStatistics, Topic: `国民经济管理、国有资产监管\统计`,
		Summary: fmt.Sprintf("%d年%s地区生产总值%s亿元，比上年增长%s%%。", f.year, f.area, f.gdp, f.growth),
		BodyHTML: body(
			fmt.Sprintf("%d年，面对复杂严峻的外部环境，全%s上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进，高质量发展取得新成效。", f.year, areaUnit(f.area)),
			h("一、综合"),
			fmt.Sprintf("初步核算，全年地区生产总值%s亿元，按不变价格计算，比上年增长%s%%。其中，第一产业增加值%s亿元，第二产业增加值%s亿元，第三产业增加值%s亿元。年末常住人口%s万人，常住人口城镇化率%s%%。全年居民消费价格比上年上涨%s%%。", f.gdp, f.growth, f.primary, f.second, f.third, f.pop, f.urban, f.cpi),
			table("主要指标", [][]string{{"指标", "数值", "增长（%）"}, {"地区生产总值（亿元）", f.gdp, f.growth}, {"规模以上工业增加值", "—", f.industry}, {"固定资产投资", "—", f.invest}, {"社会消费品零售总额（亿元）", f.retail, f.retailGrowth}}),
			h("二、农业和工业"),
			fmt.Sprintf("全年粮食总产量%s万吨，农业生产保持稳定。全年规模以上工业增加值比上年增长%s%%，高技术制造业和装备制造业增加值增速快于全部规模以上工业。", f.grain, f.industry),
			h("三、投资和消费"),
			fmt.Sprintf("全年固定资产投资比上年增长%s%%，其中基础设施投资和工业投资保持较快增长。社会消费品零售总额%s亿元，增长%s%%。", f.invest, f.retail, f.retailGrowth),
			h("四、居民收入"),
			fmt.Sprintf("全年城镇常住居民人均可支配收入%s元，增长%s%%；农村常住居民人均可支配收入%s元，增长%s%%，城乡居民收入差距继续缩小。", f.urbanIncome, f.urbanGrowth, f.ruralIncome, f.ruralGrowth),
			f.extra,
			"注：本公报中部分数据为初步统计数，最终核实数以统计年鉴为准；地区生产总值、各产业增加值绝对数按现价计算，增长速度按不变价格计算。",
		),
	}}
}

func areaUnit(area string) string {
	for _, u := range []string{"省", "市", "县", "镇"} {
		if strings.HasSuffix(area, u) {
			return u
		}
	}
	return "区"
}

// penalty describes an 行政处罚决定书.
type penalty struct {
	number    string // 文号
	party     string
	code      string // 17 characters of the party's credit code; the check character is added
	address   string
	rep       string
	facts     string
	evidence  string
	violation string // what rule was broken, with the law
	basis     string // the penalty clause and the circumstances considered
	decision  string
	reviewer  string // where to apply for administrative review
	court     string
}

// enforcement is an 行政处罚决定书 published as an enforcement decision.
func enforcement(orgKey, orgName, pub string, pe penalty) doc {
	code := pe.code
	if c, err := org.CreditCodeCheckChar(code); err == nil {
		code += string(c)
	}
	return doc{org: orgKey, pub: pub, f: disclosure.Fields{
		Title:     orgName + "行政处罚决定书（" + pe.number + "）",
		DocNumber: pe.number, Genre: disclosure.GenreEnforcement, Topic: `市场监管、安全生产监管\市场监管`,
		Summary: "当事人：" + pe.party + "。" + pe.decision,
		BodyHTML: body(
			"当事人："+pe.party,
			"统一社会信用代码："+code,
			"住所："+pe.address+"　法定代表人："+pe.rep,
			pe.facts,
			"上述事实，有"+pe.evidence+"等证据证实，当事人对违法事实无异议。",
			"本局认为，"+pe.violation+"。"+pe.basis,
			"本局决定："+pe.decision+"罚没款应当自收到本决定书之日起十五日内通过政务服务平台或者代收银行缴纳，逾期不缴纳的，每日按罚款数额的百分之三加处罚款。",
			"当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向"+pe.reviewer+"申请行政复议，也可以在六个月内依法向"+pe.court+"提起行政诉讼。",
		),
	}, sign: true}
}

// emergencyFacts describe an 应急预案.
type emergencyFacts struct {
	area    string // 江南省
	kind    string // 突发事件, 生产安全事故, 洪涝干旱灾害
	laws    string // the laws it follows, besides the 突发事件应对法
	scope   string
	command string // the command structure
	levels  string // what each response level means here
}

// emergencyPlan is an 应急预案 (abridged).
func emergencyPlan(orgKey, title, number, pub string, f emergencyFacts) doc {
	return doc{org: orgKey, pub: pub, sign: true, f: disclosure.Fields{
		Title: title, DocNumber: number, Genre: disclosure.GenreEmergency, Topic: `市场监管、安全生产监管\应急管理`,
		Summary: "规定" + f.area + f.kind + "应对的组织指挥体系、监测预警、应急响应和保障措施。",
		BodyHTML: body(
			h("1 总则"),
			"1.1 编制目的。健全"+f.area+f.kind+"应对工作机制，科学有序高效应对"+f.kind+"，最大程度减少人员伤亡和财产损失，维护人民群众生命财产安全和社会稳定。",
			"1.2 编制依据。《中华人民共和国突发事件应对法》"+f.laws+"和《突发事件应急预案管理办法》等法律法规和有关规定。",
			"1.3 适用范围。"+f.scope,
			"1.4 工作原则。坚持人民至上、生命至上，统一领导、分级负责，属地为主、协调联动，预防为主、平战结合。",
			h("2 组织指挥体系"),
			f.command,
			h("3 监测预警和应急响应"),
			"各有关部门加强风险监测和隐患排查，及时发布预警信息。根据事件的严重程度、可控性和影响范围，应急响应由高到低分为一级、二级、三级、四级。"+f.levels,
			h("4 保障措施和附则"),
			"各有关部门按照职责分工做好应急队伍、物资、资金、通信和交通运输保障。本预案由"+f.area+"应急管理部门会同有关部门负责解释，原则上每三年评估修订一次，自印发之日起施行。",
		),
	}}
}

// interpretation is a 政策解读 of another document.
func interpretation(orgKey, pub, policyKey, title, background string, points []string, contact string) doc {
	parts := []string{
		h("一、出台背景"),
		background,
		h("二、主要内容"),
	}
	for i, pt := range points {
		parts = append(parts, fmt.Sprintf("%s%s", chineseOrdinal(i+1), pt))
	}
	parts = append(parts, h("三、咨询方式"), contact)
	return doc{org: orgKey, pub: pub, rels: []relation{{disclosure.RelInterprets, policyKey}}, f: disclosure.Fields{
		Title: title, Genre: disclosure.GenreInterpretation, Topic: `综合政务\政策解读`,
		BodyHTML: body(parts...),
	}}
}

// annualReport is a 政府信息公开工作年度报告 in the national format (abridged).
type reportFacts struct {
	year                                int
	newRules, newNormative, inForce     int
	licences, penalties, fees           int
	received, granted, partial, refused int
	notExist, notOurs, carried, reviews int
	lawsuits, corrected                 int
	problems                            string
}

func annualReport(orgKey, orgName, pub string, f reportFacts) doc {
	total := f.granted + f.partial + f.refused + f.notExist + f.notOurs
	return doc{org: orgKey, pub: pub, f: disclosure.Fields{
		Title: fmt.Sprintf("%s%d年政府信息公开工作年度报告", orgName, f.year), Genre: disclosure.GenreAnnualReport, Topic: `综合政务\政务公开`,
		Summary: fmt.Sprintf("%d年%s新收政府信息公开申请%d件，办结%d件；因政府信息公开被申请行政复议%d件、提起行政诉讼%d件。", f.year, orgName, f.received, total, f.reviews, f.lawsuits),
		BodyHTML: body(
			fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条和国务院办公厅政府信息与政务公开办公室规定的格式编制，所列数据的统计期限为%d年1月1日至12月31日。", f.year),
			h("一、总体情况"),
			fmt.Sprintf("%d年，%s坚持以公开为常态、不公开为例外，围绕稳经济、惠民生、防风险等重点领域深化决策、执行、管理、服务和结果公开，政府信息公开专栏实现栏目规范统一，规范性文件全部统一登记、统一发布，政策解读与文件同步起草、同步审签、同步发布。", f.year, orgName),
			h("二、主动公开政府信息情况"),
			table("第二十条第（一）项", [][]string{{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}, {"规章", fmt.Sprint(f.newRules), "0", fmt.Sprint(f.newRules * 4)}, {"行政规范性文件", fmt.Sprint(f.newNormative), fmt.Sprint(f.newNormative / 3), fmt.Sprint(f.inForce)}}),
			table("第二十条第（五）、（六）、（八）项", [][]string{{"信息内容", "本年处理决定数量"}, {"行政许可", fmt.Sprint(f.licences)}, {"行政处罚", fmt.Sprint(f.penalties)}, {"行政事业性收费（万元）", fmt.Sprint(f.fees)}}),
			h("三、收到和处理政府信息公开申请情况"),
			table("", [][]string{{"项目", "件数"}, {"本年新收政府信息公开申请数量", fmt.Sprint(f.received)}, {"上年结转政府信息公开申请数量", fmt.Sprint(f.carried)}, {"予以公开", fmt.Sprint(f.granted)}, {"部分公开", fmt.Sprint(f.partial)}, {"不予公开", fmt.Sprint(f.refused)}, {"无法提供（本机关不掌握相关政府信息）", fmt.Sprint(f.notExist)}, {"不予处理（信访举报投诉类申请等）", fmt.Sprint(f.notOurs)}, {"总计", fmt.Sprint(total)}, {"结转下年度继续办理", fmt.Sprint(f.received + f.carried - total)}}),
			h("四、政府信息公开行政复议、行政诉讼情况"),
			fmt.Sprintf("本年度因政府信息公开工作被申请行政复议%d件，其中结果维持%d件、纠正%d件；被提起行政诉讼%d件，均已审结，无败诉案件。", f.reviews, f.reviews-f.corrected, f.corrected, f.lawsuits),
			h("五、存在的主要问题及改进情况"),
			f.problems,
			h("六、其他需要报告的事项"),
			"本年度未收取信息处理费。本机关将继续落实政务公开工作要点，做好人大代表建议和政协委员提案办理结果公开，并按要求公开年度工作考核、社会评议和责任追究结果。",
		),
	}}
}
