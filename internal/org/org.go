// Package org holds organisations (机关/单位) in their tree, their sites, staff, roles and the
// permission rules: a user belongs to one organisation, writes only there, and a supervisor reads
// the whole subtree.
package org

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
)

// Level is an organisation's administrative level (层级).
type Level string

const (
	LevelNational Level = "national"
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
	LevelTownship Level = "township"
)

var levelOrder = map[Level]int{LevelNational: 0, LevelProvince: 1, LevelCity: 2, LevelCounty: 3, LevelTownship: 4}

// Levels lists the levels from the top.
var Levels = []Level{LevelNational, LevelProvince, LevelCity, LevelCounty, LevelTownship}

// Label is the Chinese name of the level.
func (l Level) Label() string {
	return map[Level]string{LevelNational: "国家", LevelProvince: "省级", LevelCity: "市级", LevelCounty: "县级", LevelTownship: "乡镇（街道）"}[l]
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { _, ok := levelOrder[l]; return ok }

// Kind is what sort of body an organisation is.
type Kind string

const (
	KindGovernment  Kind = "government"  // 人民政府 (and the State Council's General Office at the top)
	KindDepartment  Kind = "department"  // 政府工作部门
	KindInstitution Kind = "institution" // 公共企事业单位 (条例 Art. 55)
)

// Label is the Chinese name of the kind.
func (k Kind) Label() string {
	return map[Kind]string{KindGovernment: "人民政府", KindDepartment: "政府部门", KindInstitution: "公共企事业单位"}[k]
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	return k == KindGovernment || k == KindDepartment || k == KindInstitution
}

// Contact is the disclosure office's contact data that the guide must give (条例 Art. 12).
type Contact struct {
	OfficeName  string `json:"office_name"`
	Address     string `json:"address"`
	Postcode    string `json:"postcode"`
	Phone       string `json:"phone"`
	Fax         string `json:"fax"`
	Email       string `json:"email"`
	OfficeHours string `json:"office_hours"`
}

// Org is an organisation.
type Org struct {
	ID          int64     `json:"id"`
	ParentID    int64     `json:"parent_id,omitempty"`
	Path        string    `json:"-"` // materialised path of ids, "/1/4/9/", for subtree queries
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	ShortName   string    `json:"short_name,omitempty"`
	Kind        Kind      `json:"kind"`
	Level       Level     `json:"level"`
	Host        string    `json:"host,omitempty"`
	GuideHTML   string    `json:"-"`
	RulesHTML   string    `json:"-"`
	Contact     Contact   `json:"contact"`
	IndexScheme string    `json:"index_scheme"`
	Position    int       `json:"-"`
	LockVersion int       `json:"lock_version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SitePath is the path of the organisation's site on the platform.
func (o Org) SitePath() string { return "/o/" + o.Code + "/" }

// DisplayName is the short name when there is one.
func (o Org) DisplayName() string {
	if o.ShortName != "" {
		return o.ShortName
	}
	return o.Name
}

// InSubtreeOf reports whether o is root or one of root's descendants.
func (o Org) InSubtreeOf(root Org) bool {
	return root.Path != "" && strings.HasPrefix(o.Path, root.Path)
}

// ChildPath is the materialised path of a child of o with the given id.
func (o Org) ChildPath(id int64) string {
	return o.Path + strconv.FormatInt(id, 10) + "/"
}

// Validate checks an organisation on its own and against its parent (nil for a root).
func Validate(o Org, parent *Org) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(o.Name)); n == 0 || n > 100 {
		return apperr.New(apperr.Invalid, "机构名称不能为空，且不超过100字").OnField("name")
	}
	if utf8.RuneCountInString(o.ShortName) > 30 {
		return apperr.New(apperr.Invalid, "机构简称不超过30字").OnField("short_name")
	}
	if err := ValidateCreditCode(o.Code); err != nil {
		return apperr.Wrap(apperr.Invalid, err.Error(), err).OnField("code")
	}
	if !o.Kind.Valid() {
		return apperr.Newf(apperr.Invalid, "未知的机构类型：%q", o.Kind).OnField("kind")
	}
	if !o.Level.Valid() {
		return apperr.Newf(apperr.Invalid, "未知的层级：%q", o.Level).OnField("level")
	}
	if o.Host != "" && !validHost(o.Host) {
		return apperr.New(apperr.Invalid, "域名格式不正确").OnField("host")
	}
	if parent == nil {
		if o.Kind != KindGovernment {
			return apperr.New(apperr.Invalid, "顶层机构必须是人民政府（或国务院办公厅）").OnField("parent")
		}
		return nil
	}
	switch o.Kind {
	case KindGovernment:
		// A lower government sits under the government one level up.
		if parent.Kind != KindGovernment || levelOrder[o.Level] != levelOrder[parent.Level]+1 {
			return apperr.New(apperr.Invalid, "下级人民政府须隶属于上一级人民政府").OnField("parent")
		}
	case KindDepartment:
		if parent.Kind != KindGovernment || o.Level != parent.Level {
			return apperr.New(apperr.Invalid, "政府部门须隶属于同级人民政府").OnField("parent")
		}
	case KindInstitution:
		if parent.Kind != KindDepartment || o.Level != parent.Level {
			return apperr.New(apperr.Invalid, "公共企事业单位须隶属于同级主管部门").OnField("parent")
		}
	}
	return nil
}

func validHost(h string) bool {
	if len(h) > 253 || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || !strings.Contains(h, ".") {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// User is a member of an organisation's staff.
type User struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        Role      `json:"role"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
}

// ValidateUsername checks a login name: 3–32 characters of a–z, 0–9, '.', '_' and '-'.
func ValidateUsername(s string) error {
	if len(s) < 3 || len(s) > 32 {
		return apperr.New(apperr.Invalid, "用户名应为3至32个字符").OnField("username")
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return apperr.New(apperr.Invalid, "用户名只能包含小写字母、数字和 . _ -").OnField("username")
		}
	}
	return nil
}

// Principal is a signed-in user together with the organisation the user belongs to.
type Principal struct {
	User User
	Org  Org
}

// CanWrite reports whether p may do perm in the organisation target: only in their own.
func (p *Principal) CanWrite(target Org, perm Permission) bool {
	return p != nil && p.User.Active && p.User.OrgID == target.ID && p.User.Role.Can(perm)
}

// CanRead reports whether p may read the non-public records of target: their own organisation,
// or the whole subtree for a supervisor.
func (p *Principal) CanRead(target Org) bool {
	if p == nil || !p.User.Active {
		return false
	}
	if p.User.OrgID == target.ID {
		return true
	}
	return p.User.Role.Can(PermReadSubtree) && target.InSubtreeOf(p.Org)
}

// Describe names the principal for logs and the audit trail.
func (p *Principal) Describe() string {
	if p == nil {
		return "anonymous"
	}
	return fmt.Sprintf("%s@%s", p.User.Username, p.Org.Code)
}
