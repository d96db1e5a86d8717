package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

func TestLedger(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := setup(t, db)
		db.Now = func() time.Time { return time.Date(2021, 11, 1, 2, 0, 0, 0, time.UTC) }
		cu, _ := db.CreateUser(ctx, audit.System, org.User{OrgID: f.city.ID, Username: "lj-admin", Role: org.RoleAdmin}, "correct-horse-42")
		cityAdmin := &org.Principal{User: cu, Org: f.city}
		task := ledger.Task{Title: "行政法规和规章集中公开", Source: "国办发〔2021〕12号", Clause: "三、（二）", OwnerOrgID: f.city.ID, Year: 2021,
			Deadline: ledger.On(workday.MustParseDate("2021-12-31"))}
		if _, err := db.CreateTasks(ctx, cityAdmin, []ledger.Task{{Title: "越级交办", Source: "x", Clause: "一、", OwnerOrgID: f.province.ID, Year: 2021, Deadline: ledger.YearEnd()}}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("city assigns to the province: %v", err)
		}
		if _, err := db.CreateTasks(ctx, f.editor, []ledger.Task{task}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editor keeps the ledger: %v", err)
		}
		tasks, err := db.CreateTasks(ctx, f.supervisor, []ledger.Task{task})
		if err != nil || tasks[0].AssignedBy != f.province.ID {
			t.Fatalf("supervisor assigns: %+v %v", tasks, err)
		}
		id := tasks[0].ID
		if _, err := db.AddProgress(ctx, f.admin, ledger.Progress{TaskID: id, On: workday.MustParseDate("2021-10-30"), Text: "已整理"}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("province reports the city's progress: %v", err)
		}
		if _, err := db.AddProgress(ctx, cityAdmin, ledger.Progress{TaskID: id, On: workday.MustParseDate("2021-10-30"), Text: "已整理现行有效规章32件，在专栏集中公开"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeTaskStatus(ctx, cityAdmin, id, ledger.StatusInProgress, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeTaskStatus(ctx, cityAdmin, id, ledger.StatusNeedsRectification, "自行整改"); err == nil {
			t.Fatal("owner set 需整改")
		}
		got, _ := db.Tasks(ctx, store.TaskFilter{OrgIDs: []int64{f.city.ID}, Year: 2021})
		if len(got) != 1 || got[0].Status != ledger.StatusInProgress {
			t.Fatalf("tasks: %+v", got)
		}
		// After the year the unfinished task is overdue, and the supervisor carries it over.
		if !got[0].IsOverdue(time.Date(2022, 1, 5, 0, 0, 0, 0, time.UTC)) {
			t.Fatal("not overdue after its deadline")
		}
		if _, err := db.CarryOverTask(ctx, f.supervisor, id, "", ledger.YearEnd()); err == nil {
			t.Fatal("carried over without a note")
		}
		next, err := db.CarryOverTask(ctx, f.supervisor, id, "2022年一季度前补齐历年规章", ledger.YearEnd())
		if err != nil || next.Year != 2022 || next.CarriedFrom != id || next.Status != ledger.StatusInProgress {
			t.Fatalf("carry over: %+v %v", next, err)
		}
	})
}
