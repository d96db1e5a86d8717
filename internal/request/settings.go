package request

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Setting names, as on the settings page and in LEGAL.md "Decisions for the code".
const (
	SettingCountReceiptDay      = "clock.count_receipt_day"
	SettingPauseForFee          = "clock.pause_for_fee"
	SettingCorrectionPeriodDays = "correction.period_days"
	SettingPagesScope           = "fee.pages_scope"
	SettingAbuseWindowDays      = "abuse.window_days"
	SettingAbuseThreshold       = "abuse.threshold"
	SettingReminderDays         = "reminder.days_before"
	SettingUnknownYear          = "calendar.unknown_year"
)

// PagesScope says over what the page tiers of 按量计收 are counted.
type PagesScope string

const (
	// PagesPerApplication counts the page tiers afresh for every application
	// (LEGAL.md default: Art. 3 speaks of choosing a method "对每件申请").
	PagesPerApplication PagesScope = "application"
	// PagesPerMonth accumulates pages over one applicant's applications
	// charged by volume in a natural month, like the 按件 tiers.
	PagesPerMonth PagesScope = "month"
)

// Bounds for settings and per-notice values. They are sanity bounds against
// typing errors, not legal rules (the 条例 says only "合理的补正期限").
const (
	MinCorrectionPeriodDays = 1
	MaxCorrectionPeriodDays = 60
)

// Policy holds the choices the sources leave open. Each field is a named
// setting; DefaultPolicy gives the defaults of LEGAL.md's decisions table,
// and the code keeps both branches of every choice working.
type Policy struct {
	// CountReceiptDay (clock.count_receipt_day): is the day of receipt
	// working day 1? Default false: "counting starts on the next working
	// day" (LEGAL.md §1.5: the 条例 says only "自收到申请之日起20个工作日内";
	// the usual legal convention does not count the starting day). The same
	// convention is used for every period the 条例 words "自收到…之日起N个工作日":
	// the 20-day reply period (Art. 33), the 7-day limit for a correction
	// notice (Art. 30) and the consultee's 15 days (Arts. 32, 34).
	CountReceiptDay bool

	// PauseForFee (clock.pause_for_fee): is the time from a fee notice to
	// payment left out of the reply period? Default true ("no: the clock
	// pauses"). LEGAL.md §2.2 marks the underlying rule UNCONFIRMED, which is
	// why it is a setting.
	PauseForFee bool

	// CorrectionPeriodDays (correction.period_days): the correction (补正)
	// period in working days given to the applicant when a notice does not
	// set its own. Default 15; "editable per notice" (Event.Days). Art. 30
	// requires only "合理的补正期限".
	CorrectionPeriodDays int

	// PagesScope (fee.pages_scope): are the 按量计收 page tiers counted per
	// application (default) or per applicant per natural month? LEGAL.md §2.1
	// marks the question UNCONFIRMED.
	PagesScope PagesScope

	// AbuseWindowDays (abuse.window_days) and AbuseThreshold
	// (abuse.threshold): an applicant with at least AbuseThreshold
	// applications received within the last AbuseWindowDays calendar days is
	// flagged for a handler under Art. 35 (FlagFrequentApplicants). The flag
	// never decides anything. LEGAL.md sets no default; the project default
	// 30 in 30 days is where the 按件 fee reaches its second paid band
	// (LEGAL.md §2.1), i.e. well past the free amount. 0 disables the flag.
	AbuseWindowDays int
	AbuseThreshold  int

	// ReminderDays (reminder.days_before): the working days before the due
	// date on which the handlers of the receiving organisation get a
	// reminder, as a comma-separated list such as "3,1" (the default);
	// empty for none. A reminder on the first day overdue is always given.
	// It is a string, not a slice, so that a Policy stays comparable; read
	// it with ReminderWorkdays.
	ReminderDays string

	// UnknownYear (calendar.unknown_year): how dates are counted in a year
	// whose State Council holiday notice is not loaded (neither shipped nor
	// entered by staff). Default workday.WeekendsOnly: weekends only, with a
	// warning wherever such a period is shown (LEGAL.md "Decisions for the
	// code"); workday.Refuse makes such a computation an error instead.
	UnknownYear workday.UnknownYearPolicy
}

