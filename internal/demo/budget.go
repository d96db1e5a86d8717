package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"gongkai/internal/disclosure"
	"gongkai/internal/org"
)

// projects names a department's main project spending, by trade.
var projects = map[string]string{
	"fgw":  "重大项目前期工作、价格监测和经济运行调度",
	"cz":   "财政信息化建设、预算绩效评价和政府采购监管",
	"tj":   "经济普查、人口变动抽样调查和常规统计调查",
	"scjg": "食品安全监督抽检、特种设备安全监管和市场执法办案",
	"rs":   "就业创业补助、职业技能培训和人事考试组织",
	"yj":   "应急物资储备、安全生产执法检查和应急救援队伍建设",
	"sl":   "水利工程运行维护、河湖管理和防汛抗旱",
}

// wan formats an amount kept in hundredths of 万元.
func wan(v int64) string { return fmt.Sprintf("%d.%02d", v/100, v%100) }

// pct is a/b as a percentage with one decimal.
func pct(a, b int64) string {
	if b == 0 {
		return "0.0"
	}
	return fmt.Sprintf("%.1f", float64(a)*100/float64(b))
}

// share is v·part/1000, for splitting amounts.
func share(v int64, permille int) int64 { return v * int64(permille) / 1000 }

// A budgetFigures is one department's invented budget numbers (hundredths of 万元).
type budgetFigures struct {
	total, fiscal, other, carry       int64
	mainExp, social, health, housing  int64
	basic, project                    int64
	lastYear                          int64
	abroad, cars, reception           int64
	procurement, units, vehicles      int64
	final, finalFiscal, finalCarryOut int64
	finalBasic, finalProject          int64
	finalSanGong, evaluated           int64
}

func figuresFor(s orgSpec) budgetFigures {
	h := fnv.New64a()
	h.Write([]byte(s.key))
	r := rand.New(rand.NewPCG(h.Sum64(), 2025))
	var f budgetFigures
	switch s.level {
	case org.LevelProvince:
		f.total = 1200000 + r.Int64N(1800000)
	case org.LevelCity:
		f.total = 300000 + r.Int64N(600000)
	default:
		f.total = 80000 + r.Int64N(170000)
	}
	f.fiscal = share(f.total, 860+r.IntN(100))
	f.other = share(f.total, 5+r.IntN(20))
	f.carry = f.total - f.fiscal - f.other
	f.social = share(f.total, 60+r.IntN(25))
	f.health = share(f.total, 25+r.IntN(10))
	f.housing = share(f.total, 40+r.IntN(15))
	f.mainExp = f.total - f.social - f.health - f.housing
	f.basic = share(f.total, 480+r.IntN(250))
	f.project = f.total - f.basic
	f.lastYear = share(f.total, 930+r.IntN(120))
	if s.level == org.LevelProvince {
		f.abroad = 500 + r.Int64N(1200)
	}
	f.cars = 800 + r.Int64N(2500)
	f.reception = 150 + r.Int64N(600)
	f.procurement = share(f.total, 30+r.IntN(90))
	f.units = int64(r.IntN(4))
	f.vehicles = int64(2 + r.IntN(8))
	f.final = share(f.total, 940+r.IntN(90))
	f.finalFiscal = share(f.final, 870+r.IntN(90))
	f.finalCarryOut = share(f.final, 10+r.IntN(30))
	f.finalBasic = share(f.final-f.finalCarryOut, 540+r.IntN(40))
	f.finalProject = f.final - f.finalCarryOut - f.finalBasic
	f.finalSanGong = share(f.abroad+f.cars+f.reception, 780+r.IntN(200))
	f.evaluated = int64(3 + r.IntN(12))
	return f
}

