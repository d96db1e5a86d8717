package request

import (
	"strings"
	"testing"

	"gongkai/internal/apperr"
)

// LEGAL.md §2.1 Art. 4 (按件计收), per applicant per natural month,
// marginal: 1–10 free; 11–30 at 100 元/件; from 31 in bands of 10, each band
// +100 元/件 (31–40 at 200, 41–50 at 300). Amounts in fen.
func TestItemFeeTable(t *testing.T) {
	cases := []struct {
		items int
		fen   int64
		how   string
	}{
		{1, 0, "free"},
		{10, 0, "free up to 10 inclusive"},
		{11, 100_00, "1×100"},
		{30, 2_000_00, "20×100"},
		{31, 2_200_00, "20×100 + 1×200"},
		{40, 4_000_00, "20×100 + 10×200"},
		{41, 4_300_00, "20×100 + 10×200 + 1×300"},
		{45, 5_500_00, "LEGAL.md's worked example: 0 + 20×100 + 10×200 + 5×300 = 5,500 元"},
		{0, 0, "nothing"},
		{-3, 0, "nothing"},
		{50, 7_000_00, "20×100 + 10×200 + 10×300"},
		{51, 7_400_00, "… + 1×400"},
	}
	for _, tc := range cases {
		if got := ItemFee(tc.items); got != tc.fen {
			t.Errorf("ItemFee(%d) = %d fen, want %d (%s)", tc.items, got, tc.fen, tc.how)
		}
	}
	units := map[int]int64{1: 0, 10: 0, 11: 100_00, 30: 100_00, 31: 200_00, 40: 200_00, 41: 300_00, 50: 300_00, 51: 400_00, 61: 500_00}
	for n, want := range units {
		if got := ItemUnitPrice(n); got != want {
			t.Errorf("ItemUnitPrice(%d) = %d, want %d", n, got, want)
		}
	}
	// The closed form is the running sum of the unit prices.
	var sum int64
	for n := 1; n <= 1000; n++ {
		sum += ItemUnitPrice(n)
		if got := ItemFee(n); got != sum {
			t.Fatalf("ItemFee(%d) = %d, sum of unit prices %d", n, got, sum)
		}
	}
	if ItemFee(MaxItemsPerMonth+5) != ItemFee(MaxItemsPerMonth) || ItemFee(MaxItemsPerMonth) <= 0 {
		t.Errorf("cap at MaxItemsPerMonth")
	}
}

// LEGAL.md §2.1 Art. 5 (按量计收), marginal: 1–30 free; 31–100 at 10 元/页;
// 101–200 at 20 元/页; 201+ at 40 元/页.
func TestPageFeeTable(t *testing.T) {
	cases := []struct {
		pages int
		fen   int64
		how   string
	}{
		{30, 0, "free up to 30 inclusive"},
		{31, 10_00, "1×10"},
		{100, 700_00, "70×10"},
		{101, 720_00, "70×10 + 1×20"},
		{200, 2_700_00, "70×10 + 100×20"},
		{201, 2_740_00, "70×10 + 100×20 + 1×40"},
		{250, 4_700_00, "LEGAL.md's worked example: 0 + 70×10 + 100×20 + 50×40 = 4,700 元"},
		{0, 0, "nothing"},
		{1, 0, "free"},
		{-1, 0, "nothing"},
	}
	for _, tc := range cases {
		if got := PageFee(tc.pages); got != tc.fen {
			t.Errorf("PageFee(%d) = %d fen, want %d (%s)", tc.pages, got, tc.fen, tc.how)
		}
	}
	rate := func(p int) int64 {
		switch {
		case p <= 30:
			return 0
		case p <= 100:
			return 10_00
		case p <= 200:
			return 20_00
		}
		return 40_00
	}
	for p := 1; p <= 500; p++ {
		if got := PageFee(p) - PageFee(p-1); got != rate(p) {
			t.Fatalf("page %d costs %d, want %d (tiers are marginal)", p, got, rate(p))
		}
	}
}

