package org

import (
	"errors"
	"strings"
	"testing"
)

// Real codes of government bodies (机关, so they start with 11) found in
// ../shared: two are the 索引号 prefixes quoted in LEGAL.md §5.3, one is the
// deptCode of a banshi.beijing.gov.cn link in data/qa-ncp-policy.
var realCreditCodes = []string{
	"11441700007280420Y",
	"11341702486344515H",
	"11110000756701202G",
}

func TestValidateCreditCodeReal(t *testing.T) {
	for _, code := range realCreditCodes {
		if err := ValidateCreditCode(code); err != nil {
			t.Errorf("ValidateCreditCode(%q) = %v, want nil", code, err)
		}
		c, err := ParseCreditCode(code)
		if err != nil || string(c) != code {
			t.Errorf("ParseCreditCode(%q) = %q, %v", code, c, err)
		}
		if !c.IsOrgan() || c.AuthorityLabel() != "机构编制" || c.TypeLabel() != "机关" {
			t.Errorf("%q: IsOrgan=%v authority=%q type=%q", code, c.IsOrgan(), c.AuthorityLabel(), c.TypeLabel())
		}
	}
}

// withCheck appends the correct check character to 17 characters.
func withCheck(t *testing.T, first17 string) string {
	t.Helper()
	ch, err := CreditCodeCheckChar(first17)
	if err != nil {
		t.Fatalf("CreditCodeCheckChar(%q): %v", first17, err)
	}
	return first17 + string(ch)
}

func TestValidateCreditCode(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantPos int    // -1: valid
		wantMsg string // substring of the message
	}{
		{"real", "11441700007280420Y", -1, ""},
		{"lower case", "11341702486344515h", -1, ""},
		{"surrounding space", "  11110000756701202G\t", -1, ""},
		{"ideographic space and zero width", "\u3000\u200b11110000756701202G\ufeff", -1, ""},
		{"full-width", "１１１１００００７５６７０１２０２Ｇ", -1, ""},
		{"enterprise", withCheck(t, "91110000600037341"), -1, ""},
		{"social group", withCheck(t, "51100000500000000"), -1, ""},
		{"military unit", withCheck(t, "A1100000MA0000000"), -1, ""},
		{"village collective", withCheck(t, "N2330100MF0000000"), -1, ""},
		{"other", withCheck(t, "Y1440300MA5000000"), -1, ""},
		{"empty", "", 0, "不能为空"},
		{"only space", "   ", 0, "不能为空"},
		{"too short", "11441700007280420", 0, "应为18位"},
		{"too long", "11441700007280420YY", 0, "应为18位"},
		{"letter I", "11441700007I80420Y", 12, "不是有效字符"},
		{"letter O", "1144170000728042OY", 17, "不是有效字符"},
		{"letter Z", "Z1441700007280420Y", 1, "不是有效字符"},
		{"letter S", "11441700007280420S", 18, "不是有效字符"},
		{"letter V", "11V41700007280420Y", 3, "不是有效字符"},
		{"chinese", "11441700007280420号", 18, "不是有效字符"},
		{"punctuation", "1144170000-280420Y", 11, "不是有效字符"},
		{"invalid utf-8", "11441700007280420\xff", 18, "不是有效字符"},
		{"unknown authority", withCheck(t, "B1441700007280420"), 1, "登记管理部门代码“B”无效"},
		{"unknown authority 0", withCheck(t, "01441700007280420"), 1, "登记管理部门代码“0”无效"},
		{"type not allowed for 工商", withCheck(t, "94441700007280420"), 2, "对登记管理部门“工商”无效"},
		{"type not allowed for 机构编制", withCheck(t, "14441700007280420"), 2, "机构类别代码“4”"},
		{"type not allowed for Y", withCheck(t, "Y9441700007280420"), 2, "对登记管理部门“其他”无效"},
		{"division with letter", withCheck(t, "1144A700007280420"), 5, "行政区划代码"},
		{"wrong check", "11441700007280420X", 18, "校验码错误，应为Y"},
		{"wrong check digit", "113417024863445150", 18, "校验码错误，应为H"},
		{"transposed digits", "11441700002780420Y", 18, "校验码错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateCreditCode(tt.in)
			if tt.wantPos < 0 {
				if err != nil {
					t.Fatalf("ValidateCreditCode(%q) = %v, want nil", tt.in, err)
				}
				return
			}
			var ce *CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("ValidateCreditCode(%q) = %v, want *CodeError", tt.in, err)
			}
			if ce.Pos != tt.wantPos || !strings.Contains(ce.Error(), tt.wantMsg) {
				t.Errorf("ValidateCreditCode(%q) = pos %d %q, want pos %d containing %q", tt.in, ce.Pos, ce.Error(), tt.wantPos, tt.wantMsg)
			}
			if !strings.HasPrefix(ce.Error(), "统一社会信用代码") && !strings.HasPrefix(ce.Error(), "计算校验码") {
				t.Errorf("message %q does not name the field", ce.Error())
			}
		})
	}
}

