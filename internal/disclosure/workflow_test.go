package disclosure

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gongkai/internal/org"
)

// allowed is the expected state machine, written out independently of the
// transitions table.
var allowed = map[[2]string]Status{
	{"draft", "submit"}:       StatusInReview,
	{"in_review", "approve"}:  StatusApproved,
	{"in_review", "reject"}:   StatusDraft,
	{"approved", "publish"}:   StatusPublished,
	{"approved", "reject"}:    StatusDraft,
	{"published", "withdraw"}: StatusWithdrawn,
	{"published", "revise"}:   StatusDraft,
}

func TestTransitionAllPairs(t *testing.T) {
	statuses := append(Statuses(), "", "deleted")
	actions := append(Actions(), "", "delete")
	seen := 0
	for _, from := range statuses {
		for _, a := range actions {
			to, err := Transition(from, a)
			want, ok := allowed[[2]string{string(from), string(a)}]
			if ok {
				seen++
				if err != nil || to != want {
					t.Errorf("Transition(%q, %q) = %q, %v, want %q", from, a, to, err, want)
				}
				continue
			}
			var te *TransitionError
			if !errors.As(err, &te) || te.From != from || te.Action != a || to != "" {
				t.Errorf("Transition(%q, %q) = %q, %v, want a *TransitionError", from, a, to, err)
				continue
			}
			msg := te.Error()
			if msg == "" || strings.ContainsAny(msg, "abcdefghijklmnopqrstuvwxyz") && from.Valid() && a.Valid() {
				t.Errorf("Transition(%q, %q): message %q is not a Chinese sentence", from, a, msg)
			}
		}
	}
	if seen != len(allowed) {
		t.Errorf("checked %d allowed transitions, want %d", seen, len(allowed))
	}
}

func TestTransitionMessages(t *testing.T) {
	tests := []struct {
		from Status
		a    Action
		want string
	}{
		{StatusDraft, ActionPublish, "草稿不能直接发布，须先送审并通过审核"},
		{StatusInReview, ActionPublish, "文件尚未通过审核，不能发布"},
		{StatusPublished, ActionPublish, "文件已发布，不能重复发布"},
		{StatusWithdrawn, ActionPublish, "已撤回的文件不能再发布"},
		{StatusWithdrawn, ActionRevise, "已撤回的文件不能再修订"},
		{StatusWithdrawn, ActionWithdraw, "文件已撤回，不能重复撤回"},
		{"deleted", ActionSubmit, "未知的文件状态“deleted”"},
		{StatusDraft, "delete", "未知的操作“delete”"},
	}
	for _, tt := range tests {
		_, err := Transition(tt.from, tt.a)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Transition(%q, %q) error = %v, want %q", tt.from, tt.a, err, tt.want)
		}
	}
}

func TestAllowedActions(t *testing.T) {
	tests := map[Status][]Action{
		StatusDraft:     {ActionSubmit},
		StatusInReview:  {ActionApprove, ActionReject},
		StatusApproved:  {ActionReject, ActionPublish},
		StatusPublished: {ActionWithdraw, ActionRevise},
		StatusWithdrawn: nil,
		"bogus":         nil,
	}
	for s, want := range tests {
		got := AllowedActions(s)
		if strings.Join(actionStrings(got), ",") != strings.Join(actionStrings(want), ",") {
			t.Errorf("AllowedActions(%q) = %v, want %v", s, got, want)
		}
	}
}

func actionStrings(as []Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, string(a))
	}
	return out
}

