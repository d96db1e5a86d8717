-- Indexes for the annual report, the roll-up and the supervision dashboard (issue 5 budgets:
-- the report of an organisation with 100,000 applications in under 1 s, the roll-up of 1,000
-- organisations in under 5 s).
-- The applications of an organisation's year, read from the index alone (id last so that
-- PostgreSQL can answer with an index-only scan too; SQLite keeps the rowid in every index).
CREATE INDEX requests_report ON requests(org_id, received_on, ended_on, applicant_kind, id);
-- The reply's table 三 row, without reading the reply's detail.
CREATE INDEX request_replies_row ON request_replies(request_id, reply_type, reason);
-- The events that end an application without a reply, and fee notices, by kind.
CREATE INDEX request_events_kind ON request_events(kind, request_id);
