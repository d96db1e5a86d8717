package request

import (
	"fmt"
	"slices"
	"strings"

	"gongkai/internal/workday"
)

// explainer writes Clock.Explanation: every step of the count in Chinese,
// e.g.
//
//	2025年9月26日收到申请（条例第三十一条）。
//	答复期限自9月26日收到申请起算，自次日起算20个工作日（条例第三十三条）。
//	期间：9月28日（星期日）调休上班，计为工作日；跳过10月1日至10月8日（国庆节、中秋节）；
//	10月11日（星期六）调休上班，计为工作日；另跳过普通周末4天。
//	答复期限届满日为2025年10月30日。
type explainer struct {
	c   *Clock
	st  *state
	out *[]string // Clock.Explanation, or Clock.ApplicantExplanation
	// public: for the applicant, a third party consulted is not named.
	public bool
}

func (e *explainer) add(format string, args ...any) {
	*e.out = append(*e.out, fmt.Sprintf(format, args...))
}

// f formats a date without the year when it is in the year of receipt.
func (e *explainer) f(d workday.Date) string {
	if d.Year == e.st.received.Year {
		return d.Chinese()
	}
	return d.ChineseFull()
}

func (e *explainer) intro() {
	st := e.st
	e.add("%s收到申请（收到日期按条例第三十一条确定）。", st.received.ChineseFull())
	if st.correction == nil {
		return
	}
	cr := st.correction
	days := cr.Days
	if days == 0 {
		days = st.p.CorrectionPeriodDays
	}
	by, _ := st.correctionNoticeBy()
	e.add("%s一次性告知申请人补正（应于%s前告知，条例第三十条），需补正的事项：%s；补正期限%d个工作日（自告知次日起算），至%s。",
		e.f(cr.On), e.f(by), strings.Join(cr.Items, "；"), days, e.f(st.corrDue))
	switch {
	case st.corrected != nil:
		late := ""
		if st.corrected.On.After(st.corrDue) {
			late = "（逾期补正，申请人理由：" + st.corrected.Note + "）"
		}
		e.add("%s收到补正后的申请%s，答复期限自该日重新起算（条例第三十条：答复期限自行政机关收到补正的申请之日起计算），此前的天数不计。", e.f(st.corrected.On), late)
	case st.ended == EndCorrectionLapsed:
		e.add("%s登记：申请人无正当理由逾期不补正，视为放弃申请，不再处理（条例第三十条；年度报告%s）。", e.f(st.endedOn), OtherCorrectionLapsed.Row())
	case st.ended != "":
		e.add("%s%s（补正期间办结）。", e.f(st.endedOn), st.ended.Label())
	default:
		e.add("正在等待补正：答复期限自收到补正后的申请之日起计算，目前没有届满日。")
	}
}

func (e *explainer) closing(sc schedule, haveDue bool) {
	if !haveDue {
		return
	}
	st, c := e.st, e.c
	startEvent := "收到申请"
	if st.restarted {
		startEvent = "收到补正后的申请"
	}
	how := fmt.Sprintf("自次日起算%d个工作日", ReplyPeriodWorkdays)
	if st.p.CountReceiptDay {
		if sc.startCnt {
			how = fmt.Sprintf("自当日起算%d个工作日（当日为第1个工作日）", ReplyPeriodWorkdays)
		} else {
			how = fmt.Sprintf("当日不是工作日，自次日起算%d个工作日", ReplyPeriodWorkdays)
		}
	}
	e.add("答复期限自%s%s起算，%s（条例第三十三条）。", e.f(st.start), startEvent, how)
	// The steps in date order (stable: pauses in the order they were recorded).
	type step struct {
		on   workday.Date
		text string
	}
	var steps []step
	if x := st.extension; x != nil {
		steps = append(steps, step{x.On, fmt.Sprintf("%s经政府信息公开工作机构负责人%s同意，延长答复期限%d个工作日，并告知申请人（条例第三十三条，延长最长不超过20个工作日）。", e.f(x.On), x.Approver, x.Days)})
	}
	if x := st.delay; x != nil {
		steps = append(steps, step{x.On, fmt.Sprintf("%s确定延迟答复的合理期限%d个工作日并告知申请人（条例第三十五条），理由：%s。", e.f(x.On), x.Days, x.Note)})
	}
	counted := 0
	for _, p := range c.Pauses {
		steps = append(steps, step{p.From, e.pause(p)})
		if p.Counted {
			counted++
		}
	}
	slices.SortStableFunc(steps, func(a, b step) int { return a.on.Compare(b.on) })
	for _, s := range steps {
		e.add("%s", s.text)
	}
	if counted > 1 {
		sum := 0
		for _, p := range c.Pauses {
			if p.Counted {
				sum += p.Excluded
			}
		}
		if sum != c.Excluded {
			e.add("以上暂停期间合计不计入%d个工作日（重叠的日期只扣除一次；届满日之后的日期不影响期限）。", c.Excluded)
		}
	}
	if x, err := st.cal.Explain(st.start, sc.seen, st.p.CountReceiptDay); err == nil && x.Due == sc.due {
		if t := calendarText(x, e.f); t != "" {
			e.add("期间：%s。", t)
		}
	}
	total := fmt.Sprintf("%d个工作日", c.Period)
	if c.ExtensionDays > 0 || c.DelayDays > 0 {
		total = fmt.Sprintf("%d个工作日（20", c.Period)
		if c.ExtensionDays > 0 {
			total += fmt.Sprintf("＋延长%d", c.ExtensionDays)
		}
		if c.DelayDays > 0 {
			total += fmt.Sprintf("＋延迟%d", c.DelayDays)
		}
		total += "）"
	}
	if c.Excluded > 0 {
		total += fmt.Sprintf("，另有%d个工作日不计入", c.Excluded)
	}
	provisional := ""
	if c.DueProvisional {
		provisional = "（暂停尚未结束，暂按今日结束计算；每多暂停一个工作日，届满日顺延一个工作日）"
	}
	e.add("答复期限为%s，届满日为%s%s。", total, sc.due.ChineseFull(), provisional)
	switch {
	case st.ended == EndReplied:
		if c.RepliedLate {
			e.add("%s答复，超过期限%d个工作日。", e.f(st.endedOn), -c.Left)
		} else {
			e.add("%s答复，在期限内（用时%d个工作日）。", e.f(st.endedOn), c.Used)
		}
	case st.ended != "":
		e.add("%s办结：%s。", e.f(st.endedOn), st.ended.Label())
	case c.Left < 0:
		e.add("截至%s已超期%d个工作日。", e.f(c.Today), -c.Left)
	default:
		e.add("截至%s已用%d个工作日，剩余%d个工作日。", e.f(c.Today), c.Used, c.Left)
	}
}

