package disclosure

import (
	"fmt"
	"strings"
	"time"

	"gongkai/internal/org"
)

// Status is where a version of a document stands in the review workflow.
//
//	draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published ──withdraw──▶ withdrawn
//	  ▲                   │                     │                     │
//	  └──────reject───────┴───────reject────────┘                     │
//	  ▲                                                               │
//	  └──────────────revise (a new version; this one stays published)─┘
//
// A publication can be scheduled: publish with a time in the future keeps
// the version approved with that time (see Apply), and a job publishes it
// when the time comes. Withdrawn is final: nothing published is deleted.
type Status string

// The statuses.
const (
	StatusDraft     Status = "draft"
	StatusInReview  Status = "in_review"
	StatusApproved  Status = "approved"
	StatusPublished Status = "published"
	StatusWithdrawn Status = "withdrawn"
)

// Statuses lists every status in workflow order.
func Statuses() []Status {
	return []Status{StatusDraft, StatusInReview, StatusApproved, StatusPublished, StatusWithdrawn}
}

var statusLabels = map[Status]string{
	StatusDraft:     "草稿",
	StatusInReview:  "待审核",
	StatusApproved:  "已审核",
	StatusPublished: "已发布",
	StatusWithdrawn: "已撤回",
}

// Label returns the Chinese name, or "" if s is unknown.
func (s Status) Label() string { return statusLabels[s] }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Editable reports whether a version in status s may have its fields
// changed: only drafts. A published version is changed by revising it.
func (s Status) Editable() bool { return s == StatusDraft }

// Action is a step of the workflow taken by a member of staff.
type Action string

// The actions.
const (
	ActionSubmit   Action = "submit"   // 送审: draft → in_review
	ActionApprove  Action = "approve"  // 审核通过: in_review → approved
	ActionReject   Action = "reject"   // 退回: in_review or approved → draft; a comment is required
	ActionPublish  Action = "publish"  // 发布: approved → published, or scheduled for a later time
	ActionWithdraw Action = "withdraw" // 撤回: published → withdrawn; a reason is required
	ActionRevise   Action = "revise"   // 修订: published → a new draft version
)

// Actions lists every action in workflow order.
func Actions() []Action {
	return []Action{ActionSubmit, ActionApprove, ActionReject, ActionPublish, ActionWithdraw, ActionRevise}
}

var actionLabels = map[Action]string{
	ActionSubmit:   "送审",
	ActionApprove:  "审核通过",
	ActionReject:   "退回",
	ActionPublish:  "发布",
	ActionWithdraw: "撤回",
	ActionRevise:   "修订",
}

// Label returns the Chinese name, or "" if a is unknown.
func (a Action) Label() string { return actionLabels[a] }

// Valid reports whether a is a known action.
func (a Action) Valid() bool { _, ok := actionLabels[a]; return ok }

// transitions is the whole state machine: from → action → to.
var transitions = map[Status]map[Action]Status{
	StatusDraft:     {ActionSubmit: StatusInReview},
	StatusInReview:  {ActionApprove: StatusApproved, ActionReject: StatusDraft},
	StatusApproved:  {ActionPublish: StatusPublished, ActionReject: StatusDraft},
	StatusPublished: {ActionWithdraw: StatusWithdrawn, ActionRevise: StatusDraft},
}

// Transition returns the status that action a leads to from status from.
// For ActionRevise the result is the status of the new version (draft); the
// revised version itself stays published until the new one is published.
// For ActionPublish it is published; use Apply to schedule. An action that is
// not allowed returns a *TransitionError.
func Transition(from Status, a Action) (Status, error) {
	if to, ok := transitions[from][a]; ok {
		return to, nil
	}
	return "", &TransitionError{From: from, Action: a}
}

