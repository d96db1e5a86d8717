package request

import (
	"fmt"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号; LEGAL.md §2).
// All amounts are in fen (分) as int64; there are no floats anywhere.
//
// LEGAL.md §2.1 (CONFIRMED rules), Art. 3: "charge per request (按件计收) or
// per volume (按量计收); both are marginal ("超额累进") tiers. For each request
// the organ chooses one method according to the circumstances; it must not
// charge both methods for the same request (no double counting). The organ,
// not the applicant, chooses."

// FeeMethod is how one application is charged. Exactly one method per
// application (Art. 3); FeeNone when the organ charges nothing.
type FeeMethod string

const (
	FeeNone  FeeMethod = "none"  // not charged
	FeeItems FeeMethod = "items" // 按件计收 (Art. 4)
	FeePages FeeMethod = "pages" // 按量计收 (Art. 5)
)

// Label is the method's Chinese name.
func (m FeeMethod) Label() string {
	switch m {
	case FeeNone:
		return "不收费"
	case FeeItems:
		return "按件计收"
	case FeePages:
		return "按量计收"
	}
	return ""
}

const (
	// FenPerYuan: 1 元 = 100 分.
	FenPerYuan = 100
	// FreeItemsPerMonth: "1–10 件 (inclusive): free".
	FreeItemsPerMonth = 10
	// MaxItemsPerMonth and MaxPages bound the inputs so that no amount can
	// overflow int64 (far beyond any real month or request).
	MaxItemsPerMonth = 1_000_000
	MaxPages         = 10_000_000
	// PaymentPeriodWorkdays: pay "within 20 working days counting from the
	// day after receiving the notice" (LEGAL.md §2.1).
	PaymentPeriodWorkdays = 20
)

// ItemUnitPrice is the price in fen of the n-th 件 (n ≥ 1) of one applicant
// in one natural month under 按件计收. LEGAL.md §2.1, Art. 4:
//
//	Tiers, counted per applicant per calendar month (自然月), cumulative:
//	- 1–10 件 (inclusive): free;
//	- the part from 11 to 30 件 (inclusive): 100 元/件;
//	- the part from 31 件 up: in bands of 10 件, each further band adds 100 元/件.
//	  INFERENCE (my reading): 31–40 → 200 元/件, 41–50 → 300 元/件, 51–60 → 400 元/件, …
//
// So the band's price applies to each 件 in the band (per 件, not per band),
// and the tiers are marginal: the 35th 件 costs 200 元 whatever the others
// cost. (The 办法's wording, as quoted on the 新会区 fee table LEGAL.md §2
// cites: "以10件为一档，每增加一档，收费标准提高100元/件".) n ≤ 0 costs 0.
func ItemUnitPrice(n int) int64 {
	switch {
	case n <= FreeItemsPerMonth:
		return 0
	case n <= 30:
		return 100 * FenPerYuan
	}
	band := int64(n-31) / 10 // 0 for 31–40
	return (2 + band) * 100 * FenPerYuan
}

// ItemFee is the total 按件 fee in fen for the first countInMonth 件 of one
// applicant in one natural month: the sum of ItemUnitPrice(1…countInMonth)
// (marginal tiers, Art. 3 "超额累进"). LEGAL.md §2.1's worked example:
// 45 件 → 0 + 20×100 + 10×200 + 5×300 = 5,500 元 = 550000 fen.
// countInMonth ≤ 0 gives 0; counts above MaxItemsPerMonth are treated as
// MaxItemsPerMonth (MonthlyFees refuses them).
func ItemFee(countInMonth int) int64 {
	c := int64(min(countInMonth, MaxItemsPerMonth))
	if c <= FreeItemsPerMonth {
		return 0
	}
	const yuan100 = 100 * FenPerYuan
	fee := (min(c, 30) - FreeItemsPerMonth) * yuan100
	if c <= 30 {
		return fee
	}
	m := c - 30
	k, r := m/10, m%10 // full bands of 10 beyond 30, and the rest
	// Full band j (0-based) costs 10 × (2+j) × 100 元.
	fee += 10 * yuan100 * (2*k + k*(k-1)/2)
	fee += r * (2 + k) * yuan100
	return fee
}

