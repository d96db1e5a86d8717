-- Applications for information (依申请公开). Applicants' personal data is sealed (AES-256-GCM) at
-- rest; applicant_key is an HMAC of the identity document that recognises the same applicant
-- across applications without revealing the number; applicant_masked is what non-handlers see.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

CREATE TABLE requests (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    number TEXT NOT NULL UNIQUE,
    query_code_hash TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_on TEXT NOT NULL,
    applicant_kind TEXT NOT NULL,
    applicant_key TEXT NOT NULL,
    applicant_sealed TEXT NOT NULL,
    applicant_masked TEXT NOT NULL,
    description TEXT NOT NULL,
    info_name TEXT NOT NULL DEFAULT '',
    doc_number TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL DEFAULT '',
    delivery TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    due_on TEXT NOT NULL DEFAULT '',
    ended_on TEXT NOT NULL DEFAULT '',
    submit_key TEXT UNIQUE,
    created_by BIGINT REFERENCES users(id),
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX requests_org ON requests(org_id, status, due_on);
CREATE INDEX requests_applicant ON requests(applicant_key, received_on);

CREATE TABLE request_events (
    id {{ID}},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    days INTEGER NOT NULL DEFAULT 0,
    approver TEXT NOT NULL DEFAULT '',
    party TEXT NOT NULL DEFAULT '',
    served_on TEXT NOT NULL DEFAULT '',
    items TEXT NOT NULL DEFAULT '',
    amount_fen BIGINT NOT NULL DEFAULT 0,
    reply_type TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE request_replies (
    request_id BIGINT PRIMARY KEY REFERENCES requests(id),
    reply_type TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL,
    replied_on TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);

CREATE TABLE request_files (
    id {{ID}},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX request_files_request ON request_files(request_id);

CREATE TABLE request_notices (
    id {{ID}},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    issued_on TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX request_notices_request ON request_notices(request_id);

CREATE TABLE appeals (
    id {{ID}},
    request_id BIGINT NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'pending',
    decided_on TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX appeals_request ON appeals(request_id);

CREATE TABLE request_cases (
    id {{ID}},
    request_id BIGINT NOT NULL UNIQUE REFERENCES requests(id),
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    reply_type TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    published_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX request_cases_type ON request_cases(reply_type, reason);
