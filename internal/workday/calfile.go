package workday

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a holiday notice makes of a date.
type Kind uint8

const (
	// Off is a rest day named in the notice (放假).
	Off Kind = iota + 1
	// Work is a working day named in the notice (调休上班), usually a Saturday or Sunday.
	Work
)

// String returns the keyword used in calendar files: "off" or "work".
func (k Kind) String() string {
	switch k {
	case Off:
		return "off"
	case Work:
		return "work"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Entry is one date listed in a holiday notice.
type Entry struct {
	Date Date
	Kind Kind
	Name string // holiday name as in the notice, e.g. "春节" or "国庆节、中秋节"
}

// YearData is the content of one year's notice. Year is the year in the
// notice's title; Entries may include late-December dates of Year-1 (the
// 2019 notice lists 2018-12-29…31). Entries from ParseCalendarFile are
// sorted by date.
type YearData struct {
	Year    int
	Entries []Entry
}

// Validity window of a notice's dates: December of the previous year through
// January of the next. Real notices only reach back into late December (元旦
// 连休); anything further away is almost certainly a typo in an upload.
func noticeWindow(year int) (from, to Date) {
	return Date{year - 1, 12, 1}, Date{year + 1, 1, 31}
}

// LineError is one problem found by ParseCalendarFile, with its 1-based line number.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("第%d行：%s", e.Line, e.Msg) }

// maxLineErrors bounds the error list for a badly broken upload.
const maxLineErrors = 20

// ParseCalendarFile reads one year's holiday notice in the calendar file
// format (see calendar/2026.txt):
//
//	# comment; everything after # on a line is ignored
//	2026-02-14 work 春节
//	2026-02-15 off 春节
//
// Each non-blank line is: a YYYY-MM-DD date, the kind "off" (rest day) or
// "work" (调休上班), and the holiday name (one word, no spaces). Blank lines,
// a UTF-8 byte order mark and CRLF line ends are accepted.
//
// It is strict, because staff upload these files: a bad date, an unknown
// kind, a missing or extra field, a date listed twice (including the same
// date as both off and work), a date outside December of year-1 … January of
// year+1, or a file without entries is an error. A "work" entry on a weekday
// is allowed (the 2020 data lists Monday 2020-02-03). All problems found (up
// to 20) are reported, joined with errors.Join; each is a *LineError.
func ParseCalendarFile(year int, r io.Reader) (YearData, error) {
	if year < 1 || year > 9999 {
		return YearData{}, fmt.Errorf("年份%d无效", year)
	}
	winFrom, winTo := noticeWindow(year)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)

	var (
		errs    []error
		entries []Entry
		seen    = map[Date]int{} // date → index in entries
		lines   []int            // line number of entries[i]
	)
	fail := func(line int, format string, args ...any) {
		if len(errs) < maxLineErrors {
			errs = append(errs, &LineError{line, fmt.Sprintf(format, args...)})
		}
	}

	lineNo := 0
	for sc.Scan() {
		lineNo++
		text := sc.Text()
		if lineNo == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if !utf8.ValidString(text) {
			fail(lineNo, "不是有效的UTF-8文本（请以UTF-8编码保存文件）")
			continue
		}
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if len(fields) < 3 {
			fail(lineNo, "应为“日期 类型 名称”三项，例如“2026-02-14 work 春节”")
			continue
		}
		if len(fields) > 3 {
			fail(lineNo, "多余的内容“%s”：名称中不能有空格", strings.Join(fields[3:], " "))
			continue
		}
		d, err := ParseDate(fields[0])
		if err != nil {
			fail(lineNo, "%v", err)
			continue
		}
		var kind Kind
		switch fields[1] {
		case "off":
			kind = Off
		case "work":
			kind = Work
		default:
			fail(lineNo, "未知类型“%s”，应为 off（放假）或 work（调休上班）", fields[1])
			continue
		}
		name := fields[2]
		if strings.IndexFunc(name, unicode.IsControl) >= 0 {
			fail(lineNo, "名称中含有控制字符")
			continue
		}
		if d.Before(winFrom) || d.After(winTo) {
			fail(lineNo, "日期%s不在%d年通知的范围内（%s至%s），请检查年份", d, year, winFrom, winTo)
			continue
		}
		if i, dup := seen[d]; dup {
			prev := entries[i]
			if prev.Kind == kind {
				fail(lineNo, "日期%s与第%d行重复", d, lines[i])
			} else {
				fail(lineNo, "日期%s在第%d行已列为%s（%s），不能再列为%s（%s）",
					d, lines[i], prev.Kind, kindChinese(prev.Kind), kind, kindChinese(kind))
			}
			continue
		}
		seen[d] = len(entries)
		entries = append(entries, Entry{Date: d, Kind: kind, Name: name})
		lines = append(lines, lineNo)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			fail(lineNo+1, "这一行过长")
		} else {
			return YearData{}, fmt.Errorf("读取日历文件出错：%w", err)
		}
	}
	if len(errs) > 0 {
		return YearData{}, errors.Join(errs...)
	}
	if len(entries) == 0 {
		return YearData{}, errors.New("文件中没有任何日期条目")
	}
	sortEntries(entries)
	return YearData{Year: year, Entries: entries}, nil
}

