-- "Overdue now" counted open messages past their deadline row by row.
-- These tables count the open messages that have a deadline per scope, so
-- that "overdue now" is that count less the open messages whose deadline
-- is still ahead, which are few and read through the partial index on
-- open deadlines (store.StatsOverdue). The PostgreSQL migration of the same
-- number says more.
--
-- Triggers on messages append +1/-1 to stats_open_log as a message enters
-- or leaves the open states with a deadline, or moves between scopes while
-- open; the stats refresh moves the entries into stats_open and
-- stats_open_regions, and readers add the entries not yet moved. The open
-- states are lifecycle's Published, Assigned and Handling, as in the index
-- messages_open_deadline.
CREATE TABLE stats_open (
    region_code TEXT NOT NULL,
    board_id    INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (board_id, unit_id, type, domain, region_code)
) WITHOUT ROWID;
CREATE INDEX stats_open_unit ON stats_open (unit_id) WHERE unit_id <> 0;

CREATE TABLE stats_open_regions (
    region_code TEXT PRIMARY KEY,
    n           INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stats_open_log (
    region_code TEXT NOT NULL,
    board_id    INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    n           INTEGER NOT NULL
);

CREATE TRIGGER messages_open_insert AFTER INSERT ON messages
    WHEN NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL
BEGIN
    INSERT INTO stats_open_log VALUES (NEW.region_code, NEW.board_id, COALESCE(NEW.unit_id, 0), NEW.type, NEW.domain, 1);
END;
CREATE TRIGGER messages_open_delete AFTER DELETE ON messages
    WHEN OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL
BEGIN
    INSERT INTO stats_open_log VALUES (OLD.region_code, OLD.board_id, COALESCE(OLD.unit_id, 0), OLD.type, OLD.domain, -1);
END;
-- An update counts only when it changes whether the message is open with
-- a deadline, or moves an open one to another scope; a new deadline alone
-- (an extension, a supervisor's 督办) changes nothing here.
CREATE TRIGGER messages_open_update AFTER UPDATE OF status, deadline, region_code, board_id, unit_id, type, domain ON messages
    WHEN (OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL)
            IS NOT (NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL)
        OR (NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL
            AND (OLD.region_code IS NOT NEW.region_code OR OLD.board_id IS NOT NEW.board_id
                OR COALESCE(OLD.unit_id, 0) IS NOT COALESCE(NEW.unit_id, 0) OR OLD.type IS NOT NEW.type OR OLD.domain IS NOT NEW.domain))
BEGIN
    INSERT INTO stats_open_log SELECT OLD.region_code, OLD.board_id, COALESCE(OLD.unit_id, 0), OLD.type, OLD.domain, -1
        WHERE OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL;
    INSERT INTO stats_open_log SELECT NEW.region_code, NEW.board_id, COALESCE(NEW.unit_id, 0), NEW.type, NEW.domain, 1
        WHERE NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL;
END;

INSERT INTO stats_open (region_code, board_id, unit_id, type, domain, n)
SELECT region_code, board_id, COALESCE(unit_id, 0), type, domain, COUNT(*)
FROM messages
WHERE status IN ('published', 'assigned', 'handling') AND deadline IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO stats_open_regions (region_code, n)
SELECT region_code, SUM(n) FROM stats_open GROUP BY region_code;
