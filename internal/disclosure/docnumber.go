package disclosure

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A DocNumber is a parsed 文号 (发文字号), the official number of a document.
// Three shapes exist:
//
//	DocBracketed  国办发〔2021〕12号             Prefix "国办发", Year 2021, Seq 12
//	DocOrder      国务院令第711号                Prefix "国务院令", Year 0, Seq 711
//	DocYearly     国家税务总局公告2015年第41号    Prefix "国家税务总局公告", Year 2015, Seq 41
//
// Raw keeps the text as it was given; String renders the canonical form.
type DocNumber struct {
	Prefix string // 发文机关代字, e.g. 国办发; for orders it ends with 令
	Year   int    // 0 for orders (令第N号), otherwise 1949–2100
	Seq    int    // 序号, at least 1
	Kind   DocNumberKind
	Raw    string
}

// DocNumberKind is the shape of a 文号.
type DocNumberKind int

// The shapes of a 文号.
const (
	DocBracketed DocNumberKind = iota // 国办发〔2021〕12号
	DocOrder                          // 国务院令第711号 (no year)
	DocYearly                         // 财政部公告2015年第3号, 交通运输部令2019年第1号
)

// Limits of a 文号.
const (
	DocNumberMinYear   = 1949
	DocNumberMaxYear   = 2100
	docNumberMaxSeq    = 999999
	docNumberMaxPrefix = 40  // characters
	docNumberMaxBytes  = 256 // of the raw input, spaces included
)

// A DocNumberError says why a string is not a 文号. Error returns a Chinese
// message for users.
type DocNumberError struct {
	Input  string
	Reason string
}

func (e *DocNumberError) Error() string { return e.Reason }

const docNumberExample = "应形如“国办发〔2021〕12号”或“国务院令第711号”"

func docErr(input, format string, args ...any) *DocNumberError {
	return &DocNumberError{Input: input, Reason: fmt.Sprintf(format, args...)}
}

// Brackets accepted around the year. Any opening bracket may be closed by any
// closing one, because mismatched pairs such as 晋政办发(2017〕109号 occur in
// published data.
const (
	docOpenBrackets  = "〔[【（(［﹝〖"
	docCloseBrackets = "〕]】）)］﹞〗"
)

// cleanDocNumber removes all white space and zero-width characters (a 文号
// has no meaningful spaces, while published data has 豫政办 〔2006〕1号 and
// 〔 2022 〕96 号) and turns full-width digits into ASCII.
func cleanDocNumber(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff':
			return -1
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		}
		return r
	}, s)
}

