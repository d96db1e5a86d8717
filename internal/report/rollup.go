package report

import "sort"

// Aggregate adds up the reports of several organisations of one year (a government's area: its
// departments, lower governments and their departments) into one report with the same tables.
// Texts are not combined; record lists are merged, so every cell still leads to its records.
// Reports of another year or format are skipped and returned as skipped.
func Aggregate(name string, year int, reports []Report) (Report, []Report) {
	out := Report{Org: name, Year: year, Format: FormatFor(year), Sources: map[Ref][]int64{}}
	for _, g := range out.Format.Groups2() {
		for _, row := range g.Rows {
			out.Table2.Rows = append(out.Table2.Rows, Row2{ID: row.ID, Cells: make([]int64, len(g.Columns))})
		}
	}
	var skipped []Report
	for _, r := range reports {
		if r.Year != year || r.Format != out.Format {
			skipped = append(skipped, r)
			continue
		}
		for i := range r.Table3.Cells {
			for j := range r.Table3.Cells[i] {
				out.Table3.Cells[i][j] += r.Table3.Cells[i][j]
			}
		}
		for i := range r.Table4.Cells {
			out.Table4.Cells[i] += r.Table4.Cells[i]
		}
		for i, row := range r.Table2.Rows {
			if i < len(out.Table2.Rows) && out.Table2.Rows[i].ID == row.ID {
				for j, v := range row.Cells {
					if j < len(out.Table2.Rows[i].Cells) {
						out.Table2.Rows[i].Cells[j] += v
					}
				}
			}
		}
		out.Other.Fees.Count += r.Other.Fees.Count
		out.Other.Fees.AmountFen += r.Other.Fees.AmountFen
		out.Other.Ledger.Tasks += r.Other.Ledger.Tasks
		out.Other.Ledger.Done += r.Other.Ledger.Done
		out.Other.Ledger.Overdue += r.Other.Ledger.Overdue
		out.Anomalies = append(out.Anomalies, r.Anomalies...)
		for ref, ids := range r.Sources {
			out.Sources[ref] = append(out.Sources[ref], ids...)
		}
	}
	for ref := range out.Sources {
		ids := out.Sources[ref]
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	}
	return out, skipped
}
