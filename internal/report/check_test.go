package report

import (
	"slices"
	"strings"
	"testing"
)

type want struct {
	rule string
	ref  Ref
	sev  Severity
}

func (w want) String() string { return w.rule + " " + w.ref.String() + " " + string(w.sev) }

func r3(row string, col int) Ref { return Ref{"三", row, col} }

// TestCheck changes one cell of a correct report at a time and expects
// exactly the problems that one wrong cell causes, each naming its cell.
func TestCheck(t *testing.T) {
	fx := buildFixture(2023)
	base := Compute("青山县人民政府办公室", 2023, fx.in)
	lastBase := Compute("青山县人民政府办公室", 2022, fx.in)
	if ps := Check(base, &lastBase); len(ps) != 0 {
		t.Fatalf("the fixture fails its checks: %v", ps)
	}
	at := func(r *Report, row string, col int) *int {
		return &r.Table3.Cells[r.Format.RowIndex(row)][col-1]
	}
	cases := []struct {
		name   string
		change func(r, last *Report)
		want   []want
	}{
		{"一 too high", func(r, _ *Report) { *at(r, "一", 2) += 1 },
			[]want{{RuleBalance, r3("四", 2), Error}, {RuleRowTotal, r3("一", 7), Error}}},
		{"二 too low", func(r, _ *Report) { *at(r, "二", 1) -= 1 },
			[]want{{RuleBalance, r3("四", 1), Error}, {RuleRowTotal, r3("二", 7), Error}, {RuleCarryOver, r3("二", 1), Warning}}},
		{"四 总计 too high", func(r, _ *Report) { *at(r, "四", 7) += 1 },
			[]want{{RuleBalance, r3("四", 7), Error}, {RuleRowTotal, r3("四", 7), Error}}},
		{"三(七) too high", func(r, _ *Report) { *at(r, "三(七)", 1) += 1 },
			[]want{{RuleBalance, r3("四", 1), Error}, {RuleResultTotal, r3("三(七)", 1), Error}, {RuleRowTotal, r3("三(七)", 7), Error}}},
		{"detail cell too high", func(r, _ *Report) { *at(r, "三(三)4", 2) += 1 },
			[]want{{RuleResultTotal, r3("三(七)", 2), Error}, {RuleRowTotal, r3("三(三)4", 7), Error}}},
		{"row total wrong", func(r, _ *Report) { *at(r, "三(五)2", 7) -= 1 },
			[]want{{RuleResultTotal, r3("三(七)", 7), Error}, {RuleRowTotal, r3("三(五)2", 7), Error}}},
		{"negative cell", func(r, _ *Report) { *at(r, "三(四)1", 4) = -1 },
			[]want{{RuleNegative, r3("三(四)1", 4), Error}, {RuleResultTotal, r3("三(七)", 4), Error}, {RuleRowTotal, r3("三(四)1", 7), Error}}},
		{"table 四 total", func(r, _ *Report) { r.Table4.Cells[9]++ },
			[]want{{RuleAppealTotal, Ref{"四", "四", 10}, Error}}},
		{"table 四 cell", func(r, _ *Report) { r.Table4.Cells[11]++ },
			[]want{{RuleAppealTotal, Ref{"四", "四", 15}, Error}}},
		{"table 四 negative", func(r, _ *Report) { r.Table4.Cells[0] = -1 },
			[]want{{RuleNegative, Ref{"四", "四", 1}, Error}, {RuleAppealTotal, Ref{"四", "四", 5}, Error}}},
		{"table 二 negative", func(r, _ *Report) { r.Table2.Set(RowPenalty, 1, -5) },
			[]want{{RuleNegative, Ref{"二", RowPenalty, 1}, Error}}},
		{"carry-over", func(_, last *Report) { *at(last, "四", 3) += 1; *at(last, "四", 7) += 1 },
			[]want{{RuleCarryOver, r3("二", 3), Warning}, {RuleCarryOver, r3("二", 7), Warning}}},
		{"现行有效 off", func(r, _ *Report) { r.Table2.Set(RowRules, 3, 6) },
			[]want{{RuleInForce, Ref{"二", RowRules, 3}, Warning}}},
		{"last year is not last year", func(_, last *Report) { last.Year = 2021 },
			[]want{{RuleLastYear, Ref{}, Warning}}},
		{"format of another year", func(r, _ *Report) { r.Year = 2020 },
			[]want{{RuleFormat, Ref{}, Error}, {RuleLastYear, Ref{}, Warning}}},
		{"unplaced record", func(r, _ *Report) {
			r.Anomalies = append(r.Anomalies, Anomaly{Record: "application", ID: 1, Severity: Error, Message: "申请1……"})
		}, []want{{RuleUnplaced, Ref{}, Error}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, last := clone(base), clone(lastBase)
			c.change(&r, &last)
			ps := Check(r, &last)
			var got []string
			blocks := false
			for _, p := range ps {
				got = append(got, want{p.Rule, p.Cell, p.Severity}.String())
				if !p.Cell.IsZero() && !strings.HasPrefix(p.Message, CellName(r.Format, p.Cell)+"：") {
					t.Errorf("message does not name the cell %s: %s", CellName(r.Format, p.Cell), p.Message)
				}
				blocks = blocks || p.Blocks()
			}
			var exp []string
			for _, w := range c.want {
				exp = append(exp, w.String())
			}
			slices.Sort(got)
			slices.Sort(exp)
			if !slices.Equal(got, exp) {
				t.Errorf("problems\n%v\nwant\n%v\n%v", got, exp, ps)
			}
			if err := Publishable(ps); (err != nil) != blocks {
				t.Errorf("Publishable = %v, blocks = %v", err, blocks)
			}
		})
	}
}

