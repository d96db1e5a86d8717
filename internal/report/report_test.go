package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongkai/internal/request"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenYears: one report in each format.
var goldenYears = []int{2023, 2020}

func goldenPath(year int) string {
	return filepath.Join("testdata", "report"+itoa(year)+".json")
}

func TestComputeFixture(t *testing.T) {
	for _, year := range goldenYears {
		fx := buildFixture(year)
		r := Compute("青山县人民政府办公室", year, fx.in)
		if want := FormatFor(year); r.Format != want {
			t.Fatalf("%d: format %s, want %s", year, r.Format, want)
		}
		rows := r.Format.Rows3()
		zero := 0
		for i, row := range rows {
			for j := range Cols3 {
				if got, want := r.Table3.Cells[i][j], fx.t3[i][j]; got != want {
					t.Errorf("%d: 表三 %s 第%d列 = %d, want %d", year, row.ID, j+1, got, want)
				}
				if r.Table3.Cells[i][j] == 0 {
					zero++
				}
			}
		}
		if zero != 0 {
			t.Errorf("%d: %d cells of table 三 are zero; the fixture must fill all %d", year, zero, len(rows)*Cols3)
		}
		if year == 2023 && len(rows)*Cols3 != 175 {
			t.Errorf("table 三 has %d cells, want 175", len(rows)*Cols3)
		}
		if r.Table4.Cells != fx.t4 {
			t.Errorf("%d: 表四 = %v, want %v", year, r.Table4.Cells, fx.t4)
		}
		for _, g := range r.Format.Groups2() {
			for _, row := range g.Rows {
				want := fx.t2[row.ID]
				for j := range g.Columns {
					if got := r.Table2.Get(row.ID, j+1); got != want[j] {
						t.Errorf("%d: 表二 %s 第%d列 = %d, want %d", year, row.ID, j+1, got, want[j])
					}
				}
			}
		}
		if len(r.Anomalies) != 0 {
			t.Errorf("%d: anomalies %v", year, r.Anomalies)
		}
		if ps := Check(r, nil); len(ps) != 0 {
			t.Errorf("%d: Check = %v", year, ps)
		}
		checkSources(t, r)
	}
}

// checkSources: every computed cell lists exactly as many distinct records as it counts.
func checkSources(t *testing.T, r Report) {
	t.Helper()
	count := func(ref Ref, want int64) {
		ids := r.Records(ref)
		if int64(len(ids)) != want {
			t.Errorf("%s: %d records for a count of %d", CellName(r.Format, ref), len(ids), want)
		}
		if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
			t.Errorf("%s: records not sorted and distinct", CellName(r.Format, ref))
		}
	}
	for i, row := range r.Format.Rows3() {
		for j := range Cols3 {
			count(Ref{"三", row.ID, j + 1}, int64(r.Table3.Cells[i][j]))
		}
	}
	for j := range Cols4 {
		count(Ref{"四", "四", j + 1}, int64(r.Table4.Cells[j]))
	}
	for _, g := range r.Format.Groups2() {
		for _, row := range g.Rows {
			for j := range g.Columns {
				if row.Computed {
					count(Ref{"二", row.ID, j + 1}, r.Table2.Get(row.ID, j+1))
				} else if r.Records(Ref{"二", row.ID, j + 1}) != nil {
					t.Errorf("entered cell %s has records", row.ID)
				}
			}
		}
	}
	// The 总计 column is the union of the six, 三(七) the union of the detail rows.
	for i, row := range r.Format.Rows3() {
		var union []int64
		for j := range Cols3 - 1 {
			union = append(union, r.Records(Ref{"三", row.ID, j + 1})...)
		}
		slices.Sort(union)
		if !slices.Equal(union, r.Records(Ref{"三", row.ID, Cols3})) {
			t.Errorf("row %s (%d): 总计 records are not the union of the columns", row.ID, i)
		}
	}
}

