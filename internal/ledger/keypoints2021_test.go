package ledger

import (
	"regexp"
	"strings"
	"testing"

	"gongkai/internal/org"
)

var clauseRE = regexp.MustCompile(`^[一二三四五]、（[一二三四五六七八九十]+）$`)

func TestKeyPoints2021(t *testing.T) {
	tpls := KeyPoints2021()
	if n := len(tpls); n < 20 || n > 30 {
		t.Fatalf("%d templates, want 20–30", n)
	}
	keys := map[string]bool{}
	sections := map[string]bool{}
	yearEnd, fixed := 0, 0
	var rules *TaskTemplate
	for i, tt := range tpls {
		if keys[tt.Key] || tt.Key == "" {
			t.Errorf("template %d: key %q empty or repeated", i, tt.Key)
		}
		keys[tt.Key] = true
		if !clauseRE.MatchString(tt.Clause) {
			t.Errorf("%s: clause %q", tt.Key, tt.Clause)
		}
		sections[tt.Clause[:len("一、")]] = true
		if tt.Section == "" || tt.Title == "" || tt.Detail == "" || tt.Scope.Name == "" {
			t.Errorf("%s: missing section, title, detail or scope", tt.Key)
		}
		if tt.Year != 2021 || !strings.Contains(tt.Source, "国办发〔2021〕12号") {
			t.Errorf("%s: year %d source %q", tt.Key, tt.Year, tt.Source)
		}
		if tt.Deadline.IsZero() {
			t.Errorf("%s: no deadline", tt.Key)
		} else if due := tt.Deadline.Resolve(tt.Year); due.Year != 2021 || due.Before(d("2021-04-09")) {
			t.Errorf("%s: deadline %s not in 2021 after the key points were issued", tt.Key, due)
		}
		if tt.Deadline.YearEnd {
			yearEnd++
		} else {
			fixed++
		}
		if err := ValidateTask(tt.Task(1, 0)); err != nil {
			t.Errorf("%s: %v", tt.Key, err)
		}
		if strings.Contains(tt.Title, "规章") && strings.Contains(tt.Title, "集中公开") {
			rules = &tpls[i]
		}
	}
	if len(sections) != 5 {
		t.Errorf("sections used: %v", sections)
	}
	if yearEnd <= fixed || fixed < 2 {
		t.Errorf("%d 年底前 and %d fixed deadlines: want mostly 年底前, some fixed", yearEnd, fixed)
	}
	if rules == nil || rules.Deadline != On(d("2021-12-31")) || !strings.Contains(rules.Title, "行政法规") ||
		!strings.Contains(rules.Detail, "政府信息公开专栏") {
		t.Errorf("the 行政法规和规章集中公开 task: %+v", rules)
	}
	if !strings.Contains(KeyPoints2021Note, "不是官方原文") {
		t.Error("the note must say the templates are not the official text")
	}
}

// demoOrgs is a tree like the demonstration data: the State Council's
// General Office, a province, a city with a department and a water company, a
// county with a department, and a township; plus a second city.
func demoOrgs() []OrgRef {
	return []OrgRef{
		{ID: 1, Path: "/1/", Kind: org.KindGovernment, Level: org.LevelNational},
		{ID: 2, Path: "/1/2/", Kind: org.KindGovernment, Level: org.LevelProvince},
		{ID: 3, Path: "/1/2/3/", Kind: org.KindDepartment, Level: org.LevelProvince},
		{ID: 4, Path: "/1/2/4/", Kind: org.KindGovernment, Level: org.LevelCity},
		{ID: 5, Path: "/1/2/4/5/", Kind: org.KindDepartment, Level: org.LevelCity},
		{ID: 6, Path: "/1/2/4/5/6/", Kind: org.KindInstitution, Level: org.LevelCity},
		{ID: 7, Path: "/1/2/4/7/", Kind: org.KindGovernment, Level: org.LevelCounty},
		{ID: 8, Path: "/1/2/4/7/8/", Kind: org.KindDepartment, Level: org.LevelCounty},
		{ID: 9, Path: "/1/2/4/7/9/", Kind: org.KindGovernment, Level: org.LevelTownship},
		{ID: 10, Path: "/1/2/10/", Kind: org.KindGovernment, Level: org.LevelCity},
	}
}

