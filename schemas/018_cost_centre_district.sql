-- 018_cost_centre_district.sql — the district of a cost centre: the optional
-- sixth column of org_units.csv.  A cost centre that works in one district
-- (a home-care group, a residential home) names it, so that a service record
-- without a district of its own can be placed by its cost centre in the
-- breakdown by district (docs/method.md, "Breakdowns").  Empty: the cost
-- centre has no district of its own.
ALTER TABLE mapping.org_unit
    ADD COLUMN district text CHECK (district IS NULL OR (district = btrim(district) AND district <> ''));