// MaxReminderDays bounds the reminder list: at most this many values, each
// 1…ReplyPeriodWorkdays (a sanity bound, not a legal rule).
const MaxReminderDays = 5

// DefaultPolicy returns the defaults of LEGAL.md "Decisions for the code".
func DefaultPolicy() Policy {
	return Policy{
		CountReceiptDay:      false,
		PauseForFee:          true,
		CorrectionPeriodDays: 15,
		PagesScope:           PagesPerApplication,
		AbuseWindowDays:      30,
		AbuseThreshold:       30,
		ReminderDays:         "3,1",
		UnknownYear:          workday.WeekendsOnly,
	}
}

// ReminderWorkdays is the reminder list read from ReminderDays: distinct
// working-day counts, largest first. A malformed list gives an error
// (Validate refuses it).
func (p Policy) ReminderWorkdays() ([]int, error) {
	var out []int
	for _, f := range strings.Split(p.ReminderDays, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > ReplyPeriodWorkdays {
			return nil, apperr.Newf(apperr.Invalid, "到期提醒的工作日数“%s”无效，应为1至%d的整数，多个用逗号分开，如“3,1”",
				f, ReplyPeriodWorkdays).OnField(SettingReminderDays)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) > MaxReminderDays {
		return nil, apperr.Newf(apperr.Invalid, "到期提醒最多设置%d个工作日数", MaxReminderDays).OnField(SettingReminderDays)
	}
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out, nil
}

// Validate checks the settings' ranges.
func (p Policy) Validate() error {
	if p.CorrectionPeriodDays < MinCorrectionPeriodDays || p.CorrectionPeriodDays > MaxCorrectionPeriodDays {
		return apperr.Newf(apperr.Invalid, "补正期限应在%d至%d个工作日之间，当前为%d",
			MinCorrectionPeriodDays, MaxCorrectionPeriodDays, p.CorrectionPeriodDays).OnField(SettingCorrectionPeriodDays)
	}
	if p.PagesScope != PagesPerApplication && p.PagesScope != PagesPerMonth {
		return apperr.Newf(apperr.Invalid, "按量计收页数的累计范围“%s”无效，应为 application（按每件申请）或 month（按自然月）",
			p.PagesScope).OnField(SettingPagesScope)
	}
	if p.AbuseWindowDays < 1 || p.AbuseWindowDays > 366 {
		return apperr.Newf(apperr.Invalid, "申请频次统计窗口应在1至366天之间，当前为%d", p.AbuseWindowDays).OnField(SettingAbuseWindowDays)
	}
	if p.AbuseThreshold < 0 {
		return apperr.Newf(apperr.Invalid, "申请频次提示阈值不能为负数，当前为%d", p.AbuseThreshold).OnField(SettingAbuseThreshold)
	}
	if _, err := p.ReminderWorkdays(); err != nil {
		return err
	}
	if p.UnknownYear != workday.WeekendsOnly && p.UnknownYear != workday.Refuse {
		return apperr.Newf(apperr.Invalid, "未录入年份的计算方式“%s”无效，应为 weekends_only 或 refuse", p.UnknownYear).OnField(SettingUnknownYear)
	}
	return nil
}

// SettingDoc describes one setting for the settings page.
type SettingDoc struct {
	Name        string // e.g. "clock.count_receipt_day"
	Value       string // the current value as stored
	Default     string
	Description string // Chinese, for staff
}

// Settings lists p's settings with their documentation, in a stable order.
func (p Policy) Settings() []SettingDoc {
	d := DefaultPolicy()
	return []SettingDoc{
		{SettingCountReceiptDay, strconv.FormatBool(p.CountReceiptDay), strconv.FormatBool(d.CountReceiptDay),
			"收到申请当日是否计为第1个工作日。默认否：自收到申请的次日起算（条例未明确，按期间计算的通常做法）。同一口径也用于补正告知的7个工作日和征求意见的15个工作日。"},
		{SettingPauseForFee, strconv.FormatBool(p.PauseForFee), strconv.FormatBool(d.PauseForFee),
			"发出收费通知至申请人缴费期间是否不计入答复期限。默认是（暂停计时）。"},
		{SettingCorrectionPeriodDays, strconv.Itoa(p.CorrectionPeriodDays), strconv.Itoa(d.CorrectionPeriodDays),
			"补正通知给予申请人的补正期限（工作日），每份补正通知可另行设定。条例第三十条要求“合理的补正期限”。"},
		{SettingPagesScope, string(p.PagesScope), string(d.PagesScope),
			"按量计收的页数档次按每件申请计算（application），还是按同一申请人一个自然月累计（month）。默认按每件申请。"},
		{SettingAbuseWindowDays, strconv.Itoa(p.AbuseWindowDays), strconv.Itoa(d.AbuseWindowDays),
			"统计申请频次的时间窗口（自然日）。"},
		{SettingAbuseThreshold, strconv.Itoa(p.AbuseThreshold), strconv.Itoa(d.AbuseThreshold),
			"同一申请人在统计窗口内的申请件数达到该数时提示经办人按条例第三十五条研判；系统不作决定。0为不提示。"},
		{SettingReminderDays, p.ReminderDays, d.ReminderDays,
			"答复期限届满前第几个工作日提醒受理机关的办理人员，多个用逗号分开（如“3,1”），留空为不提前提醒；超期的第一天总会提醒。"},
		{SettingUnknownYear, p.UnknownYear.String(), d.UnknownYear.String(),
			"尚未录入国务院办公厅节假日安排通知的年份如何计算工作日：weekends_only（默认，按双休日计算，并在涉及该年的期限旁提示“仅供参考”）或 refuse（不计算，提示先录入该年的通知）。"},
	}
}

// Set sets the setting name from its stored value (the form written by
// Settings). The result is not validated as a whole; call Validate.
func (p *Policy) Set(name, value string) error {
	bad := func(want string) error {
		return apperr.Newf(apperr.Invalid, "设置项%s的取值“%s”无效，应为%s", name, value, want).OnField(name)
	}
	switch name {
	case SettingCountReceiptDay, SettingPauseForFee:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return bad("true 或 false")
		}
		if name == SettingCountReceiptDay {
			p.CountReceiptDay = b
		} else {
			p.PauseForFee = b
		}
	case SettingCorrectionPeriodDays, SettingAbuseWindowDays, SettingAbuseThreshold:
		n, err := strconv.Atoi(value)
		if err != nil {
			return bad("整数")
		}
		switch name {
		case SettingCorrectionPeriodDays:
			p.CorrectionPeriodDays = n
		case SettingAbuseWindowDays:
			p.AbuseWindowDays = n
		default:
			p.AbuseThreshold = n
		}
	case SettingReminderDays:
		next := *p
		next.ReminderDays = value
		days, err := next.ReminderWorkdays()
		if err != nil {
			return err
		}
		p.ReminderDays = joinInts(days)
	case SettingUnknownYear:
		u, err := workday.ParseUnknownYearPolicy(value)
		if err != nil {
			return bad("weekends_only 或 refuse")
		}
		p.UnknownYear = u
	case SettingPagesScope:
		if value != string(PagesPerApplication) && value != string(PagesPerMonth) {
			return bad("application 或 month")
		}
		p.PagesScope = PagesScope(value)
	default:
		return apperr.New(apperr.Invalid, fmt.Sprintf("未知的设置项“%s”", name)).OnField(name)
	}
	return nil
}

// joinInts writes a list of ints as "3,1".
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}
