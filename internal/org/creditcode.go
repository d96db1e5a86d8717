package org

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A CreditCode is an organisation's 18-character 统一社会信用代码 (unified
// social credit identifier) as defined by GB 32100-2015:
//
//	position  1     登记管理部门代码 (registration authority)
//	position  2     机构类别代码 (institution type, depends on position 1)
//	positions 3–8   登记管理机关行政区划码 (6-digit administrative division, GB/T 2260)
//	positions 9–17  主体标识码 (the former 9-character 组织机构代码, GB 11714)
//	position  18    校验码 (check character, ISO 7064 MOD 31-3 with the weights below)
//
// Characters are the digits and the upper-case letters except I, O, Z, S and V.
// A CreditCode value is expected to be in normal form (see NormalizeCreditCode);
// use ParseCreditCode to obtain one from user input.
type CreditCode string

// creditCodeChars is the code's alphabet; a character's index is its value in
// the check-character computation.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the weights of positions 1–17 (3^(i) mod 31).
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditAuthority is one row group of GB 32100-2015 Appendix A.
type creditAuthority struct {
	label string
	types map[byte]string // institution type code → label
}

// creditAuthorities lists the registration authorities and the institution
// types each may assign. Source: GB 32100-2015 Appendix A (codes 1–9 and Y);
// A (中央军委改革和编制办公室) and N (农业) were added after 2015 and are issued in
// practice, so they are accepted too. If an authority gains a new type, add it
// here: a code with an unknown pair is rejected.
var creditAuthorities = map[byte]creditAuthority{
	'1': {"机构编制", map[byte]string{'1': "机关", '2': "事业单位", '3': "中央编办直接管理机构编制的群众团体", '9': "其他"}},
	'2': {"外交", map[byte]string{'1': "外国常驻新闻机构", '9': "其他"}},
	'3': {"司法行政", map[byte]string{'1': "律师执业机构", '2': "公证处", '3': "基层法律服务所", '4': "司法鉴定机构", '5': "仲裁委员会", '9': "其他"}},
	'4': {"文化", map[byte]string{'1': "外国在华文化中心", '9': "其他"}},
	'5': {"民政", map[byte]string{'1': "社会团体", '2': "民办非企业单位", '3': "基金会", '9': "其他"}},
	'6': {"旅游", map[byte]string{'1': "外国旅游部门常驻代表机构", '2': "港澳台地区旅游部门常驻内地（大陆）代表机构", '9': "其他"}},
	'7': {"宗教", map[byte]string{'1': "宗教活动场所", '2': "宗教院校", '9': "其他"}},
	'8': {"工会", map[byte]string{'1': "基层工会", '9': "其他"}},
	'9': {"工商", map[byte]string{'1': "企业", '2': "个体工商户", '3': "农民专业合作社"}},
	'A': {"中央军委改革和编制办公室", map[byte]string{'1': "军队事业单位", '9': "其他"}},
	'N': {"农业", map[byte]string{'1': "组级集体经济组织", '2': "村级集体经济组织", '3': "乡镇级集体经济组织", '9': "其他"}},
	'Y': {"其他", map[byte]string{'1': "其他"}},
}

// A CodeError says why a string is not a valid 统一社会信用代码. Reason is a
// Chinese message that can be shown to users as it is.
type CodeError struct {
	// Pos is the 1-based position of the offending character, or 0 when the
	// error is not about one character (such as a wrong length).
	Pos    int
	Reason string
}

func (e *CodeError) Error() string { return e.Reason }

func codeErrorf(pos int, format string, args ...any) *CodeError {
	return &CodeError{Pos: pos, Reason: fmt.Sprintf(format, args...)}
}

// NormalizeCreditCode returns s in the form in which codes are stored and
// compared: surrounding white space and zero-width characters removed,
// full-width letters and digits turned into ASCII, and letters upper-cased.
// It does not validate; NormalizeCreditCode is idempotent.
func NormalizeCreditCode(s string) string {
	s = strings.TrimFunc(s, isIgnorable)
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII block
			r -= 0xFEE0
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}, s)
}