// An applicant's applications of one month, charged 按件, crossing band
// boundaries inside applications: 8 件 (1–8), 4 件 (9–12), 20 件 (13–32),
// 13 件 (33–45).
func TestMonthlyItemFeesCrossBands(t *testing.T) {
	got, err := MonthlyItemFees([]int{8, 4, 20, 13})
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{
		0,                    // 1–8 free
		2 * 100_00,           // 9, 10 free; 11, 12 at 100
		18*100_00 + 2*200_00, // 13–30 at 100; 31, 32 at 200
		8*200_00 + 5*300_00,  // 33–40 at 200; 41–45 at 300
	}
	var total int64
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("application %d: %d fen, want %d", i+1, got[i], want[i])
		}
		total += got[i]
	}
	if total != ItemFee(45) {
		t.Errorf("total %d != ItemFee(45) %d", total, ItemFee(45))
	}
	if _, err := MonthlyItemFees([]int{1, 0}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("0 件 accepted: %v", err)
	}
}

func TestMonthlyFeesMethodsAndScope(t *testing.T) {
	apps := []FeeApplication{
		{ID: "A", Received: d("2025-10-09"), Items: 10, Method: FeeNone},             // 件 1–10, not charged
		{ID: "B", Received: d("2025-10-10"), Items: 1, Pages: 250, Method: FeePages}, // 件 11, by pages
		{ID: "C", Received: d("2025-10-10"), Items: 2, Method: FeeItems},             // 件 12–13
		{ID: "D", Received: d("2025-10-20"), Items: 1, Pages: 40, Method: FeePages},
	}
	perApp, err := MonthlyFees(DefaultPolicy(), apps)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		first, last       int
		fen               int64
		firstPg, lastPg   int
		standardFragments []string
	}{
		{1, 10, 0, 0, 0, []string{"不收取"}},
		{11, 11, 4_700_00, 1, 250, []string{"本件第1至30页免费", "第31至100页每页10.00元", "第101至200页每页20.00元", "第201至250页每页40.00元"}},
		{12, 13, 200_00, 0, 0, []string{"本月累计第12至13件每件100.00元"}},
		{14, 14, 100_00, 1, 40, []string{"本件第1至30页免费", "第31至40页每页10.00元"}},
	}
	for i, w := range want {
		l := perApp[i]
		if l.FirstItem != w.first || l.LastItem != w.last || l.AmountFen != w.fen || l.FirstPage != w.firstPg || l.LastPage != w.lastPg {
			t.Errorf("per application, %s: %+v, want %+v", l.ID, l, w)
		}
		for _, f := range w.standardFragments {
			if !strings.Contains(l.Standard, f) {
				t.Errorf("%s standard %q lacks %q", l.ID, l.Standard, f)
			}
		}
	}
	// fee.pages_scope = month: D's pages are pages 251–290 of the month, all at 40 元.
	p := DefaultPolicy()
	p.PagesScope = PagesPerMonth
	perMonth, err := MonthlyFees(p, apps)
	if err != nil {
		t.Fatal(err)
	}
	if l := perMonth[3]; l.FirstPage != 251 || l.LastPage != 290 || l.AmountFen != 40*40_00 || !strings.Contains(l.Standard, "本月累计第251至290页每页40.00元") {
		t.Errorf("per month, D: %+v", l)
	}
	if perMonth[1].AmountFen != 4_700_00 || perMonth[2].AmountFen != 200_00 {
		t.Errorf("per month, B/C: %+v %+v", perMonth[1], perMonth[2])
	}
	// One method per application, never both: an application charged by
	// pages pays no 按件 fee for its 件 and vice versa.
	for _, l := range perApp {
		if l.Method == FeeItems && l.FirstPage != 0 {
			t.Errorf("%s charged both ways", l.ID)
		}
	}
}