// budgetDocs are each department's 2025 budget and 2024 final account.
func budgetDocs(specs []orgSpec) []doc {
	var out []doc
	n := map[org.Level]int{}
	for _, s := range specs {
		if s.kind != org.KindDepartment {
			continue
		}
		i := n[s.level]
		n[s.level]++
		// Budgets are published within 20 days of their approval, final accounts in late summer.
		var budgetStart, finalStart string
		switch s.level {
		case org.LevelProvince:
			budgetStart, finalStart = "2025-02-10", "2025-08-12"
		case org.LevelCity:
			budgetStart, finalStart = "2025-02-17", "2025-08-19"
		default:
			budgetStart, finalStart = "2025-03-03", "2025-09-01"
		}
		budgetDay := date(budgetStart).AddDays(i).String()
		finalDay := date(finalStart).AddDays(i).String()
		f := figuresFor(s)
		b := doc{org: s.key, pub: budgetDay + fmt.Sprintf(" %02d:%02d", 9+i%7, (i*13)%60), f: disclosure.Fields{
			Title: s.name + "2025年部门预算", Genre: disclosure.GenreBudget, Topic: `财政、金融、审计\财政`,
			Summary:  fmt.Sprintf("%s2025年收支预算总计%s万元，其中一般公共预算财政拨款%s万元；附收支总表、“三公”经费预算和政府采购预算说明。", s.name, wan(f.total), wan(f.fiscal)),
			BodyHTML: budgetBody(s, f),
		}}
		if s.level == org.LevelProvince {
			b.attach = s.name + "2025年部门预算公开表.pdf"
		}
		fa := doc{org: s.key, pub: finalDay + fmt.Sprintf(" %02d:%02d", 9+i%7, (i*17)%60), f: disclosure.Fields{
			Title: s.name + "2024年度部门决算", Genre: disclosure.GenreBudget, Topic: `财政、金融、审计\财政`,
			Summary:  fmt.Sprintf("%s2024年度支出决算%s万元，完成年初预算的%s%%；附收入支出决算表、“三公”经费支出和绩效评价情况。", s.name, wan(f.final-f.finalCarryOut), pct(f.final-f.finalCarryOut, f.lastYear)),
			BodyHTML: finalBody(s, f),
		}}
		out = append(out, b, fa)
	}
	return out
}

func mainFunctionRows(s orgSpec, f budgetFigures) [][2]string {
	t := deptTrades[s.dept]
	if t.function == "社会保障和就业支出" {
		return [][2]string{{"社会保障和就业支出", wan(f.mainExp + f.social)}, {"卫生健康支出", wan(f.health)}, {"住房保障支出", wan(f.housing)}}
	}
	return [][2]string{{t.function, wan(f.mainExp)}, {"社会保障和就业支出", wan(f.social)}, {"卫生健康支出", wan(f.health)}, {"住房保障支出", wan(f.housing)}}
}

func budgetBody(s orgSpec, f budgetFigures) string {
	t := deptTrades[s.dept]
	units := "纳入本部门2025年部门预算编制范围的仅为本级机关，无下属预算单位。"
	if f.units > 0 {
		units = fmt.Sprintf("纳入本部门2025年部门预算编制范围的单位包括本级机关和所属%d家事业单位。", f.units)
	}
	change, reason := "增加", "新增"+projects[s.dept]+"等项目经费"
	diff := f.total - f.lastYear
	if diff < 0 {
		change, reason, diff = "减少", "落实党政机关过紧日子要求，压减一般性支出和非刚性、非重点项目支出", -diff
	}
	inc := []string{"一般公共预算财政拨款收入", "其他收入", "上年结转结余"}
	incV := []int64{f.fiscal, f.other, f.carry}
	exp := mainFunctionRows(s, f)
	rows := [][]string{{"收入项目", "预算数", "支出项目（按功能分类）", "预算数"}}
	for i := 0; i < max(len(inc), len(exp)); i++ {
		r := []string{"", "", "", ""}
		if i < len(inc) {
			r[0], r[1] = inc[i], wan(incV[i])
		}
		if i < len(exp) {
			r[2], r[3] = exp[i][0], exp[i][1]
		}
		rows = append(rows, r)
	}
	rows = append(rows, []string{"收入总计", wan(f.total), "支出总计", wan(f.total)})
	sanGong := f.abroad + f.cars + f.reception
	abroad := "因公出国（境）费0万元（未安排出国（境）计划）"
	if f.abroad > 0 {
		abroad = "因公出国（境）费" + wan(f.abroad) + "万元"
	}
	return body(
		h("第一部分 部门概况"),
		"一、主要职责。"+s.name+"的主要职责是："+t.duties+"。",
		"二、部门预算单位构成。"+units,
		h("第二部分 2025年部门预算情况说明"),
		fmt.Sprintf("一、收支预算总体情况。按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理。2025年收入预算总计%s万元，支出预算总计%s万元，与2024年相比%s%s万元，主要原因是%s。", wan(f.total), wan(f.total), change, wan(diff), reason),
		table("2025年部门收支预算总表（单位：万元）", rows),
		fmt.Sprintf("二、一般公共预算财政拨款支出情况。2025年一般公共预算财政拨款支出%s万元，其中基本支出%s万元，主要用于在职人员工资福利和机关日常运转；项目支出%s万元，主要用于%s。", wan(f.fiscal), wan(min(f.basic, f.fiscal)), wan(max(f.fiscal-f.basic, 0)), projects[s.dept]),
		fmt.Sprintf("三、“三公”经费预算情况。2025年“三公”经费预算%s万元，其中%s，公务用车购置及运行费%s万元，公务接待费%s万元，总额较上年只减不增。", wan(sanGong), abroad, wan(f.cars), wan(f.reception)),
		fmt.Sprintf("四、政府采购预算情况。2025年政府采购预算%s万元，其中货物类%s万元、服务类%s万元，面向中小企业预留的份额不低于规定比例。", wan(f.procurement), wan(share(f.procurement, 400)), wan(f.procurement-share(f.procurement, 400))),
		fmt.Sprintf("五、国有资产占有使用情况。截至2024年末，本部门共有车辆%d辆，均为一般公务用车或执法执勤用车；2025年未安排购置车辆。", f.vehicles),
		"六、名词解释。一般公共预算财政拨款收入：指本级财政当年拨付的资金。基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
	)
}

