-- Art. 41 (更正与本人相关的政府信息): an application's purpose — 'disclosure' (every application
-- stored before this migration) or 'correction' — and, for a correction request, the applicant's
-- proof that the record is inaccurate, sealed like the applicant's personal data (only the
-- receiving organisation's handlers read it).
ALTER TABLE requests ADD COLUMN purpose TEXT NOT NULL DEFAULT 'disclosure';
ALTER TABLE requests ADD COLUMN proof_sealed TEXT NOT NULL DEFAULT '';
