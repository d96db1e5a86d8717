package ledger_test

import (
	"reflect"
	"testing"

	"gongkai/internal/ledger"
	"gongkai/internal/report"
)

// TestReportFactsMatchReport keeps ledger.ReportFacts in step with
// report.LedgerFacts (the two packages do not import each other): the same
// fields with the same JSON names, and items convertible one to one.
func TestReportFactsMatchReport(t *testing.T) {
	same := func(a, b reflect.Type) {
		t.Helper()
		if a.NumField() != b.NumField() {
			t.Fatalf("%s has %d fields, %s has %d", a, a.NumField(), b, b.NumField())
		}
		for i := 0; i < a.NumField(); i++ {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Tag.Get("json") != fb.Tag.Get("json") || fa.Type.Kind() != fb.Type.Kind() {
				t.Errorf("field %d: %s %s `%s` vs %s %s `%s`", i, fa.Name, fa.Type, fa.Tag, fb.Name, fb.Type, fb.Tag)
			}
		}
	}
	same(reflect.TypeFor[ledger.ReportFacts](), reflect.TypeFor[report.LedgerFacts]())
	same(reflect.TypeFor[ledger.ReportItem](), reflect.TypeFor[report.LedgerItem]())

	f := ledger.ReportFacts{Tasks: 2, Done: 1, Overdue: 1, Items: []ledger.ReportItem{{Title: "a", Status: "已完成"}}}
	lf := report.LedgerFacts{Tasks: f.Tasks, Done: f.Done, Overdue: f.Overdue}
	for _, it := range f.Items {
		lf.Items = append(lf.Items, report.LedgerItem(it))
	}
	if lf.Items[0].Status != "已完成" {
		t.Fatal(lf)
	}
}
