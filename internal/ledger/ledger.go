// Package ledger is the 工作台账 (task ledger) of open-government work: tasks
// taken from a source document and clause (e.g. 国办发〔2021〕12号 二、（三）),
// each with a responsible organisation (责任单位), co-responsible ones (配合单位),
// the supervisor that assigned it (交办单位), a deadline and a status; progress
// entries with evidence; and the year-end review (回头看) that carries unfinished
// tasks into the next year with a rectification note.
//
// The package is pure domain logic: it imports the standard library and the
// sibling domain packages workday, apperr and org only, and never reads the
// clock — every function that depends on "today" takes the time as an
// argument. Permissions are pure functions over organisation ids and
// materialised paths ("/1/4/9/", as in org.Org.Path) that the caller passes in.
package ledger

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Task is one line of the ledger.
type Task struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"` // what the task asks, in a few sentences
	Source string `json:"source"`           // the source document: title and 文号, e.g. "…2021年政务公开工作要点的通知（国办发〔2021〕12号）"
	Clause string `json:"clause"`           // the clause in the source, e.g. "二、（三）"

	OwnerOrgID    int64   `json:"owner_org_id"`               // 责任单位 (the lead organisation)
	CoOwnerOrgIDs []int64 `json:"co_owner_org_ids,omitempty"` // 配合单位
	AssignedBy    int64   `json:"assigned_by,omitempty"`      // the supervisor org that assigned it (交办单位); 0 if the owner set it itself

	Year     int      `json:"year"` // the ledger year the task belongs to
	Deadline Deadline `json:"deadline"`
	Status   Status   `json:"status"` // stored status; never StatusOverdue (see DisplayStatus)

	CarriedFrom       int64     `json:"carried_from,omitempty"` // id of last year's unfinished task this one continues
	RectificationNote string    `json:"rectification_note,omitempty"`
	CreatedAt         time.Time `json:"created_at"`
}

// Due is the task's deadline as a calendar date (the year-end form resolved
// against the task's year).
func (t Task) Due() workday.Date { return t.Deadline.Resolve(t.Year) }

// IsOverdue reports whether the task is not done and its deadline passed
// before the day of now (in China). The deadline day itself is still in time.
func (t Task) IsOverdue(now time.Time) bool {
	if t.Status == StatusDone {
		return false
	}
	due := t.Due()
	return !due.IsZero() && workday.DateOf(now).After(due)
}

// DisplayStatus is the status to show: the stored status, except that a task
// that is not done and whose deadline has passed shows as 逾期. Overdue is
// computed here and never stored. 需整改 wins over 逾期: the supervisor's
// requirement must stay visible after the deadline, so a task needing
// rectification keeps showing 需整改, and IsOverdue tells that it is also
// late (pages show both).
func (t Task) DisplayStatus(now time.Time) Status {
	if t.Status != StatusNeedsRectification && t.IsOverdue(now) {
		return StatusOverdue
	}
	return t.Status
}

// IsOwner reports whether org is the task's lead organisation.
func (t Task) IsOwner(orgID int64) bool { return orgID != 0 && orgID == t.OwnerOrgID }

// IsCoOwner reports whether org is one of the task's co-responsible organisations.
func (t Task) IsCoOwner(orgID int64) bool {
	if orgID == 0 {
		return false
	}
	for _, id := range t.CoOwnerOrgIDs {
		if id == orgID {
			return true
		}
	}
	return false
}

// Limits on free text.
const (
	MaxTitleRunes    = 200
	MaxSourceRunes   = 200
	MaxClauseRunes   = 50
	MaxNoteRunes     = 2000
	MaxProgressRunes = 2000
	MaxEvidence      = 20
)

