-- As-built records: what each task of a real build took. Rows are never
-- updated or deleted (a correction is a new record with its own key).
CREATE TABLE asbuilt_records (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    house          TEXT NOT NULL,
    task           TEXT NOT NULL,
    task_name      TEXT NOT NULL,
    phase          TEXT NOT NULL,
    op             TEXT NOT NULL CHECK (op IN ('build', 'install')),
    module         TEXT NOT NULL,
    plan_minutes   TEXT NOT NULL, -- exact decimal
    actual_minutes TEXT NOT NULL, -- exact decimal
    people         TEXT NOT NULL, -- comma-separated
    used           TEXT NOT NULL, -- SKU=QTY,...
    wasted         TEXT NOT NULL, -- SKU=QTY,...
    problems       TEXT NOT NULL,
    at             TEXT NOT NULL  -- RFC 3339, UTC
);
CREATE INDEX asbuilt_records_house ON asbuilt_records (house, id);
CREATE TRIGGER asbuilt_records_no_update BEFORE UPDATE ON asbuilt_records
BEGIN SELECT RAISE(ABORT, 'as-built records are never changed'); END;
CREATE TRIGGER asbuilt_records_no_delete BEFORE DELETE ON asbuilt_records
BEGIN SELECT RAISE(ABORT, 'as-built records are never deleted'); END;