func TestAssign2021(t *testing.T) {
	orgs := demoOrgs()
	byID := map[int64]OrgRef{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	tasks := Assign(KeyPoints2021(), orgs)
	perOrg := map[int64]int{}
	levels := map[org.Level]bool{}
	kinds := map[org.Kind]bool{}
	for _, task := range tasks {
		if err := ValidateTask(task); err != nil {
			t.Fatalf("task %q for %d: %v", task.Title, task.OwnerOrgID, err)
		}
		owner := byID[task.OwnerOrgID]
		perOrg[owner.ID]++
		levels[owner.Level] = true
		kinds[owner.Kind] = true
		sup, ok := byID[task.AssignedBy]
		if !ok {
			t.Fatalf("task %q for %d assigned by unknown %d", task.Title, owner.ID, task.AssignedBy)
		}
		if !CanAssign(sup.Path, owner.Path) {
			t.Errorf("task %q: %d may not assign to %d", task.Title, sup.ID, owner.ID)
		}
		wantSup := int64(2)
		if owner.ID == 2 {
			wantSup = 1
		}
		if task.AssignedBy != wantSup {
			t.Errorf("task %q for %d assigned by %d, want %d", task.Title, owner.ID, task.AssignedBy, wantSup)
		}
		if task.Status != StatusNotStarted || task.Year != 2021 || task.Clause == "" {
			t.Errorf("task %+v", task)
		}
	}
	if perOrg[1] != 0 {
		t.Errorf("the national level issues the key points; it got %d tasks", perOrg[1])
	}
	for id := int64(2); id <= 10; id++ {
		if perOrg[id] == 0 {
			t.Errorf("org %d got no task", id)
		}
	}
	for _, l := range []org.Level{org.LevelProvince, org.LevelCity, org.LevelCounty, org.LevelTownship} {
		if !levels[l] {
			t.Errorf("no task at level %s", l)
		}
	}
	if len(kinds) != 3 {
		t.Errorf("kinds covered: %v", kinds)
	}
	// Scoped tasks land where they belong.
	has := func(owner int64, sub string) bool {
		for _, task := range tasks {
			if task.OwnerOrgID == owner && strings.Contains(task.Title, sub) {
				return true
			}
		}
		return false
	}
	checks := []struct {
		owner int64
		sub   string
		want  bool
	}{
		{2, "行政法规和规章", true},  // province makes 规章
		{4, "行政法规和规章", true},  // so does a 设区的市
		{7, "行政法规和规章", false}, // a county does not
		{2, "集约化平台并向国家平台汇聚", true},
		{4, "集约化平台并向国家平台汇聚", false},
		{9, "政务公开专区", true},
		{7, "政务公开专区", false},
		{8, "基层政务公开事项标准目录", true},
		{5, "基层政务公开事项标准目录", false},
		{6, "公共企事业单位", true},
		{6, "年度报告", false},
		{9, "政府信息公开申请", true},
	}
	for _, c := range checks {
		if got := has(c.owner, c.sub); got != c.want {
			t.Errorf("org %d has a task %q: %v, want %v", c.owner, c.sub, got, c.want)
		}
	}

	// Without the national government, the province's own tasks are unassigned.
	for _, task := range Assign(KeyPoints2021(), orgs[1:]) {
		if task.OwnerOrgID == 2 && task.AssignedBy != 0 {
			t.Errorf("province task %q assigned by %d without a national org", task.Title, task.AssignedBy)
		}
	}
	if len(Assign(nil, orgs)) != 0 || len(Assign(KeyPoints2021(), nil)) != 0 {
		t.Error("nothing in, nothing out")
	}
}

func TestScopeMatches(t *testing.T) {
	nat := OrgRef{Kind: org.KindGovernment, Level: org.LevelNational}
	town := OrgRef{Kind: org.KindGovernment, Level: org.LevelTownship}
	inst := OrgRef{Kind: org.KindInstitution, Level: org.LevelCity}
	cityDept := OrgRef{Kind: org.KindDepartment, Level: org.LevelCity}
	tests := []struct {
		s    Scope
		o    OrgRef
		want bool
	}{
		{ScopeAll, nat, false},
		{ScopeAll, town, true},
		{ScopeAll, inst, false},
		{ScopeAll, cityDept, true},
		{ScopeGovernmentsCountyUp, town, false},
		{ScopeDepartments, cityDept, true},
		{ScopeInstitutions, inst, true},
		{Scope{Levels: []org.Level{org.LevelNational}}, nat, true},
	}
	for i, tc := range tests {
		if got := tc.s.Matches(tc.o); got != tc.want {
			t.Errorf("case %d: %s matches %+v = %v", i, tc.s.Name, tc.o, got)
		}
	}
}
