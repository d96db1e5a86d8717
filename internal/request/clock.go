package request

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// The statutory clock of an application is an event log: every step is an
// Event, and Compute derives the due date, the working days used and left,
// and the status at any date from the log. Nothing is stored but events.
//
// Periods (条例 text quoted from the 2019 version):
//
//   - Reply: "自收到申请之日起20个工作日内予以答复" (Art. 33). Working day 1 is
//     the first working day after receipt, or the day of receipt itself when
//     clock.count_receipt_day is on and it is a working day (workday.AddWorkdays).
//   - Extension: "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，
//     延长的期限最长不得超过20个工作日" (Art. 33): once, 1–20 working days, with
//     the approver and the notice date recorded, decided no later than the
//     current due date.
//   - Correction (补正): "自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要
//     补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当
//     理由逾期不补正的，视为放弃申请" (Art. 30): once, by the 7th working day
//     (counted like the reply period), listing every item; the correction
//     period (correction.period_days unless the notice sets its own) runs
//     from the day after the notice. While the organ waits there is no due
//     date. A corrected application restarts the clock: a fresh 20 working
//     days from its receipt; the days before do not count. A late correction
//     needs the applicant's reason recorded (正当理由); a lapse ends the case
//     under 三(六)1.
//   - Consultation: "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内"
//     (Art. 33). The third party (Art. 32) and a co-maker organ (Art. 34) each
//     have "自收到征求意见书之日起15个工作日" (counted like the reply period,
//     from Event.Served, the day the letter reached them, or the day it was
//     sent when unknown).
//   - Fee: with clock.pause_for_fee on, notice → payment is not counted.
//     Payment is due "within 20 working days counting from the day after
//     receiving the notice" (LEGAL.md §2.1); unpaid, the case ends under
//     三(六)2 when staff record the lapse.
//   - Art. 35: a reasonable delayed reply period, set once with reasons.
//
// Pauses, precisely. A pause from S (the day the consultation letter or the
// fee notice goes out) to E (the day the answer or the payment arrives)
// leaves out of the reply period the working days d with S < d ≤ E, i.e.
// calendar.WorkdaysBetween(S, E) days: the sending day still counts for the
// organ (it worked on the case that day, just as the day of receipt does not
// start a period), the day the answer arrives does not (the organ resumes
// the next working day, as a period "from receipt" starts the day after).
// So the paused working days are exactly those on which the organ was
// waiting, the reading that never shortens the organ's time and never
// counts a day twice; a same-day answer pauses nothing. Overlapping pauses
// (say a third party and an organ consulted at once) are merged: each
// working day is excluded once. A consultation excludes at most up to the
// consultee's own deadline: once its 15 working days are over the organ
// must decide (Art. 32 "第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否
// 公开"; Art. 34 "逾期未提出意见的视为同意公开"), so a later answer, or none,
// does not stop the clock beyond that day. The fee pause has no such cap:
// payment after its deadline is refused and staff record the lapse.
//
// Open pauses (no end yet) are counted as ending on the day Compute is asked
// about; the due date is then provisional and moves later each day.

// EventKind is the kind of a step in the log.
type EventKind string

const (
	EvReceived            EventKind = "received"             // the Art. 31 receipt date; always first
	EvCorrectionRequested EventKind = "correction_requested" // 补正告知; Days = correction period (0 = policy), Items = what to correct
	EvCorrected           EventKind = "corrected"            // the corrected application received (restarts the clock)
	EvCorrectionLapsed    EventKind = "correction_lapsed"    // no correction in time: deemed abandoned, 三(六)1
	EvExtended            EventKind = "extended"             // 延期; Days 1–20, Approver, On = notice to the applicant
	EvDelaySet            EventKind = "delay_set"            // Art. 35 延迟答复的合理期限; Days, Note = reasons
	EvThirdPartyStart     EventKind = "third_party_consult_start"
	EvThirdPartyEnd       EventKind = "third_party_consult_end"
	EvOrganStart          EventKind = "organ_consult_start"
	EvOrganEnd            EventKind = "organ_consult_end"
	EvFeeNotice           EventKind = "fee_notice" // On = the day the applicant receives the notice; AmountFen
	EvFeePaid             EventKind = "fee_paid"
	EvFeeLapsed           EventKind = "fee_lapsed" // unpaid in time: 三(六)2
	EvReplied             EventKind = "replied"    // the reply; ReplyType/Reason optional here
	EvWithdrawn           EventKind = "withdrawn"  // withdrawn by the applicant
	// EvThirdPartyNotified: Art. 32 — after a third party objected (EvThirdPartyEnd with
	// Objected), the organ decides to disclose because non-disclosure may seriously affect the
	// public interest, and tells the third party in writing what it will disclose (Text) and why
	// (Note). Required before a reply of 予以公开 or 部分公开 (告知第三方决定公开的书面通知).
	EvThirdPartyNotified EventKind = "third_party_notified"
)

