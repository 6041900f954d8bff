-- Indexes for the background jobs, which at 10 million messages read far
-- more than they use without them. IF NOT EXISTS lets an operator build
-- them beforehand without blocking writes (CREATE INDEX CONCURRENTLY on
-- PostgreSQL, docs/deploy.md) and this migration then pass over them.
--
-- Closing unrated messages (workflow.Desk.CloseUnrated) lists the replied
-- messages past the rating window in batches, by (replied_at, id). Only
-- messages in state replied are in the index, so it stays as small as the
-- messages awaiting a rating, and a batch reads its rows and stops.
CREATE INDEX IF NOT EXISTS messages_replied_unrated ON messages (replied_at, id) WHERE status = 'replied';

-- Hot-issue discovery (store.HotTexts) and the near-duplicate check read
-- the messages written in a recent window; with no index on created_at an
-- empty or sparse window made PostgreSQL read every message.
CREATE INDEX IF NOT EXISTS messages_created ON messages (created_at);

-- A unit's notification goes to its handlers (store.UnsentMail): with no
-- index on users.unit_id finding them read every user.
CREATE INDEX IF NOT EXISTS users_unit_handlers ON users (unit_id) WHERE role = 'handler';
