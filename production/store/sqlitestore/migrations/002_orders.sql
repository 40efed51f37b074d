-- Orders: a listing at one level, the price breakdown copied at the time
-- of the order (integer cents), the deposit, the delivery site and the
-- customer. seq numbers an enterprise's orders from 1 (id ENTERPRISE-seq).
CREATE TABLE orders (
	id TEXT PRIMARY KEY,
	enterprise TEXT NOT NULL REFERENCES enterprises(id),
	seq INTEGER NOT NULL,
	listing TEXT NOT NULL REFERENCES listings(id),
	design TEXT NOT NULL,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
	deposit_cents INTEGER NOT NULL CHECK (deposit_cents >= 0 AND deposit_cents <= total_cents),
	delivery_site TEXT NOT NULL,
	customer TEXT NOT NULL,
	contact TEXT NOT NULL,
	status TEXT NOT NULL,
	placed_at TEXT NOT NULL,
	UNIQUE (enterprise, seq)
);

CREATE TABLE order_lines (
	order_id TEXT NOT NULL REFERENCES orders(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	amount_cents INTEGER NOT NULL,
	basis TEXT NOT NULL,
	estimate INTEGER NOT NULL CHECK (estimate IN (0, 1)),
	PRIMARY KEY (order_id, seq)
);
