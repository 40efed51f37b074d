-- Ledger schema, version 3: account flags, one idempotency namespace and
-- a hash chain over the entries. The chain's hashes of the entries already
-- recorded are filled in by the program in the same transaction as this
-- file (backfillChain in chain.go): transactions in id order, then
-- production records in id order.

-- Account flags, after TigerBeetle's (production.AccountFlags): 1 is
-- debits_must_not_exceed_credits, 2 is credits_must_not_exceed_debits.
-- Fixed at creation. Accounts already recorded get the flags the chart of
-- accounts gives them (production.DefaultAccountFlags).
DROP TRIGGER accounts_no_update;
ALTER TABLE accounts ADD COLUMN flags INTEGER NOT NULL DEFAULT 0 CHECK (flags IN (0, 1, 2));
UPDATE accounts SET flags = CASE
	WHEN name = 'assets:materials-inventory' OR name GLOB 'assets:on-order:*'
		OR name GLOB 'assets:wip:*' OR name GLOB 'assets:finished:*' THEN 2
	WHEN name GLOB 'liabilities:committed:*' OR name GLOB 'liabilities:payable:*' THEN 1
	ELSE 0 END;
CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: accounts cannot be updated'); END;

-- One idempotency namespace: a key names one event, a transaction or a
-- production record, never both.
CREATE TRIGGER transactions_one_key BEFORE INSERT ON transactions
	WHEN EXISTS (SELECT 1 FROM production_records WHERE idem_key = NEW.idem_key)
	BEGIN SELECT RAISE(ABORT, 'idempotency key already used by a production record'); END;
CREATE TRIGGER records_one_key BEFORE INSERT ON production_records
	WHEN EXISTS (SELECT 1 FROM transactions WHERE idem_key = NEW.idem_key)
	BEGIN SELECT RAISE(ABORT, 'idempotency key already used by a transaction'); END;

-- The hash chain: entry seq covers one transaction (with its postings,
-- their accounts and its contribution) or one production record, and the
-- hash of entry seq - 1 (production.EntryHash).
CREATE TABLE entries (
	seq       INTEGER PRIMARY KEY,
	tx_id     INTEGER UNIQUE REFERENCES transactions (id),
	record_id INTEGER UNIQUE REFERENCES production_records (id),
	hash      TEXT NOT NULL,
	CHECK ((tx_id IS NULL) <> (record_id IS NULL))
);
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entries cannot be updated'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entries cannot be deleted'); END;
