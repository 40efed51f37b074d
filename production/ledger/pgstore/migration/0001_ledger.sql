-- Ledger schema on PostgreSQL, version 1: the same tables as the SQLite
-- ledger at its schema version 4 (production/ledger/sqlitestore/migration),
-- so a ledger moved from SQLite keeps its ids and its hash chain. Money is
-- integer cents (BIGINT); a posting's amount is positive for a debit and
-- negative for a credit. Times are the RFC 3339 text the hash chain covers.
-- Every table is append-only: the triggers below refuse UPDATE, DELETE and
-- TRUNCATE, so corrections are reversing transactions.

CREATE TABLE accounts (
	id         BIGSERIAL PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
	created_at TEXT NOT NULL,
	-- Account flags, after TigerBeetle's (ledger.AccountFlags): 1 is
	-- debits_must_not_exceed_credits, 2 is credits_must_not_exceed_debits.
	flags      INTEGER NOT NULL DEFAULT 0 CHECK (flags IN (0, 1, 2))
);

CREATE TABLE houses (
	id         TEXT PRIMARY KEY,
	design     TEXT NOT NULL,
	author     TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE transactions (
	id         BIGSERIAL PRIMARY KEY,
	idem_key   TEXT NOT NULL UNIQUE,
	event      TEXT NOT NULL,
	house      TEXT REFERENCES houses (id),
	memo       TEXT NOT NULL,
	digest     TEXT NOT NULL,
	reverses   BIGINT REFERENCES transactions (id),
	posted_at  TEXT NOT NULL
);
-- A transaction is reversed at most once.
CREATE UNIQUE INDEX transactions_reverses ON transactions (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX transactions_house ON transactions (house, event);

CREATE TABLE postings (
	tx_id      BIGINT NOT NULL REFERENCES transactions (id),
	seq        INTEGER NOT NULL CHECK (seq > 0),
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	amount     BIGINT NOT NULL CHECK (amount <> 0),
	PRIMARY KEY (tx_id, seq)
);

CREATE TABLE contributions (
	id      BIGSERIAL PRIMARY KEY,
	tx_id   BIGINT NOT NULL UNIQUE REFERENCES transactions (id),
	house   TEXT NOT NULL REFERENCES houses (id),
	person  TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('labour', 'design', 'training', 'review')),
	skill   TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0),
	amount  BIGINT NOT NULL CHECK (amount > 0),
	witness TEXT NOT NULL DEFAULT ''
);

CREATE TABLE production_records (
	id          BIGSERIAL PRIMARY KEY,
	idem_key    TEXT NOT NULL UNIQUE,
	digest      TEXT NOT NULL,
	house       TEXT NOT NULL REFERENCES houses (id),
	person      TEXT NOT NULL,
	module      TEXT NOT NULL,
	op          TEXT NOT NULL CHECK (op IN ('build', 'install')),
	count       INTEGER NOT NULL CHECK (count > 0),
	recorded_at TEXT NOT NULL,
	witness     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX production_records_house ON production_records (house, module, op);

-- The hash chain: entry seq covers one transaction (with its postings,
-- their accounts and its contribution) or one production record, and the
-- hash of entry seq - 1 (ledger.EntryHash).
CREATE TABLE entries (
	seq       BIGINT PRIMARY KEY,
	tx_id     BIGINT UNIQUE REFERENCES transactions (id),
	record_id BIGINT UNIQUE REFERENCES production_records (id),
	hash      TEXT NOT NULL,
	CHECK ((tx_id IS NULL) <> (record_id IS NULL))
);

-- Append-only: one trigger function refuses every UPDATE, DELETE and
-- TRUNCATE on the ledger's tables, naming the table.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'ledger is append-only: % cannot be %d (post a reversing transaction instead)',
		TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'restrict_violation';
END $$;
DO $$
DECLARE t TEXT;
BEGIN
	FOREACH t IN ARRAY ARRAY['accounts', 'houses', 'transactions', 'postings', 'contributions', 'production_records', 'entries'] LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION ledger_append_only()', t || '_append_only', t);
		EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()', t || '_no_truncate', t);
	END LOOP;
END $$;

-- One idempotency namespace: a key names one event, a transaction or a
-- production record, never both.
CREATE FUNCTION ledger_one_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'transactions' AND EXISTS (SELECT 1 FROM production_records WHERE idem_key = NEW.idem_key) THEN
		RAISE EXCEPTION 'idempotency key already used by a production record' USING ERRCODE = 'unique_violation';
	ELSIF TG_TABLE_NAME = 'production_records' AND EXISTS (SELECT 1 FROM transactions WHERE idem_key = NEW.idem_key) THEN
		RAISE EXCEPTION 'idempotency key already used by a transaction' USING ERRCODE = 'unique_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER transactions_one_key BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION ledger_one_key();
CREATE TRIGGER records_one_key BEFORE INSERT ON production_records FOR EACH ROW EXECUTE FUNCTION ledger_one_key();

-- The trial balance, for psql:
--   SELECT SUM(balance_cents) FROM trial_balance   -- prints 0
CREATE VIEW trial_balance AS
	SELECT a.name AS account, a.type AS type, SUM(p.amount)::bigint AS balance_cents
	FROM postings p JOIN accounts a ON a.id = p.account_id
	GROUP BY a.id
	ORDER BY a.name;
