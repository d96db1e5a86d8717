// Package report computes and renders the 政府信息公开工作年度报告 (annual
// report on government information disclosure, 条例 Art. 49–50) of one
// organisation for one year, in the national format (国办公开办函〔2021〕30号,
// LEGAL.md §3; the earlier format of §3.5 for 2019 and 2020).
//
// The package is pure: the store fills the input structs (Inputs), Compute
// counts the tables and remembers the records behind every cell, Check
// applies the consistency rules before publication, and JSON, HTML, XLSX
// and DOCX render a report. No database, no clock, no HTTP.
//
// Counting rules (LEGAL.md §3.3 gives the rows and the 勾稽 rule; the
// assignment of an application to the rows is ours and follows from it):
//
//   - 一 本年新收: applications received in the year;
//   - 二 上年结转: received before the year and not ended before it;
//   - 三 本年度办理结果: ended in the year, in the row of their decision
//     (Application.Row); 三(七) is the sum of the detail rows;
//   - 四 结转下年度: received by the end of the year and not ended by it.
//
// So 一 + 二 = 三(七) + 四 holds for every column by construction, and this
// year's 二 is exactly last year's 四 as long as the records did not change.
//
// Table 四 (LEGAL.md §3.4) counts the reviews and lawsuits filed in the
// year, each in the column of its outcome as recorded when the report is
// computed (a case still pending is 尚未审结); cases filed in earlier years
// are not counted again.
//
// Table 二's 规章 and 行政规范性文件 rows (LEGAL.md §3.2) are counted from the
// organisation's published documents (see Document for the dates used):
//
//   - 本年制发: published in the year;
//   - 本年废止: stopped being in force in the year, for whatever reason
//     (废止, 失效 by decision or by its expiry date, replaced by a revision);
//   - 现行有效: published by the end of the year and not stopped by then
//     (documents published but not yet in effect count as 现行有效).
//
// With these definitions 现行有效 = 上年现行有效 + 本年制发 − 本年废止, which
// Check uses as a warning (LEGAL.md marks that rule INFERENCE). The other
// cells of table 二 are entered by staff (Manual).
package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/disclosure"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// Application is an application for information (依申请公开) as the report needs it.
type Application struct {
	ID         int64
	Kind       request.ApplicantKind
	ReceivedOn workday.Date // the Art. 31 date of receipt
	EndedOn    workday.Date // the day the case ended (reply, lapse, withdrawal); zero while open
	// Row is the table-三 row of the decision, as request.Reply.Row(),
	// request.Reason.Row() or the EndReason rows give it: "三(一)", "三(二)",
	// "三(三)1" … "三(六)3". Only read when the case ended in the year.
	Row string
}

// Appeal is an administrative review or a lawsuit about a reply (table 四).
type Appeal struct {
	ID        int64
	Kind      request.AppealKind
	FiledOn   workday.Date
	Outcome   request.AppealOutcome // "" counts as pending
	DecidedOn workday.Date
}

// Document is a published 规章 or 行政规范性文件 for table 二 (other genres are
// ignored, so the store may pass all published documents).
type Document struct {
	ID          int64
	Genre       disclosure.Genre // GenreRule (规章) or GenreNormative (行政规范性文件)
	WrittenOn   workday.Date     // 成文日期; 2019 format's 本年新制作 (PublishedOn if unset)
	PublishedOn workday.Date     // the day it was published (from PublishedAt in China's time)
	Validity    disclosure.Validity
	// ExpiresOn is the stored expiry date: the first day the document is no
	// longer in force (as disclosure.EffectiveValidity reads it).
	ExpiresOn workday.Date
	// RepealedOn is the day it stopped being in force by a decision: repealed
	// (废止), declared expired (失效) or replaced by a revision (已修订).
	// Zero while in force. A document whose Validity says repealed, expired
	// or amended but has neither RepealedOn nor ExpiresOn cannot be placed
	// in a year; Compute reports it as an anomaly.
	RepealedOn workday.Date
}