func finalBody(s orgSpec, f budgetFigures) string {
	t := deptTrades[s.dept]
	spent := f.final - f.finalCarryOut
	sanGongBudget := f.abroad + f.cars + f.reception
	rows := [][]string{
		{"项目", "年初预算数", "决算数", "完成年初预算（%）"},
		{"收入总计", wan(f.lastYear), wan(f.final), pct(f.final, f.lastYear)},
		{"其中：一般公共预算财政拨款收入", wan(share(f.lastYear, 900)), wan(f.finalFiscal), pct(f.finalFiscal, share(f.lastYear, 900))},
		{"支出总计", wan(f.lastYear), wan(spent), pct(spent, f.lastYear)},
		{"其中：基本支出", wan(share(f.lastYear, 560)), wan(f.finalBasic), pct(f.finalBasic, share(f.lastYear, 560))},
		{"项目支出", wan(f.lastYear - share(f.lastYear, 560)), wan(f.finalProject), pct(f.finalProject, f.lastYear-share(f.lastYear, 560))},
		{"年末结转和结余", "—", wan(f.finalCarryOut), "—"},
	}
	return body(
		h("第一部分 部门概况"),
		"一、主要职责。"+s.name+"的主要职责是："+t.duties+"。",
		h("第二部分 2024年度部门决算情况说明"),
		fmt.Sprintf("一、收入支出决算总体情况。2024年度收入总计%s万元，支出总计%s万元，年末结转和结余%s万元。支出决算完成年初预算的%s%%，与年初预算的差异主要是年中追加%s资金以及部分项目按进度结转下年使用。", wan(f.final), wan(spent), wan(f.finalCarryOut), pct(spent, f.lastYear), projects[s.dept]),
		table("2024年度收入支出决算总表（单位：万元）", rows),
		fmt.Sprintf("二、一般公共预算财政拨款支出决算情况。2024年度一般公共预算财政拨款支出%s万元，占本年支出合计的%s%%，主要用于%s和机关正常运转。", wan(min(f.finalFiscal, spent)), pct(min(f.finalFiscal, spent), spent), projects[s.dept]),
		fmt.Sprintf("三、“三公”经费支出决算情况。2024年度“三公”经费支出%s万元，完成预算的%s%%，支出决算数小于预算数的主要原因是严格控制公务接待和公务用车运行支出。", wan(f.finalSanGong), pct(f.finalSanGong, sanGongBudget)),
		fmt.Sprintf("四、预算绩效管理情况。本部门组织对%d个项目开展绩效自评，覆盖全部项目支出；选取%s相关项目开展重点评价，评价结果为“优”，评价报告已随本决算一并公开。", f.evaluated, projects[s.dept]),
		"五、名词解释。年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。其余名词的含义与部门预算公开说明一致。",
	)
}
