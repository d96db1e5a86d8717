package workday

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The holiday-cn JSON files (one per notice year) are the reference data.
var holidayDir = filepath.Join("..", "..", "..", "shared", "data", "holiday-cn")

const firstYear, lastYear = 2019, 2026

type jsonDay struct {
	Name     string `json:"name"`
	Date     string `json:"date"`
	IsOffDay bool   `json:"isOffDay"`
}

type jsonYear struct {
	Year   int       `json:"year"`
	Papers []string  `json:"papers"`
	Days   []jsonDay `json:"days"`
}

// refData is an oracle built only from the JSON files and the weekday rule,
// independent of the package's tables.
type refData struct {
	years  map[int]jsonYear
	listed map[Date]jsonDay // merged over the notice years 2019–2026
}

func loadRef(t testing.TB) *refData {
	t.Helper()
	if _, err := os.Stat(holidayDir); err != nil {
		t.Skipf("reference data %s not available (%v); these tests need /work/shared/data/holiday-cn", holidayDir, err)
	}
	r := &refData{years: map[int]jsonYear{}, listed: map[Date]jsonDay{}}
	for y := firstYear; y <= lastYear; y++ {
		b, err := os.ReadFile(filepath.Join(holidayDir, fmt.Sprintf("%d.json", y)))
		if err != nil {
			t.Fatal(err)
		}
		var jy jsonYear
		if err := json.Unmarshal(b, &jy); err != nil {
			t.Fatalf("%d.json: %v", y, err)
		}
		if jy.Year != y || len(jy.Days) == 0 {
			t.Fatalf("%d.json: year %d, %d days", y, jy.Year, len(jy.Days))
		}
		r.years[y] = jy
		for _, d := range jy.Days {
			date := MustParseDate(d.Date)
			if prev, dup := r.listed[date]; dup && prev.IsOffDay != d.IsOffDay {
				t.Fatalf("%s listed twice with different kinds", d.Date)
			}
			r.listed[date] = d
		}
	}
	return r
}

