-- Ledger schema, version 4: the witness of a contribution and of a
-- production record, the crew lead (a profile holding lead-build-crew) who
-- saw the work done (ledger.Event.Witness). Entries recorded before
-- witnesses existed have '' and keep their hashes: the hash chain covers a
-- witness only when there is one (ledger.EntryHash).
ALTER TABLE contributions ADD COLUMN witness TEXT NOT NULL DEFAULT '';
ALTER TABLE production_records ADD COLUMN witness TEXT NOT NULL DEFAULT '';
