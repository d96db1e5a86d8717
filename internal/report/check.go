package report

import (
	"fmt"

	"gongkai/internal/apperr"
)

// Severity says whether a problem blocks publication.
type Severity string

const (
	Error   Severity = "error"   // blocks publication
	Warning Severity = "warning" // shown to staff; publication may go ahead
)

// The rules Check applies (Problem.Rule).
const (
	RuleFormat      = "format"       // the format does not fit the year, or cells outside the format are filled
	RuleBalance     = "balance"      // 表三: 一 + 二 = 三(七) + 四, per column (LEGAL.md §3.3, CONFIRMED)
	RuleResultTotal = "result_total" // 表三: 三(七) = sum of 三(一)…(六), per column (INFERENCE)
	RuleRowTotal    = "row_total"    // 表三: 总计 = sum of the six applicant columns, per row (INFERENCE)
	RuleAppealTotal = "appeal_total" // 表四: 总计 = 维持 + 纠正 + 其他 + 尚未审结, per group (INFERENCE)
	RuleNegative    = "negative"     // no cell is negative (except 2019's 本年增/减)
	RuleCarryOver   = "carry_over"   // 表三: 二 = last year's 四 (warning)
	RuleInForce     = "in_force"     // 表二: 现行有效 = last year's + 制发 − 废止 (warning)
	RuleLastYear    = "last_year"    // the report given as last year's is not
	RuleUnplaced    = "unplaced"     // an input record could not be counted (Report.Anomalies)
)

// Problem is a failed check, naming the cell in Chinese.
type Problem struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Cell     Ref      `json:"cell"` // the cell to correct; zero for a problem of the whole report
	Message  string   `json:"message"`
}

// Blocks reports whether the problem blocks publication.
func (p Problem) Blocks() bool { return p.Severity == Error }

// Publishable returns nil if no problem blocks publication, else an
// apperr.Conflict error whose message names the first blocking cell.
func Publishable(ps []Problem) error {
	var first *Problem
	n := 0
	for i := range ps {
		if ps[i].Blocks() {
			if first == nil {
				first = &ps[i]
			}
			n++
		}
	}
	if first == nil {
		return nil
	}
	if n == 1 {
		return apperr.Newf(apperr.Conflict, "年度报告未通过发布前检查：%s", first.Message)
	}
	return apperr.Newf(apperr.Conflict, "年度报告未通过发布前检查（共%d处错误），首处：%s", n, first.Message)
}

// CellName is a cell's name in messages, e.g. "表三 第四项 商业企业列",
// "表二 规章 本年废止件数", "表四 行政复议总计".
func CellName(f Format, ref Ref) string {
	switch ref.Table {
	case "三":
		i := f.RowIndex(ref.Row)
		if i < 0 || ref.Col < 1 || ref.Col > Cols3 {
			return "表三 " + ref.Row
		}
		return "表三 " + f.Rows3()[i].Name() + " " + columns3[ref.Col-1].Label + "列"
	case "四":
		if ref.Col < 1 || ref.Col > Cols4 {
			return "表四"
		}
		return "表四 " + columns4[ref.Col-1].Name()
	case "二":
		g, row, ok := f.row2(ref.Row)
		if !ok || ref.Col < 1 || ref.Col > len(g.Columns) {
			return "表二 " + ref.Row
		}
		return "表二 " + g.Item + " " + row.Label + " " + g.Columns[ref.Col-1].Label
	}
	return ""
}

type checker struct {
	f  Format
	ps []Problem
}

func (c *checker) add(sev Severity, rule string, ref Ref, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !ref.IsZero() {
		msg = CellName(c.f, ref) + "：" + msg
	}
	c.ps = append(c.ps, Problem{Severity: sev, Rule: rule, Cell: ref, Message: msg})
}