// PageFee is the 按量 fee in fen for a request of the given pages. LEGAL.md
// §2.1, Art. 5 ("applies when the applicant asks for paper copies, e-mail
// delivery, or copied electronic data and similar"):
//
//	Tiers by pages (页):
//	- 1–30 pages (inclusive): free;
//	- part from 31 to 100 (inclusive): 10 元/页;
//	- part from 101 to 200 (inclusive): 20 元/页;
//	- part from 201 up: 40 元/页.
//	Worked example (INFERENCE): 250 pages → 0 + 70×10 + 100×20 + 50×40 = 4,700 元.
//
// The tiers are marginal ("的部分", Art. 3 "超额累进"): each page is charged
// at the rate of the tier it falls in, not the whole count at the top rate.
// pages ≤ 0 gives 0; pages above MaxPages are treated as MaxPages.
func PageFee(pages int) int64 {
	p := int64(min(pages, MaxPages))
	var fee int64
	if p > 30 {
		fee += (min(p, 100) - 30) * 10 * FenPerYuan
	}
	if p > 100 {
		fee += (min(p, 200) - 100) * 20 * FenPerYuan
	}
	if p > 200 {
		fee += (p - 200) * 40 * FenPerYuan
	}
	return fee
}

// pageRangeFee is the fee for pages from+1 … to of a cumulative count (month scope).
func pageRangeFee(from, to int) int64 { return PageFee(to) - PageFee(from) }

// itemRangeFee is the fee for 件 from+1 … to of the month.
func itemRangeFee(from, to int) int64 { return ItemFee(to) - ItemFee(from) }

// FeeApplication is one application of an applicant in a natural month, for MonthlyFees.
type FeeApplication struct {
	ID       string
	Received workday.Date // the Art. 31 receipt date; decides the natural month
	// Items is how many 件 the application counts as: 1, or more when the
	// organ splits it by 一事一申请 into the smallest reasonable units
	// (LEGAL.md §2.1, Art. 4: "If one application contains several items,
	// the organ may split it by the '一事一申请' principle into the smallest
	// reasonable units and count each as a 件").
	Items  int
	Pages  int       // pages provided, for FeePages
	Method FeeMethod // the one method the organ chose for this application
}

// FeeLine is the fee assigned to one application.
type FeeLine struct {
	ID     string
	Method FeeMethod
	// FirstItem…LastItem are the application's ordinals among the
	// applicant's 件 of the month (1-based), whatever its method.
	FirstItem, LastItem int
	// FirstPage…LastPage are the pages charged: 1…Pages per application, or
	// the cumulative page numbers of the month under PagesPerMonth. Zero
	// unless Method is FeePages.
	FirstPage, LastPage int
	AmountFen           int64
	// Standard describes the tiers applied, in Chinese (for the fee notice).
	Standard string
}