// Label is the event kind's Chinese name.
func (k EventKind) Label() string {
	switch k {
	case EvReceived:
		return "收到申请"
	case EvCorrectionRequested:
		return "告知补正"
	case EvCorrected:
		return "收到补正后的申请"
	case EvCorrectionLapsed:
		return "逾期未补正"
	case EvExtended:
		return "延长答复期限"
	case EvDelaySet:
		return "确定延迟答复期限"
	case EvThirdPartyStart:
		return "征求第三方意见"
	case EvThirdPartyEnd:
		return "第三方意见收到"
	case EvOrganStart:
		return "征求其他机关意见"
	case EvOrganEnd:
		return "其他机关意见收到"
	case EvFeeNotice:
		return "发出收费通知"
	case EvFeePaid:
		return "缴纳信息处理费"
	case EvFeeLapsed:
		return "逾期未缴费"
	case EvReplied:
		return "答复"
	case EvWithdrawn:
		return "申请人撤回申请"
	case EvThirdPartyNotified:
		return "告知第三方决定公开"
	}
	return ""
}

// Event is one step of the log.
type Event struct {
	Kind EventKind
	On   workday.Date
	// Days: correction period (EvCorrectionRequested; 0 = Policy.CorrectionPeriodDays),
	// extension (EvExtended, 1–20), delayed period (EvDelaySet).
	Days int
	// Approver: EvExtended — the head of the disclosure office (政府信息公开工作机构负责人) who agreed.
	Approver string
	// Party: the third party or organ consulted (start and end of a consultation match on it).
	Party string
	// Served: consultation start — the day the consultee received the letter,
	// from which its 15 working days run (zero = On).
	Served workday.Date
	// Items: EvCorrectionRequested — everything the applicant must correct, listed at once.
	Items []string
	// AmountFen: EvFeeNotice — the amount notified.
	AmountFen int64
	// ReplyType and Reason: EvReplied — the decision, if recorded with the event.
	ReplyType ReplyType
	Reason    Reason
	Note      string
	// Text: EvCorrected — the corrected description of the information
	// sought, which replaces the application's description (Art. 30: the
	// reply period runs from the corrected application). Empty when the
	// correction does not restate the description.
	Text string
	// Original: EvCorrected — the description the corrected text replaced,
	// kept in the log (set by the store when it replaces the description).
	Original string
	// Objected: EvThirdPartyEnd — the third party does not agree to disclosure (Art. 32);
	// Note holds its reasons.
	Objected bool
}

// Status of an application at a date.
type Status string

const (
	StatusPending Status = "pending" // the clock runs
	StatusPaused  Status = "paused"  // waiting for a correction, a consultee or a payment
	StatusOverdue Status = "overdue" // not ended and the due date has passed
	StatusEnded   Status = "ended"
)

// Label is the status's Chinese name.
func (s Status) Label() string {
	switch s {
	case StatusPending:
		return "办理中"
	case StatusPaused:
		return "暂停计时"
	case StatusOverdue:
		return "已超期"
	case StatusEnded:
		return "已办结"
	}
	return ""
}

// EndReason says how a case ended.
type EndReason string

const (
	EndReplied          EndReason = "replied"
	EndWithdrawn        EndReason = "withdrawn"
	EndCorrectionLapsed EndReason = "correction_lapsed" // 三(六)1
	EndFeeLapsed        EndReason = "fee_lapsed"        // 三(六)2
)

// Label is the end reason's Chinese name.
func (r EndReason) Label() string {
	switch r {
	case EndReplied:
		return "已答复"
	case EndWithdrawn:
		return "申请人撤回"
	case EndCorrectionLapsed:
		return "申请人无正当理由逾期不补正，视为放弃申请"
	case EndFeeLapsed:
		return "申请人逾期未缴纳信息处理费，视为放弃申请"
	}
	return ""
}

// PauseKind says what the clock waits for.
type PauseKind string

const (
	PauseCorrection PauseKind = "correction" // waiting for the corrected application (no due date)
	PauseThirdParty PauseKind = "third_party"
	PauseOrgan      PauseKind = "organ"
	PauseFee        PauseKind = "fee"
)

// Label is the pause kind's Chinese name.
func (k PauseKind) Label() string {
	switch k {
	case PauseCorrection:
		return "等待补正"
	case PauseThirdParty:
		return "征求第三方意见"
	case PauseOrgan:
		return "征求其他机关意见"
	case PauseFee:
		return "等待缴纳信息处理费"
	}
	return ""
}

// Pause is one consultation or fee wait.
type Pause struct {
	Kind  PauseKind
	Party string
	From  workday.Date // the day the letter or notice went out
	// Served: the day the consultee received the letter / the applicant the notice.
	Served workday.Date
	// To: the day the answer or payment arrived; for an open pause the day
	// asked about. When Capped, the consultee's deadline.
	To     workday.Date
	Open   bool
	Capped bool // the exclusion stops at Deadline
	// Deadline: the consultee's 15th working day, or the last day to pay.
	Deadline workday.Date
	// Counted says whether the pause leaves time out of the reply period
	// (false for a fee wait when clock.pause_for_fee is off).
	Counted bool
	// Excluded: working days in (From, To] (after capping) — before merging with other pauses.
	Excluded int
}

