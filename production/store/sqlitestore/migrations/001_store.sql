-- The Open Source Store: enterprises, their members and listings. Money is
-- integer cents; fractions (overhead, margin) are basis points. The site
-- profile's other fields (shop, crew, suppliers, measured figures) are one
-- JSON document, read and written whole with the enterprise.
CREATE TABLE enterprises (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	location TEXT NOT NULL,
	labour_rate_cents INTEGER NOT NULL CHECK (labour_rate_cents > 0),
	overhead_bp INTEGER NOT NULL CHECK (overhead_bp >= 0),
	margin_bp INTEGER NOT NULL CHECK (margin_bp >= 0),
	licence_fee_cents INTEGER NOT NULL CHECK (licence_fee_cents >= 0),
	licence_terms TEXT NOT NULL,
	site TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE members (
	enterprise TEXT NOT NULL REFERENCES enterprises(id),
	profile TEXT NOT NULL,
	role TEXT NOT NULL,
	joined_at TEXT NOT NULL,
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	UNIQUE (enterprise, profile)
);

CREATE TABLE listings (
	id TEXT PRIMARY KEY,
	enterprise TEXT NOT NULL REFERENCES enterprises(id),
	design TEXT NOT NULL,
	levels TEXT NOT NULL,
	listed_at TEXT NOT NULL,
	UNIQUE (enterprise, design)
);