// isIgnorable reports whether r may be dropped from the ends of pasted input.
func isIgnorable(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// ParseCreditCode normalises s and validates it; it returns the code in
// normal form.
func ParseCreditCode(s string) (CreditCode, error) {
	n := NormalizeCreditCode(s)
	if err := validateNormalized(n); err != nil {
		return "", err
	}
	return CreditCode(n), nil
}

// ValidateCreditCode reports whether s (after NormalizeCreditCode, so lower
// case is accepted) is a valid 统一社会信用代码. The error, if any, is a
// *CodeError.
func ValidateCreditCode(s string) error {
	return validateNormalized(NormalizeCreditCode(s))
}

func validateNormalized(s string) error {
	if s == "" {
		return codeErrorf(0, "统一社会信用代码不能为空")
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return codeErrorf(0, "统一社会信用代码应为18位，实际为%d位", n)
	}
	pos := 0
	for _, r := range s {
		pos++
		if r >= utf8.RuneSelf || strings.IndexByte(creditCodeChars, byte(r)) < 0 {
			return codeErrorf(pos, "统一社会信用代码第%d位“%s”不是有效字符（只能是数字或除I、O、Z、S、V以外的大写字母）", pos, printable(r))
		}
	}
	// From here on s is 18 ASCII bytes.
	auth, ok := creditAuthorities[s[0]]
	if !ok {
		return codeErrorf(1, "统一社会信用代码第1位登记管理部门代码“%c”无效", s[0])
	}
	if _, ok := auth.types[s[1]]; !ok {
		return codeErrorf(2, "统一社会信用代码第2位机构类别代码“%c”对登记管理部门“%s”无效", s[1], auth.label)
	}
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return codeErrorf(i+1, "统一社会信用代码第3至8位应为6位数字的行政区划代码，第%d位是“%c”", i+1, s[i])
		}
	}
	want := checkChar(s[:17])
	if s[17] != want {
		return codeErrorf(18, "统一社会信用代码校验码错误，应为%c", want)
	}
	return nil
}

func printable(r rune) string {
	if r == utf8.RuneError || !unicode.IsPrint(r) {
		return fmt.Sprintf("%U", r)
	}
	return string(r)
}

// checkChar computes the check character of 17 characters of the alphabet.
func checkChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditCodeChars, first17[i]) * creditCodeWeights[i]
	}
	return creditCodeChars[(31-sum%31)%31]
}

// CreditCodeCheckChar returns the check character (position 18) for the first
// 17 characters of a code. first17 is normalised first; it must be 17
// characters of the code's alphabet. The registration authority, institution
// type and division are not checked, so that test and demo data can be built
// freely; validate the full code with ValidateCreditCode.
func CreditCodeCheckChar(first17 string) (byte, error) {
	s := NormalizeCreditCode(first17)
	if n := utf8.RuneCountInString(s); n != 17 {
		return 0, codeErrorf(0, "计算校验码需要统一社会信用代码的前17位，实际为%d位", n)
	}
	pos := 0
	for _, r := range s {
		pos++
		if r >= utf8.RuneSelf || strings.IndexByte(creditCodeChars, byte(r)) < 0 {
			return 0, codeErrorf(pos, "统一社会信用代码第%d位“%s”不是有效字符（只能是数字或除I、O、Z、S、V以外的大写字母）", pos, printable(r))
		}
	}
	return checkChar(s), nil
}

// String returns the code as a string.
func (c CreditCode) String() string { return string(c) }

// Validate reports whether c is a valid code in normal form.
func (c CreditCode) Validate() error {
	if NormalizeCreditCode(string(c)) != string(c) {
		return codeErrorf(0, "统一社会信用代码须为大写且不含空白，请先规范化")
	}
	return validateNormalized(string(c))
}

// AuthorityLabel returns the Chinese name of the registration authority
// (position 1), for example "机构编制", or "" if it is unknown.
func (c CreditCode) AuthorityLabel() string {
	if len(c) < 1 {
		return ""
	}
	return creditAuthorities[c[0]].label
}

// TypeLabel returns the Chinese name of the institution type (position 2)
// under its registration authority, for example "机关", or "" if unknown.
func (c CreditCode) TypeLabel() string {
	if len(c) < 2 {
		return ""
	}
	return creditAuthorities[c[0]].types[c[1]]
}

// DivisionCode returns the 6-digit administrative division of the
// registering body (positions 3–8), or "" if c is too short.
func (c CreditCode) DivisionCode() string {
	if len(c) < 8 {
		return ""
	}
	return string(c[2:8])
}

// SubjectCode returns the 主体标识码 (positions 9–17), which is the
// organisation's former 组织机构代码, or "" if c is too short.
func (c CreditCode) SubjectCode() string {
	if len(c) < 17 {
		return ""
	}
	return string(c[8:17])
}

// IsOrgan reports whether the code belongs to a 机关 registered by the
// 机构编制 authority (it starts with "11"), the usual case for government
// bodies that disclose information.
func (c CreditCode) IsOrgan() bool {
	return strings.HasPrefix(string(c), "11")
}
