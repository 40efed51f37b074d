-- The SHA-256 of the canonical design file a house is built from
-- (ledger.Event.DesignHash), as SQLite schema 5 keeps it: value credit
-- follows its commons lineage; the hash chain covers it when set.
ALTER TABLE houses ADD COLUMN design_hash TEXT NOT NULL DEFAULT '';
