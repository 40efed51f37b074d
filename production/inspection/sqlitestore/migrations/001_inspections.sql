-- Inspections of placed modules. Rows are never updated or deleted: a
-- module re-inspected after a fix gets a new inspection; the latest counts.
CREATE TABLE inspections (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    house      TEXT NOT NULL,
    placement  TEXT NOT NULL,
    module     TEXT NOT NULL,
    inspector  TEXT NOT NULL,
    passed     INTEGER NOT NULL CHECK (passed IN (0, 1)),
    photo_hash TEXT NOT NULL,
    notes      TEXT NOT NULL,
    at         TEXT NOT NULL -- RFC 3339, UTC
);
CREATE INDEX inspections_house ON inspections (house, id);
CREATE TABLE inspection_values (
    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
    seq           INTEGER NOT NULL,
    checkpoint    TEXT NOT NULL,
    value         TEXT NOT NULL,
    pass          INTEGER NOT NULL CHECK (pass IN (0, 1)),
    fix           TEXT NOT NULL,
    PRIMARY KEY (inspection_id, seq)
);
CREATE TRIGGER inspections_no_update BEFORE UPDATE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are never changed'); END;
CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections
BEGIN SELECT RAISE(ABORT, 'inspections are never deleted'); END;
CREATE TRIGGER inspection_values_no_update BEFORE UPDATE ON inspection_values
BEGIN SELECT RAISE(ABORT, 'inspections are never changed'); END;
CREATE TRIGGER inspection_values_no_delete BEFORE DELETE ON inspection_values
BEGIN SELECT RAISE(ABORT, 'inspections are never deleted'); END;