func TestCreditCodeWeightsAndCheck(t *testing.T) {
	// The weights are 3^i mod 31 (GB 32100-2015, ISO 7064 MOD 31-3).
	w := 1
	for i, got := range creditCodeWeights {
		if got != w {
			t.Errorf("weight %d = %d, want %d", i+1, got, w)
		}
		w = w * 3 % 31
	}
	if len(creditCodeChars) != 31 || strings.ContainsAny(creditCodeChars, "IOZSV") {
		t.Fatalf("alphabet %q", creditCodeChars)
	}
	// A full code's weighted sum, with weight 1 on the check character, is a
	// multiple of 31.
	for _, code := range realCreditCodes {
		sum := 0
		for i := 0; i < 18; i++ {
			weight := 1
			if i < 17 {
				weight = creditCodeWeights[i]
			}
			sum += strings.IndexByte(creditCodeChars, code[i]) * weight
		}
		if sum%31 != 0 {
			t.Errorf("%s: weighted sum %d is not a multiple of 31", code, sum)
		}
	}
}

func TestCreditCodeCheckChar(t *testing.T) {
	for _, code := range realCreditCodes {
		got, err := CreditCodeCheckChar(strings.ToLower(code[:17]))
		if err != nil || got != code[17] {
			t.Errorf("CreditCodeCheckChar(%q) = %q, %v, want %q", code[:17], got, err, code[17])
		}
	}
	for _, bad := range []string{"", "1144170000728042", "114417000072804201", "1144170000728042I"} {
		var ce *CodeError
		if _, err := CreditCodeCheckChar(bad); !errors.As(err, &ce) {
			t.Errorf("CreditCodeCheckChar(%q) = %v, want *CodeError", bad, err)
		}
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" 11341702486344515h ", "11341702486344515H"},
		{"ｍａ５ｇ", "MA5G"},
		{"\u200b\u3000abc\u3000\u200b", "ABC"},
		{"a b", "A B"},
	}
	for _, tt := range tests {
		if got := NormalizeCreditCode(tt.in); got != tt.want {
			t.Errorf("NormalizeCreditCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCreditCodeParts(t *testing.T) {
	c := CreditCode("11441700007280420Y")
	if c.DivisionCode() != "441700" || c.SubjectCode() != "007280420" || c.String() != "11441700007280420Y" {
		t.Errorf("parts: %q %q %q", c.DivisionCode(), c.SubjectCode(), c.String())
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	var ce *CodeError
	if err := CreditCode("11441700007280420y").Validate(); !errors.As(err, &ce) {
		t.Errorf("Validate of lower case = %v, want *CodeError", err)
	}
	e := CreditCode(withCheck(t, "92110105MA0000000"))
	if e.IsOrgan() || e.AuthorityLabel() != "工商" || e.TypeLabel() != "个体工商户" {
		t.Errorf("%q: IsOrgan=%v %q %q", e, e.IsOrgan(), e.AuthorityLabel(), e.TypeLabel())
	}
	var empty CreditCode
	if empty.DivisionCode() != "" || empty.SubjectCode() != "" || empty.AuthorityLabel() != "" || empty.TypeLabel() != "" {
		t.Error("parts of an empty code should be empty")
	}
}

func FuzzCreditCode(f *testing.F) {
	for _, s := range realCreditCodes {
		f.Add(s)
		f.Add(strings.ToLower(s))
	}
	for _, s := range []string{"", " ", "11441700007280420X", "１１１１００００７５６７０１２０２Ｇ", "\xff\xfe", "\u200b91110000600037341L"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeCreditCode(s)
		if NormalizeCreditCode(n) != n {
			t.Fatalf("NormalizeCreditCode not idempotent on %q", s)
		}
		err := ValidateCreditCode(s)
		if err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) || ce.Reason == "" {
				t.Fatalf("ValidateCreditCode(%q) = %#v, want *CodeError with a reason", s, err)
			}
			if _, perr := ParseCreditCode(s); perr == nil {
				t.Fatalf("ParseCreditCode(%q) accepted what ValidateCreditCode refused", s)
			}
			return
		}
		if err := ValidateCreditCode(n); err != nil {
			t.Fatalf("normalised %q no longer validates: %v", n, err)
		}
		c, err := ParseCreditCode(s)
		if err != nil || string(c) != n || c.Validate() != nil {
			t.Fatalf("ParseCreditCode(%q) = %q, %v", s, c, err)
		}
		ch, err := CreditCodeCheckChar(n[:17])
		if err != nil || ch != n[17] {
			t.Fatalf("CreditCodeCheckChar(%q) = %q, %v; code %q", n[:17], ch, err, n)
		}
	})
}
