package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gongkai/internal/apperr"
	"gongkai/internal/org"
	"gongkai/internal/request"
	"gongkai/internal/workday"
)

// FeeAssessment is how an application was assessed for the 信息处理费: the one method chosen,
// the 件 it counts as (一事一申请) and the pages provided, the amount and the tiers applied.
// It is kept so that the applicant's later applications of the month count it: 按件 always,
// 按量 under fee.pages_scope = month — also when it came to nothing to pay (no fee notice).
type FeeAssessment struct {
	RequestID  int64
	Method     request.FeeMethod
	Items      int
	Pages      int
	AmountFen  int64
	Standard   string
	AssessedOn workday.Date
}

// MonthFeeApplications returns the applicant's other applications (recognised by identity
// document) received in the natural month of application id and before it (earlier dates;
// the same date with a smaller id), in order of receipt, as request.MonthlyFees takes them:
// with the method, 件 and pages of their assessment, or as one 件 not charged when they have
// none.
func (db *DB) MonthFeeApplications(ctx context.Context, id int64) ([]request.FeeApplication, error) {
	var key, received string
	if err := db.queryRow(ctx, `SELECT applicant_key, received_on FROM requests WHERE id = ?`, id).Scan(&key, &received); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, apperr.New(apperr.NotFound, "申请不存在")
		}
		return nil, fmt.Errorf("store: request: %w", err)
	}
	on := parseDate(received)
	first := workday.Date{Year: on.Year, Month: on.Month, Day: 1}
	rows, err := db.query(ctx, `SELECT r.id, r.number, r.received_on, COALESCE(f.method, ''), COALESCE(f.items, 1), COALESCE(f.pages, 0)
		FROM requests r LEFT JOIN request_fees f ON f.request_id = r.id
		WHERE r.applicant_key = ? AND r.received_on >= ? AND (r.received_on < ? OR (r.received_on = ? AND r.id < ?))
		ORDER BY r.received_on, r.id`, key, fmtDate(first), fmtDate(on), fmtDate(on), id)
	if err != nil {
		return nil, fmt.Errorf("store: month fee applications: %w", err)
	}
	defer rows.Close()
	var out []request.FeeApplication
	for rows.Next() {
		var rid int64
		var a request.FeeApplication
		var rec, method string
		if err := rows.Scan(&rid, &a.ID, &rec, &method, &a.Items, &a.Pages); err != nil {
			return nil, fmt.Errorf("store: month fee applications: %w", err)
		}
		a.Received, a.Method = parseDate(rec), request.FeeMethod(method)
		if a.Method == "" {
			a.Method, a.Items, a.Pages = request.FeeNone, 1, 0
		}
		a.Items = max(a.Items, 1)
		out = append(out, a)
	}
	return out, rows.Err()
}

// RequestFee returns the application's fee assessment, if any.
func (db *DB) RequestFee(ctx context.Context, id int64) (FeeAssessment, bool, error) {
	f := FeeAssessment{RequestID: id}
	var on string
	err := db.queryRow(ctx, `SELECT method, items, pages, amount_fen, standard, assessed_on FROM request_fees WHERE request_id = ?`, id).
		Scan(&f.Method, &f.Items, &f.Pages, &f.AmountFen, &f.Standard, &on)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("store: request fee: %w", err)
	}
	f.AssessedOn = parseDate(on)
	return f, true, nil
}

func (t *Tx) saveFee(ctx context.Context, p *org.Principal, f FeeAssessment) error {
	if f.Method != request.FeeItems && f.Method != request.FeePages && f.Method != request.FeeNone {
		return apperr.New(apperr.Invalid, "请选择计费方式：按件计收或按量计收").OnField("fee_method")
	}
	if f.Items < 1 || f.Pages < 0 || f.AmountFen < 0 {
		return apperr.New(apperr.Invalid, "件数至少为1，页数和金额不能为负数").OnField("fee_items")
	}
	_, err := t.exec(ctx, `INSERT INTO request_fees (request_id, method, items, pages, amount_fen, standard, assessed_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (request_id) DO UPDATE SET method = excluded.method, items = excluded.items, pages = excluded.pages,
		amount_fen = excluded.amount_fen, standard = excluded.standard, assessed_on = excluded.assessed_on,
		created_by = excluded.created_by, created_at = excluded.created_at`,
		f.RequestID, f.Method, f.Items, f.Pages, f.AmountFen, f.Standard, fmtDate(f.AssessedOn), p.User.ID, fmtTime(t.now))
	if err != nil {
		return fmt.Errorf("store: save fee assessment: %w", err)
	}
	return nil
}

// AddFeeNotice records a fee notice (request.EvFeeNotice, checked like every step) together
// with the assessment it was computed from, in one transaction.
func (db *DB) AddFeeNotice(ctx context.Context, p *org.Principal, id int64, lockVersion int, e request.Event, f FeeAssessment, c Clocking) (request.Clock, error) {
	if e.Kind != request.EvFeeNotice || f.AmountFen != e.AmountFen {
		return request.Clock{}, apperr.New(apperr.Invalid, "收费通知与计费结果不一致").OnField("fee_method")
	}
	f.RequestID = id
	var clock request.Clock
	err := db.write(ctx, func(t *Tx) error {
		var err error
		if clock, err = t.addEvent(ctx, p, id, lockVersion, e, c); err != nil {
			return err
		}
		return t.saveFee(ctx, p, f)
	})
	return clock, err
}

// RecordFeeAssessment keeps an assessment that came to nothing to pay (no fee notice is sent
// then), so that its 件 and pages count in the applicant's month. Only handlers of the
// receiving organisation may, and not once a fee notice has been sent.
func (db *DB) RecordFeeAssessment(ctx context.Context, p *org.Principal, id int64, f FeeAssessment) error {
	if f.AmountFen != 0 {
		return apperr.New(apperr.Invalid, "需要收费的，请发出收费通知").OnField("fee_method")
	}
	f.RequestID = id
	return db.write(ctx, func(t *Tx) error {
		orgID, err := t.requireHandler(ctx, p, id)
		if err != nil {
			return err
		}
		var notices int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM request_events WHERE request_id = ? AND kind = ?`, id, request.EvFeeNotice).Scan(&notices); err != nil {
			return fmt.Errorf("store: fee notices: %w", err)
		}
		if notices > 0 {
			return apperr.New(apperr.Conflict, "本申请已发出收费通知，每件申请只能按一种标准计费一次")
		}
		if err := t.saveFee(ctx, p, f); err != nil {
			return err
		}
		return t.record(ctx, actorOf(p), orgID, "request.fee_assessed", "request", id, nil, f, f.Standard)
	})
}
