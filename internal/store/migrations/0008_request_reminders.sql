-- Reminders before an application's due date (依申请公开), the page counts of fees, and the
-- description an applicant's correction (补正) replaced.
--
-- request_reminders: one row per application, kind (before:N or overdue) and due date, recorded
-- once by the reminder job for the handlers of the receiving organisation; each handler marks
-- what they have read in request_reminder_reads.
CREATE TABLE request_reminders (
    id {{ID}},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    days_left INTEGER NOT NULL,
    message TEXT NOT NULL,
    created_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (request_id, kind, due_on)
);
CREATE INDEX request_reminders_org ON request_reminders(org_id, id);

CREATE TABLE request_reminder_reads (
    reminder_id BIGINT NOT NULL REFERENCES request_reminders(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    read_at TEXT NOT NULL,
    PRIMARY KEY (reminder_id, user_id)
);

-- request_fees: how an application was assessed for the 信息处理费 (one method; the 件 and the
-- pages), so that the month's other applications count (按件 always; 按量 under
-- fee.pages_scope = month), also when the assessment came to nothing to pay.
CREATE TABLE request_fees (
    request_id BIGINT PRIMARY KEY REFERENCES requests(id),
    method TEXT NOT NULL,
    items INTEGER NOT NULL DEFAULT 1,
    pages INTEGER NOT NULL DEFAULT 0,
    amount_fen BIGINT NOT NULL DEFAULT 0,
    standard TEXT NOT NULL DEFAULT '',
    assessed_on TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);

-- A correction's text replaces the description; the log keeps both.
ALTER TABLE request_events ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE request_events ADD COLUMN original TEXT NOT NULL DEFAULT '';