// Clock is the state of an application's clock at a date.
type Clock struct {
	Today  workday.Date
	Status Status
	// Ended, EndedOn and EndRow when the case has ended (EndRow is the
	// report row for a lapse, or the reply's row if recorded).
	Ended   EndReason
	EndedOn workday.Date
	EndRow  string
	// Received is the Art. 31 receipt date; Start is the date the current
	// period runs from (Received, or the receipt of the corrected application).
	Received  workday.Date
	Start     workday.Date
	Restarted bool
	// Period = BaseDays + ExtensionDays + DelayDays working days.
	BaseDays, ExtensionDays, DelayDays, Period int
	// Due is the last day to reply; zero while waiting for a correction.
	// DueProvisional: an open pause was counted as ending today.
	Due            workday.Date
	DueProvisional bool
	// Used: working days of the period counted up to Today (or the end);
	// Left = Period − Used, negative when overdue.
	Used, Left int
	// Excluded: working days left out by pauses (merged), up to Due.
	Excluded int
	// RepliedLate: the reply came after Due.
	RepliedLate bool
	// PausedFor: what the clock waits for on Today.
	PausedFor []PauseKind
	Pauses    []Pause
	// CorrectionNoticeBy: the last day for a correction notice (7th working day).
	CorrectionNoticeBy workday.Date
	// CorrectionDue: the last day of the correction period, once notified.
	CorrectionDue workday.Date
	// ThirdPartyDue, OrganDue: the deadline of the latest consultation of each kind.
	ThirdPartyDue, OrganDue workday.Date
	// FeeDue: the last day to pay the fee notice; AwaitingPayment while unpaid.
	FeeDue          workday.Date
	AwaitingPayment bool
	// Explanation: how every date was counted, in Chinese, one step a line.
	Explanation []string
	// ApplicantExplanation is Explanation as the applicant may read it: a
	// third party consulted under Art. 32 is not named ("征求第三方意见").
	// ForApplicant puts it in place of Explanation.
	ApplicantExplanation []string
	// Alerts: things staff must act on (a lapsed period to record, a
	// consultee's deadline passed…), in Chinese.
	Alerts []string
	// Warnings: calendar warnings (a year whose holiday notice is not loaded).
	Warnings []string
}

// Text is the explanation as one block of text.
func (c Clock) Text() string { return strings.Join(c.Explanation, "\n") }

// ForApplicant is the clock as the applicant (or anyone but the handlers) may see it: the
// explanation without the names of third parties consulted (Art. 32: the consultation is
// between the organ and the third party; its name and interests are not the applicant's to
// know), no third party's name on a pause, and no alerts (they are instructions to staff and
// may name a consultee).
func (c Clock) ForApplicant() Clock {
	out := c
	out.Explanation = slices.Clone(c.ApplicantExplanation)
	out.ApplicantExplanation = nil
	out.Alerts = nil
	out.Pauses = slices.Clone(c.Pauses)
	for i := range out.Pauses {
		if out.Pauses[i].Kind == PauseThirdParty {
			out.Pauses[i].Party = ""
		}
	}
	return out
}

// Sentinel causes of event-validation errors (for errors.Is); the
// *apperr.Error around them carries the Chinese message.
var (
	ErrNotReceived        = errors.New("request: the log must start with the receipt")
	ErrOrder              = errors.New("request: events out of date order")
	ErrEnded              = errors.New("request: the case has ended")
	ErrBadEvent           = errors.New("request: malformed event")
	ErrCorrectionWindow   = errors.New("request: correction notice after the 7th working day")
	ErrCorrectionOnce     = errors.New("request: only one correction notice")
	ErrCorrectionOrder    = errors.New("request: correction notice after other steps")
	ErrCorrectionState    = errors.New("request: no correction pending")
	ErrAwaitingCorrection = errors.New("request: waiting for the corrected application")
	ErrExtension          = errors.New("request: invalid extension")
	ErrAfterDue           = errors.New("request: after the due date")
	ErrConsultation       = errors.New("request: consultation start and end do not match")
	ErrFee                = errors.New("request: invalid fee step")
	ErrReply              = errors.New("request: invalid reply")
	ErrPublicInterest     = errors.New("request: disclosure over a third party's objection without the written notice")
)

func ruleErr(cause error, format string, args ...any) error {
	return apperr.Wrap(apperr.Invalid, fmt.Sprintf(format, args...), cause)
}

// Limits.
const (
	ReplyPeriodWorkdays        = 20 // Art. 33
	MaxExtensionWorkdays       = 20 // Art. 33
	CorrectionNoticeWorkdays   = 7  // Art. 30
	ConsultationPeriodWorkdays = 15 // Arts. 32, 34
	// MaxDelayWorkdays bounds the Art. 35 delayed period (about a year); a
	// sanity bound, not a legal one ("合理期限").
	MaxDelayWorkdays = 250
)

type pauseRec struct {
	kind     PauseKind
	party    string
	from     workday.Date
	served   workday.Date
	to       workday.Date
	open     bool
	deadline workday.Date
}

