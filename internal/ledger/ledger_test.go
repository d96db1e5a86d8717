package ledger

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/workday"
)

func d(s string) workday.Date { return workday.MustParseDate(s) }

// at is noon of the day s in China.
func at(s string) time.Time { return d(s).Time().Add(12 * time.Hour) }

func codeOf(err error) apperr.Code {
	if err == nil {
		return ""
	}
	var e *apperr.Error
	if !errors.As(err, &e) {
		return "not-apperr"
	}
	return e.Code
}

func TestDeadlineResolve(t *testing.T) {
	cal := workday.Default()
	tests := []struct {
		name         string
		dl           Deadline
		year         int
		want         string
		workingDay   bool // whether want is a working day; a deadline never moves either way
		checkWorkday bool
	}{
		{"year end 2021 (Friday)", YearEnd(), 2021, "2021-12-31", true, true},
		{"year end 2022 is a Saturday and stays", YearEnd(), 2022, "2022-12-31", false, true},
		{"year end 2023 is a Sunday and stays", YearEnd(), 2023, "2023-12-31", false, true},
		{"fixed date ignores the year", On(d("2021-06-30")), 2022, "2021-06-30", true, false},
		{"fixed date on a holiday stays", On(d("2021-10-01")), 2021, "2021-10-01", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.dl.Resolve(tc.year)
			if got.String() != tc.want {
				t.Fatalf("Resolve(%d) = %s, want %s", tc.year, got, tc.want)
			}
			if tc.checkWorkday {
				w, err := cal.IsWorkday(got)
				if err != nil || w != tc.workingDay {
					t.Fatalf("IsWorkday(%s) = %v, %v; the test assumes %v", got, w, err, tc.workingDay)
				}
			}
		})
	}
	if !(Deadline{}).Resolve(2021).IsZero() || !(Deadline{}).IsZero() {
		t.Error("zero deadline should resolve to the zero date")
	}
	task := Task{Year: 2022, Deadline: YearEnd()}
	if task.Due() != d("2022-12-31") {
		t.Errorf("Due = %s", task.Due())
	}
}