// excludedRange describes the days a pause leaves out: From+1 … To.
func (e *explainer) excludedRange(p Pause) string {
	if p.Excluded == 0 {
		return "未占用工作日"
	}
	a := p.From.AddDays(1)
	span := e.f(a)
	if a != p.To {
		span += "至" + e.f(p.To)
	}
	return fmt.Sprintf("%s期间的%d个工作日不计入答复期限", span, p.Excluded)
}

func (e *explainer) pause(p Pause) string {
	var b strings.Builder
	switch p.Kind {
	case PauseThirdParty, PauseOrgan:
		who, rule := "第三方", "自收到征求意见书之日起15个工作日，条例第三十二条"
		if p.Kind == PauseOrgan {
			who, rule = "被征求意见机关", "自收到征求意见书之日起15个工作日，条例第三十四条"
		}
		if e.public && p.Kind == PauseThirdParty {
			fmt.Fprintf(&b, "%s发出%s书", e.f(p.From), p.Kind.Label())
		} else {
			fmt.Fprintf(&b, "%s发出%s书（%s）", e.f(p.From), p.Kind.Label(), partyName(p.Party))
		}
		if p.Served != p.From {
			fmt.Fprintf(&b, "，%s送达", e.f(p.Served))
		}
		fmt.Fprintf(&b, "，%s应于%s前提出意见（%s）", who, e.f(p.Deadline), rule)
		switch {
		case p.Open && p.Capped:
			fmt.Fprintf(&b, "；逾期未提出意见，暂停止于%s", e.f(p.Deadline))
		case p.Open:
			b.WriteString("；尚未收到意见，暂计至今日")
		case p.Capped:
			fmt.Fprintf(&b, "；意见逾期收到，暂停止于意见期限届满日%s", e.f(p.Deadline))
		default:
			fmt.Fprintf(&b, "；%s收到意见", e.f(p.To))
		}
		fmt.Fprintf(&b, "。%s（条例第三十三条：征求第三方和其他机关意见所需时间不计算在答复期限内）。", e.excludedRange(p))
	case PauseFee:
		fmt.Fprintf(&b, "%s发出收费通知，缴费期限至%s（收到通知次日起20个工作日）", e.f(p.From), e.f(p.Deadline))
		switch {
		case p.Open:
			b.WriteString("；尚未缴费")
		case e.st.ended == EndFeeLapsed && p.To == e.st.endedOn:
			fmt.Fprintf(&b, "；逾期未缴费，%s登记视为放弃申请（年度报告%s）", e.f(p.To), OtherFeeUnpaid.Row())
		default:
			fmt.Fprintf(&b, "；%s缴费", e.f(p.To))
		}
		if p.Counted {
			fmt.Fprintf(&b, "。%s（设置%s：收费通知至缴费期间暂停计时）。", e.excludedRange(p), SettingPauseForFee)
		} else {
			fmt.Fprintf(&b, "。按设置%s，收费期间照常计入答复期限。", SettingPauseForFee)
		}
	}
	return b.String()
}

// calendarText lists the holidays skipped and the 调休 weekend days counted
// in the period of x, in date order, and the ordinary weekend days as a count.
func calendarText(x workday.Explanation, f func(workday.Date) string) string {
	parts := x.CalendarNotes(f)
	if len(x.Warnings) > 0 {
		parts = append(parts, "注意："+strings.Join(x.Warnings, "；"))
	}
	return strings.Join(parts, "；")
}
