-- gridmap_normal_p(z): the two-sided p-value of a standard normal z-score, for the Getis-Ord
-- Gi* hotspot classes. PostgreSQL 15 has no erf(); this is Abramowitz & Stegun 7.1.26
-- (absolute error below 1.5e-7), ample for 90/95/99 % confidence classes.
CREATE OR REPLACE FUNCTION gridmap_normal_p(z double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN z IS NULL THEN NULL ELSE
        (SELECT 1 - (1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                         * exp(-x * x))
         FROM (SELECT abs(z) / sqrt(2.0) AS x, 1 / (1 + 0.3275911 * abs(z) / sqrt(2.0)) AS t) v)
    END
$$;
