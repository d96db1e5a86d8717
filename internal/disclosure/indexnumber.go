package disclosure

import (
	"fmt"
	"strconv"
	"strings"
)

// 索引号 (index number) schemes. There is no national standard for the
// 索引号 (LEGAL.md §5.3), so the scheme is chosen per organisation by name.
// An index number is unique within its organisation; the store assigns the
// sequence numbers.

// IndexInput is what an index number is made of.
type IndexInput struct {
	OrgCode string // the organisation's code, usually its 统一社会信用代码
	Year    int    // 1949–2100
	Month   int    // 1–12; used only by schemes that include the month
	Seq     int    // sequence number within the organisation and period, from 1
}

// An IndexScheme formats and parses index numbers. Parse accepts exactly
// what Format produces, so Format(Parse(s)) == s for every s that parses.
type IndexScheme interface {
	Name() string
	Format(in IndexInput) (string, error)
	Parse(s string) (IndexInput, error)
}

// Limits of index numbers.
const (
	indexMinYear    = 1949
	indexMaxYear    = 2100
	indexMaxSeq     = 999999999
	indexMaxCodeLen = 32
	indexSeqDigits  = 5
)

// An IndexNumberError says why an index number cannot be made or read.
// Error returns a Chinese message for users.
type IndexNumberError struct {
	Input  string
	Reason string
}

func (e *IndexNumberError) Error() string { return e.Reason }

// DefaultIndexScheme formats <code>/<year>-<seq>, for example
// 11441700007280420Y/2021-00050, the most common shape in practice. The
// sequence number has at least five digits, zero-padded; past 99999 it
// simply grows (2021-100000). Month is ignored.
type DefaultIndexScheme struct{}

// YearMonthIndexScheme formats <code>/<YYYYMM>-<seq>, for example
// 11341702486344515H/202110-00013; the sequence is padded as in
// DefaultIndexScheme.
type YearMonthIndexScheme struct{}

var (
	_ IndexScheme = DefaultIndexScheme{}
	_ IndexScheme = YearMonthIndexScheme{}
)

// Name returns "default".
func (DefaultIndexScheme) Name() string { return "default" }

// Format makes an index number.
func (DefaultIndexScheme) Format(in IndexInput) (string, error) {
	if err := checkIndexInput(in, false); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s/%04d-%0*d", in.OrgCode, in.Year, indexSeqDigits, in.Seq), nil
}

// Parse reads an index number; Month is 0 in the result.
func (s DefaultIndexScheme) Parse(str string) (IndexInput, error) {
	code, period, seq, err := splitIndexNumber(str, 4, "机构代码/年份-流水号", "11441700007280420Y/2021-00050")
	if err != nil {
		return IndexInput{}, err
	}
	in := IndexInput{OrgCode: code, Year: period, Seq: seq}
	if err := checkIndexInput(in, false); err != nil {
		err.Input = str
		return IndexInput{}, err
	}
	return in, nil
}

// Name returns "year_month".
func (YearMonthIndexScheme) Name() string { return "year_month" }

// Format makes an index number.
func (YearMonthIndexScheme) Format(in IndexInput) (string, error) {
	if err := checkIndexInput(in, true); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s/%04d%02d-%0*d", in.OrgCode, in.Year, in.Month, indexSeqDigits, in.Seq), nil
}

// Parse reads an index number.
func (YearMonthIndexScheme) Parse(str string) (IndexInput, error) {
	code, period, seq, err := splitIndexNumber(str, 6, "机构代码/年月-流水号", "11341702486344515H/202110-00013")
	if err != nil {
		return IndexInput{}, err
	}
	in := IndexInput{OrgCode: code, Year: period / 100, Month: period % 100, Seq: seq}
	if err := checkIndexInput(in, true); err != nil {
		err.Input = str
		return IndexInput{}, err
	}
	return in, nil
}

// splitIndexNumber splits code/period-seq, where period has exactly
// periodDigits digits and seq is in canonical form (at least five digits, no
// leading zero beyond the padding).
func splitIndexNumber(s string, periodDigits int, shape, example string) (code string, period, seq int, err *IndexNumberError) {
	bad := &IndexNumberError{Input: s, Reason: fmt.Sprintf("索引号“%s”不符合“%s”格式，例如 %s", shorten(s), shape, example)}
	slash := strings.LastIndexByte(s, '/')
	if slash < 0 {
		return "", 0, 0, bad
	}
	code, rest := s[:slash], s[slash+1:]
	p, q, ok := strings.Cut(rest, "-")
	if !ok || len(p) != periodDigits || !allDigits(p) || len(q) < indexSeqDigits || !allDigits(q) {
		return "", 0, 0, bad
	}
	if len(q) > indexSeqDigits && q[0] == '0' {
		return "", 0, 0, bad
	}
	if len(q) > len(strconv.Itoa(indexMaxSeq)) {
		return "", 0, 0, &IndexNumberError{Input: s, Reason: fmt.Sprintf("索引号流水号应为1至%d之间的整数", indexMaxSeq)}
	}
	period, _ = strconv.Atoi(p)
	seq, _ = strconv.Atoi(q)
	return code, period, seq, nil
}

func checkIndexInput(in IndexInput, withMonth bool) *IndexNumberError {
	if in.OrgCode == "" {
		return &IndexNumberError{Reason: "索引号的机构代码不能为空"}
	}
	if len(in.OrgCode) > indexMaxCodeLen || !validIndexCode(in.OrgCode) {
		return &IndexNumberError{Reason: fmt.Sprintf("索引号的机构代码只能包含字母、数字和 . _ -，最多%d个字符", indexMaxCodeLen)}
	}
	if in.Year < indexMinYear || in.Year > indexMaxYear {
		return &IndexNumberError{Reason: fmt.Sprintf("索引号年份应在%d至%d之间", indexMinYear, indexMaxYear)}
	}
	if withMonth && (in.Month < 1 || in.Month > 12) {
		return &IndexNumberError{Reason: "索引号月份应在1至12之间"}
	}
	if in.Seq < 1 || in.Seq > indexMaxSeq {
		return &IndexNumberError{Reason: fmt.Sprintf("索引号流水号应为1至%d之间的整数", indexMaxSeq)}
	}
	return nil
}

func validIndexCode(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// shorten cuts s for quoting in a message.
func shorten(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// IndexSchemes lists the available schemes, the default first.
func IndexSchemes() []IndexScheme {
	return []IndexScheme{DefaultIndexScheme{}, YearMonthIndexScheme{}}
}

// SchemeByName returns the scheme with the given name; "" means the default.
// The error is an *IndexNumberError.
func SchemeByName(name string) (IndexScheme, error) {
	if name == "" {
		return DefaultIndexScheme{}, nil
	}
	for _, s := range IndexSchemes() {
		if s.Name() == name {
			return s, nil
		}
	}
	return nil, &IndexNumberError{Input: name, Reason: fmt.Sprintf("未知的索引号规则“%s”，可选：default（机构代码/年份-流水号）、year_month（机构代码/年月-流水号）", shorten(name))}
}
