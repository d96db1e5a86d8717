package ledger

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

// Counts are the tasks by displayed status. The five status counts add up
// to Total: a task past its deadline and not done counts as Overdue only,
// unless it needs rectification, which counts as NeedsRectification (see
// Task.DisplayStatus).
type Counts struct {
	Total              int `json:"total"`
	Done               int `json:"done"`
	Overdue            int `json:"overdue"`
	InProgress         int `json:"in_progress"`
	NotStarted         int `json:"not_started"`
	NeedsRectification int `json:"needs_rectification"`
}

func (c *Counts) add(s Status) {
	c.Total++
	switch s {
	case StatusDone:
		c.Done++
	case StatusOverdue:
		c.Overdue++
	case StatusInProgress:
		c.InProgress++
	case StatusNotStarted:
		c.NotStarted++
	case StatusNeedsRectification:
		c.NeedsRectification++
	}
}

// ReviewItem is one task as the review saw it.
type ReviewItem struct {
	Task         Task         `json:"task"`
	Status       Status       `json:"status"`  // displayed status on the day of the review
	Overdue      bool         `json:"overdue"` // past the deadline and not done (also when Status is 需整改)
	Due          workday.Date `json:"due"`
	Progress     int          `json:"progress"`               // progress entries on the task
	LastProgress workday.Date `json:"last_progress,omitzero"` // day of the latest entry
}

// AlsoOverdue reports whether the item is past its deadline while it shows
// another status (需整改), so that both are shown.
func (it ReviewItem) AlsoOverdue() bool { return it.Overdue && it.Status != StatusOverdue }

// OrgSummary is one responsible organisation's part of the review: the tasks
// it leads, by displayed status, and the progress reported on them.
type OrgSummary struct {
	OrgID int64 `json:"org_id"`
	Counts
	Progress     int          `json:"progress"`
	LastProgress workday.Date `json:"last_progress,omitzero"`
}

// ReviewResult is the year-end review (回头看) of a ledger year.
type ReviewResult struct {
	Year int          `json:"year"`
	On   workday.Date `json:"on"` // the day of the review; overdue is judged on this day
	Counts
	ByOrg []OrgSummary `json:"by_org"` // by owner org id
	Items []ReviewItem `json:"items"`  // every task of the year, in the order given
}

// Unfinished are the tasks not done — the candidates for CarryOver — by due
// date, then id.
func (r ReviewResult) Unfinished() []ReviewItem {
	var out []ReviewItem
	for _, it := range r.Items {
		if it.Task.Status != StatusDone {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b ReviewItem) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return compareInt64(a.Task.ID, b.Task.ID)
	})
	return out
}

// YearEndReview reviews the tasks of year (tasks of other years are
// ignored) on the day of now: counts by displayed status, a summary per
// responsible organisation, and each task with its progress. progress maps a
// task id to its progress entries.
func YearEndReview(tasks []Task, progress map[int64][]Progress, year int, now time.Time) ReviewResult {
	r := ReviewResult{Year: year, On: workday.DateOf(now), ByOrg: []OrgSummary{}, Items: []ReviewItem{}}
	byOrg := map[int64]*OrgSummary{}
	for _, t := range tasks {
		if t.Year != year {
			continue
		}
		it := ReviewItem{Task: t, Status: t.DisplayStatus(now), Overdue: t.IsOverdue(now), Due: t.Due()}
		for _, p := range progress[t.ID] {
			if p.TaskID != t.ID {
				continue
			}
			it.Progress++
			if p.On.After(it.LastProgress) {
				it.LastProgress = p.On
			}
		}
		r.Items = append(r.Items, it)
		r.Counts.add(it.Status)

		s := byOrg[t.OwnerOrgID]
		if s == nil {
			s = &OrgSummary{OrgID: t.OwnerOrgID}
			byOrg[t.OwnerOrgID] = s
		}
		s.Counts.add(it.Status)
		s.Progress += it.Progress
		if it.LastProgress.After(s.LastProgress) {
			s.LastProgress = it.LastProgress
		}
	}
	for _, s := range byOrg {
		r.ByOrg = append(r.ByOrg, *s)
	}
	slices.SortFunc(r.ByOrg, func(a, b OrgSummary) int { return compareInt64(a.OrgID, b.OrgID) })
	return r
}

