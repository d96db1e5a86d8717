package report

import "fmt"

// Format is the schema version of the report: the national format in force
// for the report's year (LEGAL.md §3). The tables of the two formats differ;
// the six sections are the same.
type Format string

const (
	// Format2021 is 国办公开办函〔2021〕30号 (LEGAL.md §3.1–§3.4), used for
	// the reports of 2021 and later.
	Format2021 Format = "2021"
	// Format2019 is the earlier format (LEGAL.md §3.5), used for the reports
	// of 2019 and 2020: table 二 has other columns and rows, and table 三's
	// （六）其他处理 is a single row without sub-items (23 rows in all).
	Format2019 Format = "2019"
)

// FormatFor is the format of the report for a year: Format2019 up to 2020,
// Format2021 from 2021. Years before 2019 predate both formats (the 2019
// revision of the 条例); they get Format2019 and Check reports them.
func FormatFor(year int) Format {
	if year <= 2020 {
		return Format2019
	}
	return Format2021
}

// Valid reports whether f is a known format.
func (f Format) Valid() bool { return f == Format2021 || f == Format2019 }

// Label names the format, e.g. "国办公开办函〔2021〕30号".
func (f Format) Label() string {
	switch f {
	case Format2021:
		return "国办公开办函〔2021〕30号"
	case Format2019:
		return "2019年版年度报告格式"
	}
	return ""
}

// Schema is the stable schema name written into the JSON output.
func (f Format) Schema() string { return "gongkai.annual-report/" + string(f) }

// The six sections (LEGAL.md §3.1), the same in both formats.
var sectionTitles = [6]string{
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}

// SectionTitles returns the six section headings in order.
func SectionTitles() []string { return sectionTitles[:] }

// ---------------------------------------------------------------- table 三

// Rows3 is the length of table 三's row array; Format2019 uses the first 23.
const Rows3 = 25

// Cols3 is the number of numeric columns of table 三 (6 applicant kinds + 总计).
const Cols3 = 7

// TotalCol is the 0-based index of table 三's 总计 column.
const TotalCol = Cols3 - 1

// Note3 is the top-left header cell of table 三, verbatim (LEGAL.md §3.3).
const Note3 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// Header3 spans the seven numeric columns of table 三.
const Header3 = "申请人情况"

// Header3Org spans columns 2–6 of table 三.
const Header3Org = "法人或其他组织"

// Parent3 is the label merged over all the rows of item 三.
const Parent3 = "三、本年度办理结果"

// Column3 is a numeric column of table 三.
type Column3 struct {
	Number int    `json:"number"` // 1–7
	Label  string `json:"label"`  // e.g. "商业企业"
	Group  string `json:"group"`  // "自然人", "法人或其他组织" or "总计"
}

var columns3 = [Cols3]Column3{
	{1, "自然人", "自然人"},
	{2, "商业企业", Header3Org},
	{3, "科研机构", Header3Org},
	{4, "社会公益组织", Header3Org},
	{5, "法律服务机构", Header3Org},
	{6, "其他", Header3Org},
	{7, "总计", "总计"},
}

// Columns3 returns table 三's seven numeric columns (LEGAL.md §3.3). Columns
// 1–6 follow request.ApplicantKind.Column().
func Columns3() []Column3 { return columns3[:] }

// Row3 describes a data row of table 三.
type Row3 struct {
	// ID is the row id as the request package writes it: "一", "二",
	// "三(一)" … "三(三)1" … "三(七)", "四".
	ID string `json:"id"`
	// Label is the exact label of the row's own cell, e.g. "1.属于国家秘密"
	// or "（一）予以公开" or "一、本年新收政府信息公开申请数量".
	Label string `json:"label"`
	// Sub is the merged label of a numbered sub-row's group, e.g.
	// "（三）不予公开"; "" for other rows.
	Sub string `json:"group,omitempty"`
	// InResults: the row is inside 三、本年度办理结果.
	InResults bool `json:"-"`
	// Detail: applications are counted in this row (三(一), 三(二), the
	// numbered sub-rows, and 2019's single 三(六)); 三(七) is their sum.
	Detail bool `json:"-"`
}

// Name is the row's name in messages, e.g. "第一项",
// "第三项（三）不予公开 4.保护第三方合法权益", "第三项（七）总计".
func (r Row3) Name() string {
	switch {
	case !r.InResults:
		return "第" + r.ID + "项"
	case r.Sub != "":
		return "第三项" + r.Sub + " " + r.Label
	}
	return "第三项" + shortLabel(r.Label)
}

// shortLabel drops the parenthesised note of 三(二)'s label.
func shortLabel(s string) string {
	if s == rowPartial {
		return "（二）部分公开"
	}
	return s
}