// MonthlyFees assigns each of one applicant's applications in one natural
// month its fee. apps must be in order of receipt (equal dates keep the
// given order, which should be the order of receipt within the day).
//
// Every application's 件 take their places in the month's count whatever
// method is chosen for it: Art. 4's tiers count what the applicant "累计申请"
// in the month (INFERENCE; LEGAL.md does not discuss applications charged by
// page or not charged). An application charged 按件 pays the price of each
// of its 件 by ordinal, so an application whose 件 cross a band boundary
// (say the 9th to the 12th) pays for each part at its own tier. An
// application charged 按量 pays PageFee of its pages (PagesPerApplication),
// or, under PagesPerMonth, the marginal fee of its pages on top of the
// pages of the month's earlier 按量 applications. Never both methods.
func MonthlyFees(p Policy, apps []FeeApplication) ([]FeeLine, error) {
	if p.PagesScope != PagesPerApplication && p.PagesScope != PagesPerMonth {
		return nil, p.Validate()
	}
	out := make([]FeeLine, 0, len(apps))
	items, pages := 0, 0
	for i, a := range apps {
		where := func(msg string) error {
			id := a.ID
			if id == "" {
				id = fmt.Sprintf("第%d件申请", i+1)
			}
			return apperr.Newf(apperr.Invalid, "%s：%s", id, msg).OnField("applications")
		}
		if !a.Received.Valid() {
			return nil, where("收到日期无效")
		}
		if i > 0 {
			prev := apps[i-1].Received
			if a.Received.Year != prev.Year || a.Received.Month != prev.Month {
				return nil, where("各申请应属于同一个自然月（按件计收按同一申请人一个自然月累计）")
			}
			if a.Received.Before(prev) {
				return nil, where("申请应按收到日期排序")
			}
		}
		if a.Items < 1 {
			return nil, where("件数至少为1")
		}
		if a.Pages < 0 {
			return nil, where("页数不能为负数")
		}
		if items+a.Items > MaxItemsPerMonth {
			return nil, where(fmt.Sprintf("一个月的件数超过%d", MaxItemsPerMonth))
		}
		line := FeeLine{ID: a.ID, Method: a.Method, FirstItem: items + 1, LastItem: items + a.Items}
		switch a.Method {
		case FeeNone:
			line.Standard = "不收取信息处理费"
		case FeeItems:
			line.AmountFen = itemRangeFee(items, items+a.Items)
			line.Standard = itemStandard(line.FirstItem, line.LastItem)
		case FeePages:
			if a.Pages > MaxPages {
				return nil, where(fmt.Sprintf("页数超过%d", MaxPages))
			}
			if p.PagesScope == PagesPerMonth {
				if pages+a.Pages > MaxPages {
					return nil, where(fmt.Sprintf("一个月累计页数超过%d", MaxPages))
				}
				line.FirstPage, line.LastPage = pages+1, pages+a.Pages
				line.AmountFen = pageRangeFee(pages, pages+a.Pages)
				pages += a.Pages
			} else {
				line.FirstPage, line.LastPage = 1, a.Pages
				line.AmountFen = PageFee(a.Pages)
			}
			if a.Pages == 0 {
				line.FirstPage, line.LastPage = 0, 0
			}
			line.Standard = pageStandard(line.FirstPage, line.LastPage, p.PagesScope)
		default:
			return nil, where("请选择一种计费方式：不收费、按件计收或按量计收（不得同时按两种标准重复计算）")
		}
		items += a.Items
		out = append(out, line)
	}
	return out, nil
}

// MonthlyItemFees is MonthlyFees for applications all charged 按件: given the
// 件 counts of one applicant's applications of a natural month in order of
// receipt, it returns each application's fee in fen.
func MonthlyItemFees(itemCounts []int) ([]int64, error) {
	out := make([]int64, len(itemCounts))
	n := 0
	for i, c := range itemCounts {
		if c < 1 {
			return nil, apperr.Newf(apperr.Invalid, "第%d件申请的件数至少为1", i+1)
		}
		if n+c > MaxItemsPerMonth {
			return nil, apperr.Newf(apperr.Invalid, "一个月的件数超过%d", MaxItemsPerMonth)
		}
		out[i] = itemRangeFee(n, n+c)
		n += c
	}
	return out, nil
}

// itemStandard describes which tiers the 件 first…last fall in.
func itemStandard(first, last int) string {
	var parts []string
	for n := first; n <= last; {
		price := ItemUnitPrice(n)
		end := n
		for end+1 <= last && ItemUnitPrice(end+1) == price {
			end++
		}
		span := fmt.Sprintf("第%d件", n)
		if end > n {
			span = fmt.Sprintf("第%d至%d件", n, end)
		}
		if price == 0 {
			parts = append(parts, span+"免费")
		} else {
			parts = append(parts, fmt.Sprintf("%s每件%s", span, FormatFen(price)))
		}
		n = end + 1
	}
	return "本月累计" + strings.Join(parts, "，")
}

// pageStandard describes which page tiers the pages first…last fall in.
func pageStandard(first, last int, scope PagesScope) string {
	if last == 0 {
		return "0页，不收费"
	}
	tiers := []struct {
		lo, hi int
		price  int64
	}{{1, 30, 0}, {31, 100, 10 * FenPerYuan}, {101, 200, 20 * FenPerYuan}, {201, MaxPages, 40 * FenPerYuan}}
	var parts []string
	for _, t := range tiers {
		lo, hi := max(first, t.lo), min(last, t.hi)
		if lo > hi {
			continue
		}
		span := fmt.Sprintf("第%d至%d页", lo, hi)
		if lo == hi {
			span = fmt.Sprintf("第%d页", lo)
		}
		if t.price == 0 {
			parts = append(parts, span+"免费")
		} else {
			parts = append(parts, fmt.Sprintf("%s每页%s", span, FormatFen(t.price)))
		}
	}
	prefix := "本件"
	if scope == PagesPerMonth {
		prefix = "本月累计"
	}
	return prefix + strings.Join(parts, "，")
}