// CarryOver makes next year's task from an unfinished task of the review
// (回头看结转): the same title, source, clause, owners and assigner; Year+1;
// CarriedFrom set to t.ID; note as RectificationNote (required — what is
// being put right and how); status 推进中 if the task had any progress entry
// or was 推进中, else 未开始; deadline the given one, or 年底前 of the next year
// when deadline is zero. progress are the task's progress entries (entries of
// other tasks are ignored). ID and CreatedAt are left for the store.
func CarryOver(t Task, note string, progress []Progress, deadline Deadline) (Task, error) {
	note = strings.TrimSpace(note)
	switch {
	case t.ID == 0:
		return Task{}, apperr.New(apperr.Invalid, "只能结转已保存的任务")
	case t.Status == StatusDone:
		return Task{}, apperr.New(apperr.Conflict, "已完成的任务无需结转")
	case note == "":
		return Task{}, apperr.New(apperr.Invalid, "结转任务须填写整改说明").OnField("rectification_note")
	case utf8.RuneCountInString(note) > MaxNoteRunes:
		return Task{}, apperr.Newf(apperr.Invalid, "整改说明不超过%d字", MaxNoteRunes).OnField("rectification_note")
	}
	if deadline.IsZero() {
		deadline = YearEnd()
	} else if due := deadline.Resolve(t.Year + 1); due.Year < t.Year+1 {
		return Task{}, apperr.Newf(apperr.Invalid, "结转任务的完成时限应在%d年内或之后", t.Year+1).OnField("deadline")
	}
	status := StatusNotStarted
	if t.Status == StatusInProgress {
		status = StatusInProgress
	}
	for _, p := range progress {
		if p.TaskID == t.ID {
			status = StatusInProgress
			break
		}
	}
	return Task{
		Title:             t.Title,
		Detail:            t.Detail,
		Source:            t.Source,
		Clause:            t.Clause,
		OwnerOrgID:        t.OwnerOrgID,
		CoOwnerOrgIDs:     slices.Clone(t.CoOwnerOrgIDs),
		AssignedBy:        t.AssignedBy,
		Year:              t.Year + 1,
		Deadline:          deadline,
		Status:            status,
		CarriedFrom:       t.ID,
		RectificationNote: note,
	}, nil
}

// ReportFacts are the ledger's results for section 六 of the annual report.
// The fields are those of report.LedgerFacts (ledger and report do not import
// each other): the store copies them across, converting each item with
// report.LedgerItem(item) — the item structs have identical fields.
type ReportFacts struct {
	Tasks   int          `json:"tasks"`   // tasks of the year
	Done    int          `json:"done"`    // completed
	Overdue int          `json:"overdue"` // not completed by their deadline
	Items   []ReportItem `json:"items,omitempty"`
}

// ReportItem is one task as shown in the report.
type ReportItem struct {
	Title  string `json:"title"`
	Status string `json:"status"` // the displayed status's label, e.g. "已完成", "逾期", "需整改（逾期）"
}

// ReportFacts summarises the review for the annual report: the counts, and
// every task with its displayed status, in the order reviewed. Overdue counts
// every task not completed by its deadline, those needing rectification too,
// and such a task shows both statuses.
func (r ReviewResult) ReportFacts() ReportFacts {
	f := ReportFacts{Tasks: r.Total, Done: r.Done}
	for _, it := range r.Items {
		label := it.Status.Label()
		if it.Overdue {
			f.Overdue++
			if it.Status != StatusOverdue {
				label += "（" + StatusOverdue.Label() + "）"
			}
		}
		f.Items = append(f.Items, ReportItem{Title: it.Task.Title, Status: label})
	}
	return f
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