// AllowedActions lists the actions allowed from status s, in workflow order,
// for showing the right buttons.
func AllowedActions(s Status) []Action {
	var out []Action
	for _, a := range Actions() {
		if _, ok := transitions[s][a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// A TransitionError says that an action is not allowed from a status. Error
// returns a Chinese message that tells the user what to do instead.
type TransitionError struct {
	From   Status
	Action Action
}

// transitionMessages explains the refusals that users meet in practice;
// others get a generic message.
var transitionMessages = map[Status]map[Action]string{
	StatusDraft: {
		ActionApprove:  "草稿须先送审，才能审核通过",
		ActionReject:   "草稿尚未送审，无需退回",
		ActionPublish:  "草稿不能直接发布，须先送审并通过审核",
		ActionWithdraw: "草稿尚未发布，不能撤回",
		ActionRevise:   "草稿可以直接修改，无需修订",
	},
	StatusInReview: {
		ActionSubmit:   "文件已在审核中，不能重复送审",
		ActionPublish:  "文件尚未通过审核，不能发布",
		ActionWithdraw: "文件尚未发布，不能撤回；如需修改，请审核员退回",
		ActionRevise:   "文件正在审核中，不能修订；如需修改，请审核员退回",
	},
	StatusApproved: {
		ActionSubmit:   "文件已通过审核，不能重复送审",
		ActionApprove:  "文件已通过审核，无需再次审核",
		ActionWithdraw: "文件尚未发布，不能撤回；如需修改或取消定时发布，请退回",
		ActionRevise:   "文件尚未发布，不能修订；如需修改，请退回",
	},
	StatusPublished: {
		ActionSubmit:  "已发布的文件不能送审；如需修改，请修订生成新版本",
		ActionApprove: "已发布的文件无需审核；如需修改，请修订生成新版本",
		ActionReject:  "已发布的文件不能退回；如需停止公开，请撤回",
		ActionPublish: "文件已发布，不能重复发布",
	},
	StatusWithdrawn: {
		ActionWithdraw: "文件已撤回，不能重复撤回",
	},
}

func (e *TransitionError) Error() string {
	switch {
	case !e.From.Valid():
		return fmt.Sprintf("未知的文件状态“%s”", e.From)
	case !e.Action.Valid():
		return fmt.Sprintf("未知的操作“%s”", e.Action)
	}
	if m, ok := transitionMessages[e.From][e.Action]; ok {
		return m
	}
	if e.From == StatusWithdrawn {
		return "已撤回的文件不能再" + e.Action.Label()
	}
	return fmt.Sprintf("%s状态的文件不能%s", e.From.Label(), e.Action.Label())
}

// PermissionFor is the permission needed to take action a ("" if a is
// unknown): editors submit and revise, reviewers approve and reject,
// publishing and withdrawing need the publish permission.
func PermissionFor(a Action) org.Permission {
	switch a {
	case ActionSubmit, ActionRevise:
		return org.PermEditDocument
	case ActionApprove, ActionReject:
		return org.PermReviewDocument
	case ActionPublish, ActionWithdraw:
		return org.PermPublishDocument
	}
	return ""
}

// RoleFor is the role whose work action a is (the admin may also take every
// action): org.RoleEditor for submit and revise, org.RoleReviewer for the
// rest, "" if a is unknown.
func RoleFor(a Action) org.Role {
	switch PermissionFor(a) {
	case org.PermEditDocument:
		return org.RoleEditor
	case org.PermReviewDocument, org.PermPublishDocument:
		return org.RoleReviewer
	}
	return ""
}

// CanPerform reports whether role r may take action a.
func CanPerform(r org.Role, a Action) bool {
	p := PermissionFor(a)
	return p != "" && r.Can(p)
}

// A Step is an action with what it needs.
type Step struct {
	Action Action
	// Comment is the review comment; required to reject. For a withdrawal it
	// is the reason, which is required and kept with the document.
	Comment string
	// PublishAt schedules a publication: when it is after now, publishing
	// leaves the version approved with this time. Zero means now.
	PublishAt time.Time
}

// An Outcome is the result of a step.
type Outcome struct {
	Status Status
	// ScheduledAt is set when a publication was scheduled: Status stays
	// approved and a job publishes the version at that time (by applying
	// ActionPublish with a zero PublishAt).
	ScheduledAt time.Time
	// PublishedAt is set when the version was published: always now, never a
	// back-dated time, because the publication date counts in law.
	PublishedAt time.Time
}

// An ActionError says that a step lacks something it needs, such as the
// comment of a rejection. Error returns a Chinese message.
type ActionError struct {
	Action Action
	Reason string
}

func (e *ActionError) Error() string { return e.Reason }

// Apply takes step from status from at time now. It returns a
// *TransitionError when the action is not allowed and an *ActionError when
// the step lacks its comment or reason.
func Apply(from Status, step Step, now time.Time) (Outcome, error) {
	to, err := Transition(from, step.Action)
	if err != nil {
		return Outcome{}, err
	}
	comment := strings.TrimSpace(step.Comment)
	switch step.Action {
	case ActionReject:
		if comment == "" {
			return Outcome{}, &ActionError{Action: step.Action, Reason: "退回须填写审核意见，说明需要修改的地方"}
		}
	case ActionWithdraw:
		if comment == "" {
			return Outcome{}, &ActionError{Action: step.Action, Reason: "撤回须说明理由，理由将随文件保留"}
		}
	case ActionPublish:
		if step.PublishAt.After(now) {
			return Outcome{Status: StatusApproved, ScheduledAt: step.PublishAt}, nil
		}
		return Outcome{Status: to, PublishedAt: now}, nil
	}
	return Outcome{Status: to}, nil
}
