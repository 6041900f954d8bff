-- stats_region_halves holds the monthly rollup (stats_months) summed by
-- half-year (half = yyyy1 for January–June, yyyy2 for July–December) and
-- board region, one row each: the counters, and the handling-time histogram
-- of the first replies packed into hist as "days:replies" pairs, ascending
-- by days and comma-separated. The city and county rankings of a half-year
-- or a year read one row per region from it instead of one per region,
-- month and handling day (tens of thousands of rows, growing with the
-- volume, against a few thousand that do not). The fold keeps it in the
-- same transaction as the other rollups (store.applyStats); this fills it
-- for an existing store from the monthly rollup.
CREATE TABLE stats_region_halves (
    half        INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    received    INTEGER NOT NULL DEFAULT 0,
    replied     INTEGER NOT NULL DEFAULT 0,
    on_time     INTEGER NOT NULL DEFAULT 0,
    cohort      INTEGER NOT NULL DEFAULT 0,
    followups   INTEGER NOT NULL DEFAULT 0,
    ratings     INTEGER NOT NULL DEFAULT 0,
    good        INTEGER NOT NULL DEFAULT 0,
    stars       INTEGER NOT NULL DEFAULT 0,
    scored      INTEGER NOT NULL DEFAULT 0,
    quality     INTEGER NOT NULL DEFAULT 0,
    hist        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (half, region_code)
) WITHOUT ROWID;

INSERT INTO stats_region_halves (half, region_code, published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality, hist)
SELECT half, region_code, SUM(published), SUM(received), SUM(replied), SUM(on_time), SUM(cohort), SUM(followups), SUM(ratings), SUM(good), SUM(stars), SUM(scored), SUM(quality),
    COALESCE(group_concat(CASE WHEN days >= 0 AND replied <> 0 THEN CAST(days AS TEXT) || ':' || CAST(replied AS TEXT) END, ','), '')
FROM (
    SELECT (month / 100) * 10 + CASE WHEN month % 100 <= 6 THEN 1 ELSE 2 END AS half, region_code, days,
        SUM(published) AS published, SUM(received) AS received, SUM(replied) AS replied, SUM(on_time) AS on_time, SUM(cohort) AS cohort, SUM(followups) AS followups, SUM(ratings) AS ratings, SUM(good) AS good, SUM(stars) AS stars, SUM(scored) AS scored, SUM(quality) AS quality
    FROM stats_months
    GROUP BY 1, 2, 3
) AS by_days
GROUP BY half, region_code;

-- Activity in a ranking is per board: the boards of each region that had
-- joined by the end of the period (store.BoardsPerRegion) are counted from
-- this index alone, not from every board's row.
CREATE INDEX boards_region_joined ON boards (region_code, joined_at);