func kindChinese(k Kind) string {
	if k == Work {
		return "调休上班"
	}
	return "放假"
}

func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int { return a.Date.Compare(b.Date) })
}

// Validate checks y by the same rules as ParseCalendarFile (used for
// YearData built in code rather than parsed).
func (y YearData) Validate() error {
	if y.Year < 1 || y.Year > 9999 {
		return fmt.Errorf("年份%d无效", y.Year)
	}
	if len(y.Entries) == 0 {
		return fmt.Errorf("%d年的通知没有任何日期条目", y.Year)
	}
	winFrom, winTo := noticeWindow(y.Year)
	seen := map[Date]bool{}
	for _, e := range y.Entries {
		switch {
		case !e.Date.Valid():
			return fmt.Errorf("%d年的通知中日期%s不存在", y.Year, e.Date)
		case e.Kind != Off && e.Kind != Work:
			return fmt.Errorf("%d年的通知中日期%s的类型无效", y.Year, e.Date)
		case e.Name == "" || !utf8.ValidString(e.Name) ||
			strings.ContainsFunc(e.Name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '#' }):
			return fmt.Errorf("%d年的通知中日期%s的名称“%s”无效", y.Year, e.Date, e.Name)
		case e.Date.Before(winFrom) || e.Date.After(winTo):
			return fmt.Errorf("日期%s不在%d年通知的范围内（%s至%s）", e.Date, y.Year, winFrom, winTo)
		case seen[e.Date]:
			return fmt.Errorf("%d年的通知中日期%s重复", y.Year, e.Date)
		}
		seen[e.Date] = true
	}
	return nil
}

// Format writes y in the calendar file format read by ParseCalendarFile:
// a short header comment, then the entries by date, with a blank line
// between holidays. For valid y, ParseCalendarFile(y.Year, Format(y))
// returns y again (with entries sorted).
func Format(y YearData) string {
	es := slices.Clone(y.Entries)
	sortEntries(es)
	var b strings.Builder
	fmt.Fprintf(&b, "# %d年部分节假日安排（共%d条）\n", y.Year, len(es))
	b.WriteString("# 格式：日期 类型 名称；off = 放假，work = 调休上班；未列出的日期按星期计算。\n")
	prev := ""
	for i, e := range es {
		if i == 0 || e.Name != prev {
			b.WriteByte('\n')
			prev = e.Name
		}
		fmt.Fprintf(&b, "%s %s %s\n", e.Date, e.Kind, e.Name)
	}
	return b.String()
}

// NoticeNumber finds the number (文号) of the State Council notice in a calendar file's comments:
// the first line "# 文号：X" (or "# notice: X"); "" when there is none.
func NoticeNumber(body []byte) string {
	for _, line := range strings.Split(string(body), "\n") {
		t, ok := strings.CutPrefix(strings.TrimSpace(line), "#")
		if !ok {
			continue
		}
		t = strings.TrimSpace(t)
		for _, p := range []string{"文号：", "文号:", "notice:", "Notice:"} {
			if v, ok := strings.CutPrefix(t, p); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}
