package ledger

import (
	"errors"
	"testing"

	"gongkai/internal/apperr"
)

func reviewFixture() ([]Task, map[int64][]Progress) {
	mk := func(id, owner int64, status Status, dl Deadline) Task {
		return Task{ID: id, Title: "任务" + string(rune('A'+id-1)), Source: Source2021, OwnerOrgID: owner, AssignedBy: 2,
			Year: 2021, Deadline: dl, Status: status}
	}
	tasks := []Task{
		mk(1, 4, StatusDone, YearEnd()),
		mk(2, 4, StatusInProgress, YearEnd()),           // in time on 2021-12-20
		mk(3, 4, StatusInProgress, On(d("2021-06-30"))), // overdue
		mk(4, 5, StatusNotStarted, YearEnd()),           // not started
		mk(5, 5, StatusNotStarted, On(d("2021-09-30"))), // overdue
		mk(6, 5, StatusNeedsRectification, YearEnd()),   // needs rectification
		mk(7, 6, StatusDone, On(d("2021-06-30"))),       // done
		{ID: 8, Title: "上年任务", OwnerOrgID: 4, Year: 2020, Deadline: YearEnd(), Status: StatusInProgress}, // other year
	}
	progress := map[int64][]Progress{
		2: {{TaskID: 2, OrgID: 4, On: d("2021-05-01")}, {TaskID: 2, OrgID: 4, On: d("2021-11-01")}},
		3: {{TaskID: 3, OrgID: 4, On: d("2021-03-01")}},
		6: {{TaskID: 6, OrgID: 5, On: d("2021-10-10")}},
		8: {{TaskID: 8, OrgID: 4, On: d("2021-12-01")}},
		9: {{TaskID: 9, OrgID: 4, On: d("2021-12-01")}}, // no such task: ignored
	}
	return tasks, progress
}

func TestYearEndReview(t *testing.T) {
	tasks, progress := reviewFixture()
	r := YearEndReview(tasks, progress, 2021, at("2021-12-20"))
	want := Counts{Total: 7, Done: 2, Overdue: 2, InProgress: 1, NotStarted: 1, NeedsRectification: 1}
	if r.Counts != want {
		t.Fatalf("counts = %+v, want %+v", r.Counts, want)
	}
	if r.Year != 2021 || r.On != d("2021-12-20") || len(r.Items) != 7 {
		t.Fatalf("review = year %d on %s with %d items", r.Year, r.On, len(r.Items))
	}
	byOrg := map[int64]OrgSummary{}
	for _, s := range r.ByOrg {
		byOrg[s.OrgID] = s
	}
	if len(r.ByOrg) != 3 || r.ByOrg[0].OrgID != 4 || r.ByOrg[2].OrgID != 6 {
		t.Fatalf("by org = %+v", r.ByOrg)
	}
	if s := byOrg[4]; s.Counts != (Counts{Total: 3, Done: 1, Overdue: 1, InProgress: 1}) || s.Progress != 3 || s.LastProgress != d("2021-11-01") {
		t.Errorf("org 4 = %+v", s)
	}
	if s := byOrg[5]; s.Counts != (Counts{Total: 3, Overdue: 1, NotStarted: 1, NeedsRectification: 1}) || s.Progress != 1 {
		t.Errorf("org 5 = %+v", s)
	}
	if s := byOrg[6]; s.Counts != (Counts{Total: 1, Done: 1}) || s.Progress != 0 || !s.LastProgress.IsZero() {
		t.Errorf("org 6 = %+v", s)
	}
	un := r.Unfinished()
	if len(un) != 5 || un[0].Task.ID != 3 || un[1].Task.ID != 5 || un[2].Task.ID != 2 {
		t.Errorf("unfinished order = %v", ids(un))
	}
	for _, it := range un {
		if it.Task.Status == StatusDone {
			t.Error("a done task among the unfinished")
		}
	}

	// After the year, everything unfinished is overdue; the task that needs rectification keeps
	// showing 需整改 and is marked overdue as well.
	after := YearEndReview(tasks, progress, 2021, at("2022-01-10"))
	if after.Counts != (Counts{Total: 7, Done: 2, Overdue: 4, NeedsRectification: 1}) {
		t.Errorf("counts after the year = %+v", after.Counts)
	}
	for _, it := range after.Items {
		if it.Task.ID == 6 && (it.Status != StatusNeedsRectification || !it.Overdue) {
			t.Errorf("needs rectification after the deadline = %s, overdue %v", it.Status, it.Overdue)
		}
	}

	f := after.ReportFacts()
	if f.Tasks != 7 || f.Done != 2 || f.Overdue != 5 || len(f.Items) != 7 {
		t.Fatalf("report facts = %+v", f)
	}
	if f.Items[0] != (ReportItem{Title: "任务A", Status: "已完成"}) || f.Items[1].Status != "逾期" {
		t.Errorf("report items = %+v", f.Items[:2])
	}
	if f.Items[5].Status != "需整改（逾期）" {
		t.Errorf("needs rectification after the deadline in the report = %q", f.Items[5].Status)
	}

	empty := YearEndReview(nil, nil, 2021, at("2021-12-20"))
	if empty.Total != 0 || empty.ByOrg == nil || empty.Items == nil || len(empty.ReportFacts().Items) != 0 {
		t.Errorf("empty review = %+v", empty)
	}
}