const rowPartial = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"

// subGroup is a numbered group of rows in table 三 (LEGAL.md §3.3).
type subGroup struct {
	id     string // "三(三)"
	label  string // "（三）不予公开"
	labels []string
}

var subGroups = []subGroup{
	{"三(三)", "（三）不予公开", []string{
		"属于国家秘密",
		"其他法律行政法规禁止公开",
		"危及“三安全一稳定”",
		"保护第三方合法权益",
		"属于三类内部事务信息",
		"属于四类过程性信息",
		"属于行政执法案卷",
		"属于行政查询事项",
	}},
	{"三(四)", "（四）无法提供", []string{
		"本机关不掌握相关政府信息",
		"没有现成信息需要另行制作",
		"补正后申请内容仍不明确",
	}},
	{"三(五)", "（五）不予处理", []string{
		"信访举报投诉类申请",
		"重复申请",
		"要求提供公开出版物",
		"无正当理由大量反复申请",
		"要求行政机关确认或重新出具已获取信息",
	}},
	{"三(六)", "（六）其他处理", []string{
		"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"其他",
	}},
}

func buildRows3(f Format) []Row3 {
	rows := []Row3{
		{ID: "一", Label: "一、本年新收政府信息公开申请数量"},
		{ID: "二", Label: "二、上年结转政府信息公开申请数量"},
		{ID: "三(一)", Label: "（一）予以公开", InResults: true, Detail: true},
		{ID: "三(二)", Label: rowPartial, InResults: true, Detail: true},
	}
	for _, g := range subGroups {
		if f == Format2019 && g.id == "三(六)" {
			rows = append(rows, Row3{ID: g.id, Label: g.label, InResults: true, Detail: true})
			continue
		}
		for i, l := range g.labels {
			rows = append(rows, Row3{ID: fmt.Sprintf("%s%d", g.id, i+1), Label: fmt.Sprintf("%d.%s", i+1, l), Sub: g.label, InResults: true, Detail: true})
		}
	}
	return append(rows,
		Row3{ID: "三(七)", Label: "（七）总计", InResults: true},
		Row3{ID: "四", Label: "四、结转下年度继续办理"},
	)
}

var (
	rows2021 = buildRows3(Format2021)
	rows2019 = buildRows3(Format2019)
	index3   = map[Format]map[string]int{Format2021: indexOf(rows2021), Format2019: indexOf(rows2019)}
)

func indexOf(rows []Row3) map[string]int {
	m := make(map[string]int, len(rows))
	for i, r := range rows {
		m[r.ID] = i
	}
	return m
}

// Rows3 returns the data rows of table 三 in order: 25 for Format2021, 23 for
// Format2019 (nil for an unknown format). Row i is Table3.Cells[i].
func (f Format) Rows3() []Row3 {
	switch f {
	case Format2021:
		return rows2021
	case Format2019:
		return rows2019
	}
	return nil
}

// RowIndex is the index of a table-三 row id in the format, or -1.
func (f Format) RowIndex(id string) int {
	if i, ok := index3[f][id]; ok {
		return i
	}
	return -1
}

// countRow maps an application's decision row (request.Reason.Row() and
// friends) to the row it is counted in: itself, or for Format2019 the single
// 三(六) row. It returns -1 for a row that is not a detail row of the format.
func (f Format) countRow(id string) int {
	if f == Format2019 && len(id) > len("三(六)") && id[:len("三(六)")] == "三(六)" {
		id = "三(六)"
	}
	i := f.RowIndex(id)
	if i < 0 || !f.Rows3()[i].Detail {
		return -1
	}
	return i
}

// ---------------------------------------------------------------- table 二

// Group2 describes a sub-table of table 二, headed by an item of 条例 Art. 20.
type Group2 struct {
	Item    string    `json:"item"` // e.g. "第二十条第（一）项"
	Columns []Column2 `json:"columns"`
	Rows    []Row2Def `json:"rows"`
}

// Column2 is a value column of a sub-table of table 二.
type Column2 struct {
	Label string `json:"label"`
	// Unit is "万元" for an amount (held in fen, shown in 万元), "" for a count.
	Unit string `json:"unit,omitempty"`
	// Signed: the column may hold negative numbers (the 2019 "本年增/减").
	Signed bool `json:"signed,omitempty"`
}

// Row2Def is a row of a sub-table of table 二.
type Row2Def struct {
	ID    string `json:"id"`    // stable id, e.g. "rules"
	Label string `json:"label"` // e.g. "规章"
	// Computed rows are counted from the published documents; the others
	// are entered by staff (Manual).
	Computed bool `json:"computed"`
}