// Manual holds the cells of table 二 entered (or imported) by staff.
type Manual struct {
	// 本年处理决定数量 (Format2021; 处理决定数量 in Format2019).
	Licensing, Penalty, Enforcement int
	// Fees is 行政事业性收费 本年收费金额 in fen, shown in 万元 (Format2021).
	Fees int64
	// Old holds the cells that only the 2019 format has.
	Old Manual2019
}

// Manual2019 holds the cells of the 2019 format's table 二 that the 2021 format dropped.
type Manual2019 struct {
	LicensingPrev, LicensingChange         int // 行政许可 上一年项目数量, 本年增/减
	OtherServicesPrev, OtherServicesChange int // 其他对外管理服务事项 上一年项目数量, 本年增/减
	OtherServices                          int // 其他对外管理服务事项 处理决定数量
	PenaltyPrev, PenaltyChange             int
	EnforcementPrev, EnforcementChange     int
	FeesPrev, FeesChange                   int   // 行政事业性收费 上一年项目数量, 本年增/减
	ProcurementProjects                    int   // 政府集中采购 采购项目数量
	ProcurementAmount                      int64 // 采购总金额, fen, shown in 万元
}

// FeeFacts are the 信息处理费 charged in the year (section 六).
type FeeFacts struct {
	Count     int   `json:"count"`      // applications charged
	AmountFen int64 `json:"amount_fen"` // total, in fen
}

// LedgerFacts are the year's results of the 工作台账 (task ledger), for section 六.
type LedgerFacts struct {
	Tasks   int          `json:"tasks"`   // tasks of the year
	Done    int          `json:"done"`    // completed
	Overdue int          `json:"overdue"` // not completed by their deadline
	Items   []LedgerItem `json:"items,omitempty"`
}

// LedgerItem is one task of the ledger shown in the report.
type LedgerItem struct {
	Title  string `json:"title"`
	Status string `json:"status"` // e.g. "已完成"
}

// Inputs are everything Compute reads. The texts are staff-written HTML
// (rich text); renderers sanitise them.
type Inputs struct {
	Applications []Application
	Appeals      []Appeal
	Documents    []Document
	Manual       Manual
	Fees         FeeFacts
	Ledger       LedgerFacts
	Overview     string // 一、总体情况
	Problems     string // 五、存在的主要问题及改进情况
	OtherText    string // 六、其他需要报告的事项 (free text after the facts)
}

// Table2 holds table 二's values, row by row in the order of Format.Groups2.
// Amount cells (Column2.Unit "万元") hold fen.
type Table2 struct {
	Rows []Row2 `json:"rows"`
}

// Row2 is one row of table 二.
type Row2 struct {
	ID    string  `json:"id"`
	Cells []int64 `json:"cells"`
}

// Get returns a cell of table 二 by row id and 1-based column (0 if absent).
func (t Table2) Get(row string, col int) int64 {
	for _, r := range t.Rows {
		if r.ID == row && col >= 1 && col <= len(r.Cells) {
			return r.Cells[col-1]
		}
	}
	return 0
}

// Set sets a cell of table 二, adding the row if needed.
func (t *Table2) Set(row string, col int, v int64) {
	for i := range t.Rows {
		if t.Rows[i].ID == row {
			for len(t.Rows[i].Cells) < col {
				t.Rows[i].Cells = append(t.Rows[i].Cells, 0)
			}
			t.Rows[i].Cells[col-1] = v
			return
		}
	}
	r := Row2{ID: row, Cells: make([]int64, col)}
	r.Cells[col-1] = v
	t.Rows = append(t.Rows, r)
}

// Table3 holds table 三: row i is Format.Rows3()[i], column j is
// Columns3()[j] (j = 6 is 总计). Format2019 leaves rows 23 and 24 zero.
type Table3 struct {
	Cells [Rows3][Cols3]int
}

