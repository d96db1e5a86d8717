package request

import (
	"strings"
	"testing"
	"time"

	"gongkai/internal/workday"
)

// refCSV is LEGAL.md §7.2's date list for 2025 and 2026 (date,kind,weekday,name),
// copied verbatim. The tests use it as an oracle independent of package
// workday's embedded data: a date is a working day iff it is listed "work",
// or it is Monday–Friday and not listed "off" (LEGAL.md §1.5).
const refCSV = `
# file 2025.json
2025-01-01,off,Wed,元旦
2025-01-26,work,Sun,春节
2025-01-28,off,Tue,春节
2025-01-29,off,Wed,春节
2025-01-30,off,Thu,春节
2025-01-31,off,Fri,春节
2025-02-01,off,Sat,春节
2025-02-02,off,Sun,春节
2025-02-03,off,Mon,春节
2025-02-04,off,Tue,春节
2025-02-08,work,Sat,春节
2025-04-04,off,Fri,清明节
2025-04-05,off,Sat,清明节
2025-04-06,off,Sun,清明节
2025-04-27,work,Sun,劳动节
2025-05-01,off,Thu,劳动节
2025-05-02,off,Fri,劳动节
2025-05-03,off,Sat,劳动节
2025-05-04,off,Sun,劳动节
2025-05-05,off,Mon,劳动节
2025-05-31,off,Sat,端午节
2025-06-01,off,Sun,端午节
2025-06-02,off,Mon,端午节
2025-09-28,work,Sun,国庆节、中秋节
2025-10-01,off,Wed,国庆节、中秋节
2025-10-02,off,Thu,国庆节、中秋节
2025-10-03,off,Fri,国庆节、中秋节
2025-10-04,off,Sat,国庆节、中秋节
2025-10-05,off,Sun,国庆节、中秋节
2025-10-06,off,Mon,国庆节、中秋节
2025-10-07,off,Tue,国庆节、中秋节
2025-10-08,off,Wed,国庆节、中秋节
2025-10-11,work,Sat,国庆节、中秋节
# file 2026.json
2026-01-01,off,Thu,元旦
2026-01-02,off,Fri,元旦
2026-01-03,off,Sat,元旦
2026-01-04,work,Sun,元旦
2026-02-14,work,Sat,春节
2026-02-15,off,Sun,春节
2026-02-16,off,Mon,春节
2026-02-17,off,Tue,春节
2026-02-18,off,Wed,春节
2026-02-19,off,Thu,春节
2026-02-20,off,Fri,春节
2026-02-21,off,Sat,春节
2026-02-22,off,Sun,春节
2026-02-23,off,Mon,春节
2026-02-28,work,Sat,春节
2026-04-04,off,Sat,清明节
2026-04-05,off,Sun,清明节
2026-04-06,off,Mon,清明节
2026-05-01,off,Fri,劳动节
2026-05-02,off,Sat,劳动节
2026-05-03,off,Sun,劳动节
2026-05-04,off,Mon,劳动节
2026-05-05,off,Tue,劳动节
2026-05-09,work,Sat,劳动节
2026-06-19,off,Fri,端午节
2026-06-20,off,Sat,端午节
2026-06-21,off,Sun,端午节
2026-09-20,work,Sun,国庆节
2026-09-25,off,Fri,中秋节
2026-09-26,off,Sat,中秋节
2026-09-27,off,Sun,中秋节
2026-10-01,off,Thu,国庆节
2026-10-02,off,Fri,国庆节
2026-10-03,off,Sat,国庆节
2026-10-04,off,Sun,国庆节
2026-10-05,off,Mon,国庆节
2026-10-06,off,Tue,国庆节
2026-10-07,off,Wed,国庆节
2026-10-10,work,Sat,国庆节
`

var refListed = func() map[workday.Date]string {
	m := map[workday.Date]string{}
	for _, line := range strings.Split(refCSV, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ",")
		m[workday.MustParseDate(f[0])] = f[1]
	}
	return m
}()

// refWorkday is the LEGAL.md §1.5 rule over refCSV (2025–2026 only).
func refWorkday(t testing.TB, d workday.Date) bool {
	t.Helper()
	if d.Year < 2025 || d.Year > 2026 {
		t.Fatalf("refWorkday: %s outside the reference data", d)
	}
	switch refListed[d] {
	case "work":
		return true
	case "off":
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// refSpan is a pause as the package defines it: working days d with from < d ≤ to.
type refSpan struct{ from, to workday.Date }

// refDue counts like the package, naively: the period-th working day after
// start (start itself day 1 when countStart and it is a working day),
// skipping working days inside any span. It also returns how many working
// days the spans excluded up to the due date.
func refDue(t testing.TB, start workday.Date, period int, countStart bool, spans []refSpan) (due workday.Date, excluded int) {
	t.Helper()
	in := func(d workday.Date) bool {
		for _, s := range spans {
			if d.After(s.from) && !d.After(s.to) {
				return true
			}
		}
		return false
	}
	n := 0
	if countStart && refWorkday(t, start) {
		n = 1
	}
	d := start
	for n < period {
		d = d.AddDays(1)
		if !refWorkday(t, d) {
			continue
		}
		if in(d) {
			excluded++
			continue
		}
		n++
	}
	return d, excluded
}

// refAdd is the n-th working day after d (d not counted).
func refAdd(t testing.TB, d workday.Date, n int) workday.Date {
	t.Helper()
	due, _ := refDue(t, d, n, false, nil)
	return due
}

func TestReferenceCalendarAgreesWithWorkday(t *testing.T) {
	cal := workday.Default()
	for d := workday.MustParseDate("2025-01-01"); d.Year <= 2026; d = d.AddDays(1) {
		got, err := cal.IsWorkday(d)
		if err != nil {
			t.Fatal(err)
		}
		if want := refWorkday(t, d); got != want {
			t.Errorf("%s: workday.Default says %v, LEGAL.md §7 says %v", d, got, want)
		}
	}
}
