package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/workday"
)

// CalendarYear is a year's holiday notice loaded by staff (table calendar_years).
type CalendarYear struct {
	Year int
	// Notice is the number (文号) of the State Council notice, e.g. "国办发明电〔2026〕7号".
	Notice string
	// Entries is the notice's dates in the calendar file format (workday.ParseCalendarFile).
	Entries string
	// ReplaceEmbedded: the year replaces the notice the program ships for it (chosen explicitly).
	ReplaceEmbedded bool
	Version         int // loads of this year so far
	LoadedBy        string
	LoadedAt        time.Time
}

// Data parses the stored entries.
func (y CalendarYear) Data() (workday.YearData, error) {
	return workday.ParseCalendarFile(y.Year, strings.NewReader(y.Entries))
}

// LoadCalendar is a year's notice to load.
type LoadCalendar struct {
	Data   workday.YearData
	Notice string
	// Replace must be set to load a year the program already ships, or one already loaded.
	Replace bool
}

// MaxNoticeLen bounds the notice number (a sanity bound).
const MaxNoticeLen = 200

// CalendarYears returns the years loaded by staff, in year order.
func (db *DB) CalendarYears(ctx context.Context) ([]CalendarYear, error) {
	rows, err := db.query(ctx, `SELECT year, notice, entries, replace_embedded, version, loaded_by, loaded_at FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, fmt.Errorf("store: calendar years: %w", err)
	}
	defer rows.Close()
	var out []CalendarYear
	for rows.Next() {
		var y CalendarYear
		var replace int
		var at string
		if err := rows.Scan(&y.Year, &y.Notice, &y.Entries, &replace, &y.Version, &y.LoadedBy, &at); err != nil {
			return nil, fmt.Errorf("store: calendar years: %w", err)
		}
		y.ReplaceEmbedded, y.LoadedAt = replace == 1, parseTime(at)
		out = append(out, y)
	}
	return out, rows.Err()
}

// LoadCalendarYear stores a year's notice and records the load in the audit log (action
// "calendar.load" on the organisation orgID, or 0 from the command line), in one transaction.
// base is the calendar the program ships (workday.Default): a year it already knows, or a year
// loaded before, is replaced only when in.Replace is set. Callers check that the actor may do
// it (an administrator of the top organisation).
func (db *DB) LoadCalendarYear(ctx context.Context, actor audit.Actor, orgID int64, base *workday.Calendar, in LoadCalendar) (CalendarYear, error) {
	y := in.Data
	notice := strings.TrimSpace(in.Notice)
	switch {
	case notice == "":
		return CalendarYear{}, apperr.New(apperr.Invalid, "请填写国务院办公厅通知的文号（如“国办发明电〔2026〕7号”）").OnField("notice")
	case utf8.RuneCountInString(notice) > MaxNoticeLen || strings.ContainsAny(notice, "\r\n"):
		return CalendarYear{}, apperr.New(apperr.Invalid, "通知文号过长或含有换行").OnField("notice")
	}
	if y.Year < 2000 || y.Year > 2200 {
		return CalendarYear{}, apperr.Newf(apperr.Invalid, "年份%d无效", y.Year).OnField("year")
	}
	if err := y.Validate(); err != nil {
		return CalendarYear{}, apperr.Wrap(apperr.Invalid, err.Error(), err).OnField("entries")
	}
	text := workday.Format(y)
	embedded := base != nil && base.Known(y.Year)
	if embedded && !in.Replace {
		return CalendarYear{}, apperr.Newf(apperr.Conflict, "程序已内置%d年的节假日安排；如需以新的通知替换，请选择“替换已有数据”后再录入", y.Year).OnField("replace")
	}
	var out CalendarYear
	err := db.write(ctx, func(t *Tx) error {
		var before string
		var version int
		err := t.queryRow(ctx, `SELECT entries, version FROM calendar_years WHERE year = ?`, y.Year).Scan(&before, &version)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("store: calendar year %d: %w", y.Year, err)
		case !in.Replace:
			return apperr.Newf(apperr.Conflict, "%d年的节假日安排已经录入；如需更正，请选择“替换已有数据”后再录入", y.Year).OnField("replace")
		}
		out = CalendarYear{Year: y.Year, Notice: notice, Entries: text, ReplaceEmbedded: embedded, Version: version + 1,
			LoadedBy: actor.Name, LoadedAt: parseTime(fmtTime(t.now))}
		replace := 0
		if embedded {
			replace = 1
		}
		if _, err := t.exec(ctx, `INSERT INTO calendar_years (year, notice, entries, replace_embedded, version, loaded_by, loaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (year) DO UPDATE SET notice = excluded.notice, entries = excluded.entries,
				replace_embedded = excluded.replace_embedded, version = excluded.version,
				loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
			out.Year, out.Notice, out.Entries, replace, out.Version, out.LoadedBy, fmtTime(t.now)); err != nil {
			return fmt.Errorf("store: save calendar year %d: %w", y.Year, err)
		}
		detail := fmt.Sprintf("%d年：%s，%d条", y.Year, notice, len(y.Entries))
		if embedded {
			detail += "，替换内置数据"
		}
		return t.record(ctx, actor, orgID, "calendar.load", "calendar_year", int64(y.Year), before, text, detail)
	})
	if err != nil {
		return CalendarYear{}, err
	}
	db.cal.forget()
	return out, nil
}