// ValidateTask checks a task before it is stored. The errors are
// *apperr.Error with code Invalid and the form field at fault.
func ValidateTask(t Task) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(t.Title)); n == 0 || n > MaxTitleRunes {
		return apperr.Newf(apperr.Invalid, "任务名称不能为空，且不超过%d字", MaxTitleRunes).OnField("title")
	}
	if utf8.RuneCountInString(t.Detail) > MaxNoteRunes {
		return apperr.Newf(apperr.Invalid, "任务内容不超过%d字", MaxNoteRunes).OnField("detail")
	}
	if utf8.RuneCountInString(t.Source) > MaxSourceRunes {
		return apperr.Newf(apperr.Invalid, "任务来源不超过%d字", MaxSourceRunes).OnField("source")
	}
	if utf8.RuneCountInString(t.Clause) > MaxClauseRunes {
		return apperr.Newf(apperr.Invalid, "条款不超过%d字", MaxClauseRunes).OnField("clause")
	}
	if t.OwnerOrgID <= 0 {
		return apperr.New(apperr.Invalid, "请选择责任单位").OnField("owner_org_id")
	}
	seen := map[int64]bool{}
	for _, id := range t.CoOwnerOrgIDs {
		switch {
		case id <= 0:
			return apperr.New(apperr.Invalid, "配合单位无效").OnField("co_owner_org_ids")
		case id == t.OwnerOrgID:
			return apperr.New(apperr.Invalid, "责任单位不能同时是配合单位").OnField("co_owner_org_ids")
		case seen[id]:
			return apperr.New(apperr.Invalid, "配合单位重复").OnField("co_owner_org_ids")
		}
		seen[id] = true
	}
	if t.AssignedBy < 0 || (t.AssignedBy != 0 && t.AssignedBy == t.OwnerOrgID) {
		return apperr.New(apperr.Invalid, "交办单位无效：本单位自定的任务不填交办单位").OnField("assigned_by")
	}
	if t.Year < 2000 || t.Year > 9999 {
		return apperr.New(apperr.Invalid, "台账年度应在2000至9999之间").OnField("year")
	}
	if t.Deadline.IsZero() {
		return apperr.New(apperr.Invalid, "请填写完成时限（日期或“年底前”）").OnField("deadline")
	}
	if !t.Deadline.YearEnd && !t.Deadline.On.Valid() {
		return apperr.New(apperr.Invalid, "完成时限不是有效日期").OnField("deadline")
	}
	if due := t.Due(); due.Year < t.Year {
		return apperr.Newf(apperr.Invalid, "完成时限%s早于台账年度%d年", due.ChineseFull(), t.Year).OnField("deadline")
	}
	if !t.Status.Stored() {
		if t.Status == StatusOverdue {
			return apperr.New(apperr.Invalid, "“逾期”由系统根据完成时限自动判断，不能保存为任务状态").OnField("status")
		}
		return apperr.Newf(apperr.Invalid, "未知的任务状态：%q", string(t.Status)).OnField("status")
	}
	if utf8.RuneCountInString(t.RectificationNote) > MaxNoteRunes {
		return apperr.Newf(apperr.Invalid, "整改说明不超过%d字", MaxNoteRunes).OnField("rectification_note")
	}
	if t.CarriedFrom != 0 && strings.TrimSpace(t.RectificationNote) == "" {
		return apperr.New(apperr.Invalid, "结转的任务须填写整改说明").OnField("rectification_note")
	}
	if t.Status == StatusNeedsRectification && strings.TrimSpace(t.RectificationNote) == "" {
		return apperr.New(apperr.Invalid, "需整改的任务须填写整改要求").OnField("rectification_note")
	}
	return nil
}

// Deadline is a task's deadline (完成时限): a date, or "before year end"
// (年底前), which resolves to 31 December of the task's year.
//
// A deadline is a calendar date, not a working-day period: it does NOT move
// when the day is a weekend or a public holiday (2022-12-31 is a Saturday and
// stays the deadline of a 2022 年底前 task). This follows the documents that
// set the tasks, which name dates ("2021年底前"), not periods of 工作日.
type Deadline struct {
	On      workday.Date // the date, when YearEnd is false
	YearEnd bool         // 年底前: 12-31 of the task's year
}

// YearEnd is the "before year end" deadline.
func YearEnd() Deadline { return Deadline{YearEnd: true} }

// On is a deadline on a given date.
func On(d workday.Date) Deadline { return Deadline{On: d} }

// IsZero reports whether no deadline is set.
func (d Deadline) IsZero() bool { return !d.YearEnd && d.On.IsZero() }

