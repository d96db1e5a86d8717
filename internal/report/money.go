package report

import (
	"fmt"
	"strconv"
	"strings"
)

// FenPerWan is the number of fen in one 万元.
const FenPerWan = 1_000_000

// FormatWan writes an amount held in fen as 万元 with no trailing zeros,
// e.g. 12_350_000 → "12.35", 5_000_000 → "5", 1 → "0.000001". Integer
// arithmetic only, so the amount is exact.
func FormatWan(fen int64) string {
	sign := ""
	u := uint64(fen)
	if fen < 0 {
		sign = "-"
		u = uint64(-fen)
	}
	whole, frac := u/FenPerWan, u%FenPerWan
	if frac == 0 {
		return sign + strconv.FormatUint(whole, 10)
	}
	fs := strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	return sign + strconv.FormatUint(whole, 10) + "." + fs
}

// ParseWan reads an amount in 万元 as staff enter it ("12.35", "12",
// "12.35万元", "1,234.5") into fen. More than six decimals (finer than one
// fen) is an error.
func ParseWan(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(t, "万元"))
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	bad := func() (int64, error) {
		return 0, fmt.Errorf("“%s”不是以万元为单位的金额（最多六位小数）", s)
	}
	if t == "" {
		return bad()
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" || len(frac) > 6 || len(whole) > 12 {
		return bad()
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return bad()
			}
		}
	}
	var w, f int64
	if whole != "" {
		w, _ = strconv.ParseInt(whole, 10, 64)
	}
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
	}
	v := w*FenPerWan + f
	if neg {
		v = -v
	}
	return v, nil
}