// work is the §1.5 rule on the reference data.
func (r *refData) work(d Date) bool {
	if l, ok := r.listed[d]; ok {
		return !l.IsOffDay
	}
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// addWorkdays is the reference count, stepping with package time.
func (r *refData) addWorkdays(start Date, n int, countStartDay bool) Date {
	count := 0
	if countStartDay && r.work(start) {
		count = 1
	}
	d := start
	for count < n {
		d = DateOf(d.Time().AddDate(0, 0, 1))
		if r.work(d) {
			count++
		}
	}
	return d
}

func eachDay(from, to Date, fn func(Date)) {
	for d := from; !d.After(to); d = d.AddDays(1) {
		fn(d)
	}
}

func TestEmbeddedMatchesJSON(t *testing.T) {
	ref := loadRef(t)
	years, err := EmbeddedYears()
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, y := range years {
		got = append(got, y.Year)
	}
	if want := []int{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}; !slices.Equal(got, want) {
		t.Fatalf("embedded years %v, want %v", got, want)
	}
	for _, y := range years {
		jy := ref.years[y.Year]
		var want []Entry
		for _, d := range jy.Days {
			k := Work
			if d.IsOffDay {
				k = Off
			}
			want = append(want, Entry{MustParseDate(d.Date), k, d.Name})
		}
		sortEntries(want)
		if !slices.Equal(y.Entries, want) {
			t.Errorf("calendar/%d.txt differs from %d.json:\n got %v\nwant %v", y.Year, y.Year, y.Entries, want)
		}
		// The file cites the gov.cn notice(s) the data was taken from.
		raw, _ := calendarFiles.ReadFile(fmt.Sprintf("calendar/%d.txt", y.Year))
		for _, p := range jy.Papers {
			if !strings.Contains(string(raw), p) {
				t.Errorf("calendar/%d.txt does not cite %s", y.Year, p)
			}
		}
		if !strings.Contains(string(raw), fmt.Sprintf("国务院办公厅关于%d年部分节假日安排的通知", y.Year)) {
			t.Errorf("calendar/%d.txt does not name the notice", y.Year)
		}
	}
}

func TestIsWorkdayListedDates(t *testing.T) {
	ref := loadRef(t)
	cal := Default()
	strict := cal.WithPolicy(Refuse) // every listed date is covered, even 2018-12-29
	n := 0
	for y := firstYear; y <= lastYear; y++ {
		for _, d := range ref.years[y].Days {
			date := MustParseDate(d.Date)
			for _, c := range []*Calendar{cal, strict} {
				got, err := c.IsWorkday(date)
				if err != nil {
					t.Fatalf("%s (%s.json): %v", d.Date, fmt.Sprint(y), err)
				}
				if got != !d.IsOffDay {
					t.Errorf("%s (%d.json, %s, isOffDay=%v): IsWorkday = %v", d.Date, y, d.Name, d.IsOffDay, got)
				}
			}
			name, off, listed := cal.Holiday(date)
			if !listed || off != d.IsOffDay || name != d.Name {
				t.Errorf("Holiday(%s) = %q, %v, %v; want %q, %v, true", d.Date, name, off, listed, d.Name, d.IsOffDay)
			}
			n++
		}
	}
	if n != 31+37+38+38+34+36+33+39 {
		t.Errorf("checked %d listed dates", n)
	}
}

func TestIsWorkdayOrdinaryDays(t *testing.T) {
	ref := loadRef(t)
	cal := Default().WithPolicy(Refuse)
	checked, listedInRange := 0, 0
	eachDay(MustParseDate("2019-01-01"), MustParseDate("2026-12-31"), func(d Date) {
		if _, listed := ref.listed[d]; listed {
			listedInRange++
			return
		}
		got, err := cal.IsWorkday(d)
		if err != nil {
			t.Fatalf("%v: %v", d, err)
		}
		wd := d.Time().Weekday()
		if want := wd != time.Saturday && wd != time.Sunday; got != want {
			t.Errorf("%v (%v, not listed): IsWorkday = %v, want %v", d, wd, got, want)
		}
		if _, _, listed := cal.Holiday(d); listed {
			t.Errorf("Holiday(%v) says listed", d)
		}
		checked++
	})
	if total := 8*365 + 2; checked+listedInRange != total || checked < 2600 {
		t.Errorf("checked %d ordinary + %d listed days, want %d in all", checked, listedInRange, total)
	}
}

func TestKnownYears(t *testing.T) {
	cal := Default()
	if got := cal.Years(); !slices.Equal(got, []int{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}) {
		t.Errorf("Years() = %v", got)
	}
	for y, want := range map[int]bool{2018: false, 2019: true, 2026: true, 2027: false, 2030: false} {
		if cal.Known(y) != want {
			t.Errorf("Known(%d) = %v", y, !want)
		}
	}
	// 2018-12-29…31 belong to the 2019 notice; the rest of 2018 is unknown.
	strict := cal.WithPolicy(Refuse)
	for _, tc := range []struct {
		date    string
		work    bool
		unknown bool
	}{
		{"2018-12-28", false, true},
		{"2018-12-29", true, false}, // Saturday, 调休上班
		{"2018-12-30", false, false},
		{"2018-12-31", false, false}, // Monday, 元旦
		{"2019-01-02", true, false},
		{"2022-12-31", false, false}, // in the 2023 notice; 2022 is known anyway
		{"2026-12-31", true, false},
		{"2027-01-01", false, true}, // 元旦 2027, but no notice loaded yet
	} {
		d := MustParseDate(tc.date)
		got, err := strict.IsWorkday(d)
		if tc.unknown {
			var ue *UnknownYearError
			if !errors.As(err, &ue) || ue.Year != d.Year || !errors.Is(err, ErrUnknownYear) {
				t.Errorf("Refuse: IsWorkday(%s) = %v, %v; want UnknownYearError{%d}", tc.date, got, err, d.Year)
			}
		} else if err != nil || got != tc.work {
			t.Errorf("Refuse: IsWorkday(%s) = %v, %v; want %v", tc.date, got, err, tc.work)
		}
		wantLoose := tc.work
		if tc.unknown {
			wantLoose = d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		}
		if got, err := cal.IsWorkday(d); err != nil || got != wantLoose {
			t.Errorf("WeekendsOnly: IsWorkday(%s) = %v, %v; want %v", tc.date, got, err, wantLoose)
		}
	}
}

// The worked examples in LEGAL.md §7 (computed there from the data).
func TestLegalWorkedExamples(t *testing.T) {
	cal := Default()
	type tc struct {
		start         string
		countStartDay bool
		days          []string // expected working days 1, 2, …
		nth           map[int]string
	}
	cases := []tc{
		{ // "Received Fri 2025-09-26 … 7th is 2025-10-13; the 20th is 2025-10-30"
			start: "2025-09-26",
			days:  []string{"2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14"},
			nth:   map[int]string{7: "2025-10-13", 20: "2025-10-30"},
		},
		{ // "Received Tue 2026-02-10 … the 20th working day is 2026-03-16"
			start: "2026-02-10",
			days:  []string{"2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25"},
			nth:   map[int]string{20: "2026-03-16"},
		},
		{ // Received on Sunday 2025-09-28, itself a 调休 working day.
			start: "2025-09-28",
			nth:   map[int]string{1: "2025-09-29", 20: "2025-10-31"},
		},
		{ // …counting the day of receipt: the same sequence as the 09-26 example.
			start: "2025-09-28", countStartDay: true,
			days: []string{"2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09"},
			nth:  map[int]string{20: "2025-10-30"},
		},
		{ // Counting the day of receipt when it is a rest day changes nothing.
			start: "2025-10-01", countStartDay: true,
			nth: map[int]string{1: "2025-10-09", 20: "2025-11-04"},
		},
		{
			start: "2025-10-01",
			nth:   map[int]string{1: "2025-10-09", 20: "2025-11-04"},
		},
		{ // Counting the day of receipt on an ordinary working day.
			start: "2026-02-10", countStartDay: true,
			nth: map[int]string{1: "2026-02-10", 4: "2026-02-13", 5: "2026-02-14", 20: "2026-03-13"},
		},
	}
	for _, c := range cases {
		start := MustParseDate(c.start)
		for i, want := range c.days {
			if got, err := cal.AddWorkdays(start, i+1, c.countStartDay); err != nil || got.String() != want {
				t.Errorf("AddWorkdays(%s, %d, %v) = %v, %v; want %s", c.start, i+1, c.countStartDay, got, err, want)
			}
		}
		for n, want := range c.nth {
			if got, err := cal.AddWorkdays(start, n, c.countStartDay); err != nil || got.String() != want {
				t.Errorf("AddWorkdays(%s, %d, %v) = %v, %v; want %s", c.start, n, c.countStartDay, got, err, want)
			}
		}
	}
}

// Every start day of 2019-01-01…2026-11-30, both conventions, against the
// reference count built from the JSON data.
func TestAddWorkdaysAgainstData(t *testing.T) {
	ref := loadRef(t)
	cal := Default().WithPolicy(Refuse)
	eachDay(MustParseDate("2019-01-01"), MustParseDate("2026-11-30"), func(start Date) {
		for _, n := range []int{1, 7, 15, 20} {
			for _, csd := range []bool{false, true} {
				want := ref.addWorkdays(start, n, csd)
				got, err := cal.AddWorkdays(start, n, csd)
				if err != nil || got != want {
					t.Fatalf("AddWorkdays(%v, %d, %v) = %v, %v; want %v", start, n, csd, got, err, want)
				}
				if back := cal.WorkdaysBetween(start, got); !csd && back != n {
					t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", start, got, back, n)
				}
			}
		}
	})
}

// Around every holiday with 调休 weekend days: starts from ten days before
// the first listed day to three days after the last, n = 1…25.
func TestAddWorkdaysAroundHolidays(t *testing.T) {
	ref := loadRef(t)
	cal := Default()
	type key struct {
		year int
		name string
	}
	spans := map[key][2]Date{}
	for y := firstYear; y <= lastYear; y++ {
		for _, d := range ref.years[y].Days {
			k, date := key{y, d.Name}, MustParseDate(d.Date)
			s, ok := spans[k]
			if !ok {
				s = [2]Date{date, date}
			}
			if date.Before(s[0]) {
				s[0] = date
			}
			if date.After(s[1]) {
				s[1] = date
			}
			spans[k] = s
		}
	}
	makeup := 0
	for k, s := range spans {
		eachDay(s[0].AddDays(-10), s[1].AddDays(3), func(start Date) {
			for n := 1; n <= 25; n++ {
				for _, csd := range []bool{false, true} {
					want := ref.addWorkdays(start, n, csd)
					got, err := cal.AddWorkdays(start, n, csd)
					if err != nil || got != want {
						t.Fatalf("%v: AddWorkdays(%v, %d, %v) = %v, %v; want %v", k, start, n, csd, got, err, want)
					}
				}
			}
		})
		for d := s[0]; !d.After(s[1]); d = d.AddDays(1) {
			wd := d.Weekday()
			if l, ok := ref.listed[d]; ok && !l.IsOffDay && (wd == time.Saturday || wd == time.Sunday) {
				makeup++
			}
		}
	}
	if len(spans) < 50 || makeup < 40 {
		t.Errorf("only %d holidays and %d 调休 weekend days exercised", len(spans), makeup)
	}
}

func TestAddWorkdaysArguments(t *testing.T) {
	cal := Default()
	for _, n := range []int{0, -1, MaxWorkdays + 1} {
		if _, err := cal.AddWorkdays(MustParseDate("2025-09-26"), n, false); err == nil {
			t.Errorf("n = %d accepted", n)
		}
	}
	if _, err := cal.AddWorkdays(MustParseDate("2025-09-26"), MaxWorkdays, false); err != nil {
		t.Errorf("n = MaxWorkdays rejected: %v", err)
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := Default()
	cases := []struct {
		from, to string
		want     int
	}{
		{"2025-09-26", "2025-10-30", 20},
		{"2025-09-30", "2025-10-08", 0}, // the whole 国庆 break
		{"2025-09-30", "2025-10-09", 1},
		{"2026-02-13", "2026-02-14", 1}, // 调休 Saturday
		{"2025-10-30", "2025-09-26", 0}, // reversed
		{"2025-10-30", "2025-10-30", 0},
		{"2024-12-31", "2025-12-31", 248},
	}
	for _, tc := range cases {
		if got := cal.WorkdaysBetween(MustParseDate(tc.from), MustParseDate(tc.to)); got != tc.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestNextWorkday(t *testing.T) {
	ref := loadRef(t)
	cal := Default()
	eachDay(MustParseDate("2019-01-01"), MustParseDate("2026-12-20"), func(d Date) {
		want := ref.addWorkdays(d, 1, false)
		if got := cal.NextWorkday(d); got != want {
			t.Fatalf("NextWorkday(%v) = %v, want %v", d, got, want)
		}
		wantOn := want
		if ref.work(d) {
			wantOn = d
		}
		if got := cal.WorkdayOnOrAfter(d); got != wantOn {
			t.Fatalf("WorkdayOnOrAfter(%v) = %v, want %v", d, got, wantOn)
		}
	})
	if got := cal.NextWorkday(MustParseDate("2025-09-26")); got.String() != "2025-09-28" {
		t.Errorf("NextWorkday(2025-09-26) = %v, want the 调休 Sunday 2025-09-28", got)
	}
}

func TestUnknownYearPolicy(t *testing.T) {
	loose := Default()
	strict := loose.WithPolicy(Refuse)
	if loose.Policy() != WeekendsOnly || strict.Policy() != Refuse || Default().Policy() != WeekendsOnly {
		t.Fatal("policies mixed up")
	}
	// 2030-10-01 is a Tuesday: a working day by the weekday rule, since the
	// 2030 notice is not loaded.
	d := MustParseDate("2030-10-01")
	if got, err := loose.IsWorkday(d); err != nil || !got {
		t.Errorf("WeekendsOnly: IsWorkday(2030-10-01) = %v, %v", got, err)
	}
	if got, err := loose.IsWorkday(MustParseDate("2030-10-05")); err != nil || got {
		t.Errorf("WeekendsOnly: IsWorkday(2030-10-05, Saturday) = %v, %v", got, err)
	}
	if got, err := loose.AddWorkdays(MustParseDate("2030-09-27"), 20, false); err != nil || got.String() != "2030-10-25" {
		t.Errorf("WeekendsOnly: AddWorkdays(2030-09-27, 20) = %v, %v", got, err)
	}
	want := []string{"2030年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"}
	if got := loose.Warnings(MustParseDate("2030-09-27"), MustParseDate("2030-10-25")); !slices.Equal(got, want) {
		t.Errorf("Warnings = %q, want %q", got, want)
	}

	_, err := strict.IsWorkday(d)
	var ue *UnknownYearError
	if !errors.As(err, &ue) || ue.Year != 2030 || !strings.Contains(err.Error(), "2030年的节假日安排尚未载入") {
		t.Errorf("Refuse: IsWorkday(2030-10-01) error = %v", err)
	}
	if _, err := strict.AddWorkdays(MustParseDate("2030-09-27"), 20, false); !errors.Is(err, ErrUnknownYear) {
		t.Errorf("Refuse: AddWorkdays in 2030: %v", err)
	}
	if _, err := strict.Explain(MustParseDate("2030-09-27"), 20, false); !errors.Is(err, ErrUnknownYear) {
		t.Errorf("Refuse: Explain in 2030: %v", err)
	}
	if got := strict.Warnings(d, d); !slices.Equal(got, []string{"2030年的法定节假日安排尚未录入，无法计算期限，请先录入该年的国务院办公厅通知"}) {
		t.Errorf("Refuse: Warnings = %q", got)
	}
	// Crossing from a known year into an unknown one.
	start := MustParseDate("2026-12-10")
	if _, err := strict.AddWorkdays(start, 20, false); !errors.As(err, &ue) || ue.Year != 2027 {
		t.Errorf("Refuse: AddWorkdays(2026-12-10, 20) error = %v, want 2027 unknown", err)
	}
	if got, err := loose.AddWorkdays(start, 20, false); err != nil || got.String() != "2027-01-07" {
		t.Errorf("WeekendsOnly: AddWorkdays(2026-12-10, 20) = %v, %v", got, err)
	}
	// …while a count that stays inside 2026 is fine under Refuse.
	if got, err := strict.AddWorkdays(start, 5, false); err != nil || got.String() != "2026-12-17" {
		t.Errorf("Refuse: AddWorkdays(2026-12-10, 5) = %v, %v", got, err)
	}

	for _, s := range []string{"weekends_only", "refuse"} {
		p, err := ParseUnknownYearPolicy(s)
		if err != nil || p.String() != s {
			t.Errorf("ParseUnknownYearPolicy(%q) = %v, %v", s, p, err)
		}
	}
	if _, err := ParseUnknownYearPolicy("weekends"); err == nil {
		t.Error("unknown setting value accepted")
	}
}

func TestWarnings(t *testing.T) {
	cal := Default()
	cases := []struct {
		from, to string
		want     []string
	}{
		{"2025-09-26", "2025-10-30", nil},
		{"2018-12-29", "2018-12-31", nil}, // covered by the 2019 notice
		{"2018-12-28", "2019-01-10", []string{"2018年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"}},
		{"2026-12-10", "2027-01-07", []string{"2027年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"}},
		{"2027-01-07", "2026-12-10", []string{"2027年的法定节假日安排尚未录入，期限按双休日计算，仅供参考"}},
		{"2026-12-01", "2026-12-28", []string{"2027年的法定节假日安排尚未录入，2026年12月下旬如有元旦调休尚未计入，期限仅供参考"}},
		{"2026-12-01", "2026-12-19", nil},
		{"2025-12-01", "2025-12-31", nil}, // 2026 notice loaded
		{"2016-05-01", "2031-01-01", []string{
			"2016年至2018年的法定节假日安排尚未录入，期限按双休日计算，仅供参考",
			"2027年至2031年的法定节假日安排尚未录入，期限按双休日计算，仅供参考",
		}},
	}
	for _, tc := range cases {
		got := cal.Warnings(MustParseDate(tc.from), MustParseDate(tc.to))
		if !slices.Equal(got, tc.want) {
			t.Errorf("Warnings(%s, %s) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestCalendarWith(t *testing.T) {
	base := Default()
	y2027 := YearData{2027, []Entry{
		{MustParseDate("2026-12-31"), Off, "元旦"}, // a made-up year-end break
		{MustParseDate("2027-01-01"), Off, "元旦"},
		{MustParseDate("2027-01-02"), Work, "元旦"},
	}}
	cal, err := base.With(y2027)
	if err != nil {
		t.Fatal(err)
	}
	if !cal.Known(2027) || base.Known(2027) {
		t.Fatal("With must return a new calendar and leave the old one alone")
	}
	for date, want := range map[string]bool{"2026-12-31": false, "2027-01-01": false, "2027-01-02": true, "2027-01-03": false, "2027-01-04": true} {
		got, err := cal.WithPolicy(Refuse).IsWorkday(MustParseDate(date))
		if err != nil || got != want {
			t.Errorf("with 2027: IsWorkday(%s) = %v, %v; want %v", date, got, err, want)
		}
	}
	if got, _ := base.IsWorkday(MustParseDate("2026-12-31")); !got {
		t.Error("base calendar changed")
	}

	// Replacing a loaded notice: the new data wins completely.
	fixed := YearData{2027, []Entry{{MustParseDate("2027-01-01"), Off, "元旦"}}}
	cal2, err := cal.With(fixed)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cal2.IsWorkday(MustParseDate("2026-12-31")); !got {
		t.Error("replaced notice still marks 2026-12-31 off")
	}
	if n, ok := cal2.Notice(2027); !ok || len(n.Entries) != 1 {
		t.Errorf("Notice(2027) = %+v, %v", n, ok)
	}

	// Two notices listing the same date: the newer one wins, whatever the order.
	y1 := YearData{2030, []Entry{{MustParseDate("2030-12-30"), Work, "甲"}}}
	y2 := YearData{2031, []Entry{{MustParseDate("2030-12-30"), Off, "乙"}}}
	for _, order := range [][]YearData{{y1, y2}, {y2, y1}} {
		c, err := NewCalendar(order...)
		if err != nil {
			t.Fatal(err)
		}
		if name, off, _ := c.Holiday(MustParseDate("2030-12-30")); name != "乙" || !off {
			t.Errorf("overlap: Holiday = %q, %v; want the 2031 notice", name, off)
		}
	}

	if _, err := NewCalendar(y1, y1); err == nil {
		t.Error("duplicate notice year accepted")
	}
	if _, err := base.With(YearData{2027, nil}); err == nil {
		t.Error("empty notice accepted")
	}
	empty, err := NewCalendar()
	if err != nil || len(empty.Years()) != 0 {
		t.Fatal(err)
	}
	if got, err := empty.IsWorkday(MustParseDate("2025-10-01")); err != nil || !got {
		t.Errorf("empty calendar: IsWorkday(2025-10-01) = %v, %v; want weekday rule", got, err)
	}
}

func TestPublishDeadline(t *testing.T) {
	cases := []struct{ made, want string }{
		{"2025-09-26", "2025-10-30"},
		{"2026-02-10", "2026-03-16"},
		{"2025-09-28", "2025-10-31"}, // the day of making is not counted
	}
	for _, tc := range cases {
		for _, cal := range []*Calendar{nil, Default()} {
			got, err := PublishDeadline(cal, MustParseDate(tc.made))
			if err != nil || got.String() != tc.want {
				t.Errorf("PublishDeadline(%s) = %v, %v; want %s", tc.made, got, err, tc.want)
			}
		}
	}
	if _, err := PublishDeadline(Default().WithPolicy(Refuse), MustParseDate("2030-01-10")); !errors.Is(err, ErrUnknownYear) {
		t.Errorf("PublishDeadline in 2030 under Refuse: %v", err)
	}
}
