-- The official holiday calendar as data staff can extend (issue 4, item 1): a year's State Council
-- notice (rest days and weekend working days), loaded from a calendar file or the console form.
-- The program ships 2019–2026 (internal/workday/calendar); a row here adds a year, or replaces a
-- shipped year only when replace_embedded is set (staff chose to replace it explicitly).
--
-- entries holds the dates in the calendar file format (workday.ParseCalendarFile), so what was
-- loaded can be shown, downloaded and reloaded as it is. version counts loads of the year, so a
-- server can tell cheaply that its cached calendar is stale. Every load is also in the audit log.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    notice TEXT NOT NULL,
    entries TEXT NOT NULL,
    replace_embedded INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    loaded_by TEXT NOT NULL DEFAULT '',
    loaded_at TEXT NOT NULL
);
