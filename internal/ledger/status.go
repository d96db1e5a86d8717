package ledger

import (
	"strings"

	"gongkai/internal/apperr"
)

// Status is a task's status. Four are stored; StatusOverdue is only ever
// computed for display (Task.DisplayStatus).
type Status string

const (
	StatusNotStarted         Status = "not_started"         // 未开始
	StatusInProgress         Status = "in_progress"         // 推进中
	StatusDone               Status = "done"                // 已完成
	StatusNeedsRectification Status = "needs_rectification" // 需整改: set by the assigning supervisor's review
	StatusOverdue            Status = "overdue"             // 逾期: computed, never stored
)

// Statuses lists the stored statuses in workflow order, for forms and filters.
func Statuses() []Status {
	return []Status{StatusNotStarted, StatusInProgress, StatusDone, StatusNeedsRectification}
}

// DisplayStatuses lists every status a task can show, for legends and counts.
func DisplayStatuses() []Status {
	return []Status{StatusNotStarted, StatusInProgress, StatusDone, StatusOverdue, StatusNeedsRectification}
}

var statusLabels = map[Status]string{
	StatusNotStarted:         "未开始",
	StatusInProgress:         "推进中",
	StatusDone:               "已完成",
	StatusOverdue:            "逾期",
	StatusNeedsRectification: "需整改",
}

// Label is the Chinese name of the status, or the raw value if unknown.
func (s Status) Label() string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Stored reports whether s may be stored on a task (every known status but overdue).
func (s Status) Stored() bool {
	_, ok := statusLabels[s]
	return ok && s != StatusOverdue
}

// ParseStatus reads a stored status from its code ("in_progress") or its
// label ("推进中"). 逾期 is refused: it is computed from the deadline.
func ParseStatus(s string) (Status, error) {
	t := strings.TrimSpace(s)
	st := Status(strings.ToLower(t))
	if _, ok := statusLabels[st]; !ok {
		st = ""
		for k, l := range statusLabels {
			if l == t {
				st = k
			}
		}
	}
	switch {
	case st == StatusOverdue:
		return "", apperr.New(apperr.Invalid, "“逾期”由系统根据完成时限自动判断，不能手动设置").OnField("status")
	case st == "":
		return "", apperr.Newf(apperr.Invalid, "未知的任务状态“%s”，可选：未开始、推进中、已完成、需整改", s).OnField("status")
	}
	return st, nil
}

// RolesOf tells in which capacity org acts on t: as the owner (the lead
// responsible organisation — co-owners report progress but do not move the
// status) and/or as the assigning supervisor. A task the owner set itself
// (AssignedBy 0) is reviewed by the owner, so the owner then holds both roles.
func RolesOf(t Task, orgID int64) (byOwner, bySupervisor bool) {
	byOwner = t.IsOwner(orgID)
	if t.AssignedBy == 0 {
		bySupervisor = byOwner
	} else {
		bySupervisor = orgID == t.AssignedBy
	}
	return byOwner, bySupervisor
}

// ValidateTransition checks a change of stored status from → to made by an
// organisation acting as the task's owner and/or its assigning supervisor.
//
// The owner moves a task 未开始 → 推进中 → 已完成, and takes a task back to
// 推进中 from 需整改 to work on the rectification. Only the assigning supervisor
// sets 需整改 (from any other status) and reopens a done task (已完成 → 推进中).
// Nothing else is allowed: no step back to 未开始, no skipping 推进中, and 逾期 is
// never set by hand. A refused role is apperr.Forbidden; a transition that no
// role may make, or an unknown status, is apperr.Invalid.
func ValidateTransition(from, to Status, byOwner, bySupervisor bool) error {
	for _, s := range []Status{from, to} {
		if s == StatusOverdue {
			return apperr.New(apperr.Invalid, "“逾期”由系统根据完成时限自动判断，不能手动设置或变更").OnField("status")
		}
		if !s.Stored() {
			return apperr.Newf(apperr.Invalid, "未知的任务状态：%q", string(s)).OnField("status")
		}
	}
	if !byOwner && !bySupervisor {
		return apperr.New(apperr.Forbidden, "只有任务的责任单位或交办单位可以变更任务状态")
	}
	if from == to {
		return apperr.Newf(apperr.Invalid, "任务已是“%s”状态", to.Label()).OnField("status")
	}
	switch to {
	case StatusNeedsRectification:
		if !bySupervisor {
			return apperr.New(apperr.Forbidden, "只有交办单位可以在督查审核后要求整改")
		}
		return nil
	case StatusNotStarted:
		return apperr.Newf(apperr.Invalid, "任务不能从“%s”退回“未开始”", from.Label()).OnField("status")
	case StatusInProgress:
		switch from {
		case StatusNotStarted, StatusNeedsRectification:
			if !byOwner {
				return apperr.New(apperr.Forbidden, "任务进度由责任单位自行更新，交办单位不能代为推进")
			}
			return nil
		case StatusDone:
			if !bySupervisor {
				return apperr.New(apperr.Forbidden, "已完成的任务只能由交办单位重新打开")
			}
			return nil
		}
	case StatusDone:
		switch from {
		case StatusInProgress:
			if !byOwner {
				return apperr.New(apperr.Forbidden, "只有责任单位可以将任务标为已完成")
			}
			return nil
		case StatusNotStarted:
			return apperr.New(apperr.Invalid, "请先将任务标为“推进中”并报送进展，再标为“已完成”").OnField("status")
		case StatusNeedsRectification:
			return apperr.New(apperr.Invalid, "需整改的任务请先标为“推进中”并报送整改进展，再标为“已完成”").OnField("status")
		}
	}
	return apperr.Newf(apperr.Invalid, "任务不能从“%s”变为“%s”", from.Label(), to.Label()).OnField("status")
}

// ChangeStatus applies a status change by the organisation actorOrgID and
// returns the changed task. Setting 需整改 requires note (the supervisor's
// rectification requirement), which is stored as RectificationNote; a note
// given by the supervisor on another change (e.g. the reason for reopening)
// replaces it too. The owner's own account of its work goes in a Progress
// entry, so an owner's note is ignored.
func ChangeStatus(t Task, to Status, actorOrgID int64, note string) (Task, error) {
	byOwner, bySupervisor := RolesOf(t, actorOrgID)
	if err := ValidateTransition(t.Status, to, byOwner, bySupervisor); err != nil {
		return t, err
	}
	note = strings.TrimSpace(note)
	if to == StatusNeedsRectification && note == "" {
		return t, apperr.New(apperr.Invalid, "要求整改时须写明整改要求").OnField("rectification_note")
	}
	if note != "" && bySupervisor {
		t.RectificationNote = note
	}
	t.Status = to
	return t, nil
}