// Check applies the consistency rules of LEGAL.md §3.3 and §3.4 to a report
// (and, when lastYear is given, the cross-year rules). Errors block
// publication (Publishable); warnings do not. The order of the problems is
// stable: format, negative cells, table 三, table 四, cross-year, records.
func Check(r Report, lastYear *Report) []Problem {
	c := &checker{f: r.Format}
	if !r.Format.Valid() {
		c.add(Error, RuleFormat, Ref{}, "未知的报告格式“%s”", r.Format)
		return c.ps
	}
	if want := FormatFor(r.Year); r.Format != want {
		c.add(Error, RuleFormat, Ref{}, "%d年度报告应使用%s，而不是%s", r.Year, want.Label(), r.Format.Label())
	}
	if r.Year < 2019 {
		c.add(Error, RuleFormat, Ref{}, "%d年早于2019年修订的条例施行，本系统的两种年度报告格式均不适用", r.Year)
	}
	rows := r.Format.Rows3()
	t := &r.Table3.Cells
	for i := len(rows); i < Rows3; i++ {
		for j := range Cols3 {
			if t[i][j] != 0 {
				c.add(Error, RuleFormat, Ref{}, "%s的表三只有%d行，第%d行不应有数据", r.Format.Label(), len(rows), i+1)
				break
			}
		}
	}

	// Non-negative cells.
	for _, g := range r.Format.Groups2() {
		for _, row := range g.Rows {
			for j, col := range g.Columns {
				if v := r.Table2.Get(row.ID, j+1); v < 0 && !col.Signed {
					s := fmt.Sprint(v)
					if col.Unit != "" {
						s = FormatWan(v)
					}
					c.add(Error, RuleNegative, Ref{"二", row.ID, j + 1}, "不能为负数（%s）", s)
				}
			}
		}
	}
	for i, row := range rows {
		for j := range Cols3 {
			if t[i][j] < 0 {
				c.add(Error, RuleNegative, Ref{"三", row.ID, j + 1}, "不能为负数（%d）", t[i][j])
			}
		}
	}
	for j, v := range r.Table4.Cells {
		if v < 0 {
			c.add(Error, RuleNegative, Ref{"四", "四", j + 1}, "不能为负数（%d）", v)
		}
	}

	// Table 三.
	iNew, iCarried, iTotal, iNext := r.Format.RowIndex("一"), r.Format.RowIndex("二"), r.Format.RowIndex("三(七)"), r.Format.RowIndex("四")
	for j := range Cols3 {
		in, out := t[iNew][j]+t[iCarried][j], t[iTotal][j]+t[iNext][j]
		if in != out {
			c.add(Error, RuleBalance, Ref{"三", "四", j + 1},
				"第一项（%d）加第二项（%d）之和为%d，第三项（七）总计（%d）加第四项（%d）之和为%d，两者应相等",
				t[iNew][j], t[iCarried][j], in, t[iTotal][j], t[iNext][j], out)
		}
	}
	for j := range Cols3 {
		sum := 0
		for i, row := range rows {
			if row.Detail {
				sum += t[i][j]
			}
		}
		if sum != t[iTotal][j] {
			c.add(Error, RuleResultTotal, Ref{"三", "三(七)", j + 1},
				"应等于第三项（一）至（六）各项之和%d，现为%d", sum, t[iTotal][j])
		}
	}
	for i, row := range rows {
		sum := 0
		for j := range Cols3 - 1 {
			sum += t[i][j]
		}
		if sum != t[i][TotalCol] {
			c.add(Error, RuleRowTotal, Ref{"三", row.ID, Cols3},
				"应等于自然人至其他六列之和%d，现为%d", sum, t[i][TotalCol])
		}
	}

	// Table 四.
	for g := range 3 {
		cells := r.Table4.Cells[g*5 : g*5+5]
		sum := cells[0] + cells[1] + cells[2] + cells[3]
		if sum != cells[4] {
			c.add(Error, RuleAppealTotal, Ref{"四", "四", g*5 + 5},
				"应等于结果维持、结果纠正、其他结果、尚未审结之和%d，现为%d", sum, cells[4])
		}
	}

	// Cross-year.
	if lastYear != nil {
		c.lastYear(r, *lastYear)
	}

	for _, a := range r.Anomalies {
		c.add(a.Severity, RuleUnplaced, Ref{}, "%s", a.Message)
	}
	return c.ps
}

func (c *checker) lastYear(r, last Report) {
	if last.Year != r.Year-1 || last.Org != r.Org {
		c.add(Warning, RuleLastYear, Ref{}, "作为上年报告提供的是%s%d年度报告，不是%s%d年度报告，未做跨年核对", last.Org, last.Year, r.Org, r.Year-1)
		return
	}
	iCarried, iLastNext := r.Format.RowIndex("二"), last.Format.RowIndex("四")
	if iCarried < 0 || iLastNext < 0 {
		return
	}
	for j := range Cols3 {
		now, then := r.Table3.Cells[iCarried][j], last.Table3.Cells[iLastNext][j]
		if now != then {
			c.add(Warning, RuleCarryOver, Ref{"三", "二", j + 1},
				"上年结转%d件，与%d年度报告第四项结转下年度继续办理的%d件不一致", now, last.Year, then)
		}
	}
	if r.Format != Format2021 || last.Format != Format2021 {
		return // the 2019 format has no 废止 and 现行有效 columns
	}
	for _, row := range []string{RowRules, RowNormative} {
		made, repealed, now := r.Table2.Get(row, 1), r.Table2.Get(row, 2), r.Table2.Get(row, 3)
		prev := last.Table2.Get(row, 3)
		if want := prev + made - repealed; now != want {
			c.add(Warning, RuleInForce, Ref{"二", row, 3},
				"上年现行有效%d件，加本年制发%d件、减本年废止%d件应为%d件，现为%d件", prev, made, repealed, want, now)
		}
	}
}
