-- 30_split.sql — the largest-remainder split, the one way gbetl divides
-- money: the allocation (a cost over women, men and unknown sex), the
-- breakdowns (each part over the cells of a breakdown), the budget and the
-- impact of a change (over the reference year's shares).

-- Split total exactly in proportion to weights by the largest-remainder
-- method: integer parts first, then one öre each to the parts with the
-- largest remainders (ties to the earlier part). Exact: numeric div/mod.
-- A negative weight counts as zero. When no weight is positive the whole
-- total goes to the part p_fallback, or, without one, the result is NULL
-- (nothing to split by).
CREATE FUNCTION result.split_exact(total numeric, weights numeric[], p_fallback integer DEFAULT NULL)
RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    n     integer := coalesce(array_length(weights, 1), 0);
    s     numeric := 0;
    mag   numeric := abs(total);
    parts numeric[] := array_fill(0::numeric, ARRAY[greatest(n, 1)]);
    rems  numeric[] := array_fill(0::numeric, ARRAY[greatest(n, 1)]);
    given numeric := 0;
    i integer;
    best integer;
BEGIN
    FOR i IN 1..n LOOP
        s := s + greatest(coalesce(weights[i], 0), 0);
    END LOOP;
    IF s = 0 THEN
        IF p_fallback IS NULL THEN
            RETURN NULL;
        END IF;
        parts[p_fallback] := total;
        RETURN parts;
    END IF;
    FOR i IN 1..n LOOP
        parts[i] := div(mag * greatest(coalesce(weights[i], 0), 0), s);
        rems[i] := mod(mag * greatest(coalesce(weights[i], 0), 0), s);
        given := given + parts[i];
    END LOOP;
    WHILE given < mag LOOP
        best := 1;
        FOR i IN 2..n LOOP
            IF rems[i] > rems[best] THEN
                best := i;
            END IF;
        END LOOP;
        parts[best] := parts[best] + 1;
        rems[best] := -1;
        given := given + 1;
    END LOOP;
    IF total < 0 THEN
        FOR i IN 1..n LOOP
            parts[i] := -parts[i];
        END LOOP;
    END IF;
    RETURN parts;
END
$$;
COMMENT ON FUNCTION result.split_exact(numeric, numeric[], integer) IS 'Largest-remainder split of a whole amount in öre by weights; the parts always sum to the amount. Without a positive weight: all to the part p_fallback, or NULL without one.';
