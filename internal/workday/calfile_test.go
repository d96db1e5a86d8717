package workday

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseCalendarFile(t *testing.T) {
	in := "\uFEFF# 2026年部分节假日安排\r\n" +
		"\r\n" +
		"2026-02-15 off 春节   # comment after an entry\r\n" +
		"2026-02-14\twork  春节\r\n" +
		"2025-12-31 off 元旦\n" + // previous December is allowed
		"2026-02-16 off 国庆节、中秋节\n"
	y, err := ParseCalendarFile(2026, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := YearData{Year: 2026, Entries: []Entry{
		{MustParseDate("2025-12-31"), Off, "元旦"},
		{MustParseDate("2026-02-14"), Work, "春节"},
		{MustParseDate("2026-02-15"), Off, "春节"},
		{MustParseDate("2026-02-16"), Off, "国庆节、中秋节"},
	}}
	if !reflect.DeepEqual(y, want) {
		t.Errorf("got %+v\nwant %+v", y, want)
	}
	// A work entry on a weekday is allowed (2020-02-03 in the 2020 data).
	if _, err := ParseCalendarFile(2020, strings.NewReader("2020-02-03 work 春节\n")); err != nil {
		t.Errorf("work on a weekday rejected: %v", err)
	}
}

func TestParseCalendarFileErrors(t *testing.T) {
	cases := []struct {
		name, in string
		line     int    // line of the first error (0: not a *LineError)
		msg      string // fragment of the message
	}{
		{"bad date", "# x\n2026-02-30 off 春节\n", 2, "2026年2月只有28天"},
		{"bad format", "2026-2-14 work 春节\n", 1, "格式不正确"},
		{"unknown kind", "2026-02-14 rest 春节\n", 1, "未知类型“rest”"},
		{"upper-case kind", "2026-02-14 OFF 春节\n", 1, "未知类型“OFF”"},
		{"missing name", "2026-02-14 work\n", 1, "应为“日期 类型 名称”三项"},
		{"only date", "\n\n2026-02-14\n", 3, "三项"},
		{"extra field", "2026-02-14 work 春 节\n", 1, "多余的内容“节”"},
		{"duplicate", "2026-02-15 off 春节\n\n2026-02-15 off 春节\n", 3, "与第1行重复"},
		{"off after work", "2026-02-14 work 春节\n2026-02-14 off 春节\n", 2, "已列为work（调休上班），不能再列为off（放假）"},
		{"too early", "2025-11-30 off 元旦\n", 1, "不在2026年通知的范围内（2025-12-01至2027-01-31）"},
		{"far away", "2016-10-01 off 国庆节\n", 1, "请检查年份"},
		{"too late", "2027-02-01 off 春节\n", 1, "不在2026年通知的范围内"},
		{"invalid utf-8", "2026-02-14 work \xff\xfe\n", 1, "UTF-8"},
		{"control char", "2026-02-14 work 春\x01节\n", 1, "控制字符"},
		{"long line", "2026-02-14 work " + strings.Repeat("长", 30000) + "\n", 1, "过长"},
		{"empty", "# only comments\n\n", 0, "没有任何日期条目"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCalendarFile(2026, strings.NewReader(tc.in))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
			var le *LineError
			if tc.line == 0 {
				if errors.As(err, &le) {
					t.Errorf("unexpected line error %v", le)
				}
				return
			}
			if !errors.As(err, &le) || le.Line != tc.line {
				t.Errorf("error %q: want first error on line %d", err, tc.line)
			}
		})
	}

	// All problems are reported, each with its line.
	_, err := ParseCalendarFile(2026, strings.NewReader("2026-02-30 off a\n2026-02-14 x a\nok\n2026-02-14 work 春节\n"))
	for _, frag := range []string{"第1行", "第2行", "第3行"} {
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("error %v does not mention %s", err, frag)
		}
	}
	if strings.Contains(err.Error(), "第4行") {
		t.Errorf("error %v blames a good line", err)
	}

	if _, err := ParseCalendarFile(0, strings.NewReader("")); err == nil {
		t.Error("year 0 accepted")
	}
}

func TestFormatRoundTrip(t *testing.T) {
	years, err := EmbeddedYears()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range years {
		text := Format(y)
		back, err := ParseCalendarFile(y.Year, strings.NewReader(text))
		if err != nil {
			t.Fatalf("%d: Format output does not parse: %v\n%s", y.Year, err, text)
		}
		if !reflect.DeepEqual(back, y) {
			t.Errorf("%d: round trip changed the data", y.Year)
		}
	}
}

func TestValidate(t *testing.T) {
	good := YearData{2026, []Entry{{MustParseDate("2026-10-01"), Off, "国庆节"}}}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid data rejected: %v", err)
	}
	bad := []YearData{
		{2026, nil},
		{0, good.Entries},
		{2026, []Entry{{Date{2026, 2, 30}, Off, "春节"}}},
		{2026, []Entry{{MustParseDate("2026-10-01"), 0, "国庆节"}}},
		{2026, []Entry{{MustParseDate("2026-10-01"), Off, ""}}},
		{2026, []Entry{{MustParseDate("2026-10-01"), Off, "国庆 节"}}},
		{2026, []Entry{{MustParseDate("2026-10-01"), Off, "国庆#节"}}},
		{2026, []Entry{{MustParseDate("2020-10-01"), Off, "国庆节"}}},
		{2026, []Entry{{MustParseDate("2026-10-01"), Off, "国庆节"}, {MustParseDate("2026-10-01"), Work, "国庆节"}}},
	}
	for i, y := range bad {
		if err := y.Validate(); err == nil {
			t.Errorf("case %d: invalid data accepted: %+v", i, y)
		}
	}
}

// FuzzParseCalendarFile: the parser never panics, and whatever it accepts is
// valid and survives Format → ParseCalendarFile unchanged.
func FuzzParseCalendarFile(f *testing.F) {
	for _, name := range []string{"2019", "2020", "2026"} {
		b, err := calendarFiles.ReadFile("calendar/" + name + ".txt")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(2026, string(b))
	}
	f.Add(2026, "2026-02-14 work 春节\n2026-02-15 off 春节 # x\n")
	f.Add(2026, "\uFEFF2025-12-31 off 元旦\r\n")
	f.Add(2026, "2026-02-14 work\n2026-02-14 off 春节\n2026-02-14 off 春节\n")
	f.Add(1, "0000-12-31 off x\n0001-01-01 work y\n")
	f.Fuzz(func(t *testing.T, year int, text string) {
		y, err := ParseCalendarFile(year, strings.NewReader(text))
		if err != nil {
			return
		}
		if err := y.Validate(); err != nil {
			t.Fatalf("accepted data fails Validate: %v", err)
		}
		out := Format(y)
		back, err := ParseCalendarFile(year, strings.NewReader(out))
		if err != nil {
			t.Fatalf("Format output rejected: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, y) {
			t.Fatalf("round trip changed data:\n%+v\n%+v", y, back)
		}
		if _, err := NewCalendar(y); err != nil {
			t.Fatalf("accepted data rejected by NewCalendar: %v", err)
		}
	})
}

func TestNoticeNumber(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"# 2027年部分节假日安排\n# 文号：国办发明电〔2026〕7号\n2027-01-01 rest\n", "国办发明电〔2026〕7号"},
		{"#notice: 国办发明电〔2026〕7号\n", "国办发明电〔2026〕7号"},
		{"2027-01-01 rest # 文号：not a comment line\n", ""},
		{"", ""},
	} {
		if got := NoticeNumber([]byte(c.body)); got != c.want {
			t.Errorf("NoticeNumber(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}