// calCache keeps the merged calendar; a cheap query tells when another server loaded a year.
type calCache struct {
	mu     sync.Mutex
	key    string
	base   *workday.Calendar
	merged *workday.Calendar
}

func (c *calCache) forget() {
	c.mu.Lock()
	c.key = ""
	c.mu.Unlock()
}

// Calendar is the calendar every clock computation uses: base (the notices the program ships,
// workday.Default) with the years staff loaded (a shipped year replaced only when a load said
// so), under the policy calendar.unknown_year in force. On a database error it returns base
// under that policy, and the error.
func (db *DB) Calendar(ctx context.Context, base *workday.Calendar) (*workday.Calendar, error) {
	policy := db.RequestPolicy(ctx).UnknownYear
	merged, err := db.mergedCalendar(ctx, base)
	if err != nil {
		return base.WithPolicy(policy), err
	}
	return merged.WithPolicy(policy), nil
}

func (db *DB) mergedCalendar(ctx context.Context, base *workday.Calendar) (*workday.Calendar, error) {
	var n, versions int
	var last string
	if err := db.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(loaded_at), '') FROM calendar_years`).Scan(&n, &versions, &last); err != nil {
		return nil, fmt.Errorf("store: calendar: %w", err)
	}
	key := fmt.Sprintf("%d/%d/%s", n, versions, last)
	db.cal.mu.Lock()
	if db.cal.key == key && db.cal.base == base {
		m := db.cal.merged
		db.cal.mu.Unlock()
		return m, nil
	}
	db.cal.mu.Unlock()
	years, err := db.CalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	loaded := make([]workday.LoadedYear, 0, len(years))
	for _, y := range years {
		data, err := y.Data()
		if err != nil {
			return nil, fmt.Errorf("store: calendar year %d is damaged: %w", y.Year, err)
		}
		loaded = append(loaded, workday.LoadedYear{Data: data, Notice: y.Notice, Replace: y.ReplaceEmbedded})
	}
	merged, _, err := workday.Merge(base, loaded)
	if err != nil {
		return nil, err
	}
	db.cal.mu.Lock()
	db.cal.key, db.cal.base, db.cal.merged = key, base, merged
	db.cal.mu.Unlock()
	return merged, nil
}

// Clocking is what an application's clock needs today: the calendar in force (Calendar), the
// 依申请公开 policy in force (RequestPolicy) and the date.
func (db *DB) Clocking(ctx context.Context, base *workday.Calendar, today workday.Date) (Clocking, error) {
	cal, err := db.Calendar(ctx, base)
	return Clocking{Cal: cal, Policy: db.RequestPolicy(ctx), Today: today}, err
}

// SetPolicySetting changes one 依申请公开 / calendar setting (request.Policy) after checking the
// value and the whole policy, and records it in the audit log ("setting.save"), in one
// transaction. Callers check that the actor may change platform settings.
func (db *DB) SetPolicySetting(ctx context.Context, actor audit.Actor, orgID int64, name, value string) error {
	p := db.RequestPolicy(ctx)
	if err := p.Set(name, strings.TrimSpace(value)); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	for _, s := range p.Settings() {
		if s.Name == name {
			return db.SetOrgSetting(ctx, actor, orgID, name, s.Value, "setting.save", name)
		}
	}
	return apperr.Newf(apperr.Invalid, "未知的设置项“%s”", name)
}
