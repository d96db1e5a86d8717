package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/ledger"
	"gongkai/internal/org"
)

// Ledger writes are made by an organisation's admin or supervisor (the office that keeps the
// ledger); nil is the system (demonstration data).
func canKeepLedger(p *org.Principal) bool {
	return p == nil || (p.User.Active && (p.User.Role == org.RoleAdmin || p.User.Role == org.RoleSupervisor))
}

const taskColumns = `id, title, detail, source, clause, owner_org_id, co_owners, assigned_by, year, deadline, status, carried_from, rectification_note, created_at`

func scanTask(s scanner) (ledger.Task, error) {
	var t ledger.Task
	var co, deadline, created string
	err := s.Scan(&t.ID, &t.Title, &t.Detail, &t.Source, &t.Clause, &t.OwnerOrgID, &co, &t.AssignedBy, &t.Year, &deadline, &t.Status,
		&t.CarriedFrom, &t.RectificationNote, &created)
	if err != nil {
		return t, err
	}
	for _, f := range strings.Split(co, ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			t.CoOwnerOrgIDs = append(t.CoOwnerOrgIDs, id)
		}
	}
	t.CreatedAt = parseTime(created)
	if t.Deadline, err = ledger.ParseDeadline(deadline); err != nil {
		return t, fmt.Errorf("store: task %d deadline %q: %w", t.ID, deadline, err)
	}
	return t, nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

