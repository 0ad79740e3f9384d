-- 30_split.sql — the largest-remainder split: an amount in öre divided in
-- proportion to weights so that the parts sum to it exactly.

-- Split total exactly in proportion to weights by the largest-remainder
-- method: integer parts first, then one öre each to the parts with the
-- largest remainders (ties to the earlier part). Exact: numeric div/mod.
CREATE FUNCTION result.split_exact(total bigint, weights numeric[]) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    n     integer := coalesce(array_length(weights, 1), 0);
    s     numeric := 0;
    mag   numeric := abs(total);
    parts bigint[] := array_fill(0::bigint, ARRAY[greatest(n, 1)]);
    rems  numeric[] := array_fill(0::numeric, ARRAY[greatest(n, 1)]);
    given numeric := 0;
    i integer;
    best integer;
BEGIN
    FOR i IN 1..n LOOP
        s := s + greatest(coalesce(weights[i], 0), 0);
    END LOOP;
    IF s = 0 THEN
        RETURN NULL;
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
COMMENT ON FUNCTION result.split_exact(bigint, numeric[]) IS 'Largest-remainder split of an amount in öre by weights; the parts always sum to the amount.';

-- Split an amount over cells by weights (largest remainder); when no cell
-- has a positive weight the whole amount goes to the cell p_fallback.
CREATE FUNCTION result.split_cells(p_amount bigint, p_weights numeric[], p_fallback integer) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    parts bigint[];
BEGIN
    IF p_amount = 0 THEN
        RETURN array_fill(0::bigint, ARRAY[array_length(p_weights, 1)]);
    END IF;
    parts := result.split_exact(p_amount, p_weights);
    IF parts IS NULL THEN
        parts := array_fill(0::bigint, ARRAY[array_length(p_weights, 1)]);
        parts[p_fallback] := p_amount;
    END IF;
    RETURN parts;
END
$$;
COMMENT ON FUNCTION result.split_cells(bigint, numeric[], integer) IS 'Largest-remainder split of an amount in öre over the cells of a breakdown; with no positive weight the whole amount goes to the fallback cell.';