func ids(items []ReviewItem) []int64 {
	var out []int64
	for _, it := range items {
		out = append(out, it.Task.ID)
	}
	return out
}

func TestCarryOver(t *testing.T) {
	tasks, progress := reviewFixture()
	byID := map[int64]Task{}
	for _, t := range tasks {
		byID[t.ID] = t
	}
	withCo := byID[4]
	withCo.CoOwnerOrgIDs = []int64{11}
	tests := []struct {
		name       string
		task       Task
		note       string
		progress   []Progress
		deadline   Deadline
		wantStatus Status
		wantDue    string
		wantErr    apperr.Code
		wantField  string
	}{
		{"in progress with entries", byID[2], "补充公开2021年四季度信息", progress[2], Deadline{}, StatusInProgress, "2022-12-31", "", ""},
		{"in progress without entries stays in progress", byID[2], "继续推进", nil, Deadline{}, StatusInProgress, "2022-12-31", "", ""},
		{"not started without progress", withCo, "明确责任人，一季度完成", nil, Deadline{}, StatusNotStarted, "2022-12-31", "", ""},
		{"not started with progress", byID[4], "已开展前期工作", []Progress{{TaskID: 4, OrgID: 5, On: d("2021-12-01")}}, Deadline{}, StatusInProgress, "2022-12-31", "", ""},
		{"progress of another task ignored", byID[5], "重新部署", progress[2], Deadline{}, StatusNotStarted, "2022-12-31", "", ""},
		{"needs rectification with progress", byID[6], "按督查意见整改", progress[6], On(d("2022-03-31")), StatusInProgress, "2022-03-31", "", ""},
		{"given year-end deadline", byID[3], "整改", nil, YearEnd(), StatusInProgress, "2022-12-31", "", ""},
		{"note required", byID[2], "   ", nil, Deadline{}, "", "", apperr.Invalid, "rectification_note"},
		{"done is not carried", byID[1], "无", nil, Deadline{}, "", "", apperr.Conflict, ""},
		{"unsaved task", Task{Title: "x", Year: 2021, Status: StatusInProgress}, "整改", nil, Deadline{}, "", "", apperr.Invalid, ""},
		{"deadline still in the old year", byID[2], "整改", nil, On(d("2021-12-31")), "", "", apperr.Invalid, "deadline"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CarryOver(tc.task, tc.note, tc.progress, tc.deadline)
			if tc.wantErr != "" {
				var e *apperr.Error
				if !errors.As(err, &e) || e.Code != tc.wantErr || (tc.wantField != "" && e.Field != tc.wantField) {
					t.Fatalf("CarryOver error = %v, want %s on %q", err, tc.wantErr, tc.wantField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Year != tc.task.Year+1 || got.CarriedFrom != tc.task.ID || got.ID != 0 {
				t.Errorf("year %d, carried from %d, id %d", got.Year, got.CarriedFrom, got.ID)
			}
			if got.Status != tc.wantStatus || got.Due().String() != tc.wantDue {
				t.Errorf("status %s due %s, want %s %s", got.Status, got.Due(), tc.wantStatus, tc.wantDue)
			}
			if got.RectificationNote == "" || got.Title != tc.task.Title || got.Source != tc.task.Source ||
				got.OwnerOrgID != tc.task.OwnerOrgID || got.AssignedBy != tc.task.AssignedBy || len(got.CoOwnerOrgIDs) != len(tc.task.CoOwnerOrgIDs) {
				t.Errorf("carried task = %+v", got)
			}
			if err := ValidateTask(got); err != nil {
				t.Errorf("carried task does not validate: %v", err)
			}
		})
	}
	// The co-owner list is copied, not shared.
	got, _ := CarryOver(withCo, "整改", nil, Deadline{})
	got.CoOwnerOrgIDs[0] = 99
	if withCo.CoOwnerOrgIDs[0] != 11 {
		t.Error("CarryOver shares the co-owner slice")
	}
}
