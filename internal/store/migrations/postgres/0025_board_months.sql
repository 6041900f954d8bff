-- stats_board_months holds the untagged day cells (stats_cells, tag = '')
-- summed by board, month and board region, one row each: the counters, and
-- the handling-time histogram of the first replies packed into hist as
-- "days:replies" pairs, ascending by days and comma-separated, as in
-- stats_region_halves. A board's figures since it began (its page) read
-- one row per month from it instead of every day cell of the board (118,092
-- cells for the busiest board at 10 million messages, scattered over the
-- whole of stats_cells), and the day cells only for the part months at the
-- ends of the period. region_code is in the key because a message's region
-- is its own (an import may file it elsewhere than its board's), so a board
-- asked within a region still counts exactly. The fold keeps it in the same
-- transaction as the other rollups (store.applyStats); this fills it for an
-- existing store from the day cells.
CREATE TABLE stats_board_months (
    board_id    BIGINT NOT NULL,
    month       INTEGER NOT NULL,
    region_code TEXT COLLATE "C" NOT NULL,
    published   BIGINT NOT NULL DEFAULT 0,
    received    BIGINT NOT NULL DEFAULT 0,
    replied     BIGINT NOT NULL DEFAULT 0,
    on_time     BIGINT NOT NULL DEFAULT 0,
    cohort      BIGINT NOT NULL DEFAULT 0,
    followups   BIGINT NOT NULL DEFAULT 0,
    ratings     BIGINT NOT NULL DEFAULT 0,
    good        BIGINT NOT NULL DEFAULT 0,
    stars       BIGINT NOT NULL DEFAULT 0,
    scored      BIGINT NOT NULL DEFAULT 0,
    quality     BIGINT NOT NULL DEFAULT 0,
    hist        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (board_id, month, region_code)
);

INSERT INTO stats_board_months (board_id, month, region_code, published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality, hist)
SELECT board_id, month, region_code, SUM(published), SUM(received), SUM(replied), SUM(on_time), SUM(cohort), SUM(followups), SUM(ratings), SUM(good), SUM(stars), SUM(scored), SUM(quality),
    COALESCE(string_agg(CASE WHEN days >= 0 AND replied <> 0 THEN CAST(days AS TEXT) || ':' || CAST(replied AS TEXT) END, ',' ORDER BY days), '')
FROM (
    SELECT board_id, day / 100 AS month, region_code, days,
        SUM(published) AS published, SUM(received) AS received, SUM(replied) AS replied, SUM(on_time) AS on_time, SUM(cohort) AS cohort, SUM(followups) AS followups, SUM(ratings) AS ratings, SUM(good) AS good, SUM(stars) AS stars, SUM(scored) AS scored, SUM(quality) AS quality
    FROM stats_cells
    WHERE tag = ''
    GROUP BY 1, 2, 3, 4
) AS by_days
GROUP BY board_id, month, region_code;