func TestMonthlyFeesRefusals(t *testing.T) {
	p := DefaultPolicy()
	cases := []struct {
		name string
		apps []FeeApplication
		frag string
	}{
		{"two months", []FeeApplication{{Received: d("2025-10-31"), Items: 1, Method: FeeItems}, {Received: d("2025-11-01"), Items: 1, Method: FeeItems}}, "同一个自然月"},
		{"out of order", []FeeApplication{{Received: d("2025-10-20"), Items: 1, Method: FeeItems}, {Received: d("2025-10-01"), Items: 1, Method: FeeItems}}, "排序"},
		{"no method", []FeeApplication{{Received: d("2025-10-20"), Items: 1}}, "不得同时按两种标准"},
		{"both methods is not a method", []FeeApplication{{Received: d("2025-10-20"), Items: 1, Method: "items+pages"}}, "不得同时按两种标准"},
		{"zero 件", []FeeApplication{{Received: d("2025-10-20"), Items: 0, Method: FeeItems}}, "至少为1"},
		{"negative pages", []FeeApplication{{Received: d("2025-10-20"), Items: 1, Pages: -1, Method: FeePages}}, "负数"},
		{"bad date", []FeeApplication{{Items: 1, Method: FeeItems}}, "日期无效"},
	}
	for _, tc := range cases {
		_, err := MonthlyFees(p, tc.apps)
		if err == nil || apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.From(err).Message, tc.frag) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestFeeNotice(t *testing.T) {
	lines, err := MonthlyFees(DefaultPolicy(), []FeeApplication{{ID: "2025-0042", Received: d("2025-10-09"), Items: 12, Method: FeeItems}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := NewFeeNotice(nil, lines[0], d("2025-10-09"), "通过非税收入缴款码缴纳")
	if err != nil {
		t.Fatal(err)
	}
	// 20 working days from the day after 10-09: 10-10 … 11-05.
	if n.PayBy != d("2025-11-05") || n.AmountFen != 200_00 || n.Method != FeeItems {
		t.Errorf("%+v", n)
	}
	if got := refAdd(t, d("2025-10-09"), 20); got != n.PayBy {
		t.Errorf("reference pay-by %s", got)
	}
	text := n.Text()
	for _, frag := range []string{"第四十二条", "国办函〔2020〕109号", "第三条、第四条", "200.00元", "2025年11月5日", "收到本通知次日起20个工作日", "视为放弃申请", "缴款码", "第11至12件每件100.00元"} {
		if !strings.Contains(text, frag) {
			t.Errorf("notice lacks %q:\n%s", frag, text)
		}
	}
	pl := FeeLine{ID: "x", Method: FeePages, AmountFen: 10_00, Standard: "本件第31页每页10.00元"}
	if pn, err := NewFeeNotice(nil, pl, d("2025-10-09"), "现金"); err != nil || !strings.Contains(pn.Basis, "第五条") {
		t.Errorf("page notice: %v %q", err, pn.Basis)
	}
	if _, err := NewFeeNotice(nil, FeeLine{Method: FeeItems}, d("2025-10-09"), "x"); err == nil {
		t.Error("notice for 0 fen accepted")
	}
	if _, err := NewFeeNotice(nil, FeeLine{Method: FeeNone, AmountFen: 5}, d("2025-10-09"), "x"); err == nil {
		t.Error("notice without a method accepted")
	}
	if _, err := NewFeeNotice(nil, lines[0], d("2025-10-09"), " "); err == nil {
		t.Error("notice without how to pay accepted")
	}
}

func TestFormatFen(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00元", 5: "0.05元", 100: "1.00元", 550000: "5500.00元", -150: "-1.50元", 470000: "4700.00元"} {
		if got := FormatFen(fen); got != want {
			t.Errorf("FormatFen(%d) = %q, want %q", fen, got, want)
		}
	}
	for _, m := range []FeeMethod{FeeNone, FeeItems, FeePages} {
		if m.Label() == "" {
			t.Errorf("%s has no label", m)
		}
	}
}

// TestFeeForEveryReplyType: LEGAL.md §2.1 Art. 4 — 按件计收 "applies to all types of reply
// decisions": a paid fee notice may be followed by a reply of any type and sub-reason (those
// recorded by their own events, and "still unclear after a correction", aside).
func TestFeeForEveryReplyType(t *testing.T) {
	base := []Event{{Kind: EvReceived, On: d("2025-09-26")},
		{Kind: EvFeeNotice, On: d("2025-10-09"), AmountFen: ItemFee(11)},
		{Kind: EvFeePaid, On: d("2025-10-10")}}
	n := 0
	for _, rt := range ReplyTypes() {
		reasons := rt.Reasons()
		if len(reasons) == 0 {
			reasons = []Reason{""}
		}
		for _, r := range reasons {
			if r == OtherCorrectionLapsed || r == OtherFeeUnpaid || r == UnableStillUnclear {
				continue
			}
			if err := Validate(nil, DefaultPolicy(), base, Event{Kind: EvReplied, On: d("2025-10-13"), ReplyType: rt, Reason: r}); err != nil {
				t.Errorf("%s/%s after a fee: %v", rt, r, err)
			}
			n++
		}
	}
	if n < 15 {
		t.Fatalf("only %d reply types and reasons tried", n)
	}
}