// LabelHeader2 is the header of table 二's label column.
const LabelHeader2 = "信息内容"

// Width2 is the number of value columns of table 二's layout (the widest sub-table).
const Width2 = 3

// Row ids of table 二.
const (
	RowRules         = "rules"          // 规章
	RowNormative     = "normative"      // 行政规范性文件 (2019: 规范性文件)
	RowLicensing     = "licensing"      // 行政许可
	RowOtherServices = "other_services" // 其他对外管理服务事项 (2019 only)
	RowPenalty       = "penalty"        // 行政处罚
	RowEnforcement   = "enforcement"    // 行政强制
	RowFees          = "fees"           // 行政事业性收费
	RowProcurement   = "procurement"    // 政府集中采购 (2019 only)
)

var groups2021 = []Group2{
	{"第二十条第（一）项", []Column2{{Label: "本年制发件数"}, {Label: "本年废止件数"}, {Label: "现行有效件数"}},
		[]Row2Def{{RowRules, "规章", true}, {RowNormative, "行政规范性文件", true}}},
	{"第二十条第（五）项", []Column2{{Label: "本年处理决定数量"}},
		[]Row2Def{{RowLicensing, "行政许可", false}}},
	{"第二十条第（六）项", []Column2{{Label: "本年处理决定数量"}},
		[]Row2Def{{RowPenalty, "行政处罚", false}, {RowEnforcement, "行政强制", false}}},
	{"第二十条第（八）项", []Column2{{Label: "本年收费金额（单位：万元）", Unit: "万元"}},
		[]Row2Def{{RowFees, "行政事业性收费", false}}},
}

var items2019 = []Column2{{Label: "上一年项目数量"}, {Label: "本年增/减", Signed: true}, {Label: "处理决定数量"}}

var groups2019 = []Group2{
	{"第二十条第（一）项", []Column2{{Label: "本年新制作数量"}, {Label: "本年新公开数量"}, {Label: "对外公开总数量"}},
		[]Row2Def{{RowRules, "规章", true}, {RowNormative, "规范性文件", true}}},
	{"第二十条第（五）项", items2019,
		[]Row2Def{{RowLicensing, "行政许可", false}, {RowOtherServices, "其他对外管理服务事项", false}}},
	{"第二十条第（六）项", items2019,
		[]Row2Def{{RowPenalty, "行政处罚", false}, {RowEnforcement, "行政强制", false}}},
	{"第二十条第（八）项", items2019[:2],
		[]Row2Def{{RowFees, "行政事业性收费", false}}},
	{"第二十条第（九）项", []Column2{{Label: "采购项目数量"}, {Label: "采购总金额", Unit: "万元"}},
		[]Row2Def{{RowProcurement, "政府集中采购", false}}},
}

// Groups2 returns the sub-tables of table 二 (LEGAL.md §3.2; §3.5 for Format2019).
func (f Format) Groups2() []Group2 {
	switch f {
	case Format2021:
		return groups2021
	case Format2019:
		return groups2019
	}
	return nil
}

// row2 finds a row of table 二 with its sub-table.
func (f Format) row2(id string) (Group2, Row2Def, bool) {
	for _, g := range f.Groups2() {
		for _, r := range g.Rows {
			if r.ID == id {
				return g, r, true
			}
		}
	}
	return Group2{}, Row2Def{}, false
}

// ---------------------------------------------------------------- table 四

// Cols4 is the number of cells of table 四.
const Cols4 = 15

// Column4 is a cell of table 四.
type Column4 struct {
	Number   int    `json:"number"`             // 1–15
	Group    string `json:"group"`              // "行政复议" or "行政诉讼"
	Subgroup string `json:"subgroup,omitempty"` // "未经复议直接起诉" or "复议后起诉"
	Label    string `json:"label"`              // "结果维持" … "总计"
}

// Name is the cell's name in messages, e.g. "行政诉讼（复议后起诉）结果纠正".
func (c Column4) Name() string {
	if c.Subgroup != "" {
		return c.Group + "（" + c.Subgroup + "）" + c.Label
	}
	return c.Group + c.Label
}

var outcomes4 = [5]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

var columns4 = func() [Cols4]Column4 {
	var out [Cols4]Column4
	groups := [3][2]string{{"行政复议", ""}, {"行政诉讼", "未经复议直接起诉"}, {"行政诉讼", "复议后起诉"}}
	for g, gl := range groups {
		for o, l := range outcomes4 {
			out[g*5+o] = Column4{g*5 + o + 1, gl[0], gl[1], l}
		}
	}
	return out
}()

// Columns4 returns the 15 cells of table 四 (LEGAL.md §3.4), the same in both formats.
func Columns4() []Column4 { return columns4[:] }