// Resolve returns the deadline as a date for a task of the given year. For
// 年底前 that is year-12-31, whether or not that day is a working day.
func (d Deadline) Resolve(year int) workday.Date {
	if d.YearEnd {
		return workday.Date{Year: year, Month: time.December, Day: 31}
	}
	return d.On
}

// FormValue is the deadline as form input and in JSON: "year_end" or YYYY-MM-DD
// ("" for no deadline). ParseDeadline reads it back.
func (d Deadline) FormValue() string {
	switch {
	case d.YearEnd:
		return "year_end"
	case d.On.IsZero():
		return ""
	}
	return d.On.String()
}

// String is FormValue.
func (d Deadline) String() string { return d.FormValue() }

// Label is the deadline for people: "年底前（2021年12月31日）" or "2021年9月30日".
func (d Deadline) Label(year int) string {
	switch {
	case d.YearEnd:
		return "年底前（" + d.Resolve(year).ChineseFull() + "）"
	case d.On.IsZero():
		return "未设定"
	}
	return d.On.ChineseFull()
}

// MarshalText implements encoding.TextMarshaler with FormValue.
func (d Deadline) MarshalText() ([]byte, error) { return []byte(d.FormValue()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseDeadline; the
// empty string gives no deadline.
func (d *Deadline) UnmarshalText(b []byte) error {
	if len(strings.TrimSpace(string(b))) == 0 {
		*d = Deadline{}
		return nil
	}
	v, err := ParseDeadline(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDeadline reads a deadline from form input. Accepted, with surrounding
// space ignored:
//
//   - "year_end", "年底前", "年底", "年内": before the end of the task's year;
//   - "2021-12-31": a date (strict YYYY-MM-DD, as workday.ParseDate);
//   - "2021年12月31日" (optionally followed by 前): a date;
//   - "2021年底前", "2021年12月底前" (前 optional): the last day of that year or month,
//     as a fixed date (the year is named, so it does not follow the task's year).
//
// Errors are *apperr.Error with code Invalid on the field "deadline".
func ParseDeadline(s string) (Deadline, error) {
	t := strings.TrimSpace(s)
	switch t {
	case "":
		return Deadline{}, apperr.New(apperr.Invalid, "请填写完成时限（日期或“年底前”）").OnField("deadline")
	case "year_end", "YEAR_END", "年底前", "年底", "年内":
		return YearEnd(), nil
	}
	if d, err := workday.ParseDate(t); err == nil {
		return On(d), nil
	} else if !strings.Contains(t, "年") {
		return Deadline{}, apperr.Wrap(apperr.Invalid, err.Error(), err).OnField("deadline")
	}
	if d, ok := parseChineseDate(t); ok {
		return On(d), nil
	}
	return Deadline{}, apperr.Newf(apperr.Invalid, "完成时限“%s”无法识别，请填写日期（如2021-12-31）或“年底前”", s).OnField("deadline")
}

// parseChineseDate reads "2021年12月31日", "2021年底", "2021年12月底", each
// optionally followed by 前.
func parseChineseDate(s string) (workday.Date, bool) {
	s = strings.TrimSuffix(s, "前")
	y, rest, ok := leadingInt(s)
	if !ok || y < 1 || y > 9999 || !strings.HasPrefix(rest, "年") {
		return workday.Date{}, false
	}
	rest = strings.TrimPrefix(rest, "年")
	if rest == "底" {
		return workday.Date{Year: y, Month: time.December, Day: 31}, true
	}
	m, rest, ok := leadingInt(rest)
	if !ok || m < 1 || m > 12 || !strings.HasPrefix(rest, "月") {
		return workday.Date{}, false
	}
	rest = strings.TrimPrefix(rest, "月")
	if rest == "底" {
		// The day before the first of the next month.
		next := workday.Date{Year: y, Month: time.Month(m) + 1, Day: 1}
		if m == 12 {
			next = workday.Date{Year: y + 1, Month: time.January, Day: 1}
		}
		return next.AddDays(-1), true
	}
	d, rest, ok := leadingInt(rest)
	if !ok || rest != "日" {
		return workday.Date{}, false
	}
	date := workday.Date{Year: y, Month: time.Month(m), Day: d}
	return date, date.Valid()
}

func leadingInt(s string) (int, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, s[i:], err == nil
}

// Progress is one progress report (进展) on a task by one organisation.
type Progress struct {
	ID        int64        `json:"id"`
	TaskID    int64        `json:"task_id"`
	OrgID     int64        `json:"org_id"` // the reporting organisation: the owner or a co-owner
	On        workday.Date `json:"on"`     // the day the progress was made
	Text      string       `json:"text"`
	Evidence  []Evidence   `json:"evidence,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
}

// EvidenceKind is what an evidence item points to.
type EvidenceKind string

const (
	EvidenceDocument   EvidenceKind = "document"   // a document published on the platform (Ref: its id)
	EvidenceAttachment EvidenceKind = "attachment" // an uploaded attachment (Ref: its id or storage key)
	EvidenceLink       EvidenceKind = "link"       // a web page elsewhere (Ref: an http(s) URL)
)

// Label is the Chinese name of the kind.
func (k EvidenceKind) Label() string {
	return map[EvidenceKind]string{EvidenceDocument: "已发布文件", EvidenceAttachment: "附件", EvidenceLink: "链接"}[k]
}

// Valid reports whether k is a known kind.
func (k EvidenceKind) Valid() bool {
	return k == EvidenceDocument || k == EvidenceAttachment || k == EvidenceLink
}

// Evidence is a proof of progress (佐证材料).
type Evidence struct {
	Kind  EvidenceKind `json:"kind"`
	Ref   string       `json:"ref"`
	Title string       `json:"title,omitempty"`
}

// Validate checks one evidence item.
func (e Evidence) Validate() error {
	if !e.Kind.Valid() {
		return apperr.Newf(apperr.Invalid, "未知的佐证材料类型：%q", string(e.Kind)).OnField("evidence")
	}
	ref := strings.TrimSpace(e.Ref)
	if ref == "" || len(ref) > 2000 {
		return apperr.Newf(apperr.Invalid, "佐证材料（%s）缺少引用", e.Kind.Label()).OnField("evidence")
	}
	switch e.Kind {
	case EvidenceDocument:
		if id, err := strconv.ParseInt(ref, 10, 64); err != nil || id <= 0 {
			return apperr.New(apperr.Invalid, "佐证文件应为本平台已发布文件的编号").OnField("evidence")
		}
	case EvidenceLink:
		if !(strings.HasPrefix(ref, "https://") || strings.HasPrefix(ref, "http://")) || strings.ContainsAny(ref, " \t\r\n") {
			return apperr.New(apperr.Invalid, "佐证链接应为以http://或https://开头的网址").OnField("evidence")
		}
	}
	if utf8.RuneCountInString(e.Title) > MaxTitleRunes {
		return apperr.Newf(apperr.Invalid, "佐证材料标题不超过%d字", MaxTitleRunes).OnField("evidence")
	}
	return nil
}

// ValidateProgress checks a progress entry against its task and the day of
// now: the reporter must own or co-own the task, the text must be given, the
// day must not be in the future, and the evidence must be well formed.
// Permission failures are apperr.Forbidden; the rest apperr.Invalid.
func ValidateProgress(p Progress, t Task, now time.Time) error {
	if p.TaskID != t.ID {
		return apperr.New(apperr.Invalid, "进展不属于该任务").OnField("task_id")
	}
	if !CanReport(t, p.OrgID) {
		return apperr.New(apperr.Forbidden, "只能报送本单位牵头或配合的任务的进展")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(p.Text)); n == 0 || n > MaxProgressRunes {
		return apperr.Newf(apperr.Invalid, "进展情况不能为空，且不超过%d字", MaxProgressRunes).OnField("text")
	}
	if !p.On.Valid() {
		return apperr.New(apperr.Invalid, "请填写进展日期").OnField("on")
	}
	if today := workday.DateOf(now); p.On.After(today) {
		return apperr.Newf(apperr.Invalid, "进展日期%s晚于今天", p.On.ChineseFull()).OnField("on")
	}
	if len(p.Evidence) > MaxEvidence {
		return apperr.Newf(apperr.Invalid, "佐证材料不超过%d项", MaxEvidence).OnField("evidence")
	}
	for _, e := range p.Evidence {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	return nil
}