// CreateTasks adds ledger tasks. A supervisor assigns to organisations strictly below it; an
// organisation may also keep tasks of its own.
func (db *DB) CreateTasks(ctx context.Context, p *org.Principal, tasks []ledger.Task) ([]ledger.Task, error) {
	if !canKeepLedger(p) {
		return nil, apperr.New(apperr.Forbidden, "只有管理员或监督员可以维护工作台账")
	}
	err := db.write(ctx, func(t *Tx) error {
		for i := range tasks {
			task := &tasks[i]
			if task.Status == "" {
				task.Status = ledger.StatusNotStarted
			}
			if err := ledger.ValidateTask(*task); err != nil {
				return err
			}
			owner, err := t.orgByID(ctx, task.OwnerOrgID)
			if err != nil {
				return err
			}
			if p != nil {
				switch {
				case task.OwnerOrgID == p.Org.ID:
					task.AssignedBy = 0
				case ledger.CanAssign(p.Org.Path, owner.Path) && p.User.Role.Can(org.PermReadSubtree):
					task.AssignedBy = p.Org.ID
				default:
					return apperr.New(apperr.Forbidden, "只能向本机关的下级机关交办任务")
				}
			}
			task.CreatedAt = t.now
			task.ID, err = t.insertID(ctx, `INSERT INTO ledger_tasks (title, detail, source, clause, owner_org_id, co_owners, assigned_by, year, deadline, due_on,
				status, carried_from, rectification_note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				task.Title, task.Detail, task.Source, task.Clause, task.OwnerOrgID, joinIDs(task.CoOwnerOrgIDs), task.AssignedBy, task.Year,
				task.Deadline.FormValue(), fmtDate(task.Due()), task.Status, task.CarriedFrom, task.RectificationNote, fmtTime(t.now), fmtTime(t.now))
			if err != nil {
				return fmt.Errorf("store: insert task: %w", err)
			}
			if err := t.record(ctx, actorOf(p), task.OwnerOrgID, "ledger.task", "ledger_task", task.ID, nil, task, task.Title); err != nil {
				return err
			}
		}
		return nil
	})
	return tasks, err
}

// Task returns a ledger task.
func (db *DB) Task(ctx context.Context, id int64) (ledger.Task, error) {
	t, err := scanTask(db.queryRow(ctx, `SELECT `+taskColumns+` FROM ledger_tasks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, apperr.New(apperr.NotFound, "任务不存在")
	}
	return t, err
}

// TaskFilter selects tasks.
type TaskFilter struct {
	OrgIDs []int64 // owners (co-owned tasks are included)
	Year   int
}

// Tasks lists tasks, by deadline.
func (db *DB) Tasks(ctx context.Context, f TaskFilter) ([]ledger.Task, error) {
	q := `SELECT ` + taskColumns + ` FROM ledger_tasks WHERE 1 = 1`
	var args []any
	if f.Year != 0 {
		q += ` AND year = ?`
		args = append(args, f.Year)
	}
	rows, err := db.query(ctx, q+` ORDER BY due_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: tasks: %w", err)
	}
	defer rows.Close()
	in := map[int64]bool{}
	for _, id := range f.OrgIDs {
		in[id] = true
	}
	var out []ledger.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		keep := f.OrgIDs == nil || in[t.OwnerOrgID]
		for _, co := range t.CoOwnerOrgIDs {
			keep = keep || in[co]
		}
		if keep {
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// AddProgress records progress on a task by an organisation that owns or co-owns it.
func (db *DB) AddProgress(ctx context.Context, p *org.Principal, pr ledger.Progress) (ledger.Progress, error) {
	if !canKeepLedger(p) || p == nil {
		return pr, apperr.New(apperr.Forbidden, "只有管理员或监督员可以填报工作台账")
	}
	task, err := db.Task(ctx, pr.TaskID)
	if err != nil {
		return pr, err
	}
	pr.OrgID = p.Org.ID
	if !ledger.CanReport(task, p.Org.ID) {
		return pr, apperr.New(apperr.Forbidden, "只能填报本机关承担的任务")
	}
	if err := ledger.ValidateProgress(pr, task, db.Now()); err != nil {
		return pr, err
	}
	ev, _ := json.Marshal(pr.Evidence)
	err = db.write(ctx, func(t *Tx) error {
		var err error
		pr.ID, err = t.insertID(ctx, `INSERT INTO ledger_progress (task_id, org_id, on_date, text, evidence, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			pr.TaskID, pr.OrgID, fmtDate(pr.On), pr.Text, string(ev), p.User.ID, fmtTime(t.now))
		if err != nil {
			return err
		}
		pr.CreatedAt = t.now
		return t.record(ctx, actorOf(p), p.Org.ID, "ledger.progress", "ledger_task", pr.TaskID, nil, pr, pr.Text)
	})
	return pr, err
}

// Progress lists a task's progress entries in order.
func (db *DB) Progress(ctx context.Context, taskID int64) ([]ledger.Progress, error) {
	rows, err := db.query(ctx, `SELECT `+progressColumns+` FROM ledger_progress WHERE task_id = ? ORDER BY on_date, id`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Progress
	for rows.Next() {
		pr, err := scanProgress(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, rows.Err()
}

// progressOfYear returns the progress entries of every task of a ledger year, by task.
func (db *DB) progressOfYear(ctx context.Context, year int) (map[int64][]ledger.Progress, error) {
	rows, err := db.query(ctx, `SELECT `+progressColumns+` FROM ledger_progress WHERE task_id IN (SELECT id FROM ledger_tasks WHERE year = ?)
		ORDER BY task_id, on_date, id`, year)
	if err != nil {
		return nil, fmt.Errorf("store: progress of %d: %w", year, err)
	}
	defer rows.Close()
	out := map[int64][]ledger.Progress{}
	for rows.Next() {
		pr, err := scanProgress(rows)
		if err != nil {
			return nil, fmt.Errorf("store: progress of %d: %w", year, err)
		}
		out[pr.TaskID] = append(out[pr.TaskID], pr)
	}
	return out, rows.Err()
}

const progressColumns = `id, task_id, org_id, on_date, text, evidence, created_at`

func scanProgress(s scanner) (ledger.Progress, error) {
	var pr ledger.Progress
	var on, ev, created string
	if err := s.Scan(&pr.ID, &pr.TaskID, &pr.OrgID, &on, &pr.Text, &ev, &created); err != nil {
		return pr, err
	}
	pr.On, pr.CreatedAt = parseDate(on), parseTime(created)
	if ev != "" {
		if err := json.Unmarshal([]byte(ev), &pr.Evidence); err != nil {
			return pr, err
		}
	}
	return pr, nil
}

// ChangeTaskStatus moves a task by the rules of the ledger: the owner reports, the assigning
// supervisor reviews.
func (db *DB) ChangeTaskStatus(ctx context.Context, p *org.Principal, taskID int64, to ledger.Status, note string) (ledger.Task, error) {
	if !canKeepLedger(p) || p == nil {
		return ledger.Task{}, apperr.New(apperr.Forbidden, "只有管理员或监督员可以维护工作台账")
	}
	var out ledger.Task
	err := db.write(ctx, func(t *Tx) error {
		before, err := scanTask(t.queryRow(ctx, `SELECT `+taskColumns+` FROM ledger_tasks WHERE id = ?`, taskID))
		if err != nil {
			return apperr.New(apperr.NotFound, "任务不存在")
		}
		out, err = ledger.ChangeStatus(before, to, p.Org.ID, note)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE ledger_tasks SET status = ?, rectification_note = ?, updated_at = ? WHERE id = ?`,
			out.Status, out.RectificationNote, fmtTime(t.now), taskID); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), before.OwnerOrgID, "ledger.status", "ledger_task", taskID, before, out, string(to))
	})
	return out, err
}

// CarryOverTask carries an unfinished task into the next year with a rectification note (回头看).
func (db *DB) CarryOverTask(ctx context.Context, p *org.Principal, taskID int64, note string, deadline ledger.Deadline) (ledger.Task, error) {
	task, err := db.Task(ctx, taskID)
	if err != nil {
		return task, err
	}
	if p != nil && !ledger.CanReview(task, p.Org.ID) {
		return task, apperr.New(apperr.Forbidden, "只有交办单位可以结转任务")
	}
	progress, err := db.Progress(ctx, taskID)
	if err != nil {
		return task, err
	}
	next, err := ledger.CarryOver(task, note, progress, deadline)
	if err != nil {
		return next, err
	}
	var system *org.Principal // the carried task keeps its assigner; permission was checked above
	created, err := db.CreateTasks(ctx, system, []ledger.Task{next})
	if err != nil {
		return next, err
	}
	return created[0], nil
}
