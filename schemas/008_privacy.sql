-- 008_privacy.sql — one disclosure rule for every published count, a
-- threshold the configuration sets, and suppression analysts can read.
--
-- The rule is described where it is applied (schemas/functions/20_settings.sql
-- and schemas/views/75_suppression.sql, since 016); this migration keeps
-- only its table change.

-- The cost basis of an allocation (gross or own); a no-op where it exists.
ALTER TABLE result.allocation ADD COLUMN IF NOT EXISTS cost_basis text;
ALTER TABLE result.closed_allocation ADD COLUMN IF NOT EXISTS cost_basis text;
