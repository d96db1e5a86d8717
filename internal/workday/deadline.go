package workday

// PublishDeadlineWorkdays is the Art. 26 period for proactive disclosure.
const PublishDeadlineWorkdays = 20

// PublishDeadline returns the last day for proactively disclosing
// information made or changed on madeOn.
//
// 政府信息公开条例 Art. 26: 属于主动公开范围的政府信息，应当自该政府信息形成
// 或者变更之日起20个工作日内及时公开（unless a law or regulation sets another
// period). The day of making or change is not counted: working day 1 is the
// first working day after madeOn, following the usual convention for periods
// and the default of clock.count_receipt_day (LEGAL.md §1.5). The result is
// the 20th working day, on which disclosure is still in time.
//
// A nil cal means Default(). Errors are those of Calendar.AddWorkdays
// (an *UnknownYearError under the Refuse policy).
func PublishDeadline(cal *Calendar, madeOn Date) (Date, error) {
	if cal == nil {
		cal = Default()
	}
	return cal.AddWorkdays(madeOn, PublishDeadlineWorkdays, false)
}