// FormatFen formats an amount in fen as yuan with two decimals, e.g.
// 550000 → "5500.00元", 5 → "0.05元". Integer arithmetic only.
func FormatFen(fen int64) string {
	sign := ""
	if fen < 0 {
		sign = "-"
		fen = -fen
	}
	return fmt.Sprintf("%s%d.%02d元", sign, fen/FenPerYuan, fen%FenPerYuan)
}

// PaymentDeadline is the last day to pay a fee notice the applicant
// received on noticeReceived: "within 20 working days counting from the day
// after receiving the notice" (LEGAL.md §2.1) — the notice day is never
// counted, whatever clock.count_receipt_day says.
func PaymentDeadline(cal *workday.Calendar, noticeReceived workday.Date) (workday.Date, error) {
	if cal == nil {
		cal = workday.Default()
	}
	return cal.AddWorkdays(noticeReceived, PaymentPeriodWorkdays, false)
}

// FeeNotice is the 收费通知: LEGAL.md §2.1 — "the organ that decides to
// charge sends a 收费通知, within the application-handling period, through
// the channel the applicant uses to receive information, stating the
// basis, standard, amount and how to pay."
type FeeNotice struct {
	ApplicationID string
	Method        FeeMethod
	AmountFen     int64
	Basis         string // the rules relied on
	Standard      string // the tiers applied (FeeLine.Standard)
	HowToPay      string
	Issued        workday.Date // the day the applicant receives the notice
	PayBy         workday.Date // PaymentDeadline(Issued)
}

// Basis texts of the two methods.
const (
	itemBasis = "依据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第四条，按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费，11—30件（含30件）的部分100元/件，31件以上的部分以10件为一档，每增加一档收费标准提高100元/件。"
	pageBasis = "依据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条，按量计收：30页以下（含30页）的不收费，31—100页（含100页）的部分10元/页，101—200页（含200页）的部分20元/页，201页以上的部分40元/页。"
)

// NewFeeNotice makes the fee notice for a fee line. It refuses a line with
// nothing to pay (no notice is sent then) and a missing payment method.
func NewFeeNotice(cal *workday.Calendar, line FeeLine, issued workday.Date, howToPay string) (FeeNotice, error) {
	if line.AmountFen <= 0 {
		return FeeNotice{}, apperr.New(apperr.Invalid, "本申请无需收取信息处理费，不应发出收费通知")
	}
	var basis string
	switch line.Method {
	case FeeItems:
		basis = itemBasis
	case FeePages:
		basis = pageBasis
	default:
		return FeeNotice{}, apperr.New(apperr.Invalid, "收费通知须写明计费方式（按件或按量，二者只能选一）")
	}
	if strings.TrimSpace(howToPay) == "" {
		return FeeNotice{}, apperr.New(apperr.Invalid, "收费通知须写明缴纳方式").OnField("how_to_pay")
	}
	payBy, err := PaymentDeadline(cal, issued)
	if err != nil {
		return FeeNotice{}, err
	}
	return FeeNotice{
		ApplicationID: line.ID, Method: line.Method, AmountFen: line.AmountFen,
		Basis: basis, Standard: line.Standard, HowToPay: howToPay, Issued: issued, PayBy: payBy,
	}, nil
}

// Text is the body of the notice in Chinese.
func (n FeeNotice) Text() string {
	return fmt.Sprintf("%s\n收费标准：%s。\n应缴金额：%s。\n缴纳方式：%s\n请于%s前（收到本通知次日起%d个工作日内）缴纳；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
		n.Basis, n.Standard, FormatFen(n.AmountFen), n.HowToPay, n.PayBy.ChineseFull(), PaymentPeriodWorkdays)
}
