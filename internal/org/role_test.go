package org

import (
	"errors"
	"strings"
	"testing"
)

func TestRoleCan(t *testing.T) {
	// want lists, per role, exactly the permissions it has; every other
	// (role, permission) pair must be refused.
	want := map[Role][]Permission{
		RoleAdmin:          {PermManageOrg, PermManageUsers, PermViewAudit, PermEditDocument, PermReviewDocument, PermPublishDocument},
		RoleEditor:         {PermEditDocument},
		RoleReviewer:       {PermReviewDocument, PermPublishDocument},
		RoleRequestHandler: {PermHandleRequest},
		RoleSupervisor:     {PermReadSubtree, PermViewAudit},
	}
	for _, r := range append(Roles(), Role(""), Role("root")) {
		for _, p := range append(Permissions(), Permission("anything")) {
			has := false
			for _, q := range want[r] {
				has = has || q == p
			}
			if got := r.Can(p); got != has {
				t.Errorf("%s.Can(%s) = %v, want %v", r, p, got, has)
			}
		}
	}
}

func TestRoleLabels(t *testing.T) {
	want := map[Role]string{
		RoleAdmin: "管理员", RoleEditor: "编辑", RoleReviewer: "审核员",
		RoleRequestHandler: "依申请公开办理员", RoleSupervisor: "监督员",
	}
	if len(Roles()) != len(want) {
		t.Fatalf("Roles() has %d roles, want %d", len(Roles()), len(want))
	}
	for _, r := range Roles() {
		if !r.Valid() || r.Label() != want[r] {
			t.Errorf("%s: Valid=%v Label=%q, want %q", r, r.Valid(), r.Label(), want[r])
		}
	}
	if Role("x").Valid() || Role("x").Label() != "x" {
		t.Error("unknown role")
	}
	for _, p := range Permissions() {
		if p.Label() == string(p) {
			t.Errorf("permission %s has no label", p)
		}
	}
	if Permission("x").Label() != "x" {
		t.Error("unknown permission label")
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"admin", RoleAdmin, true},
		{" Editor ", RoleEditor, true},
		{"REQUEST_HANDLER", RoleRequestHandler, true},
		{"审核员", RoleReviewer, true},
		{"监督员", RoleSupervisor, true},
		{"依申请公开办理员", RoleRequestHandler, true},
		{"", "", false},
		{"root", "", false},
		{"request-handler", "", false},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if tt.ok {
			if err != nil || got != tt.want {
				t.Errorf("ParseRole(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var re *RoleError
		if !errors.As(err, &re) || re.Input != tt.in || got != "" || !strings.Contains(re.Error(), "未知的角色") {
			t.Errorf("ParseRole(%q) = %q, %v, want *RoleError", tt.in, got, err)
		}
	}
}
