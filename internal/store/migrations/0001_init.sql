-- Core schema: organisations, staff, sessions, documents with versions, attachments, audit log.
-- Portable SQL for SQLite and PostgreSQL; {{ID}} and {{BLOB}} are replaced per engine.
-- Timestamps are TEXT in UTC (2006-01-02T15:04:05.000000Z, sortable); calendar dates are TEXT YYYY-MM-DD.

CREATE TABLE orgs (
    id {{ID}},
    parent_id BIGINT REFERENCES orgs(id),
    path TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    host TEXT UNIQUE,
    guide_html TEXT NOT NULL DEFAULT '',
    rules_html TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    office_hours TEXT NOT NULL DEFAULT '',
    office_name TEXT NOT NULL DEFAULT '',
    index_scheme TEXT NOT NULL DEFAULT 'default',
    position INTEGER NOT NULL DEFAULT 0,
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE index_counters (
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
);

CREATE TABLE users (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE columns (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    parent_id BIGINT REFERENCES columns(id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    genres TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, slug)
);

-- documents: one row per document (stable id, index number); the public fields mirror the
-- published version so that lists need no join.
CREATE TABLE documents (
    id {{ID}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    index_number TEXT NOT NULL UNIQUE,
    column_id BIGINT REFERENCES columns(id),
    latest_version INTEGER NOT NULL DEFAULT 1,
    published_version INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    genre TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    written_on TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT '',
    validity TEXT NOT NULL DEFAULT 'in_force',
    effective_on TEXT NOT NULL DEFAULT '',
    expires_on TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL DEFAULT 'proactive',
    made_on TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT NOT NULL DEFAULT '',
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_org_pub ON documents(org_id, state, published_at);
CREATE INDEX documents_pub ON documents(state, published_at);
CREATE INDEX documents_column ON documents(column_id, state, published_at);
CREATE INDEX documents_docnum ON documents(doc_number);

CREATE TABLE document_versions (
    document_id BIGINT NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    doc_prefix TEXT NOT NULL DEFAULT '',
    doc_year INTEGER NOT NULL DEFAULT 0,
    doc_seq INTEGER NOT NULL DEFAULT 0,
    issuers TEXT NOT NULL DEFAULT '',
    written_on TEXT NOT NULL DEFAULT '',
    made_on TEXT NOT NULL DEFAULT '',
    publish_at TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    genre TEXT NOT NULL,
    plan_kind TEXT NOT NULL DEFAULT '',
    plan_period TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL DEFAULT 'proactive',
    mode_reason TEXT NOT NULL DEFAULT '',
    validity TEXT NOT NULL DEFAULT 'in_force',
    effective_on TEXT NOT NULL DEFAULT '',
    expires_on TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    body_html TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    change_note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    reviewed_by BIGINT REFERENCES users(id),
    lock_version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);
CREATE INDEX document_versions_status ON document_versions(status, publish_at);

CREATE TABLE document_relations (
    from_id BIGINT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    to_id BIGINT NOT NULL REFERENCES documents(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (from_id, kind, to_id)
);
CREATE INDEX document_relations_to ON document_relations(to_id);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    data {{BLOB}} NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE attachments (
    id {{ID}},
    document_id BIGINT NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_doc ON attachments(document_id, version);

CREATE TABLE audit_log (
    id {{ID}},
    seq BIGINT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    actor_id BIGINT NOT NULL DEFAULT 0,
    actor TEXT NOT NULL DEFAULT '',
    org_id BIGINT NOT NULL DEFAULT 0,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_digest TEXT NOT NULL DEFAULT '',
    after_digest TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log(org_id, seq);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