func TestCheckMessages(t *testing.T) {
	fx := buildFixture(2023)
	r := Compute("某局", 2023, fx.in)
	r.Table3.Cells[r.Format.RowIndex("一")][1]++
	r.Table3.Cells[r.Format.RowIndex("一")][6]++
	ps := Check(r, nil)
	if len(ps) != 2 {
		t.Fatalf("%v", ps)
	}
	for _, p := range ps {
		if !strings.HasPrefix(p.Message, "表三 第四项 商业企业列：第一项（") && !strings.HasPrefix(p.Message, "表三 第四项 总计列：") {
			t.Errorf("message: %s", p.Message)
		}
	}
	err := Publishable(ps)
	if err == nil || !strings.Contains(err.Error(), "共2处错误") || !strings.Contains(err.Error(), "表三 第四项 商业企业列") {
		t.Errorf("Publishable = %v", err)
	}
}

func TestCheck2019(t *testing.T) {
	fx := buildFixture(2020)
	r := Compute("某局", 2020, fx.in)
	if ps := Check(r, nil); len(ps) != 0 {
		t.Fatalf("%v", ps)
	}
	// 本年增/减 may be negative; 上一年项目数量 may not.
	r.Table2.Set(RowLicensing, 2, -10)
	if ps := Check(r, nil); len(ps) != 0 {
		t.Errorf("%v", ps)
	}
	r.Table2.Set(RowLicensing, 1, -10)
	if ps := Check(r, nil); len(ps) != 1 || ps[0].Rule != RuleNegative || ps[0].Message != "表二 第二十条第（五）项 行政许可 上一年项目数量：不能为负数（-10）" {
		t.Errorf("%v", ps)
	}
	// Rows the 2019 format does not have must stay empty.
	r = Compute("某局", 2020, fx.in)
	r.Table3.Cells[24][0] = 1
	if ps := Check(r, nil); len(ps) != 1 || ps[0].Rule != RuleFormat {
		t.Errorf("%v", ps)
	}
	// A 2021 report against a 2020 report: the carry-over is checked across formats.
	r20 := Compute("某局", 2020, buildFixture(2021).in)
	r21 := Compute("某局", 2021, buildFixture(2021).in)
	if ps := Check(r21, &r20); len(ps) != 0 {
		t.Errorf("%v", ps)
	}
	r20.Table3.Cells[r20.Format.RowIndex("四")][0]++
	if ps := Check(r21, &r20); len(ps) != 1 || ps[0].Rule != RuleCarryOver || ps[0].Cell != r3("二", 1) {
		t.Errorf("%v", ps)
	}
}

func clone(r Report) Report {
	c := r
	c.Table2.Rows = nil
	for _, row := range r.Table2.Rows {
		c.Table2.Rows = append(c.Table2.Rows, Row2{ID: row.ID, Cells: slices.Clone(row.Cells)})
	}
	c.Anomalies = slices.Clone(r.Anomalies)
	return c
}
