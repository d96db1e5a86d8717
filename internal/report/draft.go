package report

import (
	"fmt"
	"html"
	"strings"
)

// DraftOverview is a starting draft of section 一、总体情况 drawn from the
// computed tables (HTML paragraphs), for staff to rewrite. LEGAL.md §3
// asks section 一 to cover 主动公开、依申请公开、政府信息管理、平台建设、监督保障;
// the draft fills in the facts the platform knows and leaves the rest as
// bracketed prompts.
func DraftOverview(r Report) string {
	var b strings.Builder
	p := func(format string, args ...any) {
		b.WriteString("<p>" + html.EscapeString(fmt.Sprintf(format, args...)) + "</p>\n")
	}
	p("%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况报告如下。", r.Year, r.Org)

	var parts []string
	rulesMade, normMade := r.Table2.Get(RowRules, 1), r.Table2.Get(RowNormative, 1)
	label := "行政规范性文件"
	if r.Format == Format2019 {
		rulesMade, normMade = r.Table2.Get(RowRules, 2), r.Table2.Get(RowNormative, 2)
		label = "规范性文件"
	}
	if rulesMade > 0 {
		parts = append(parts, fmt.Sprintf("规章%d件", rulesMade))
	}
	parts = append(parts, fmt.Sprintf("%s%d件", label, normMade))
	s := "（一）主动公开。本年度制发" + strings.Join(parts, "、")
	if r.Format == Format2021 {
		s += fmt.Sprintf("，废止规章和行政规范性文件%d件，年末现行有效规章%d件、行政规范性文件%d件",
			r.Table2.Get(RowRules, 2)+r.Table2.Get(RowNormative, 2), r.Table2.Get(RowRules, 3), r.Table2.Get(RowNormative, 3))
	}
	p("%s。【请补充重点领域信息公开、政策解读等情况。】", s)

	received, carried, decided, next := r.Cell("一", Cols3), r.Cell("二", Cols3), r.Cell("三(七)", Cols3), r.Cell("四", Cols3)
	s = fmt.Sprintf("（二）依申请公开。本年度新收政府信息公开申请%d件，上年结转%d件，办结%d件", received, carried, decided)
	if decided > 0 {
		var results []string
		for _, x := range []struct{ row, label string }{{"三(一)", "予以公开"}, {"三(二)", "部分公开"}} {
			if n := r.Cell(x.row, Cols3); n > 0 {
				results = append(results, fmt.Sprintf("%s%d件", x.label, n))
			}
		}
		for _, g := range subGroups {
			n := 0
			for i, row := range r.Format.Rows3() {
				if row.ID == g.id || row.Sub == g.label {
					n += r.Table3.Cells[i][TotalCol]
				}
			}
			if n > 0 {
				results = append(results, fmt.Sprintf("%s%d件", strings.TrimLeft(g.label, "（一二三四五六七）"), n))
			}
		}
		s += "，其中" + strings.Join(results, "、")
	}
	s += fmt.Sprintf("；结转下年度继续办理%d件", next)
	p("%s。", s)

	reviews, suits := r.Table4.Cells[4], r.Table4.Cells[9]+r.Table4.Cells[14]
	corrected := r.Table4.Cells[1] + r.Table4.Cells[6] + r.Table4.Cells[11]
	if reviews+suits == 0 {
		p("（三）监督保障。本年度未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。【请补充工作考核、社会评议和责任追究情况。】")
	} else {
		p("（三）监督保障。本年度因政府信息公开工作被申请行政复议%d件、提起行政诉讼%d件，其中结果被纠正%d件。【请补充工作考核、社会评议和责任追究情况。】", reviews, suits, corrected)
	}
	p("（四）政府信息管理和平台建设。【请补充政府信息管理、政府信息公开平台建设情况。】")
	return b.String()
}

// DraftProblems is a starting draft of section 五、存在的主要问题及改进情况:
// the facts of the year that point to problems (cases corrected on review
// or in court, applications carried over, overdue ledger tasks), followed
// by prompts.
func DraftProblems(r Report) string {
	var facts []string
	if n := r.Table4.Cells[1] + r.Table4.Cells[6] + r.Table4.Cells[11]; n > 0 {
		facts = append(facts, fmt.Sprintf("本年度有%d件政府信息公开答复在行政复议或行政诉讼中被纠正", n))
	}
	if n := r.Cell("四", Cols3); n > 0 {
		facts = append(facts, fmt.Sprintf("有%d件申请结转下年度继续办理", n))
	}
	if n := r.Other.Ledger.Overdue; n > 0 {
		facts = append(facts, fmt.Sprintf("工作台账中有%d项任务逾期未完成", n))
	}
	var b strings.Builder
	b.WriteString("<p>（一）存在的主要问题。")
	if len(facts) > 0 {
		b.WriteString(html.EscapeString(strings.Join(facts, "；") + "。"))
	}
	b.WriteString("【请补充。】</p>\n<p>（二）改进情况。【请说明上年度问题的整改情况和下一步改进措施。】</p>\n")
	return b.String()
}