func TestParseDeadline(t *testing.T) {
	tests := []struct {
		in      string
		want    Deadline
		wantErr bool
	}{
		{"2021-12-31", On(d("2021-12-31")), false},
		{" 2021-09-30 ", On(d("2021-09-30")), false},
		{"年底前", YearEnd(), false},
		{"年底", YearEnd(), false},
		{"年内", YearEnd(), false},
		{"year_end", YearEnd(), false},
		{"YEAR_END", YearEnd(), false},
		{"2021年底前", On(d("2021-12-31")), false},
		{"2021年12月底前", On(d("2021-12-31")), false},
		{"2021年2月底", On(d("2021-02-28")), false},
		{"2024年2月底前", On(d("2024-02-29")), false},
		{"2021年9月30日", On(d("2021-09-30")), false},
		{"2021年9月30日前", On(d("2021-09-30")), false},
		{"", Deadline{}, true},
		{"   ", Deadline{}, true},
		{"2021-02-30", Deadline{}, true},
		{"2021/12/31", Deadline{}, true},
		{"明年", Deadline{}, true},
		{"2021年13月底", Deadline{}, true},
		{"2021年2月30日", Deadline{}, true},
		{"2021年", Deadline{}, true},
		{"年底前完成了吗", Deadline{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDeadline(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseDeadline(%q) = %+v, want an error", tc.in, got)
				}
				var e *apperr.Error
				if !errors.As(err, &e) || e.Code != apperr.Invalid || e.Field != "deadline" {
					t.Fatalf("error %v: want apperr.Invalid on field deadline", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDeadline(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
			back, err := ParseDeadline(got.FormValue())
			if err != nil || back != got {
				t.Fatalf("round trip of %q via %q = %+v, %v", tc.in, got.FormValue(), back, err)
			}
		})
	}
}

func TestDeadlineTextAndLabel(t *testing.T) {
	task := Task{ID: 1, Title: "x", Year: 2021, Deadline: YearEnd()}
	b, err := json.Marshal(task)
	if err != nil || !strings.Contains(string(b), `"deadline":"year_end"`) {
		t.Fatalf("json = %s, %v", b, err)
	}
	var back Task
	if err := json.Unmarshal([]byte(`{"deadline":"2021-06-30"}`), &back); err != nil || back.Deadline != On(d("2021-06-30")) {
		t.Fatalf("unmarshal = %+v, %v", back.Deadline, err)
	}
	if err := json.Unmarshal([]byte(`{"deadline":"soon"}`), &back); err == nil {
		t.Fatal("unmarshal of a bad deadline should fail")
	}
	if got := YearEnd().Label(2021); got != "年底前（2021年12月31日）" {
		t.Errorf("Label = %q", got)
	}
	if got := On(d("2021-06-30")).Label(2021); got != "2021年6月30日" {
		t.Errorf("Label = %q", got)
	}
}

func TestDisplayStatus(t *testing.T) {
	tests := []struct {
		name   string
		status Status
		dl     Deadline
		now    time.Time
		want   Status
	}{
		{"not started before deadline", StatusNotStarted, YearEnd(), at("2021-06-01"), StatusNotStarted},
		{"in progress on the deadline day is in time", StatusInProgress, YearEnd(), d("2021-12-31").Time().Add(23*time.Hour + 59*time.Minute), StatusInProgress},
		{"in progress the day after is overdue", StatusInProgress, YearEnd(), at("2022-01-01"), StatusOverdue},
		{"not started past a fixed date", StatusNotStarted, On(d("2021-06-30")), at("2021-07-01"), StatusOverdue},
		{"done is never overdue", StatusDone, On(d("2021-06-30")), at("2022-03-01"), StatusDone},
		{"needs rectification past deadline stays needs rectification", StatusNeedsRectification, YearEnd(), at("2022-01-05"), StatusNeedsRectification},
		{"needs rectification in time", StatusNeedsRectification, YearEnd(), at("2021-11-05"), StatusNeedsRectification},
		{"no deadline is never overdue", StatusInProgress, Deadline{}, at("2030-01-01"), StatusInProgress},
		// 2021-12-31 16:30 UTC is already 2022-01-01 in China.
		{"judged in China's time zone", StatusInProgress, YearEnd(), time.Date(2021, 12, 31, 16, 30, 0, 0, time.UTC), StatusOverdue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := Task{Year: 2021, Deadline: tc.dl, Status: tc.status}
			if got := task.DisplayStatus(tc.now); got != tc.want {
				t.Fatalf("DisplayStatus = %s, want %s", got, tc.want)
			}
			if task.Status != tc.status {
				t.Fatal("DisplayStatus changed the stored status")
			}
		})
	}
}

func TestStatusLabelsAndParse(t *testing.T) {
	want := map[Status]string{StatusNotStarted: "未开始", StatusInProgress: "推进中", StatusDone: "已完成", StatusOverdue: "逾期", StatusNeedsRectification: "需整改"}
	for s, l := range want {
		if s.Label() != l {
			t.Errorf("%s.Label() = %q, want %q", s, s.Label(), l)
		}
	}
	if len(DisplayStatuses()) != 5 || len(Statuses()) != 4 {
		t.Error("status lists")
	}
	for _, s := range Statuses() {
		if !s.Stored() {
			t.Errorf("%s should be storable", s)
		}
	}
	if StatusOverdue.Stored() || Status("x").Stored() {
		t.Error("overdue and unknown statuses must not be storable")
	}
	for in, w := range map[string]Status{"in_progress": StatusInProgress, " DONE ": StatusDone, "需整改": StatusNeedsRectification, "未开始": StatusNotStarted} {
		if got, err := ParseStatus(in); err != nil || got != w {
			t.Errorf("ParseStatus(%q) = %s, %v", in, got, err)
		}
	}
	for _, in := range []string{"overdue", "逾期", "", "finished"} {
		if _, err := ParseStatus(in); codeOf(err) != apperr.Invalid {
			t.Errorf("ParseStatus(%q) error = %v, want invalid", in, err)
		}
	}
}

// TestValidateTransition checks every pair of stored statuses for every
// combination of roles against the declared policy.
func TestValidateTransition(t *testing.T) {
	const owner, sup = "owner", "supervisor"
	allowed := map[[2]Status]string{
		{StatusNotStarted, StatusInProgress}:         owner,
		{StatusInProgress, StatusDone}:               owner,
		{StatusNeedsRectification, StatusInProgress}: owner,
		{StatusDone, StatusInProgress}:               sup, // reopen
		{StatusNotStarted, StatusNeedsRectification}: sup,
		{StatusInProgress, StatusNeedsRectification}: sup,
		{StatusDone, StatusNeedsRectification}:       sup,
	}
	roles := []struct {
		name       string
		owner, sup bool
	}{{"neither", false, false}, {"owner", true, false}, {"supervisor", false, true}, {"both", true, true}}
	n := 0
	for _, from := range Statuses() {
		for _, to := range Statuses() {
			for _, r := range roles {
				var want apperr.Code
				who, ok := allowed[[2]Status{from, to}]
				switch {
				case !r.owner && !r.sup:
					want = apperr.Forbidden
				case !ok:
					want = apperr.Invalid
				case who == owner && !r.owner, who == sup && !r.sup:
					want = apperr.Forbidden
				}
				err := ValidateTransition(from, to, r.owner, r.sup)
				if got := codeOf(err); got != want {
					t.Errorf("%s → %s by %s: got %q (%v), want %q", from, to, r.name, got, err, want)
				}
				if err != nil && !hasChinese(apperr.From(err).Message) {
					t.Errorf("%s → %s by %s: message %q is not Chinese", from, to, r.name, apperr.From(err).Message)
				}
				n++
			}
		}
	}
	if n != 64 {
		t.Fatalf("checked %d cases", n)
	}
	// Spot checks, spelled out.
	spot := []struct {
		from, to   Status
		owner, sup bool
		want       apperr.Code
	}{
		{StatusNotStarted, StatusInProgress, true, false, ""},
		{StatusInProgress, StatusDone, true, false, ""},
		{StatusNotStarted, StatusDone, true, true, apperr.Invalid}, // no skipping 推进中
		{StatusDone, StatusInProgress, true, false, apperr.Forbidden},
		{StatusDone, StatusInProgress, false, true, ""},
		{StatusInProgress, StatusNeedsRectification, true, false, apperr.Forbidden},
		{StatusInProgress, StatusNeedsRectification, false, true, ""},
		{StatusNotStarted, StatusInProgress, false, true, apperr.Forbidden}, // the supervisor does not report for the owner
		{StatusInProgress, StatusNotStarted, true, true, apperr.Invalid},
		{StatusInProgress, StatusOverdue, true, true, apperr.Invalid},
		{StatusOverdue, StatusDone, true, true, apperr.Invalid},
		{Status("bogus"), StatusDone, true, true, apperr.Invalid},
	}
	for _, s := range spot {
		if got := codeOf(ValidateTransition(s.from, s.to, s.owner, s.sup)); got != s.want {
			t.Errorf("%s → %s (owner %v, supervisor %v) = %q, want %q", s.from, s.to, s.owner, s.sup, got, s.want)
		}
	}
}

func hasChinese(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestRolesAndChangeStatus(t *testing.T) {
	assigned := Task{ID: 1, Title: "t", OwnerOrgID: 9, CoOwnerOrgIDs: []int64{10}, AssignedBy: 4, Year: 2021, Deadline: YearEnd(), Status: StatusInProgress}
	own := Task{ID: 2, Title: "t", OwnerOrgID: 9, Year: 2021, Deadline: YearEnd(), Status: StatusDone}
	roles := []struct {
		task       Task
		org        int64
		owner, sup bool
	}{
		{assigned, 9, true, false},
		{assigned, 4, false, true},
		{assigned, 10, false, false}, // a co-owner reports progress but does not move the status
		{assigned, 99, false, false},
		{assigned, 0, false, false},
		{own, 9, true, true}, // its own task: the owner reviews it
		{own, 4, false, false},
	}
	for _, r := range roles {
		o, s := RolesOf(r.task, r.org)
		if o != r.owner || s != r.sup {
			t.Errorf("RolesOf(task %d, org %d) = %v, %v; want %v, %v", r.task.ID, r.org, o, s, r.owner, r.sup)
		}
	}

	if _, err := ChangeStatus(assigned, StatusNeedsRectification, 4, "  "); codeOf(err) != apperr.Invalid {
		t.Errorf("rectification without a note: %v", err)
	}
	got, err := ChangeStatus(assigned, StatusNeedsRectification, 4, " 补充佐证材料 ")
	if err != nil || got.Status != StatusNeedsRectification || got.RectificationNote != "补充佐证材料" {
		t.Fatalf("ChangeStatus = %+v, %v", got, err)
	}
	if err := ValidateTask(got); err != nil {
		t.Errorf("a task needing rectification with its note should validate: %v", err)
	}
	if assigned.Status != StatusInProgress {
		t.Error("ChangeStatus changed its argument")
	}
	back, err := ChangeStatus(got, StatusInProgress, 9, "owner's words go in progress")
	if err != nil || back.Status != StatusInProgress || back.RectificationNote != "补充佐证材料" {
		t.Fatalf("owner resumes: %+v, %v", back, err)
	}
	if _, err := ChangeStatus(assigned, StatusDone, 10, ""); codeOf(err) != apperr.Forbidden {
		t.Errorf("co-owner marks done: %v", err)
	}
	reopened, err := ChangeStatus(own, StatusInProgress, 9, "数据有误，重新核对")
	if err != nil || reopened.Status != StatusInProgress || reopened.RectificationNote != "数据有误，重新核对" {
		t.Errorf("owner reopens its own task: %+v, %v", reopened, err)
	}
}

func TestValidateTask(t *testing.T) {
	good := Task{ID: 1, Title: "公开预算决算", Source: Source2021, Clause: "一、（三）", OwnerOrgID: 9, CoOwnerOrgIDs: []int64{10, 11},
		AssignedBy: 4, Year: 2021, Deadline: YearEnd(), Status: StatusNotStarted}
	if err := ValidateTask(good); err != nil {
		t.Fatalf("good task: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Task)
		field string
	}{
		{"no title", func(t *Task) { t.Title = "  " }, "title"},
		{"long title", func(t *Task) { t.Title = strings.Repeat("字", 201) }, "title"},
		{"no owner", func(t *Task) { t.OwnerOrgID = 0 }, "owner_org_id"},
		{"owner is co-owner", func(t *Task) { t.CoOwnerOrgIDs = []int64{9} }, "co_owner_org_ids"},
		{"duplicate co-owner", func(t *Task) { t.CoOwnerOrgIDs = []int64{10, 10} }, "co_owner_org_ids"},
		{"assigned by itself", func(t *Task) { t.AssignedBy = 9 }, "assigned_by"},
		{"bad year", func(t *Task) { t.Year = 21 }, "year"},
		{"no deadline", func(t *Task) { t.Deadline = Deadline{} }, "deadline"},
		{"deadline before the year", func(t *Task) { t.Deadline = On(d("2020-12-31")) }, "deadline"},
		{"invalid date", func(t *Task) { t.Deadline = On(workday.Date{Year: 2021, Month: 2, Day: 30}) }, "deadline"},
		{"overdue stored", func(t *Task) { t.Status = StatusOverdue }, "status"},
		{"unknown status", func(t *Task) { t.Status = "paused" }, "status"},
		{"carried without note", func(t *Task) { t.CarriedFrom = 7 }, "rectification_note"},
		{"rectification without note", func(t *Task) { t.Status = StatusNeedsRectification }, "rectification_note"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := good
			task.CoOwnerOrgIDs = append([]int64(nil), good.CoOwnerOrgIDs...)
			tc.edit(&task)
			err := ValidateTask(task)
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != apperr.Invalid || e.Field != tc.field {
				t.Fatalf("ValidateTask = %v, want invalid on %s", err, tc.field)
			}
		})
	}
	// A deadline in the next year is allowed (e.g. a carried-over date).
	next := good
	next.Deadline = On(d("2022-01-31"))
	if err := ValidateTask(next); err != nil {
		t.Errorf("deadline in the next year: %v", err)
	}
}

func TestValidateProgress(t *testing.T) {
	task := Task{ID: 5, Title: "t", OwnerOrgID: 9, CoOwnerOrgIDs: []int64{10}, AssignedBy: 4, Year: 2021, Deadline: YearEnd(), Status: StatusInProgress}
	now := at("2021-08-01")
	good := Progress{TaskID: 5, OrgID: 9, On: d("2021-07-30"), Text: "已在专栏集中公开现行有效规章32件",
		Evidence: []Evidence{
			{Kind: EvidenceDocument, Ref: "1234", Title: "规章集中公开"},
			{Kind: EvidenceAttachment, Ref: "att/2021/08/a.pdf"},
			{Kind: EvidenceLink, Ref: "https://www.gov.cn/zhengce/xxgk/"},
		}}
	if err := ValidateProgress(good, task, now); err != nil {
		t.Fatalf("good progress: %v", err)
	}
	co := good
	co.OrgID = 10
	if err := ValidateProgress(co, task, now); err != nil {
		t.Errorf("co-owner reports: %v", err)
	}
	tests := []struct {
		name string
		edit func(*Progress)
		want apperr.Code
	}{
		{"supervisor reports for the owner", func(p *Progress) { p.OrgID = 4 }, apperr.Forbidden},
		{"stranger", func(p *Progress) { p.OrgID = 77 }, apperr.Forbidden},
		{"other task", func(p *Progress) { p.TaskID = 6 }, apperr.Invalid},
		{"no text", func(p *Progress) { p.Text = " " }, apperr.Invalid},
		{"no date", func(p *Progress) { p.On = workday.Date{} }, apperr.Invalid},
		{"future date", func(p *Progress) { p.On = d("2021-08-02") }, apperr.Invalid},
		{"bad kind", func(p *Progress) { p.Evidence = []Evidence{{Kind: "photo", Ref: "x"}} }, apperr.Invalid},
		{"empty ref", func(p *Progress) { p.Evidence = []Evidence{{Kind: EvidenceAttachment, Ref: " "}} }, apperr.Invalid},
		{"document not an id", func(p *Progress) { p.Evidence = []Evidence{{Kind: EvidenceDocument, Ref: "abc"}} }, apperr.Invalid},
		{"link not http", func(p *Progress) { p.Evidence = []Evidence{{Kind: EvidenceLink, Ref: "javascript:alert(1)"}} }, apperr.Invalid},
		{"too much evidence", func(p *Progress) { p.Evidence = make([]Evidence, MaxEvidence+1) }, apperr.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := good
			tc.edit(&p)
			if got := codeOf(ValidateProgress(p, task, now)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPermissions(t *testing.T) {
	paths := []struct {
		sup, target string
		want        bool
	}{
		{"/1/", "/1/4/", true},
		{"/1/4/", "/1/4/9/", true},
		{"/1/", "/1/4/9/12/", true},
		{"/1/4/", "/1/4/", false},   // not to itself
		{"/1/4/", "/1/", false},     // not upwards
		{"/1/4/", "/1/5/9/", false}, // not sideways
		{"/1/", "/12/4/", false},    // "/1/" is not a prefix of "/12/"
		{"/1/4/", "/1/45/", false},
		{"", "/1/4/", false},
		{"/1/", "", false},
		{"/1", "/1/4/", false},
		{"/1/", "/1/x/", false},
		{"/1/", "/1//", false},
		{"/1/", "/1/04/", false},
	}
	for _, p := range paths {
		if got := CanAssign(p.sup, p.target); got != p.want {
			t.Errorf("CanAssign(%q, %q) = %v, want %v", p.sup, p.target, got, p.want)
		}
	}
	if PathOf(1, 4, 9) != "/1/4/9/" || !ValidPath(PathOf(1, 4, 9)) {
		t.Error("PathOf")
	}

	prov := OrgRef{ID: 2, Path: "/1/2/"}
	city := OrgRef{ID: 4, Path: "/1/2/4/"}
	other := OrgRef{ID: 7, Path: "/1/7/"}
	if err := CheckAssign(prov, city); err != nil {
		t.Errorf("province to city: %v", err)
	}
	if err := CheckAssign(prov, city, other); codeOf(err) != apperr.Forbidden {
		t.Errorf("province to another province: %v", err)
	}

	task := Task{ID: 5, OwnerOrgID: 9, CoOwnerOrgIDs: []int64{10}, AssignedBy: 4}
	report := []struct {
		org  int64
		want bool
	}{{9, true}, {10, true}, {4, false}, {11, false}, {0, false}}
	for _, r := range report {
		if got := CanReport(task, r.org); got != r.want {
			t.Errorf("CanReport(org %d) = %v", r.org, got)
		}
	}
	if zero := (Task{}); CanReport(zero, 0) {
		t.Error("org 0 reports on an ownerless task")
	}

	p := Progress{TaskID: 5, OrgID: 10}
	edit := []struct {
		p    Progress
		t    Task
		org  int64
		want bool
	}{
		{p, task, 10, true},
		{p, task, 9, false}, // the owner does not edit the co-owner's entry
		{p, task, 4, false}, // nor does the supervisor
		{Progress{TaskID: 6, OrgID: 10}, task, 10, false},
		{p, Task{ID: 5, OwnerOrgID: 9}, 10, false}, // no longer a co-owner
	}
	for i, e := range edit {
		if got := CanEditProgress(e.p, e.t, e.org); got != e.want {
			t.Errorf("case %d: CanEditProgress = %v, want %v", i, got, e.want)
		}
	}

	if !CanReview(task, 4) || CanReview(task, 9) || CanReview(task, 10) {
		t.Error("CanReview on an assigned task")
	}
	if own := (Task{OwnerOrgID: 9}); !CanReview(own, 9) {
		t.Error("an owner reviews its own task")
	}
	if !CanEditTask(task, 4, "/1/2/4/", "/1/2/4/9/") || CanEditTask(task, 9, "/1/2/4/9/", "/1/2/4/9/") ||
		CanEditTask(task, 4, "/1/2/4/", "/1/3/9/") {
		t.Error("CanEditTask on an assigned task")
	}
	if own := (Task{OwnerOrgID: 9}); !CanEditTask(own, 9, "", "") || CanEditTask(own, 4, "/1/2/4/", "/1/2/4/9/") {
		t.Error("CanEditTask on an own task")
	}
}
