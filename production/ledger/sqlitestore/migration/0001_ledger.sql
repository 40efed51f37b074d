-- Ledger schema, version 1. Money is integer cents; a posting's amount is
-- positive for a debit and negative for a credit. Every table is
-- append-only: the triggers below refuse UPDATE and DELETE, so corrections
-- are reversing transactions.

CREATE TABLE accounts (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
	created_at TEXT NOT NULL
);

CREATE TABLE houses (
	id         TEXT PRIMARY KEY,
	design     TEXT NOT NULL,
	author     TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE transactions (
	id         INTEGER PRIMARY KEY,
	idem_key   TEXT NOT NULL UNIQUE,
	event      TEXT NOT NULL,
	house      TEXT REFERENCES houses (id),
	memo       TEXT NOT NULL,
	digest     TEXT NOT NULL,
	reverses   INTEGER REFERENCES transactions (id),
	posted_at  TEXT NOT NULL
);
-- A transaction is reversed at most once.
CREATE UNIQUE INDEX transactions_reverses ON transactions (reverses) WHERE reverses IS NOT NULL;

-- Postings are stored clustered by transaction (tx_id, seq), so posting a
-- transaction touches one b-tree here. There is deliberately no index on
-- account_id: it would add a page write to every posting, while balances by
-- account are read rarely (statements, completing and selling a house) and
-- a scan of postings stays fast at a house-building ledger's size.
CREATE TABLE postings (
	tx_id      INTEGER NOT NULL REFERENCES transactions (id),
	seq        INTEGER NOT NULL CHECK (seq > 0),
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	amount     INTEGER NOT NULL CHECK (amount <> 0),
	PRIMARY KEY (tx_id, seq)
) WITHOUT ROWID;

CREATE TABLE contributions (
	id      INTEGER PRIMARY KEY,
	tx_id   INTEGER NOT NULL UNIQUE REFERENCES transactions (id),
	house   TEXT NOT NULL REFERENCES houses (id),
	person  TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('labour', 'design', 'training', 'review')),
	skill   TEXT NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0),
	amount  INTEGER NOT NULL CHECK (amount > 0)
);

CREATE TABLE production_records (
	id          INTEGER PRIMARY KEY,
	idem_key    TEXT NOT NULL UNIQUE,
	digest      TEXT NOT NULL,
	house       TEXT NOT NULL REFERENCES houses (id),
	person      TEXT NOT NULL,
	module      TEXT NOT NULL,
	op          TEXT NOT NULL CHECK (op IN ('build', 'install')),
	count       INTEGER NOT NULL CHECK (count > 0),
	recorded_at TEXT NOT NULL
);

CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: accounts cannot be updated'); END;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: accounts cannot be deleted'); END;
CREATE TRIGGER houses_no_update BEFORE UPDATE ON houses BEGIN SELECT RAISE(ABORT, 'ledger is append-only: houses cannot be updated'); END;
CREATE TRIGGER houses_no_delete BEFORE DELETE ON houses BEGIN SELECT RAISE(ABORT, 'ledger is append-only: houses cannot be deleted'); END;
CREATE TRIGGER transactions_no_update BEFORE UPDATE ON transactions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: post a reversing transaction instead'); END;
CREATE TRIGGER transactions_no_delete BEFORE DELETE ON transactions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: post a reversing transaction instead'); END;
CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: post a reversing transaction instead'); END;
CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: post a reversing transaction instead'); END;
CREATE TRIGGER contributions_no_update BEFORE UPDATE ON contributions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: contributions cannot be updated'); END;
CREATE TRIGGER contributions_no_delete BEFORE DELETE ON contributions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: contributions cannot be deleted'); END;
CREATE TRIGGER records_no_update BEFORE UPDATE ON production_records BEGIN SELECT RAISE(ABORT, 'ledger is append-only: production records cannot be updated'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON production_records BEGIN SELECT RAISE(ABORT, 'ledger is append-only: production records cannot be deleted'); END;

-- The trial balance, for the sqlite3 command-line tool:
--   sqlite3 ledger.db 'SELECT SUM(balance_cents) FROM trial_balance'   -- prints 0
CREATE VIEW trial_balance AS
	SELECT a.name AS account, a.type AS type, SUM(p.amount) AS balance_cents
	FROM postings p JOIN accounts a ON a.id = p.account_id
	GROUP BY a.id
	ORDER BY a.name;
