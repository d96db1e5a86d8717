package store

import (
	"strings"
	"testing"

	"gongkai/internal/search"
)

func TestPGTSQueryAnd(t *testing.T) {
	for _, c := range []struct{ q, tsq, and string }{
		{"预算", "('预算')", "'预算'"},
		{"人民政府", "('人民' <-> '民政' <-> '政府')", "'人民' & '民政' & '政府'"},
		{"title:预算 预算执行 -债务", "('预算':A) & ('预算' <-> '算执' <-> '执行') & !('债务')", "'预算' & '算执' & '执行'"},
		{"-债务", "", ""},
	} {
		q, err := search.ParseQuery(c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := pgTSQuery(q); got != c.tsq {
			t.Errorf("pgTSQuery(%q) = %q, want %q", c.q, got, c.tsq)
		}
		if got := pgTSQueryAnd(q); got != c.and {
			t.Errorf("pgTSQueryAnd(%q) = %q, want %q", c.q, got, c.and)
		}
	}
	where, args, err := DocumentFilter{Public: true}.where()
	if err != nil {
		t.Fatal(err)
	}
	if !pgPublicOnly(strings.Replace(where, " WHERE ", " AND ", 1), args) {
		t.Errorf("the public filter %q is not recognised", where)
	}
	if !pgPublicOnly(" AND state = 'published'", nil) || pgPublicOnly(" AND state = 'published' AND genre = ?", []any{"x"}) {
		t.Error("pgPublicOnly")
	}
}
