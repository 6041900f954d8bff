-- The rollups become WITHOUT ROWID tables, stored in the order of their
-- primary key. As rowid tables every cell lived twice, in the table and in
-- its primary-key index: a fold's upsert wrote both, and a figure's range
-- read found each cell in the index and then fetched its counters from the
-- table, one page read per cell. Clustered, both touch one B-tree, and
-- a month's or a day's cells lie side by side. Nothing else changes: the
-- same columns, keys and secondary indexes, and the counts are copied.
CREATE TABLE stats_cells_clustered (
    day         INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    board_id    INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    tag         TEXT NOT NULL,
    days        INTEGER NOT NULL,
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
    PRIMARY KEY (day, region_code, board_id, unit_id, type, domain, tag, days)
) WITHOUT ROWID;
INSERT INTO stats_cells_clustered (day, region_code, board_id, unit_id, type, domain, tag, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality)
SELECT day, region_code, board_id, unit_id, type, domain, tag, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality
FROM stats_cells ORDER BY day, region_code, board_id, unit_id, type, domain, tag, days;
DROP TABLE stats_cells;
ALTER TABLE stats_cells_clustered RENAME TO stats_cells;
CREATE INDEX stats_cells_board ON stats_cells (board_id, day);
CREATE INDEX stats_cells_unit ON stats_cells (unit_id, day) WHERE unit_id <> 0;
CREATE INDEX stats_cells_tag ON stats_cells (tag, day) WHERE tag <> '';
CREATE INDEX stats_cells_domain ON stats_cells (domain, day);
CREATE INDEX stats_cells_type ON stats_cells (type, day);

CREATE TABLE stats_months_clustered (
    month       INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    days        INTEGER NOT NULL,
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
    PRIMARY KEY (month, region_code, days)
) WITHOUT ROWID;
INSERT INTO stats_months_clustered (month, region_code, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality)
SELECT month, region_code, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality
FROM stats_months ORDER BY month, region_code, days;
DROP TABLE stats_months;
ALTER TABLE stats_months_clustered RENAME TO stats_months;

CREATE TABLE stats_province_months_clustered (
    month       INTEGER NOT NULL,
    province    TEXT NOT NULL,
    days        INTEGER NOT NULL,
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
    PRIMARY KEY (month, province, days)
) WITHOUT ROWID;
INSERT INTO stats_province_months_clustered (month, province, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality)
SELECT month, province, days,
    published, received, replied, on_time, cohort, followups, ratings, good, stars, scored, quality
FROM stats_province_months ORDER BY month, province, days;
DROP TABLE stats_province_months;
ALTER TABLE stats_province_months_clustered RENAME TO stats_province_months;
