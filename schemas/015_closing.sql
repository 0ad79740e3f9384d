-- 015_closing.sql — a close that sees what it freezes.
--
-- Cost that no mapping rule maps, or that has no recipients, is given to
-- neither women nor men. Closing a year with such cost is refused unless
-- finance accepts it on purpose ("gbetl close-year YYYY --accept-unmapped");
-- the close then records the amounts it accepted, next to who and when.
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

ALTER TABLE result.year_close
    ADD COLUMN unmapped_ore bigint,
    ADD COLUMN unallocated_ore bigint,
    ADD COLUMN unmapped_accepted boolean;
