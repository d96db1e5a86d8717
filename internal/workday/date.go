// Package workday decides which calendar days are working days (工作日) for
// the deadlines of the 政府信息公开条例, and counts deadlines in working days.
//
// A date is a working day iff it is Monday–Friday and not listed as a rest
// day in the State Council's yearly holiday notice, or it is a Saturday or
// Sunday the notice lists as a working day (调休上班). See LEGAL.md §1.5 and §7.
//
// The holiday notices are data, not code: the notices for 2019–2026 are
// embedded (calendar/YYYY.txt) and staff can load a new year's notice with
// ParseCalendarFile and Calendar.With without a new release.
//
// The package is pure domain logic: standard library only, no I/O except
// reading the embedded files.
package workday

import (
	"fmt"
	"sync"
	"time"
	_ "time/tzdata" // Asia/Shanghai must load even on hosts without zoneinfo.
)

// Date is a calendar date in China (no time of day, no zone).
// The zero Date is "no date"; see IsZero.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// shanghai returns the Asia/Shanghai zone. China has had no DST since 1991,
// so the fixed UTC+8 fallback is exact for every date this package handles.
var shanghai = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
})

// Location returns the zone used for Chinese dates (Asia/Shanghai).
func Location() *time.Location { return shanghai() }

// DateOf returns the date in China (Asia/Shanghai) of the instant t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(shanghai()).Date()
	return Date{y, m, d}
}

// ParseDate parses a strict YYYY-MM-DD date (ASCII digits, zero-padded,
// year 0001–9999) and rejects impossible dates such as 2025-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("日期“%s”格式不正确，应为YYYY-MM-DD（例如2025-09-28）", s)
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("日期“%s”格式不正确，应为YYYY-MM-DD（例如2025-09-28）", s)
	}
	if y < 1 {
		return Date{}, fmt.Errorf("日期“%s”不存在：年份应在0001至9999之间", s)
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("日期“%s”不存在：月份应为01至12", s)
	}
	if n := daysIn(y, time.Month(m)); d < 1 || d > n {
		return Date{}, fmt.Errorf("日期“%s”不存在：%d年%d月只有%d天", s, y, m, n)
	}
	return Date{y, time.Month(m), d}, nil
}

// MustParseDate is ParseDate for constants in code and tests; it panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Chinese formats the date without the year, e.g. "9月28日".
func (d Date) Chinese() string {
	return fmt.Sprintf("%d月%d日", int(d.Month), d.Day)
}

// ChineseFull formats the date with the year, e.g. "2025年9月28日".
func (d Date) ChineseFull() string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real day (month 1–12, day within the month).
func (d Date) Valid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// AddDays returns the date n days after d (before d if n < 0).
// An invalid d is normalised first, as time.Date does (2025-02-30 → 2025-03-02).
func (d Date) AddDays(n int) Date { return fromDayNumber(d.dayNumber() + n) }

// DaysUntil returns the number of days from d to o (negative if o is before d).
func (d Date) DaysUntil(o Date) int { return o.dayNumber() - d.dayNumber() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.dayNumber()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Time returns midnight at the start of d in Asia/Shanghai.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, shanghai())
}

// MarshalText implements encoding.TextMarshaler as YYYY-MM-DD.
// The zero Date marshals as the empty string, so optional dates stay empty in JSON.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate's strict
// rules; the empty string gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Day numbers: days since 1970-01-01 in the proleptic Gregorian calendar.
// The calendar works on day numbers so that stepping through days is an
// integer increment and a table lookup, with no time.Time arithmetic.
// Conversions follow Howard Hinnant's days_from_civil / civil_from_days.

func (d Date) dayNumber() int {
	if !d.Valid() {
		// Normalise like time.Date does; slow path, only for odd input.
		y, m, dd := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Date()
		d = Date{y, m, dd}
	}
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func fromDayNumber(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

// weekdayOf: 1970-01-01 was a Thursday.
func weekdayOf(z int) time.Weekday {
	return time.Weekday(floorMod(z+4, 7))
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
