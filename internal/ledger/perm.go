package ledger

import (
	"strings"

	"gongkai/internal/apperr"
)

// The permission rules of the ledger, as pure functions over the ids and
// materialised paths the caller passes in. Who may read a task (its owner,
// co-owners, and supervisors over the owner's subtree) is org.Principal.CanRead;
// these rules are about writing.

// ValidPath reports whether p is a well-formed materialised path: "/" then one
// or more positive decimal ids each followed by "/", e.g. "/1/4/9/".
func ValidPath(p string) bool {
	if len(p) < 3 || p[0] != '/' || p[len(p)-1] != '/' {
		return false
	}
	for _, seg := range strings.Split(p[1:len(p)-1], "/") {
		if seg == "" || seg[0] == '0' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if seg[i] < '0' || seg[i] > '9' {
				return false
			}
		}
	}
	return true
}

// CanAssign reports whether the supervisor at supervisorOrgPath may assign a
// task to the organisation at targetOrgPath: only down its own subtree, to a
// strict descendant. An organisation's own tasks are not "assigned" (their
// AssignedBy is 0), so CanAssign of a path to itself is false. Malformed
// paths are refused. Paths end with "/", so "/1/" is not a prefix of "/12/".
func CanAssign(supervisorOrgPath, targetOrgPath string) bool {
	return ValidPath(supervisorOrgPath) && ValidPath(targetOrgPath) &&
		len(targetOrgPath) > len(supervisorOrgPath) &&
		strings.HasPrefix(targetOrgPath, supervisorOrgPath)
}

// CheckAssign is CanAssign for a task's owner and co-owners at once, with a
// Chinese apperr.Forbidden error naming the first organisation out of reach.
func CheckAssign(supervisor OrgRef, targets ...OrgRef) error {
	for _, t := range targets {
		if !CanAssign(supervisor.Path, t.Path) {
			return apperr.Newf(apperr.Forbidden, "只能向本机构的下级机构交办任务（机构%d不在管辖范围内）", t.ID)
		}
	}
	return nil
}

// CanReport reports whether org may report progress on t: it owns or co-owns
// the task. Supervisors review; they do not report for their subordinates.
func CanReport(t Task, orgID int64) bool {
	return t.IsOwner(orgID) || t.IsCoOwner(orgID)
}

// CanEditProgress reports whether org may edit or delete the progress entry
// p of task t: only the organisation that reported it, and only while it is
// still an owner or co-owner of the task. Nobody edits another
// organisation's progress, supervisors included.
func CanEditProgress(p Progress, t Task, orgID int64) bool {
	return orgID != 0 && p.OrgID == orgID && p.TaskID == t.ID && CanReport(t, orgID)
}

// CanReview reports whether org may review t (set 需整改, reopen it when
// done): the assigning supervisor, or the owner of a task it set itself.
func CanReview(t Task, orgID int64) bool {
	_, sup := RolesOf(t, orgID)
	return sup
}

// CanEditTask reports whether org may edit t's definition (title, source,
// owners, deadline) given the paths of the acting organisation and of the
// task's owner: the assigning supervisor, while the owner is still in its
// subtree; or the owner of a task it set itself.
func CanEditTask(t Task, orgID int64, orgPath, ownerPath string) bool {
	if t.AssignedBy == 0 {
		return t.IsOwner(orgID)
	}
	return orgID == t.AssignedBy && CanAssign(orgPath, ownerPath)
}
