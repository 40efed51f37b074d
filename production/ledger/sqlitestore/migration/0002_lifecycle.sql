-- Ledger schema, version 2: indexes for the life-cycle checks of each
-- posting (a house's stage, its balances, its built and installed modules)
-- so they read one house's rows, not the whole ledger.
CREATE INDEX transactions_house ON transactions (house, event);
CREATE INDEX production_records_house ON production_records (house, module, op);