// ParseDocNumber parses a 文号. It accepts the year in 〔〕, [], 【】, （）, (),
// ［］, ﹝﹞ or 〖〗, full-width digits, spaces anywhere, and a missing final
// 号. The error is a *DocNumberError.
func ParseDocNumber(s string) (DocNumber, error) {
	if len(s) > docNumberMaxBytes {
		return DocNumber{}, docErr(s, "文号过长")
	}
	c := cleanDocNumber(s)
	if c == "" {
		return DocNumber{}, docErr(s, "文号不能为空")
	}
	if !utf8.ValidString(c) {
		return DocNumber{}, docErr(s, "文号含有无效字符")
	}
	body := strings.TrimSuffix(c, "号")

	// The sequence number is the run of digits at the end.
	i := len(body)
	for i > 0 && body[i-1] >= '0' && body[i-1] <= '9' {
		i--
	}
	seqText, rest := body[i:], body[:i]

	var d DocNumber
	var yearText string
	switch {
	case rest == "":
		return DocNumber{}, docErr(s, "文号格式无法识别，%s", docNumberExample)
	case lastRuneIn(rest, docCloseBrackets):
		_, w := utf8.DecodeLastRuneInString(rest)
		rest = rest[:len(rest)-w]
		open := strings.IndexAny(rest, docOpenBrackets)
		if open < 0 {
			return DocNumber{}, docErr(s, "文号年份的括号不完整，%s", docNumberExample)
		}
		_, w = utf8.DecodeRuneInString(rest[open:])
		d.Prefix, yearText = rest[:open], rest[open+w:]
		d.Kind = DocBracketed
		if strings.ContainsAny(yearText, docOpenBrackets+docCloseBrackets) {
			return DocNumber{}, docErr(s, "文号格式无法识别，%s", docNumberExample)
		}
		if yearText == "" {
			return DocNumber{}, docErr(s, "文号缺少年份，%s", docNumberExample)
		}
	case strings.HasSuffix(rest, "年第"):
		rest = strings.TrimSuffix(rest, "年第")
		j := len(rest)
		for j > 0 && rest[j-1] >= '0' && rest[j-1] <= '9' {
			j--
		}
		d.Prefix, yearText = rest[:j], rest[j:]
		d.Kind = DocYearly
		if yearText == "" {
			return DocNumber{}, docErr(s, "文号缺少年份，%s", docNumberExample)
		}
	case strings.HasSuffix(rest, "令第"):
		d.Prefix = strings.TrimSuffix(rest, "第")
		d.Kind = DocOrder
		if d.Prefix == "令" {
			return DocNumber{}, docErr(s, "文号缺少发文机关代字，%s", docNumberExample)
		}
	default:
		if strings.ContainsAny(rest, docOpenBrackets+docCloseBrackets) {
			return DocNumber{}, docErr(s, "文号格式无法识别，%s", docNumberExample)
		}
		return DocNumber{}, docErr(s, "文号缺少年份，%s", docNumberExample)
	}

	if err := checkDocPrefix(s, d.Prefix); err != nil {
		return DocNumber{}, err
	}
	if d.Kind != DocOrder {
		if !allDigits(yearText) {
			return DocNumber{}, docErr(s, "文号年份“%s”应为4位数字", yearText)
		}
		y, err := strconv.Atoi(yearText)
		if err != nil || len(yearText) != 4 || y < DocNumberMinYear || y > DocNumberMaxYear {
			return DocNumber{}, docErr(s, "文号年份应在%d至%d之间", DocNumberMinYear, DocNumberMaxYear)
		}
		d.Year = y
	}
	if seqText == "" {
		return DocNumber{}, docErr(s, "文号缺少序号，%s", docNumberExample)
	}
	seqText = strings.TrimLeft(seqText, "0")
	n, err := strconv.Atoi(seqText)
	if seqText == "" || err != nil || n < 1 || n > docNumberMaxSeq {
		return DocNumber{}, docErr(s, "文号序号应为1至%d之间的整数", docNumberMaxSeq)
	}
	d.Seq = n
	d.Raw = s
	return d, nil
}

// checkDocPrefix checks the 发文机关代字: letters only in practice, so it may
// not contain digits, brackets or punctuation that would make the canonical
// form ambiguous.
func checkDocPrefix(input, p string) error {
	if p == "" {
		return docErr(input, "文号缺少发文机关代字，%s", docNumberExample)
	}
	if utf8.RuneCountInString(p) > docNumberMaxPrefix {
		return docErr(input, "文号的发文机关代字过长（最多%d个字）", docNumberMaxPrefix)
	}
	letter := false
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9', strings.ContainsRune(docOpenBrackets+docCloseBrackets, r):
			return docErr(input, "文号的发文机关代字“%s”不能含有数字或括号，%s", p, docNumberExample)
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsControl(r) || r == utf8.RuneError:
			return docErr(input, "文号含有无效字符")
		}
	}
	if !letter {
		return docErr(input, "文号缺少发文机关代字，%s", docNumberExample)
	}
	return nil
}

func lastRuneIn(s, set string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(set, r)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String renders the canonical form: 〔〕 around the year, ASCII digits, no
// leading zeros, no spaces, a final 号.
func (d DocNumber) String() string {
	switch d.Kind {
	case DocOrder:
		return d.Prefix + "第" + strconv.Itoa(d.Seq) + "号"
	case DocYearly:
		return d.Prefix + strconv.Itoa(d.Year) + "年第" + strconv.Itoa(d.Seq) + "号"
	default:
		return d.Prefix + "〔" + strconv.Itoa(d.Year) + "〕" + strconv.Itoa(d.Seq) + "号"
	}
}

// NormalizeDocNumber returns the canonical form of s and true if s is a 文号.
// Otherwise it returns s without spaces and with ASCII digits, and false, so
// that unparsable numbers still compare equal regardless of spacing: use the
// result as the key of exact 文号 lookups.
func NormalizeDocNumber(s string) (string, bool) {
	d, err := ParseDocNumber(s)
	if err != nil {
		return cleanDocNumber(s), false
	}
	return d.String(), true
}