// Table4 holds table 四's 15 cells in the order of Columns4.
type Table4 struct {
	Cells [Cols4]int
}

// Other is section 六: facts of the year and free text.
type Other struct {
	Fees   FeeFacts    `json:"fees"`
	Ledger LedgerFacts `json:"ledger"`
	Text   string      `json:"text"`
}

// Ref names one cell of the report: table "二", "三" or "四", the row id
// (table 二: e.g. "rules"; table 三: e.g. "三(三)4"; table 四: "四") and the
// 1-based column.
type Ref struct {
	Table string `json:"table"`
	Row   string `json:"row"`
	Col   int    `json:"col"`
}

// String is a compact form for URLs, e.g. "三:三(三)4:2".
func (r Ref) String() string { return fmt.Sprintf("%s:%s:%d", r.Table, r.Row, r.Col) }

// IsZero reports whether r names no cell.
func (r Ref) IsZero() bool { return r == Ref{} }

// ParseRef reads the form written by Ref.String.
func ParseRef(s string) (Ref, error) {
	bad := fmt.Errorf("无效的单元格：%q", s)
	i, j := strings.IndexByte(s, ':'), strings.LastIndexByte(s, ':')
	if i <= 0 || j <= i+1 {
		return Ref{}, bad
	}
	col, err := strconv.Atoi(s[j+1:])
	if err != nil || col < 1 {
		return Ref{}, bad
	}
	r := Ref{Table: s[:i], Row: s[i+1 : j], Col: col}
	if r.Table != "二" && r.Table != "三" && r.Table != "四" {
		return Ref{}, bad
	}
	return r, nil
}

