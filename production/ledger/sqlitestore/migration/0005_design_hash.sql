-- Ledger schema, version 5: the SHA-256 of the canonical design file a
-- house is built from (ledger.Event.DesignHash), its version id in the open
-- design commons when published there; value credit follows its lineage.
-- Houses recorded before have '' and keep their hashes: the hash chain
-- covers design_hash only when there is one (ledger.EntryHash).
ALTER TABLE houses ADD COLUMN design_hash TEXT NOT NULL DEFAULT '';