func TestStatusAndActionLabels(t *testing.T) {
	wantStatus := map[Status]string{
		StatusDraft: "草稿", StatusInReview: "待审核", StatusApproved: "已审核",
		StatusPublished: "已发布", StatusWithdrawn: "已撤回",
	}
	for _, s := range Statuses() {
		if !s.Valid() || s.Label() != wantStatus[s] {
			t.Errorf("%q: Valid=%v Label=%q, want %q", s, s.Valid(), s.Label(), wantStatus[s])
		}
		if s.Editable() != (s == StatusDraft) {
			t.Errorf("%q.Editable() = %v", s, s.Editable())
		}
	}
	if len(Statuses()) != len(wantStatus) || Status("x").Valid() || Status("x").Label() != "" {
		t.Error("unexpected statuses")
	}
	for _, a := range Actions() {
		if !a.Valid() || a.Label() == "" {
			t.Errorf("action %q has no label", a)
		}
	}
	if Action("x").Valid() || Action("x").Label() != "" {
		t.Error("unknown action is valid")
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		a    Action
		perm org.Permission
		role org.Role
	}{
		{ActionSubmit, org.PermEditDocument, org.RoleEditor},
		{ActionRevise, org.PermEditDocument, org.RoleEditor},
		{ActionApprove, org.PermReviewDocument, org.RoleReviewer},
		{ActionReject, org.PermReviewDocument, org.RoleReviewer},
		{ActionPublish, org.PermPublishDocument, org.RoleReviewer},
		{ActionWithdraw, org.PermPublishDocument, org.RoleReviewer},
		{"bogus", "", ""},
	}
	for _, tt := range tests {
		if p, r := PermissionFor(tt.a), RoleFor(tt.a); p != tt.perm || r != tt.role {
			t.Errorf("%q: PermissionFor = %q, RoleFor = %q, want %q, %q", tt.a, p, r, tt.perm, tt.role)
		}
	}
	for _, a := range Actions() {
		if !CanPerform(RoleFor(a), a) {
			t.Errorf("RoleFor(%q) = %q cannot perform it", a, RoleFor(a))
		}
		if !CanPerform(org.RoleAdmin, a) {
			t.Errorf("admin cannot %q", a)
		}
		if CanPerform(org.RoleSupervisor, a) || CanPerform(org.RoleRequestHandler, a) {
			t.Errorf("supervisor or request handler can %q", a)
		}
	}
	if CanPerform(org.RoleEditor, ActionApprove) || CanPerform(org.RoleEditor, ActionPublish) {
		t.Error("an editor can approve or publish")
	}
	if CanPerform(org.RoleAdmin, "bogus") {
		t.Error("an unknown action is allowed")
	}
}

func TestApply(t *testing.T) {
	now := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	later := now.Add(48 * time.Hour)
	tests := []struct {
		name string
		from Status
		step Step
		want Outcome
		err  string // "transition", "action" or ""
	}{
		{"submit", StatusDraft, Step{Action: ActionSubmit}, Outcome{Status: StatusInReview}, ""},
		{"approve", StatusInReview, Step{Action: ActionApprove}, Outcome{Status: StatusApproved}, ""},
		{"reject with comment", StatusInReview, Step{Action: ActionReject, Comment: "文号有误"}, Outcome{Status: StatusDraft}, ""},
		{"reject without comment", StatusInReview, Step{Action: ActionReject, Comment: " \n"}, Outcome{}, "action"},
		{"cancel a scheduled publication", StatusApproved, Step{Action: ActionReject, Comment: "暂缓发布"}, Outcome{Status: StatusDraft}, ""},
		{"publish now", StatusApproved, Step{Action: ActionPublish}, Outcome{Status: StatusPublished, PublishedAt: now}, ""},
		{"publish at now", StatusApproved, Step{Action: ActionPublish, PublishAt: now}, Outcome{Status: StatusPublished, PublishedAt: now}, ""},
		{"no back-dating", StatusApproved, Step{Action: ActionPublish, PublishAt: now.Add(-time.Hour)}, Outcome{Status: StatusPublished, PublishedAt: now}, ""},
		{"schedule", StatusApproved, Step{Action: ActionPublish, PublishAt: later}, Outcome{Status: StatusApproved, ScheduledAt: later}, ""},
		{"schedule a draft", StatusDraft, Step{Action: ActionPublish, PublishAt: later}, Outcome{}, "transition"},
		{"withdraw with reason", StatusPublished, Step{Action: ActionWithdraw, Comment: "内容已过时"}, Outcome{Status: StatusWithdrawn}, ""},
		{"withdraw without reason", StatusPublished, Step{Action: ActionWithdraw}, Outcome{}, "action"},
		{"revise", StatusPublished, Step{Action: ActionRevise}, Outcome{Status: StatusDraft}, ""},
		{"withdraw a draft", StatusDraft, Step{Action: ActionWithdraw, Comment: "x"}, Outcome{}, "transition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply(tt.from, tt.step, now)
			var te *TransitionError
			var ae *ActionError
			switch tt.err {
			case "transition":
				if !errors.As(err, &te) {
					t.Fatalf("Apply = %+v, %v, want *TransitionError", got, err)
				}
			case "action":
				if !errors.As(err, &ae) || ae.Action != tt.step.Action || ae.Reason == "" || ae.Error() != ae.Reason {
					t.Fatalf("Apply = %+v, %v, want *ActionError", got, err)
				}
			default:
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
			}
			if got != tt.want {
				t.Errorf("Apply = %+v, want %+v", got, tt.want)
			}
		})
	}
}
