-- "Overdue now" counted open messages past their deadline row by row: at
-- 10M messages, 2.5 million of them and half a second for every summary.
-- These tables count the open messages that have a deadline per scope, so
-- that "overdue now" is that count less the open messages whose deadline
-- is still ahead, which are few (the last weeks' messages) and read through
-- the partial index on open deadlines (store.StatsOverdue).
--
-- Triggers on messages append +1/-1 to stats_open_log as a message enters
-- or leaves the open states with a deadline, or moves between scopes while
-- open; appending never waits on another transaction's counter. The stats
-- refresh moves the committed entries into stats_open (per board, unit,
-- type and domain) and stats_open_regions (per region), and readers add
-- the entries not yet moved, in one statement and so one snapshot. The open
-- states are lifecycle's Published, Assigned and Handling, as in the index
-- messages_open_deadline.
CREATE TABLE stats_open (
    region_code TEXT COLLATE "C" NOT NULL,
    board_id    BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (board_id, unit_id, type, domain, region_code)
);
CREATE INDEX stats_open_unit ON stats_open (unit_id) WHERE unit_id <> 0;

CREATE TABLE stats_open_regions (
    region_code TEXT COLLATE "C" PRIMARY KEY,
    n           BIGINT NOT NULL
);

CREATE TABLE stats_open_log (
    region_code TEXT COLLATE "C" NOT NULL,
    board_id    BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    n           BIGINT NOT NULL
);

CREATE FUNCTION stats_open_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL THEN
        INSERT INTO stats_open_log VALUES (OLD.region_code, OLD.board_id, COALESCE(OLD.unit_id, 0), OLD.type, OLD.domain, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL THEN
        INSERT INTO stats_open_log VALUES (NEW.region_code, NEW.board_id, COALESCE(NEW.unit_id, 0), NEW.type, NEW.domain, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER messages_open_insert AFTER INSERT ON messages FOR EACH ROW
    WHEN (NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL)
    EXECUTE FUNCTION stats_open_track();
CREATE TRIGGER messages_open_delete AFTER DELETE ON messages FOR EACH ROW
    WHEN (OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL)
    EXECUTE FUNCTION stats_open_track();
-- An update counts only when it changes whether the message is open with
-- a deadline, or moves an open one to another scope; a new deadline alone
-- (an extension, a supervisor's 督办) changes nothing here.
CREATE TRIGGER messages_open_update AFTER UPDATE OF status, deadline, region_code, board_id, unit_id, type, domain ON messages FOR EACH ROW
    WHEN ((OLD.status IN ('published', 'assigned', 'handling') AND OLD.deadline IS NOT NULL)
            IS DISTINCT FROM (NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL)
        OR (NEW.status IN ('published', 'assigned', 'handling') AND NEW.deadline IS NOT NULL
            AND (OLD.region_code, OLD.board_id, COALESCE(OLD.unit_id, 0), OLD.type, OLD.domain)
                IS DISTINCT FROM (NEW.region_code, NEW.board_id, COALESCE(NEW.unit_id, 0), NEW.type, NEW.domain)))
    EXECUTE FUNCTION stats_open_track();

INSERT INTO stats_open (region_code, board_id, unit_id, type, domain, n)
SELECT region_code, board_id, COALESCE(unit_id, 0), type, domain, COUNT(*)
FROM messages
WHERE status IN ('published', 'assigned', 'handling') AND deadline IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO stats_open_regions (region_code, n)
SELECT region_code, SUM(n) FROM stats_open GROUP BY region_code;