// Anomaly is an input record that Compute could not count where it belongs;
// Check turns anomalies into problems.
type Anomaly struct {
	Record   string   `json:"record"` // "application", "appeal" or "document"
	ID       int64    `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Report is the annual report of one organisation for one year.
type Report struct {
	Org    string
	Year   int
	Format Format

	Overview string // 一 (HTML)
	Table2   Table2 // 二
	Table3   Table3 // 三
	Table4   Table4 // 四
	Problems string // 五 (HTML)
	Other    Other  // 六

	Anomalies []Anomaly

	// Sources lists, for every computed cell, the ids of the records behind
	// it (applications for table 三, appeals for 四, documents for 二), in
	// ascending order. Entered cells have none.
	Sources map[Ref][]int64
}

// Records returns the ids of the records behind a cell (nil for an entered
// or empty cell).
func (r Report) Records(ref Ref) []int64 { return r.Sources[ref] }

// Title is the report's title, e.g. "某某局2023年政府信息公开工作年度报告".
func (r Report) Title() string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Org, r.Year)
}

// Cell returns a cell of table 三 by row id and 1-based column (0 if the
// row is not in the report's format).
func (r Report) Cell(row string, col int) int {
	i := r.Format.RowIndex(row)
	if i < 0 || col < 1 || col > Cols3 {
		return 0
	}
	return r.Table3.Cells[i][col-1]
}

// Compute builds the report of org for year from the inputs, in the format
// of the year (FormatFor). Records that cannot be counted are listed in
// Report.Anomalies, not counted anywhere.
func Compute(org string, year int, in Inputs) Report {
	r := Report{
		Org:      org,
		Year:     year,
		Format:   FormatFor(year),
		Overview: in.Overview,
		Problems: in.Problems,
		Other:    Other{Fees: in.Fees, Ledger: in.Ledger, Text: in.OtherText},
		Sources:  make(map[Ref][]int64, 256),
	}
	r.computeTable3(in.Applications)
	r.computeTable4(in.Appeals)
	r.computeTable2(in.Documents, in.Manual)
	return r
}

func (r *Report) anomaly(record string, id int64, sev Severity, format string, args ...any) {
	r.Anomalies = append(r.Anomalies, Anomaly{Record: record, ID: id, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (r *Report) computeTable3(apps []Application) {
	f, year := r.Format, r.Year
	rows := f.Rows3()
	iNew, iCarried, iTotal, iNext := f.RowIndex("一"), f.RowIndex("二"), f.RowIndex("三(七)"), f.RowIndex("四")
	// ids[row][col] for the six applicant columns; the 总计 column, 三(七)
	// and the counts are derived from them below.
	var ids [Rows3][Cols3 - 1][]int64
	for _, a := range apps {
		rec := a.ReceivedOn
		if rec.IsZero() || !rec.Valid() {
			if a.EndedOn.IsZero() || a.EndedOn.Year >= year {
				r.anomaly("application", a.ID, Error, "申请%d没有有效的收到日期，未计入表三", a.ID)
			}
			continue
		}
		if rec.Year > year {
			continue // received after the year
		}
		end := a.EndedOn
		if !end.IsZero() && end.Year < year {
			continue // ended before the year
		}
		if !end.IsZero() && end.Before(rec) {
			r.anomaly("application", a.ID, Error, "申请%d的办结日期%s早于收到日期%s，未计入表三", a.ID, end, rec)
			continue
		}
		col := a.Kind.Column() - 1
		if col < 0 {
			r.anomaly("application", a.ID, Error, "申请%d的申请人类型“%s”不是表三的六类申请人之一，未计入表三", a.ID, a.Kind)
			continue
		}
		row := -1
		if !end.IsZero() && end.Year == year {
			if row = f.countRow(a.Row); row < 0 {
				r.anomaly("application", a.ID, Error, "申请%d已于%s办结，但办理结果“%s”不是表三的统计项（须细分到具体情形），未计入表三", a.ID, end, a.Row)
				continue
			}
		}
		if rec.Year == year {
			ids[iNew][col] = append(ids[iNew][col], a.ID)
		} else {
			ids[iCarried][col] = append(ids[iCarried][col], a.ID)
		}
		if row >= 0 {
			ids[row][col] = append(ids[row][col], a.ID)
		} else {
			ids[iNext][col] = append(ids[iNext][col], a.ID)
		}
	}
	for i, def := range rows {
		if def.Detail {
			for c := range Cols3 - 1 {
				ids[iTotal][c] = append(ids[iTotal][c], ids[i][c]...)
			}
		}
	}
	for i, def := range rows {
		var all []int64
		for c := range Cols3 - 1 {
			s := ids[i][c]
			slices.Sort(s)
			r.Table3.Cells[i][c] = len(s)
			r.Table3.Cells[i][TotalCol] += len(s)
			if len(s) > 0 {
				r.Sources[Ref{"三", def.ID, c + 1}] = s
				all = append(all, s...)
			}
		}
		if len(all) > 0 {
			slices.Sort(all)
			r.Sources[Ref{"三", def.ID, Cols3}] = all
		}
	}
}

func (r *Report) computeTable4(appeals []Appeal) {
	var ids [Cols4][]int64
	for _, a := range appeals {
		if a.FiledOn.Year != r.Year {
			continue
		}
		g := slices.Index(request.AppealKinds(), a.Kind)
		if g < 0 {
			r.anomaly("appeal", a.ID, Error, "复议或诉讼%d的类型“%s”未知，未计入表四", a.ID, a.Kind)
			continue
		}
		out := a.Outcome
		if out == "" {
			out = request.OutcomePending
		}
		o := slices.Index(request.AppealOutcomes(), out)
		if o < 0 {
			r.anomaly("appeal", a.ID, Error, "复议或诉讼%d的审理结果“%s”未知，未计入表四", a.ID, a.Outcome)
			continue
		}
		ids[g*5+o] = append(ids[g*5+o], a.ID)
		ids[g*5+4] = append(ids[g*5+4], a.ID)
	}
	for i, s := range ids {
		r.Table4.Cells[i] = len(s)
		if len(s) > 0 {
			slices.Sort(s)
			r.Sources[Ref{"四", "四", i + 1}] = s
		}
	}
}

// ceased is the first day a document is no longer in force, zero if it is
// in force with no end in sight; ok is false when its validity says it has
// stopped but no date says when.
func ceased(d Document) (workday.Date, bool) {
	switch {
	case !d.RepealedOn.IsZero():
		return d.RepealedOn, true
	case !d.ExpiresOn.IsZero():
		return d.ExpiresOn, true
	}
	switch d.Validity {
	case disclosure.ValidityRepealed, disclosure.ValidityExpired, disclosure.ValidityAmended:
		return workday.Date{}, false
	}
	return workday.Date{}, true
}

func (r *Report) computeTable2(docs []Document, m Manual) {
	f, year := r.Format, r.Year
	for _, g := range f.Groups2() {
		for _, row := range g.Rows {
			r.Table2.Rows = append(r.Table2.Rows, Row2{ID: row.ID, Cells: make([]int64, len(g.Columns))})
		}
	}
	var ids [2][3][]int64 // [rules, normative][column]
	for _, d := range docs {
		var k int
		switch d.Genre {
		case disclosure.GenreRule:
			k = 0
		case disclosure.GenreNormative:
			k = 1
		default:
			continue
		}
		pub := d.PublishedOn
		if pub.IsZero() || pub.Year > year {
			continue
		}
		end, known := ceased(d)
		if !known {
			r.anomaly("document", d.ID, Warning, "文件%d的有效性为“%s”，但没有废止或失效日期，未计入%d年的废止件数和现行有效件数", d.ID, d.Validity.Label(), year)
		}
		inForce := known && (end.IsZero() || end.Year > year)
		switch f {
		case Format2021:
			if pub.Year == year {
				ids[k][0] = append(ids[k][0], d.ID)
			}
			if known && !end.IsZero() && end.Year == year {
				ids[k][1] = append(ids[k][1], d.ID)
			}
			if inForce {
				ids[k][2] = append(ids[k][2], d.ID)
			}
		case Format2019:
			written := d.WrittenOn
			if written.IsZero() {
				written = pub
			}
			if written.Year == year {
				ids[k][0] = append(ids[k][0], d.ID)
			}
			if pub.Year == year {
				ids[k][1] = append(ids[k][1], d.ID)
			}
			ids[k][2] = append(ids[k][2], d.ID) // 对外公开总数量: published by the end of the year
		}
	}
	for k, row := range []string{RowRules, RowNormative} {
		for c, s := range ids[k] {
			r.Table2.Set(row, c+1, int64(len(s)))
			if len(s) > 0 {
				slices.Sort(s)
				r.Sources[Ref{"二", row, c + 1}] = s
			}
		}
	}
	switch f {
	case Format2021:
		r.Table2.Set(RowLicensing, 1, int64(m.Licensing))
		r.Table2.Set(RowPenalty, 1, int64(m.Penalty))
		r.Table2.Set(RowEnforcement, 1, int64(m.Enforcement))
		r.Table2.Set(RowFees, 1, m.Fees)
	case Format2019:
		o := m.Old
		set := func(row string, vals ...int64) {
			for i, v := range vals {
				r.Table2.Set(row, i+1, v)
			}
		}
		set(RowLicensing, int64(o.LicensingPrev), int64(o.LicensingChange), int64(m.Licensing))
		set(RowOtherServices, int64(o.OtherServicesPrev), int64(o.OtherServicesChange), int64(o.OtherServices))
		set(RowPenalty, int64(o.PenaltyPrev), int64(o.PenaltyChange), int64(m.Penalty))
		set(RowEnforcement, int64(o.EnforcementPrev), int64(o.EnforcementChange), int64(m.Enforcement))
		set(RowFees, int64(o.FeesPrev), int64(o.FeesChange))
		set(RowProcurement, int64(o.ProcurementProjects), o.ProcurementAmount)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
