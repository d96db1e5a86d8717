-- Art. 32 (依申请公开): a third party's answer records whether it objected to disclosure, so that
-- a reply of 予以公开 / 部分公开 over an objection requires the written notice to the third party
-- (event third_party_notified, notice kind third_party_decision).
ALTER TABLE request_events ADD COLUMN objected INTEGER NOT NULL DEFAULT 0;
