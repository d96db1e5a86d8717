package workday

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	ok := []struct {
		in   string
		want Date
	}{
		{"2025-09-28", Date{2025, time.September, 28}},
		{"2024-02-29", Date{2024, time.February, 29}},
		{"2000-02-29", Date{2000, time.February, 29}},
		{"0001-01-01", Date{1, time.January, 1}},
		{"9999-12-31", Date{9999, time.December, 31}},
	}
	for _, tc := range ok {
		got, err := ParseDate(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if got.String() != tc.in {
			t.Errorf("String() = %q, want %q", got.String(), tc.in)
		}
	}

	bad := []struct {
		in, msg string // msg: a fragment the error must contain
	}{
		{"2025-02-30", "2025年2月只有28天"},
		{"2025-02-29", "2025年2月只有28天"},
		{"1900-02-29", "1900年2月只有28天"},
		{"2025-04-31", "2025年4月只有30天"},
		{"2025-13-01", "月份应为01至12"},
		{"2025-00-10", "月份应为01至12"},
		{"2025-01-00", "2025年1月只有31天"},
		{"0000-01-01", "年份应在0001至9999之间"},
		{"2025-9-28", "格式不正确"},
		{"2025/09/28", "格式不正确"},
		{"20250928", "格式不正确"},
		{" 2025-09-28", "格式不正确"},
		{"2025-09-28 ", "格式不正确"},
		{"2025-09-2x", "格式不正确"},
		{"+025-09-28", "格式不正确"},
		{"２０２５-09-28", "格式不正确"},
		{"", "格式不正确"},
	}
	for _, tc := range bad {
		_, err := ParseDate(tc.in)
		if err == nil {
			t.Errorf("ParseDate(%q) accepted an invalid date", tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseDate(%q) error %q does not mention %q", tc.in, err, tc.msg)
		}
	}
}

// The day-number arithmetic must agree with package time everywhere.
func TestDayNumberMatchesTime(t *testing.T) {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC)
	for tm := start; tm.Before(end); tm = tm.AddDate(0, 0, 1) {
		d := Date{tm.Year(), tm.Month(), tm.Day()}
		dn := d.dayNumber()
		if want := int(tm.Unix() / 86400); dn != want {
			t.Fatalf("%v: dayNumber %d, want %d", d, dn, want)
		}
		if back := fromDayNumber(dn); back != d {
			t.Fatalf("fromDayNumber(%d) = %v, want %v", dn, back, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v: Weekday %v, want %v", d, d.Weekday(), tm.Weekday())
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustParseDate("2024-12-31")
	cases := []struct {
		n    int
		want string
	}{
		{0, "2024-12-31"}, {1, "2025-01-01"}, {-366, "2023-12-31"}, {60, "2025-03-01"}, {-1, "2024-12-30"},
	}
	for _, tc := range cases {
		got := d.AddDays(tc.n)
		if got.String() != tc.want {
			t.Errorf("AddDays(%d) = %v, want %s", tc.n, got, tc.want)
		}
		if d.DaysUntil(got) != tc.n {
			t.Errorf("DaysUntil(%v) = %d, want %d", got, d.DaysUntil(got), tc.n)
		}
	}
	// Invalid dates are normalised the way time.Date does.
	if got := (Date{2025, time.February, 30}).AddDays(0); got != MustParseDate("2025-03-02") {
		t.Errorf("normalising 2025-02-30 gave %v", got)
	}

	a, b := MustParseDate("2025-09-28"), MustParseDate("2025-10-01")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare wrong")
	}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Before(a) {
		t.Error("Before/After wrong")
	}
	if MustParseDate("2024-12-31").Compare(MustParseDate("2025-01-01")) != -1 {
		t.Error("Compare across years wrong")
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero wrong")
	}
	if got := a.Weekday(); got != time.Sunday {
		t.Errorf("2025-09-28 is a %v, want Sunday", got)
	}
}

func TestDateChinese(t *testing.T) {
	d := MustParseDate("2025-09-28")
	if got := d.Chinese(); got != "9月28日" {
		t.Errorf("Chinese() = %q", got)
	}
	if got := d.ChineseFull(); got != "2025年9月28日" {
		t.Errorf("ChineseFull() = %q", got)
	}
}

func TestDateOfAndTime(t *testing.T) {
	cases := []struct {
		utc  string
		want string
	}{
		{"2025-09-27T15:59:59Z", "2025-09-27"},
		{"2025-09-27T16:00:00Z", "2025-09-28"}, // midnight in Beijing
		{"2025-12-31T16:30:00Z", "2026-01-01"},
	}
	for _, tc := range cases {
		tm, err := time.Parse(time.RFC3339, tc.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateOf(tm).String(); got != tc.want {
			t.Errorf("DateOf(%s) = %s, want %s", tc.utc, got, tc.want)
		}
	}
	d := MustParseDate("2025-09-28")
	tm := d.Time()
	if got := tm.UTC().Format(time.RFC3339); got != "2025-09-27T16:00:00Z" {
		t.Errorf("Time() = %s (UTC), want 2025-09-27T16:00:00Z", got)
	}
	if DateOf(tm) != d {
		t.Errorf("DateOf(Time()) = %v, want %v", DateOf(tm), d)
	}
	if _, off := tm.Zone(); off != 8*3600 {
		t.Errorf("zone offset %d, want UTC+8", off)
	}
}

func TestDateText(t *testing.T) {
	type doc struct {
		Received Date `json:"received"`
		Replied  Date `json:"replied"`
	}
	in := doc{Received: MustParseDate("2025-09-28")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"received":"2025-09-28","replied":""}` {
		t.Errorf("Marshal = %s", b)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("Unmarshal = %+v, %v; want %+v", out, err, in)
	}
	if err := json.Unmarshal([]byte(`{"received":"2025-02-30"}`), &out); err == nil {
		t.Error("Unmarshal accepted 2025-02-30")
	}
}