func TestGoldenJSON(t *testing.T) {
	for _, year := range goldenYears {
		fx := buildFixture(year)
		r := Compute("青山县人民政府办公室", year, fx.in)
		got, err := JSON(r)
		if err != nil {
			t.Fatal(err)
		}
		path := goldenPath(year)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the computed JSON; if the change is intended, rerun with -update.\n%s", path, firstDiff(string(want), string(got)))
		}
		// The golden file is a valid document with the format's shape.
		var j jsonDoc
		if err := json.Unmarshal(want, &j); err != nil {
			t.Fatal(err)
		}
		if len(j.Table3.Rows) != len(r.Format.Rows3()) || len(j.Table4.Cells) != Cols4 || len(j.Sections) != 6 {
			t.Errorf("%s: %d rows in table 三, %d cells in table 四, %d sections", path, len(j.Table3.Rows), len(j.Table4.Cells), len(j.Sections))
		}
		if strings.Contains(j.Overview, "<script") {
			t.Errorf("JSON overview is not sanitised: %s", j.Overview)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ: " + itoa(len(al)) + " vs " + itoa(len(bl)) + " lines"
}

// jsonDoc reads the JSON output back, for the tests.
type jsonDoc struct {
	Schema   string   `json:"schema"`
	Format   string   `json:"format"`
	Sections []string `json:"sections"`
	Overview string   `json:"overview"`
	Table2   struct {
		Groups []struct {
			Item    string `json:"item"`
			Columns []struct {
				Label string `json:"label"`
				Unit  string `json:"unit"`
			} `json:"columns"`
			Rows []struct {
				ID    string        `json:"id"`
				Label string        `json:"label"`
				Cells []json.Number `json:"cells"`
			} `json:"rows"`
		} `json:"groups"`
	} `json:"table2"`
	Table3 struct {
		Note    string `json:"note"`
		Columns []struct {
			Label string `json:"label"`
		} `json:"columns"`
		Rows []struct {
			ID     string `json:"id"`
			Parent string `json:"parent"`
			Group  string `json:"group"`
			Label  string `json:"label"`
			Cells  []int  `json:"cells"`
		} `json:"rows"`
	} `json:"table3"`
	Table4 struct {
		Columns []struct {
			Group    string `json:"group"`
			Subgroup string `json:"subgroup"`
			Label    string `json:"label"`
		} `json:"columns"`
		Cells []int `json:"cells"`
	} `json:"table4"`
}

func readGolden(t *testing.T, year int) jsonDoc {
	t.Helper()
	b, err := os.ReadFile(goldenPath(year))
	if err != nil {
		t.Fatal(err)
	}
	var j jsonDoc
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// TestLabels pins the labels to LEGAL.md §3.3/§3.4 and to the request package's own names.
func TestLabels(t *testing.T) {
	f := Format2021
	want := []string{
		"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
		"（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
		"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
		"5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
		"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
		"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"3.其他", "（七）总计", "四、结转下年度继续办理",
	}
	var got []string
	for _, r := range f.Rows3() {
		got = append(got, r.Label)
	}
	if !slices.Equal(got, want) {
		t.Errorf("2021 rows:\n%q\nwant\n%q", got, want)
	}
	if n := len(Format2019.Rows3()); n != 23 {
		t.Errorf("2019 format has %d rows, want 23", n)
	}
	if i := Format2019.RowIndex("三(六)"); i < 0 || Format2019.Rows3()[i].Label != "（六）其他处理" || Format2019.RowIndex("三(六)1") >= 0 {
		t.Error("2019 format: （六）其他处理 must be a single row")
	}
	// The request package's rows and labels are the same.
	for _, rt := range request.ReplyTypes() {
		if !rt.HasReasons() {
			if i := f.RowIndex(rt.Row()); i < 0 || f.Rows3()[i].Label != rt.RowLabel() {
				t.Errorf("%s: row %s label differs from request", rt, rt.Row())
			}
		}
	}
	for _, ri := range request.Reasons() {
		i := f.RowIndex(ri.Row)
		if i < 0 || f.Rows3()[i].Label != ri.Code.RowLabel() || f.Rows3()[i].Sub != ri.Type.RowLabel() {
			t.Errorf("%s: row %s differs from request", ri.Code, ri.Row)
		}
	}
	for _, k := range request.ApplicantKinds() {
		if Columns3()[k.Column()-1].Label != k.Label() {
			t.Errorf("column %d: %s vs %s", k.Column(), Columns3()[k.Column()-1].Label, k.Label())
		}
	}
	for g, k := range request.AppealKinds() {
		for o, out := range request.AppealOutcomes() {
			c := Columns4()[g*5+o]
			if c.Label != out.Label() || strings.ReplaceAll(c.Group+"（"+c.Subgroup+"）", "（）", "") != k.Label() {
				t.Errorf("table 四 column %d: %s %s vs %s %s", c.Number, c.Group, c.Label, k.Label(), out.Label())
			}
		}
	}
	if got := CellName(f, Ref{"三", "四", 2}); got != "表三 第四项 商业企业列" {
		t.Errorf("CellName = %q", got)
	}
	if got := CellName(f, Ref{"三", "三(三)4", 7}); got != "表三 第三项（三）不予公开 4.保护第三方合法权益 总计列" {
		t.Errorf("CellName = %q", got)
	}
}

func TestFormatFor(t *testing.T) {
	for year, want := range map[int]Format{2019: Format2019, 2020: Format2019, 2021: Format2021, 2025: Format2021} {
		if got := FormatFor(year); got != want {
			t.Errorf("FormatFor(%d) = %s", year, got)
		}
	}
}

func TestRef(t *testing.T) {
	for _, ref := range []Ref{{"三", "三(三)4", 2}, {"四", "四", 15}, {"二", RowRules, 3}} {
		got, err := ParseRef(ref.String())
		if err != nil || got != ref {
			t.Errorf("ParseRef(%q) = %v, %v", ref.String(), got, err)
		}
	}
	for _, s := range []string{"", "三", "三::1", "五:四:1", "三:四:0", "三:四:x"} {
		if _, err := ParseRef(s); err == nil {
			t.Errorf("ParseRef(%q) accepted", s)
		}
	}
}

func TestWan(t *testing.T) {
	for fen, s := range map[int64]string{0: "0", 12_350_000: "12.35", 5_000_000: "5", 1: "0.000001", -1_500_000: "-1.5", 123_456_700: "123.4567"} {
		if got := FormatWan(fen); got != s {
			t.Errorf("FormatWan(%d) = %q, want %q", fen, got, s)
		}
		if got, err := ParseWan(s); err != nil || got != fen {
			t.Errorf("ParseWan(%q) = %d, %v", s, got, err)
		}
	}
	if got, err := ParseWan(" 1,234.5万元 "); err != nil || got != 1_234_500_000 {
		t.Errorf("ParseWan = %d, %v", got, err)
	}
	for _, s := range []string{"", "万元", "1.2345678", "abc", "1.2.3", "-", "."} {
		if _, err := ParseWan(s); err == nil {
			t.Errorf("ParseWan(%q) accepted", s)
		}
	}
}

func TestAnomalies(t *testing.T) {
	y := 2023
	in := Inputs{
		Applications: []Application{
			{ID: 1, Kind: "robot", ReceivedOn: day(y, 1, 1)},                                             // unknown kind
			{ID: 2, Kind: request.Company, ReceivedOn: day(y, 1, 1), EndedOn: day(y, 2, 1), Row: "三(三)"}, // not a detail row
			{ID: 3, Kind: request.Company, ReceivedOn: day(y, 3, 1), EndedOn: day(y, 2, 1), Row: "三(一)"}, // ended before received
			{ID: 4, Kind: request.Company}, // no date
			{ID: 5, Kind: request.Company, ReceivedOn: day(y, 1, 1), EndedOn: day(y, 2, 1), Row: "三(六)"}, // 2021 needs the sub-item
			{ID: 6, Kind: request.Company, ReceivedOn: day(y, 1, 1), EndedOn: day(y, 2, 1), Row: "三(六)2"},
		},
		Appeals: []Appeal{
			{ID: 7, Kind: "complaint", FiledOn: day(y, 1, 1)},
			{ID: 8, Kind: request.AppealReview, FiledOn: day(y, 1, 1), Outcome: "won"},
		},
		Documents: []Document{{ID: 9, Genre: "rule", PublishedOn: day(y-1, 1, 1), Validity: "repealed"}},
	}
	r := Compute("某局", y, in)
	var ids []int64
	for _, a := range r.Anomalies {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []int64{1, 2, 3, 4, 5, 7, 8, 9}) {
		t.Fatalf("anomalies %v", r.Anomalies)
	}
	if got := r.Cell("三(六)2", 2); got != 1 || r.Cell("一", 7) != 1 || r.Cell("三(七)", 7) != 1 {
		t.Errorf("only application 6 is counted: %v", r.Table3.Cells)
	}
	ps := Check(r, nil)
	errs, warns := 0, 0
	for _, p := range ps {
		if p.Rule != RuleUnplaced {
			t.Errorf("unexpected %v", p)
		}
		if p.Blocks() {
			errs++
		} else {
			warns++
		}
	}
	if errs != 7 || warns != 1 {
		t.Errorf("%d errors, %d warnings: %v", errs, warns, ps)
	}
	if err := Publishable(ps); err == nil || !strings.Contains(err.Error(), "申请1") {
		t.Errorf("Publishable = %v", err)
	}
	// In the 2019 format 三(六) without a number is the row itself.
	r = Compute("某局", 2020, Inputs{Applications: []Application{{ID: 5, Kind: request.Company, ReceivedOn: day(2020, 1, 1), EndedOn: day(2020, 2, 1), Row: "三(六)"}}})
	if len(r.Anomalies) != 0 || r.Cell("三(六)", 2) != 1 {
		t.Errorf("2019 format: %v %v", r.Anomalies, r.Table3.Cells)
	}
}

// TestConsecutiveYears: reports of consecutive years computed from the same
// records pass every check, the cross-year ones included, across the change
// of format in 2021.
func TestConsecutiveYears(t *testing.T) {
	var in Inputs
	for _, y := range []int{2019, 2020, 2021, 2022, 2023, 2024} {
		fx := buildFixture(y)
		in.Applications = append(in.Applications, fx.in.Applications...)
		in.Appeals = append(in.Appeals, fx.in.Appeals...)
	}
	// buildFixture reuses ids per year; make them unique.
	for i := range in.Applications {
		in.Applications[i].ID = int64(i + 1)
		if in.Applications[i].Row == "bogus row" {
			in.Applications[i].Row = "三(一)"
		}
	}
	for i := range in.Appeals {
		in.Appeals[i].ID = int64(i + 1)
	}
	var last *Report
	for y := 2019; y <= 2024; y++ {
		r := Compute("某局", y, in)
		if len(r.Anomalies) != 0 {
			t.Fatalf("%d: %v", y, r.Anomalies)
		}
		if ps := Check(r, last); len(ps) != 0 {
			t.Errorf("%d: %v", y, ps)
		}
		checkSources(t, r)
		last = &r
	}
}

func TestDraft(t *testing.T) {
	fx := buildFixture(2023)
	r := Compute("青山县人民政府办公室", 2023, fx.in)
	d := DraftOverview(r)
	for _, s := range []string{
		"2023年，青山县人民政府办公室",
		"制发规章3件、行政规范性文件6件",
		"新收政府信息公开申请" + itoa(r.Cell("一", 7)) + "件",
		"结转下年度继续办理" + itoa(r.Cell("四", 7)) + "件",
		"被申请行政复议" + itoa(r.Table4.Cells[4]) + "件",
	} {
		if !strings.Contains(d, s) {
			t.Errorf("draft overview lacks %q:\n%s", s, d)
		}
	}
	if p := DraftProblems(r); !strings.Contains(p, "被纠正") || !strings.Contains(p, "逾期未完成") {
		t.Errorf("draft problems: %s", p)
	}
}

// TestCorrectionRequestsCounted: Art. 41 correction requests. LEGAL.md §3 is silent on them;
// they are counted as applications received (row 一, by applicant kind) and their outcomes
// under 三(六)3 其他 (request/correction.go), so that 一 + 二 = 三(七) + 四 still holds and the
// report passes every check, in both formats.
func TestCorrectionRequestsCounted(t *testing.T) {
	for _, y := range []int{2023, 2020} {
		var apps []Application
		outcomes := []request.Reply{
			{Type: request.ReplyCorrected, Corrected: "x"},
			{Type: request.ReplyTransferred, TransferOrgan: "某局"},
			{Type: request.ReplyNotCorrected, Reason: request.CorrectionNotProven, Explanation: "x"},
		}
		for i, o := range outcomes {
			apps = append(apps, Application{ID: int64(i + 1), Kind: request.NaturalPerson, ReceivedOn: day(y, 3, 1), EndedOn: day(y, 3, 20), Row: o.Row()})
		}
		apps = append(apps,
			Application{ID: 4, Kind: request.Research, ReceivedOn: day(y-1, 12, 20), EndedOn: day(y, 1, 10), Row: outcomes[0].Row()}, // carried over
			Application{ID: 5, Kind: request.Research, ReceivedOn: day(y, 12, 28)},                                                   // still open
			Application{ID: 6, Kind: request.NaturalPerson, ReceivedOn: day(y, 5, 1), EndedOn: day(y, 5, 8), Row: request.Reply{Type: request.ReplyDisclose}.Row()},
		)
		r := Compute("某局", y, Inputs{Applications: apps})
		if len(r.Anomalies) != 0 {
			t.Fatalf("%d: anomalies %v", y, r.Anomalies)
		}
		other := "三(六)3"
		if y < 2021 {
			other = "三(六)" // the 2019 format has no sub-items
		}
		for _, c := range []struct {
			row       string
			col, want int
		}{
			{"一", 1, 4}, {"一", 3, 1}, {"一", 7, 5}, {"二", 3, 1}, {"二", 7, 1},
			{other, 1, 3}, {other, 3, 1}, {other, 7, 4}, {"三(一)", 1, 1}, {"三(七)", 7, 5}, {"四", 3, 1}, {"四", 7, 1},
		} {
			if got := r.Cell(c.row, c.col); got != c.want {
				t.Errorf("%d: 表三 %s 第%d列 = %d, want %d", y, c.row, c.col, got, c.want)
			}
		}
		for _, p := range Check(r, nil) {
			if p.Blocks() {
				t.Errorf("%d: check: %v", y, p)
			}
		}
		checkSources(t, r)
	}
}
