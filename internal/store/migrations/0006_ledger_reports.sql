-- 工作台账: tasks and progress entries.
CREATE TABLE ledger_tasks (
    id {{ID}},
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    clause TEXT NOT NULL DEFAULT '',
    owner_org_id BIGINT NOT NULL REFERENCES orgs(id),
    co_owners TEXT NOT NULL DEFAULT '',
    assigned_by BIGINT NOT NULL DEFAULT 0,
    year INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    carried_from BIGINT NOT NULL DEFAULT 0,
    rectification_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ledger_tasks_owner ON ledger_tasks(owner_org_id, year);

CREATE TABLE ledger_progress (
    id {{ID}},
    task_id BIGINT NOT NULL REFERENCES ledger_tasks(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    on_date TEXT NOT NULL,
    text TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX ledger_progress_task ON ledger_progress(task_id);

-- Annual reports: the staff-written parts and entered cells while drafting, and the report as
-- published (the computed tables change as records change later, so the issued one is kept).
CREATE TABLE annual_reports (
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    year INTEGER NOT NULL,
    overview_html TEXT NOT NULL DEFAULT '',
    problems_html TEXT NOT NULL DEFAULT '',
    other_html TEXT NOT NULL DEFAULT '',
    manual TEXT NOT NULL DEFAULT '',
    published_json TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT '',
    document_id BIGINT REFERENCES documents(id),
    lock_version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org_id, year)
);