// state is the log replayed.
type state struct {
	cal *workday.Calendar
	p   Policy

	n          int // events applied
	last       workday.Date
	received   workday.Date
	start      workday.Date
	restarted  bool
	correction *Event
	corrDue    workday.Date
	awaiting   bool // correction requested, not yet corrected or lapsed
	corrected  *Event
	extension  *Event
	delay      *Event
	pauses     []pauseRec
	feeNotice  *Event
	feeDue     workday.Date
	feeOpen    bool
	ended      EndReason
	endedOn    workday.Date
	endEvent   *Event
	other      bool            // any event besides the receipt (correction must come first)
	objected   map[string]bool // third parties who objected (Art. 32) → told of a decision to disclose
}

func replay(cal *workday.Calendar, p Policy, events []Event) (*state, error) {
	if cal == nil {
		cal = workday.Default()
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	st := &state{cal: cal, p: p}
	for i := range events {
		if err := st.check(events[i]); err != nil {
			// Keep the *apperr.Error on top, with the record's position in the message.
			var ae *apperr.Error
			if errors.As(err, &ae) {
				e := *ae
				e.Message = fmt.Sprintf("第%d项记录（%s）：%s", i+1, events[i].Kind.Label(), ae.Message)
				return nil, &e
			}
			return nil, fmt.Errorf("第%d项记录（%s）：%w", i+1, events[i].Kind.Label(), err)
		}
		if err := st.apply(&events[i]); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// Validate checks that next may be appended to the log events (itself
// checked from the start). The error is an *apperr.Error with a Chinese
// message wrapping one of the Err* sentinels.
func Validate(cal *workday.Calendar, p Policy, events []Event, next Event) error {
	st, err := replay(cal, p, events)
	if err != nil {
		return err
	}
	return st.check(next)
}

func (st *state) correctionNoticeBy() (workday.Date, error) {
	return st.cal.AddWorkdays(st.received, CorrectionNoticeWorkdays, st.p.CountReceiptDay)
}

// check validates ev against the state.
func (st *state) check(ev Event) error {
	if !ev.On.Valid() {
		return ruleErr(ErrBadEvent, "日期无效")
	}
	if ev.Kind.Label() == "" {
		return ruleErr(ErrBadEvent, "未知的记录类型“%s”", ev.Kind)
	}
	if st.n == 0 {
		if ev.Kind != EvReceived {
			return ruleErr(ErrNotReceived, "第一项记录应为收到申请")
		}
		return nil
	}
	if ev.Kind == EvReceived {
		return ruleErr(ErrNotReceived, "收到申请只能登记一次")
	}
	if st.ended != "" {
		return apperr.Wrap(apperr.Conflict, fmt.Sprintf("该申请已于%s办结（%s），不能再登记“%s”", st.endedOn.ChineseFull(), st.ended.Label(), ev.Kind.Label()), ErrEnded)
	}
	if ev.On.Before(st.last) {
		return ruleErr(ErrOrder, "记录应按日期先后登记：%s早于上一项记录的%s", ev.On, st.last)
	}
	if st.awaiting {
		switch ev.Kind {
		case EvCorrected, EvCorrectionLapsed, EvReplied, EvWithdrawn:
		default:
			return ruleErr(ErrAwaitingCorrection, "正在等待申请人补正，答复期限尚未起算，不能登记“%s”", ev.Kind.Label())
		}
	}
	switch ev.Kind {
	case EvCorrectionRequested:
		if st.correction != nil {
			return ruleErr(ErrCorrectionOnce, "补正只能一次性告知（条例第三十条），本申请已于%s告知补正", st.correction.On.ChineseFull())
		}
		if st.other {
			return ruleErr(ErrCorrectionOrder, "补正告知应在延期、征求意见、收费等办理步骤之前作出")
		}
		by, err := st.correctionNoticeBy()
		if err != nil {
			return err
		}
		if ev.On.After(by) {
			return ruleErr(ErrCorrectionWindow, "补正告知应自收到申请之日起%d个工作日内作出（条例第三十条），本申请最迟应于%s告知，%s已超过期限",
				CorrectionNoticeWorkdays, by.ChineseFull(), ev.On.ChineseFull())
		}
		if len(ev.Items) == 0 || slices.ContainsFunc(ev.Items, func(s string) bool { return strings.TrimSpace(s) == "" }) {
			return ruleErr(ErrBadEvent, "补正告知应一次性列明需要补正的全部事项（条例第三十条）")
		}
		if d := ev.Days; d != 0 && (d < MinCorrectionPeriodDays || d > MaxCorrectionPeriodDays) {
			return ruleErr(ErrBadEvent, "补正期限应在%d至%d个工作日之间", MinCorrectionPeriodDays, MaxCorrectionPeriodDays)
		}
	case EvCorrected:
		if !st.awaiting {
			return ruleErr(ErrCorrectionState, "本申请没有待补正的告知")
		}
		if ev.On.After(st.corrDue) && strings.TrimSpace(ev.Note) == "" {
			return ruleErr(ErrCorrectionState, "补正期限已于%s届满；逾期补正的，须记录申请人的正当理由（条例第三十条）", st.corrDue.ChineseFull())
		}
	case EvCorrectionLapsed:
		if !st.awaiting {
			return ruleErr(ErrCorrectionState, "本申请没有待补正的告知")
		}
		if !ev.On.After(st.corrDue) {
			return ruleErr(ErrCorrectionState, "补正期限至%s，届满前不能认定逾期未补正", st.corrDue.ChineseFull())
		}
	case EvExtended:
		if st.extension != nil {
			return ruleErr(ErrExtension, "答复期限只能延长一次，本申请已于%s延长%d个工作日", st.extension.On.ChineseFull(), st.extension.Days)
		}
		if ev.Days < 1 || ev.Days > MaxExtensionWorkdays {
			return ruleErr(ErrExtension, "延长的期限最长不得超过%d个工作日（条例第三十三条），应为1至%d个工作日，当前为%d", MaxExtensionWorkdays, MaxExtensionWorkdays, ev.Days)
		}
		if strings.TrimSpace(ev.Approver) == "" {
			return ruleErr(ErrExtension, "延长答复期限应经政府信息公开工作机构负责人同意（条例第三十三条），请填写同意延期的负责人")
		}
		if err := st.checkBeforeDue(ev, "延长答复期限"); err != nil {
			return err
		}
	case EvDelaySet:
		if st.delay != nil {
			return ruleErr(ErrExtension, "延迟答复的期限已于%s确定", st.delay.On.ChineseFull())
		}
		if ev.Days < 1 || ev.Days > MaxDelayWorkdays {
			return ruleErr(ErrExtension, "延迟答复的期限应为1至%d个工作日", MaxDelayWorkdays)
		}
		if strings.TrimSpace(ev.Note) == "" {
			return ruleErr(ErrExtension, "确定延迟答复期限的，请记录认为申请理由合理、但无法在法定期限内答复的理由（条例第三十五条）")
		}
		if err := st.checkBeforeDue(ev, "确定延迟答复期限"); err != nil {
			return err
		}
	case EvThirdPartyStart, EvOrganStart:
		kind := consultKind(ev.Kind)
		if i := st.openPause(kind, ev.Party); i >= 0 {
			return ruleErr(ErrConsultation, "对“%s”的%s尚未结束", partyName(ev.Party), kind.Label())
		}
		if !ev.Served.IsZero() && (!ev.Served.Valid() || ev.Served.Before(ev.On)) {
			return ruleErr(ErrConsultation, "征求意见书的送达日期不能早于发出日期")
		}
	case EvThirdPartyEnd, EvOrganEnd:
		kind := consultKind(ev.Kind)
		i := st.openPause(kind, ev.Party)
		if i < 0 {
			return ruleErr(ErrConsultation, "没有对“%s”的进行中的%s", partyName(ev.Party), kind.Label())
		}
		if ev.On.Before(st.pauses[i].from) {
			return ruleErr(ErrConsultation, "意见收到日期不能早于征求意见书发出日期")
		}
	case EvThirdPartyNotified:
		told, ok := st.objected[ev.Party]
		switch {
		case !ok:
			return ruleErr(ErrPublicInterest, "“%s”没有登记不同意公开的意见；告知第三方决定公开只适用于第三方不同意公开的情形（条例第三十二条）", partyName(ev.Party))
		case told:
			return ruleErr(ErrPublicInterest, "已告知“%s”决定公开", partyName(ev.Party))
		case strings.TrimSpace(ev.Text) == "":
			return ruleErr(ErrPublicInterest, "请写明决定公开的政府信息内容（条例第三十二条）")
		case strings.TrimSpace(ev.Note) == "":
			return ruleErr(ErrPublicInterest, "请写明决定公开的理由：不公开可能对公共利益造成重大影响（条例第三十二条）")
		}
	case EvFeeNotice:
		if st.feeNotice != nil {
			return ruleErr(ErrFee, "本申请已于%s发出收费通知，每件申请只能按一种标准收费一次", st.feeNotice.On.ChineseFull())
		}
		if ev.AmountFen <= 0 {
			return ruleErr(ErrFee, "收费通知应写明应缴金额")
		}
		if err := st.checkBeforeDue(ev, "发出收费通知"); err != nil {
			return err
		}
	case EvFeePaid:
		if !st.feeOpen {
			return ruleErr(ErrFee, "没有待缴费的收费通知")
		}
		if ev.On.After(st.feeDue) {
			return ruleErr(ErrFee, "缴费期限已于%s届满，逾期未缴纳的视为放弃申请，请登记逾期未缴费", st.feeDue.ChineseFull())
		}
	case EvFeeLapsed:
		if !st.feeOpen {
			return ruleErr(ErrFee, "没有待缴费的收费通知")
		}
		if !ev.On.After(st.feeDue) {
			return ruleErr(ErrFee, "缴费期限至%s，届满前不能认定逾期未缴费", st.feeDue.ChineseFull())
		}
	case EvReplied:
		if ev.ReplyType != "" || ev.Reason != "" {
			if !ev.ReplyType.Valid() && !ev.ReplyType.IsCorrection() {
				return ruleErr(ErrReply, "未知的答复类型“%s”", ev.ReplyType)
			}
			if ev.ReplyType.HasReasons() != (ev.Reason != "") || (ev.Reason != "" && ev.Reason.Type() != ev.ReplyType) {
				return ruleErr(ErrReply, "答复类型“%s”与情形“%s”不一致", ev.ReplyType.Label(), ev.Reason)
			}
			if ev.ReplyType == ReplyDisclose || ev.ReplyType == ReplyPartial {
				for _, party := range slices.Sorted(maps.Keys(st.objected)) {
					if !st.objected[party] {
						return ruleErr(ErrPublicInterest, "第三方“%s”不同意公开。认为不公开可能对公共利益造成重大影响而决定公开的，应先将决定公开的内容和理由书面告知第三方（条例第三十二条），请先登记“告知第三方决定公开”；否则应不予公开（保护第三方合法权益）", partyName(party))
					}
				}
			}
			switch ev.Reason {
			case UnableStillUnclear:
				if st.corrected == nil {
					return ruleErr(ErrReply, "“补正后申请内容仍不明确”只适用于已经补正的申请")
				}
			case OtherCorrectionLapsed:
				return ruleErr(ErrReply, "逾期未补正请登记“逾期未补正”记录")
			case OtherFeeUnpaid:
				return ruleErr(ErrReply, "逾期未缴费请登记“逾期未缴费”记录")
			}
		}
	case EvWithdrawn:
	}
	return nil
}

// checkBeforeDue refuses a step taken after the current due date.
func (st *state) checkBeforeDue(ev Event, what string) error {
	due, err := st.dueAsOf(ev.On)
	if err != nil {
		return err
	}
	if ev.On.After(due) {
		return ruleErr(ErrAfterDue, "答复期限已于%s届满，不能再%s", due.ChineseFull(), what)
	}
	return nil
}

func consultKind(k EventKind) PauseKind {
	if k == EvThirdPartyStart || k == EvThirdPartyEnd {
		return PauseThirdParty
	}
	return PauseOrgan
}

func partyName(p string) string {
	if strings.TrimSpace(p) == "" {
		return "（未填写名称）"
	}
	return p
}

func (st *state) openPause(kind PauseKind, party string) int {
	for i, pr := range st.pauses {
		if pr.open && pr.kind == kind && pr.party == party {
			return i
		}
	}
	return -1
}

// apply records a checked event.
func (st *state) apply(ev *Event) error {
	st.n++
	st.last = ev.On
	switch ev.Kind {
	case EvReceived:
		st.received, st.start = ev.On, ev.On
		return nil
	case EvCorrectionRequested:
		st.correction = ev
		days := ev.Days
		if days == 0 {
			days = st.p.CorrectionPeriodDays
		}
		due, err := st.cal.AddWorkdays(ev.On, days, false)
		if err != nil {
			return err
		}
		st.corrDue, st.awaiting = due, true
		return nil
	case EvCorrected:
		st.awaiting, st.corrected = false, ev
		st.start, st.restarted = ev.On, true
		return nil
	case EvCorrectionLapsed:
		st.awaiting = false
		st.end(EndCorrectionLapsed, ev)
		return nil
	}
	st.other = true
	switch ev.Kind {
	case EvExtended:
		st.extension = ev
	case EvDelaySet:
		st.delay = ev
	case EvThirdPartyStart, EvOrganStart:
		served := ev.Served
		if served.IsZero() {
			served = ev.On
		}
		dl, err := st.cal.AddWorkdays(served, ConsultationPeriodWorkdays, st.p.CountReceiptDay)
		if err != nil {
			return err
		}
		st.pauses = append(st.pauses, pauseRec{kind: consultKind(ev.Kind), party: ev.Party, from: ev.On, served: served, open: true, deadline: dl})
	case EvThirdPartyEnd, EvOrganEnd:
		i := st.openPause(consultKind(ev.Kind), ev.Party)
		st.pauses[i].open, st.pauses[i].to = false, ev.On
		if ev.Kind == EvThirdPartyEnd && ev.Objected {
			if st.objected == nil {
				st.objected = map[string]bool{}
			}
			st.objected[ev.Party] = false
		}
	case EvThirdPartyNotified:
		st.objected[ev.Party] = true
	case EvFeeNotice:
		dl, err := PaymentDeadline(st.cal, ev.On)
		if err != nil {
			return err
		}
		st.feeNotice, st.feeDue, st.feeOpen = ev, dl, true
		st.pauses = append(st.pauses, pauseRec{kind: PauseFee, from: ev.On, served: ev.On, open: true, deadline: dl})
	case EvFeePaid:
		st.feeOpen = false
		i := st.openPause(PauseFee, "")
		st.pauses[i].open, st.pauses[i].to = false, ev.On
	case EvFeeLapsed:
		st.feeOpen = false
		i := st.openPause(PauseFee, "")
		st.pauses[i].open, st.pauses[i].to = false, ev.On
		st.end(EndFeeLapsed, ev)
	case EvReplied:
		st.end(EndReplied, ev)
	case EvWithdrawn:
		st.end(EndWithdrawn, ev)
	}
	return nil
}

func (st *state) end(r EndReason, ev *Event) {
	st.ended, st.endedOn, st.endEvent = r, ev.On, ev
}

// span is a pause as counted: working days d with from < d ≤ to are left out.
type span struct{ from, to workday.Date }

// spans returns the pauses that count, with open ones ending at asOf and
// consultations capped at the consultee's deadline.
func (st *state) spans(asOf workday.Date) []span {
	var out []span
	for _, pr := range st.pauses {
		if pr.kind == PauseFee && !st.p.PauseForFee {
			continue
		}
		if pr.from.Before(st.start) { // cannot happen: pauses follow the (re)start
			continue
		}
		to, _ := st.pauseEnd(pr, asOf)
		if to.After(pr.from) {
			out = append(out, span{pr.from, to})
		}
	}
	return out
}

// pauseEnd is the effective end of a pause and whether it was capped.
func (st *state) pauseEnd(pr pauseRec, asOf workday.Date) (workday.Date, bool) {
	to := pr.to
	if pr.open {
		to = asOf
	}
	if pr.kind != PauseFee && to.After(pr.deadline) {
		return pr.deadline, true
	}
	return to, false
}

func excludedBy(spans []span, d workday.Date) bool {
	for _, s := range spans {
		if d.After(s.from) && !d.After(s.to) {
			return true
		}
	}
	return false
}

func (st *state) period() int {
	n := ReplyPeriodWorkdays
	if st.extension != nil {
		n += st.extension.Days
	}
	if st.delay != nil {
		n += st.delay.Days
	}
	return n
}

// schedule is the due date and counts for the current period.
type schedule struct {
	due      workday.Date
	seen     int // working days from the start to due (incl. the start if counted), excluded ones too
	excluded int // excluded working days up to due
	startCnt bool
}

// maxScan bounds the day-by-day loops (about 40 years).
const maxScan = 15000

func (st *state) scheduleAsOf(asOf workday.Date) (schedule, error) {
	sp := st.spans(asOf)
	n := st.period()
	var sc schedule
	counted := 0
	if st.p.CountReceiptDay {
		w, err := st.cal.IsWorkday(st.start)
		if err != nil {
			return sc, err
		}
		if w {
			counted, sc.seen, sc.startCnt = 1, 1, true
		}
	}
	d := st.start
	for i := 0; counted < n; i++ {
		if i > maxScan {
			return sc, ruleErr(ErrBadEvent, "无法计算答复期限：期间过长")
		}
		d = d.AddDays(1)
		w, err := st.cal.IsWorkday(d)
		if err != nil {
			return sc, err
		}
		if !w {
			continue
		}
		sc.seen++
		if excludedBy(sp, d) {
			sc.excluded++
			continue
		}
		counted++
	}
	sc.due = d
	return sc, nil
}

func (st *state) dueAsOf(asOf workday.Date) (workday.Date, error) {
	sc, err := st.scheduleAsOf(asOf)
	return sc.due, err
}

// usedUpTo counts the working days of the period up to and including upTo.
func (st *state) usedUpTo(upTo workday.Date, sp []span) (int, error) {
	used := 0
	if upTo.Before(st.start) {
		return 0, nil
	}
	if st.p.CountReceiptDay {
		w, err := st.cal.IsWorkday(st.start)
		if err != nil {
			return 0, err
		}
		if w {
			used = 1
		}
	}
	for d, i := st.start.AddDays(1), 0; !d.After(upTo); d, i = d.AddDays(1), i+1 {
		if i > maxScan {
			return 0, ruleErr(ErrBadEvent, "无法计算已用工作日：期间过长")
		}
		w, err := st.cal.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if w && !excludedBy(sp, d) {
			used++
		}
	}
	return used, nil
}

// Compute replays the log (checking every event as Validate does) and
// returns the clock on today. Events dated after today are refused. A nil
// cal means workday.Default().
func Compute(cal *workday.Calendar, p Policy, events []Event, today workday.Date) (Clock, error) {
	if cal == nil {
		cal = workday.Default()
	}
	if len(events) == 0 {
		return Clock{}, ruleErr(ErrNotReceived, "尚未登记收到申请")
	}
	if !today.Valid() {
		return Clock{}, ruleErr(ErrBadEvent, "计算日期无效")
	}
	for i, ev := range events {
		if ev.On.After(today) || ev.Served.After(today) {
			return Clock{}, ruleErr(ErrOrder, "第%d项记录（%s）的日期%s晚于计算日期%s", i+1, ev.Kind.Label(), ev.On, today)
		}
	}
	st, err := replay(cal, p, events)
	if err != nil {
		return Clock{}, err
	}
	c := Clock{
		Today: today, Received: st.received, Start: st.start, Restarted: st.restarted,
		BaseDays: ReplyPeriodWorkdays, Period: st.period(),
		FeeDue: st.feeDue, CorrectionDue: st.corrDue,
	}
	if st.extension != nil {
		c.ExtensionDays = st.extension.Days
	}
	if st.delay != nil {
		c.DelayDays = st.delay.Days
	}
	if by, err := st.correctionNoticeBy(); err == nil {
		c.CorrectionNoticeBy = by
	} else {
		return Clock{}, err
	}
	asOf := today
	if st.ended != "" {
		asOf = st.endedOn
		c.Ended, c.EndedOn = st.ended, st.endedOn
		switch st.ended {
		case EndCorrectionLapsed:
			c.EndRow = OtherCorrectionLapsed.Row()
		case EndFeeLapsed:
			c.EndRow = OtherFeeUnpaid.Row()
		case EndReplied:
			r := Reply{Type: st.endEvent.ReplyType, Reason: st.endEvent.Reason}
			c.EndRow = r.Row()
		}
	}
	ex := &explainer{c: &c, st: st, out: &c.Explanation}
	pub := &explainer{c: &c, st: st, out: &c.ApplicantExplanation, public: true}
	ex.intro()
	pub.intro()

	// Waiting for a correction, or ended while waiting (lapsed, replied,
	// withdrawn): no period runs, so there is no due date.
	if st.awaiting || st.ended == EndCorrectionLapsed {
		if st.ended != "" {
			c.Status = StatusEnded
		} else {
			c.Status = StatusPaused
			c.PausedFor = []PauseKind{PauseCorrection}
			if today.After(st.corrDue) {
				c.Alerts = append(c.Alerts, fmt.Sprintf("补正期限已于%s届满，申请人无正当理由逾期不补正的，视为放弃申请，请登记“逾期未补正”（年度报告三(六)1）", st.corrDue.ChineseFull()))
			}
		}
		ex.closing(schedule{}, false)
		pub.closing(schedule{}, false)
		return c, nil
	}

	sc, err := st.scheduleAsOf(asOf)
	if err != nil {
		return Clock{}, err
	}
	c.Due, c.Excluded = sc.due, sc.excluded
	sp := st.spans(asOf)
	used, err := st.usedUpTo(minDate(asOf, sc.due), sp)
	if err != nil {
		return Clock{}, err
	}
	if asOf.After(sc.due) {
		// Count the overrun too, so Left goes negative.
		extra, err := st.workdaysAfter(sc.due, asOf, sp)
		if err != nil {
			return Clock{}, err
		}
		used += extra
	}
	c.Used, c.Left = used, c.Period-used

	// Pauses as shown.
	for _, pr := range st.pauses {
		to, capped := st.pauseEnd(pr, asOf)
		counted := pr.kind != PauseFee || st.p.PauseForFee
		excl := 0
		if to.After(pr.from) {
			excl = cal.WorkdaysBetween(pr.from, to)
		}
		c.Pauses = append(c.Pauses, Pause{Kind: pr.kind, Party: pr.party, From: pr.from, Served: pr.served, To: to,
			Open: pr.open, Capped: capped, Deadline: pr.deadline, Counted: counted, Excluded: excl})
		switch pr.kind {
		case PauseThirdParty:
			c.ThirdPartyDue = pr.deadline
		case PauseOrgan:
			c.OrganDue = pr.deadline
		}
		if pr.open && st.ended == "" {
			if pr.kind == PauseFee {
				c.AwaitingPayment = true
				if today.After(pr.deadline) {
					c.Alerts = append(c.Alerts, fmt.Sprintf("缴费期限已于%s届满，申请人逾期未缴纳的，视为放弃申请，请登记“逾期未缴费”（年度报告三(六)2）", pr.deadline.ChineseFull()))
				}
			} else if capped {
				c.Alerts = append(c.Alerts, fmt.Sprintf("%s（%s）的意见期限已于%s届满，已恢复计算答复期限；请登记意见收到或期满情况（%s）",
					pr.kind.Label(), partyName(pr.party), pr.deadline.ChineseFull(), consultRule(pr.kind)))
			}
			if counted && !capped && !slices.Contains(c.PausedFor, pr.kind) {
				c.PausedFor = append(c.PausedFor, pr.kind)
			}
		}
	}
	c.DueProvisional = st.ended == "" && len(c.PausedFor) > 0

	switch {
	case st.ended != "":
		c.Status = StatusEnded
		c.PausedFor = nil
		c.RepliedLate = st.ended == EndReplied && st.endedOn.After(sc.due)
	case today.After(sc.due):
		c.Status = StatusOverdue
		c.Alerts = append(c.Alerts, fmt.Sprintf("答复期限已于%s届满，已超期%d个工作日", sc.due.ChineseFull(), -c.Left))
	case len(c.PausedFor) > 0:
		c.Status = StatusPaused
	default:
		c.Status = StatusPending
	}
	c.Warnings = cal.Warnings(st.start, sc.due)
	ex.closing(sc, true)
	pub.closing(sc, true)
	return c, nil
}

func (st *state) workdaysAfter(from, to workday.Date, sp []span) (int, error) {
	n := 0
	for d, i := from.AddDays(1), 0; !d.After(to); d, i = d.AddDays(1), i+1 {
		if i > maxScan {
			return 0, ruleErr(ErrBadEvent, "期间过长")
		}
		w, err := st.cal.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if w && !excludedBy(sp, d) {
			n++
		}
	}
	return n, nil
}

func minDate(a, b workday.Date) workday.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func consultRule(k PauseKind) string {
	if k == PauseThirdParty {
		return "条例第三十二条：第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开"
	}
	return "条例第三十四条：逾期未提出意见的视为同意公开"
}
