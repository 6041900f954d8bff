-- Supervision (督办) and deadline notices.
--
-- events.deadline is the deadline an event set (accept, an approved
-- extension, a follow-up, a formal supervision) or, for the job runner's
-- reminder (remind) and overdue notice (overdue), the deadline it was
-- about. The fold reads the deadline in force from the log, so a deadline
-- a supervisor set counts in 按时办结率 as it counted in "overdue now".
-- The unique index sends each notice once per message and deadline, however
-- often and on however many instances the job runs: a second insert waits
-- for the first transaction and then fails, and its sender backs off.
ALTER TABLE events ADD COLUMN deadline TIMESTAMPTZ;
CREATE UNIQUE INDEX events_deadline_notice ON events (message_id, action, deadline) WHERE action IN ('remind', 'overdue');

-- Reply quality in the rollups: published final replies with a score and
-- the sum of their scores (0–100), so a unit's mean score is read like
-- every other figure. The rollups are folded again from the log, so that
-- replies scored before this migration count too.
ALTER TABLE stats_cells ADD COLUMN scored BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stats_cells ADD COLUMN quality BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stats_months ADD COLUMN scored BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stats_months ADD COLUMN quality BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stats_province_months ADD COLUMN scored BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stats_province_months ADD COLUMN quality BIGINT NOT NULL DEFAULT 0;
DELETE FROM stats_cells;
DELETE FROM stats_months;
DELETE FROM stats_province_months;
DELETE FROM stats_board_first;
DELETE FROM stats_folded_xids;
UPDATE stats_state SET last_event_id = 0, xid_lo = 0;
