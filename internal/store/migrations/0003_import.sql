-- Imported documents remember where they came from, so that an import can be repeated safely.
ALTER TABLE documents ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX documents_source_key ON documents(source_key);
-- 法规文件 also lists laws, regulations and judicial interpretations.
UPDATE columns SET genres = 'law,regulation,local_regulation,rule,normative,policy,judicial_interpretation' WHERE slug = 'policies';
