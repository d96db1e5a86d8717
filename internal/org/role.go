package org

import (
	"fmt"
	"strings"
)

// A Role is what a staff member may do within an organisation. A user holds
// roles per organisation; permissions are checked against the organisation
// the record belongs to.
type Role string

// The roles.
const (
	RoleAdmin          Role = "admin"           // 管理员: the organisation, its users, and all document work
	RoleEditor         Role = "editor"          // 编辑: drafts documents
	RoleReviewer       Role = "reviewer"        // 审核员: reviews and publishes documents
	RoleRequestHandler Role = "request_handler" // 依申请公开办理员: handles applications
	RoleSupervisor     Role = "supervisor"      // 监督员: reads the whole subtree of organisations (政务公开办)
)

// Roles returns every role, in a stable order for lists and forms.
func Roles() []Role {
	return []Role{RoleAdmin, RoleEditor, RoleReviewer, RoleRequestHandler, RoleSupervisor}
}

var roleLabels = map[Role]string{
	RoleAdmin:          "管理员",
	RoleEditor:         "编辑",
	RoleReviewer:       "审核员",
	RoleRequestHandler: "依申请公开办理员",
	RoleSupervisor:     "监督员",
}

// Label returns the role's Chinese name, or the raw value if the role is
// unknown.
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// Valid reports whether r is one of the defined roles.
func (r Role) Valid() bool {
	_, ok := roleLabels[r]
	return ok
}

// A RoleError says that a string names no role.
type RoleError struct {
	Input string
}

func (e *RoleError) Error() string {
	return fmt.Sprintf("未知的角色“%s”，可选：管理员、编辑、审核员、依申请公开办理员、监督员", e.Input)
}

// ParseRole returns the role named by s: its code ("editor", any case) or its
// Chinese label ("编辑"), with surrounding space ignored. The error is a
// *RoleError.
func ParseRole(s string) (Role, error) {
	t := strings.TrimSpace(s)
	if r := Role(strings.ToLower(t)); r.Valid() {
		return r, nil
	}
	for r, l := range roleLabels {
		if t == l {
			return r, nil
		}
	}
	return "", &RoleError{Input: s}
}

// A Permission is one thing a role allows.
type Permission string

// The permissions.
const (
	PermEditDocument    Permission = "edit_document"    // draft and revise documents
	PermReviewDocument  Permission = "review_document"  // approve or reject submitted documents
	PermPublishDocument Permission = "publish_document" // publish, schedule and withdraw documents
	PermManageOrg       Permission = "manage_org"       // edit the organisation, its site, columns and guide
	PermManageUsers     Permission = "manage_users"     // add staff and assign roles
	PermHandleRequest   Permission = "handle_request"   // handle 依申请公开 applications
	PermReadSubtree     Permission = "read_subtree"     // read everything of subordinate organisations
	PermViewAudit       Permission = "view_audit"       // read the audit log
)

// Permissions returns every permission, in a stable order.
func Permissions() []Permission {
	return []Permission{
		PermEditDocument, PermReviewDocument, PermPublishDocument, PermManageOrg,
		PermManageUsers, PermHandleRequest, PermReadSubtree, PermViewAudit,
	}
}

var permissionLabels = map[Permission]string{
	PermEditDocument:    "编辑文件",
	PermReviewDocument:  "审核文件",
	PermPublishDocument: "发布文件",
	PermManageOrg:       "管理本机构",
	PermManageUsers:     "管理用户",
	PermHandleRequest:   "办理依申请公开",
	PermReadSubtree:     "查看下级机构",
	PermViewAudit:       "查看审计日志",
}

// Label returns the permission's Chinese name, or the raw value if unknown.
func (p Permission) Label() string {
	if l, ok := permissionLabels[p]; ok {
		return l
	}
	return string(p)
}

// rolePermissions is the whole policy. The admin runs its own organisation
// but does not handle applications nor read other organisations; a
// supervisor reads its subtree and the audit log and writes nothing.
var rolePermissions = map[Role][]Permission{
	RoleAdmin:          {PermManageOrg, PermManageUsers, PermViewAudit, PermEditDocument, PermReviewDocument, PermPublishDocument},
	RoleEditor:         {PermEditDocument},
	RoleReviewer:       {PermReviewDocument, PermPublishDocument},
	RoleRequestHandler: {PermHandleRequest},
	RoleSupervisor:     {PermReadSubtree, PermViewAudit},
}

// Can reports whether the role grants perm. Unknown roles grant nothing.
func (r Role) Can(perm Permission) bool {
	for _, p := range rolePermissions[r] {
		if p == perm {
			return true
		}
	}
	return false
}
