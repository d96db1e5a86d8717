package workday

import (
	"slices"
	"strings"
	"testing"
)

// A 2027 notice as staff would load it (invented dates, shaped like a real notice).
const file2027 = `# 2027年部分节假日安排
2027-01-01 off 元旦
2027-02-06 off 春节
2027-02-07 off 春节
2027-02-08 off 春节
2027-02-09 off 春节
2027-02-10 off 春节
2027-02-11 off 春节
2027-02-12 off 春节
2027-02-13 work 春节
2027-02-20 work 春节
`

func mustParse(t *testing.T, year int, s string) YearData {
	t.Helper()
	y, err := ParseCalendarFile(year, strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return y
}

func TestMerge(t *testing.T) {
	y2027 := mustParse(t, 2027, file2027)
	// A replacement for 2026 that makes 2026-03-02 (a Monday) a rest day.
	y2026 := mustParse(t, 2026, "2026-03-02 off 测试\n")
	for _, tc := range []struct {
		name     string
		loaded   []LoadedYear
		used     []int
		date     string
		workday  bool
		known    []int // years that must be Known
		warnFrom string
		warnTo   string
		warnings int
	}{
		{name: "nothing loaded", date: "2027-02-08", workday: true, warnFrom: "2027-01-25", warnTo: "2027-02-25", warnings: 1},
		{name: "a new year is added", loaded: []LoadedYear{{Data: y2027}}, used: []int{2027},
			date: "2027-02-08", workday: false, known: []int{2026, 2027}, warnFrom: "2027-01-25", warnTo: "2027-02-25"},
		{name: "a weekend working day of the new year", loaded: []LoadedYear{{Data: y2027}}, used: []int{2027},
			date: "2027-02-13", workday: true, warnFrom: "2026-12-10", warnTo: "2027-01-07"},
		{name: "an embedded year is not replaced without Replace", loaded: []LoadedYear{{Data: y2026}},
			date: "2026-03-02", workday: true, known: []int{2026}},
		{name: "an embedded year replaced explicitly", loaded: []LoadedYear{{Data: y2026, Replace: true}}, used: []int{2026},
			date: "2026-03-02", workday: false, known: []int{2026}},
		{name: "the replaced year loses its old listings", loaded: []LoadedYear{{Data: y2026, Replace: true}}, used: []int{2026},
			date: "2026-02-16", workday: true},
		{name: "other embedded years stay", loaded: []LoadedYear{{Data: y2026, Replace: true}, {Data: y2027}}, used: []int{2026, 2027},
			date: "2025-10-01", workday: false, known: []int{2019, 2025, 2027}},
		{name: "year after the loaded one is still unknown", loaded: []LoadedYear{{Data: y2027}}, used: []int{2027},
			date: "2028-01-03", workday: true, warnFrom: "2027-12-20", warnTo: "2028-01-20", warnings: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, used, err := Merge(Default(), tc.loaded)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(used, tc.used) {
				t.Errorf("used = %v, want %v", used, tc.used)
			}
			got, err := c.IsWorkday(MustParseDate(tc.date))
			if err != nil || got != tc.workday {
				t.Errorf("IsWorkday(%s) = %v, %v; want %v", tc.date, got, err, tc.workday)
			}
			for _, y := range tc.known {
				if !c.Known(y) {
					t.Errorf("%d not known", y)
				}
			}
			if tc.warnFrom != "" {
				w := c.Warnings(MustParseDate(tc.warnFrom), MustParseDate(tc.warnTo))
				if len(w) != tc.warnings {
					t.Errorf("Warnings(%s, %s) = %q, want %d", tc.warnFrom, tc.warnTo, w, tc.warnings)
				}
			}
		})
	}
	// Default is shared and immutable: merging never changes it.
	if Default().Known(2027) {
		t.Fatal("Merge changed Default()")
	}
	if _, _, err := Merge(Default(), []LoadedYear{{Data: YearData{Year: 2027}}}); err == nil {
		t.Error("an empty loaded year was accepted")
	}
}

// TestUnknownYearPolicyAfterMerge: the setting calendar.unknown_year decides what happens past the
// loaded data, for the merged calendar as for the embedded one.
func TestUnknownYearPolicyAfterMerge(t *testing.T) {
	merged, _, err := Merge(Default(), []LoadedYear{{Data: mustParse(t, 2027, file2027)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		policy  string
		start   string
		n       int
		want    string // "" = an UnknownYearError
		warning string
	}{
		// Inside the loaded 2027: the same under both policies, no warning. Hand count: 1-29, 2-1…2-5
		// (2–6), 2-6…2-12 off, Saturday 2-13 a working day (7), 2-15, 2-16, 2-17 (8–10).
		{"weekends_only", "2027-01-28", 10, "2027-02-17", ""},
		{"refuse", "2027-01-28", 10, "2027-02-17", ""},
		// Into 2028, which nobody loaded.
		{"weekends_only", "2027-12-20", 20, "2028-01-17", "2028年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"},
		{"refuse", "2027-12-20", 20, "", "2028年的法定节假日安排尚未录入，无法计算期限，请先录入该年的国务院办公厅通知"},
	} {
		p, err := ParseUnknownYearPolicy(tc.policy)
		if err != nil {
			t.Fatal(err)
		}
		c := merged.WithPolicy(p)
		start := MustParseDate(tc.start)
		got, err := c.AddWorkdays(start, tc.n, false)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("%s: AddWorkdays(%s, %d) = %s, want an unknown-year error", tc.policy, tc.start, tc.n, got)
		case tc.want != "" && (err != nil || got.String() != tc.want):
			t.Errorf("%s: AddWorkdays(%s, %d) = %s, %v; want %s", tc.policy, tc.start, tc.n, got, err, tc.want)
		}
		end := start.AddDays(40)
		w := c.Warnings(start, end)
		if tc.warning == "" && len(w) != 0 || tc.warning != "" && !slices.Contains(w, tc.warning) {
			t.Errorf("%s: Warnings(%s, %s) = %q, want %q", tc.policy, start, end, w, tc.warning)
		}
	}
}
