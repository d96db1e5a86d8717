package report

import (
	"strings"
	"time"

	"gongkai/internal/disclosure"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

func day(y, m, d int) workday.Date { return workday.Date{Year: y, Month: time.Month(m), Day: d} }

// decisionRows are the 21 rows an ended application can be counted in, as
// the request package names them.
func decisionRows() []string {
	rows := []string{request.ReplyDisclose.Row(), request.ReplyPartial.Row()}
	for _, r := range request.Reasons() {
		rows = append(rows, r.Row)
	}
	return rows
}

// fixture is a fixed set of records for one year with the tables they must
// give, kept by bookkeeping as the records are made (not by dates), so the
// test does not repeat Compute's logic.
type fixture struct {
	year int
	in   Inputs
	t3   [Rows3][Cols3]int
	t4   [Cols4]int
	t2   map[string][]int64
}

func (fx *fixture) count3(row string, col int) {
	f := FormatFor(fx.year)
	if f == Format2019 && strings.HasPrefix(row, "三(六)") {
		row = "三(六)"
	}
	i := f.RowIndex(row)
	if i < 0 {
		panic("no row " + row)
	}
	fx.t3[i][col]++
	fx.t3[i][TotalCol]++
	if f.Rows3()[i].Detail {
		j := f.RowIndex("三(七)")
		fx.t3[j][col]++
		fx.t3[j][TotalCol]++
	}
}

// buildFixture covers every row and every column of table 三 with a
// different, non-zero count in each of the 175 cells, every cell of table
// 四, the computed cells of table 二, and records outside the year that
// must not be counted.
func buildFixture(year int) fixture {
	fx := fixture{year: year}
	id := int64(1000)
	next := func() int64 { id++; return id }
	y, prev := year, year-1
	kinds := request.ApplicantKinds()
	app := func(kind request.ApplicantKind, rec, end workday.Date, row string) {
		fx.in.Applications = append(fx.in.Applications, Application{ID: next(), Kind: kind, ReceivedOn: rec, EndedOn: end, Row: row})
	}
	for d, row := range decisionRows() {
		for c, kind := range kinds {
			// Received and decided this year: 一 and the row.
			for k := range 1 + (2*d+3*c+d*c)%5 {
				app(kind, day(y, 1+(d+c)%6, 1+k+c), day(y, 7+d%6, 10+k+c), row)
				fx.count3("一", c)
				fx.count3(row, c)
			}
			// Received last year, decided this year: 二 and the row.
			for k := range (d*c + c) % 3 {
				app(kind, day(prev, 11+c%2, 1+k+d), day(y, 1+d%3, 20+k), row)
				fx.count3("二", c)
				fx.count3(row, c)
			}
		}
	}
	for c, kind := range kinds {
		// Received this year, open at the end of it: 一 and 四.
		for k := range 1 + c%2 {
			end := workday.Date{}
			if k == 1 {
				end = day(y+1, 1, 15) // decided next year: still open at year end
			}
			app(kind, day(y, 10+k, 3+c), end, "三(一)")
			fx.count3("一", c)
			fx.count3("四", c)
		}
		// Received last year, still open: 二 and 四.
		for k := range 1 + (c+1)%2 {
			app(kind, day(prev, 12, 1+k+c), workday.Date{}, "")
			fx.count3("二", c)
			fx.count3("四", c)
		}
		// Edges of the year: received on 1 January, decided on 31 December.
		app(kind, day(y, 1, 1), day(y, 12, 31), "三(二)")
		fx.count3("一", c)
		fx.count3("三(二)", c)
		// Received on 31 December, open.
		app(kind, day(y, 12, 31), workday.Date{}, "")
		fx.count3("一", c)
		fx.count3("四", c)
		// Not in this year's report.
		app(kind, day(prev, 3, 1), day(prev, 12, 31), "三(一)")     // ended last year
		app(kind, day(y-2, 3, 1), day(prev, 2, 1), "三(三)1")       // ended last year
		app(kind, day(y+1, 1, 1), workday.Date{}, "")             // received next year
		app(kind, day(y+1, 1, 2), day(y+1, 2, 1), "三(五)2")        // received and decided next year
		app(kind, day(prev, 6, 1), day(prev, 6, 30), "bogus row") // an odd row is not read outside the year
	}

	// Table 四: every kind × outcome, 1–3 each, filed this year.
	for g, kind := range request.AppealKinds() {
		for o, out := range request.AppealOutcomes() {
			for k := range 1 + (g+o)%3 {
				a := Appeal{ID: next(), Kind: kind, FiledOn: day(y, 2+g+o, 1+k), Outcome: out}
				if out == request.OutcomePending && k == 0 {
					a.Outcome = "" // unset counts as pending
				}
				if out != request.OutcomePending {
					a.DecidedOn = day(y, 10, 1)
				}
				fx.in.Appeals = append(fx.in.Appeals, a)
				fx.t4[g*5+o]++
				fx.t4[g*5+4]++
			}
		}
		// Filed last year or next year: not counted.
		fx.in.Appeals = append(fx.in.Appeals,
			Appeal{ID: next(), Kind: kind, FiledOn: day(prev, 12, 31), Outcome: request.OutcomeUpheld, DecidedOn: day(y, 3, 1)},
			Appeal{ID: next(), Kind: kind, FiledOn: day(y+1, 1, 1)})
	}

	// Table 二: 规章 (see the expected counts below).
	rule := func(w, p workday.Date, v disclosure.Validity, exp, rep workday.Date) {
		fx.in.Documents = append(fx.in.Documents, Document{ID: next(), Genre: disclosure.GenreRule, WrittenOn: w, PublishedOn: p, Validity: v, ExpiresOn: exp, RepealedOn: rep})
	}
	var z workday.Date
	in, rp := disclosure.ValidityInForce, disclosure.ValidityRepealed
	rule(day(y, 2, 20), day(y, 3, 1), in, z, z)                                                 // R1 made, in force
	rule(day(prev, 4, 20), day(prev, 5, 1), rp, z, day(y, 6, 30))                               // R2 repealed this year
	rule(day(y-5, 1, 1), day(y-5, 1, 10), in, z, z)                                             // R3 in force
	rule(day(y-2, 3, 1), day(y-2, 3, 5), in, day(y, 12, 31), z)                                 // R4 expires this year
	rule(day(y-2, 3, 1), day(y-2, 3, 5), in, day(y+1, 1, 1), z)                                 // R5 expires next year
	rule(day(y, 12, 20), day(y+1, 1, 5), in, z, z)                                              // R6 published next year
	rule(day(y, 6, 20), day(y, 7, 1), disclosure.ValidityAmended, z, day(y, 11, 1))             // R8 made and replaced
	rule(day(prev, 12, 28), day(y, 1, 5), in, z, z)                                             // R9 written last year, published this year
	rule(day(y-3, 1, 1), day(y-3, 1, 2), disclosure.ValidityExpired, day(prev, 12, 31), z)      // expired last year
	rule(day(y-3, 1, 1), day(y-3, 1, 2), disclosure.ValidityNotYetEffective, day(y+3, 1, 1), z) // in force (stored status is stale)
	// 行政规范性文件.
	norm := func(w, p workday.Date, v disclosure.Validity, rep workday.Date) {
		fx.in.Documents = append(fx.in.Documents, Document{ID: next(), Genre: disclosure.GenreNormative, WrittenOn: w, PublishedOn: p, Validity: v, RepealedOn: rep})
	}
	for k := range 4 {
		norm(day(y, 2+k, 1), day(y, 2+k, 3), in, z) // made this year, in force
	}
	norm(day(y, 3, 1), day(y, 3, 2), rp, day(y, 12, 1)) // made and repealed this year
	for k := range 7 {
		norm(day(y-3, 1+k, 1), day(y-3, 1+k, 5), in, z) // in force
	}
	norm(day(y-3, 1, 1), day(y-3, 1, 5), rp, day(y, 4, 1))                                                                                  // repealed this year
	norm(day(y-3, 1, 1), day(y-3, 1, 5), disclosure.ValidityExpired, day(y, 9, 9))                                                          // declared expired this year
	norm(day(y-4, 1, 1), day(y-4, 1, 5), rp, day(prev, 6, 1))                                                                               // repealed last year
	norm(workday.Date{}, day(y, 12, 31), disclosure.ValidityNotYetEffective, z)                                                             // made this year, not yet effective
	fx.in.Documents = append(fx.in.Documents, Document{ID: next(), Genre: disclosure.GenrePolicy, PublishedOn: day(y, 5, 5), Validity: in}) // not counted

	m := Manual{Licensing: 1234, Penalty: 56, Enforcement: 7, Fees: 12_350_000}
	m.Old = Manual2019{
		LicensingPrev: 80, LicensingChange: -3, OtherServicesPrev: 12, OtherServicesChange: 2, OtherServices: 345,
		PenaltyPrev: 30, PenaltyChange: 1, EnforcementPrev: 5, EnforcementChange: 0, FeesPrev: 4, FeesChange: -1,
		ProcurementProjects: 9, ProcurementAmount: 123_456_700,
	}
	fx.in.Manual = m
	if FormatFor(year) == Format2021 {
		fx.t2 = map[string][]int64{
			RowRules:       {3, 3, 5},
			RowNormative:   {6, 3, 12},
			RowLicensing:   {1234},
			RowPenalty:     {56},
			RowEnforcement: {7},
			RowFees:        {12_350_000},
		}
	} else {
		fx.t2 = map[string][]int64{
			RowRules:         {2, 3, 9},
			RowNormative:     {6, 6, 16},
			RowLicensing:     {80, -3, 1234},
			RowOtherServices: {12, 2, 345},
			RowPenalty:       {30, 1, 56},
			RowEnforcement:   {5, 0, 7},
			RowFees:          {4, -1},
			RowProcurement:   {9, 123_456_700},
		}
	}
	fx.in.Fees = FeeFacts{Count: 3, AmountFen: 15_000}
	fx.in.Ledger = LedgerFacts{Tasks: 12, Done: 10, Overdue: 1, Items: []LedgerItem{{Title: "政务公开工作要点任务分解", Status: "已完成"}, {Title: "政府信息公开指南更新", Status: "逾期未完成"}}}
	fx.in.Overview = `<p>本年度，本机关坚持以公开为常态、不公开为例外。</p><script>alert("x")</script>`
	fx.in.Problems = `<p>一是政策解读形式较单一；二是依申请公开答复规范性有待提高。</p>`
	fx.in.OtherText = `<p>本年度无其他需要报告的事项。</p>`
	return fx
}
