package report

import (
	"testing"

	"gongkai/internal/request"
	"gongkai/internal/workday"
)

func TestAggregate(t *testing.T) {
	d := workday.MustParseDate
	a := Compute("临江市财政局", 2025, Inputs{Applications: []Application{
		{ID: 1, Kind: request.NaturalPerson, ReceivedOn: d("2025-03-01"), EndedOn: d("2025-03-20"), Row: "三(一)"},
		{ID: 2, Kind: request.Company, ReceivedOn: d("2025-12-25")},
	}})
	b := Compute("东湖县人民政府", 2025, Inputs{Applications: []Application{
		{ID: 3, Kind: request.NaturalPerson, ReceivedOn: d("2025-05-01"), EndedOn: d("2025-05-20"), Row: "三(二)"},
	}, Appeals: []Appeal{{ID: 9, Kind: request.AppealReview, FiledOn: d("2025-06-01"), Outcome: request.OutcomeUpheld, DecidedOn: d("2025-08-01")}}})
	old := Compute("某局", 2024, Inputs{})
	sum, skipped := Aggregate("临江市", 2025, []Report{a, b, old})
	if len(skipped) != 1 {
		t.Fatalf("skipped %d", len(skipped))
	}
	cell := func(row string, col int) int { return sum.Table3.Cells[sum.Format.RowIndex(row)][col-1] }
	if cell("一", 1) != 2 || cell("一", 2) != 1 || cell("一", 7) != 3 || cell("三(七)", 7) != 2 || cell("四", 7) != 1 {
		t.Fatalf("sums: 一 %d/%d/%d 三(七) %d 四 %d", cell("一", 1), cell("一", 2), cell("一", 7), cell("三(七)", 7), cell("四", 7))
	}
	if sum.Table4.Cells[0] != 1 {
		t.Fatalf("table 四: %v", sum.Table4.Cells)
	}
	if ids := sum.Records(Ref{Table: "三", Row: "一", Col: 1}); len(ids) != 2 || ids[0] != 1 || ids[1] != 3 {
		t.Fatalf("records behind 一/自然人: %v", ids)
	}
	for _, p := range Check(sum, nil) {
		if p.Severity == Error {
			t.Errorf("aggregate fails its own checks: %s", p.Message)
		}
	}
}
