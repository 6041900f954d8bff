-- The near-duplicate check (store.nearDuplicate) reads, for each
-- candidate its block indexes find (0027), the candidate's fingerprint
-- and the original it links to. Those columns were added to messages
-- after the four text columns (0007), so SQLite reached them only by
-- walking past the text, through the row's overflow pages when the text
-- outgrew its page: at a million messages that check was most of what a
-- submission cost before its transaction. Holding both columns in the
-- block indexes answers the check from the indexes alone (the message ID
-- is in every SQLite index).
CREATE INDEX IF NOT EXISTS messages_fp0_window ON messages (fp0, created_at, fingerprint, duplicate_of) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp1_window ON messages (fp1, created_at, fingerprint, duplicate_of) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp2_window ON messages (fp2, created_at, fingerprint, duplicate_of) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp3_window ON messages (fp3, created_at, fingerprint, duplicate_of) WHERE fingerprint <> 0;
DROP INDEX IF EXISTS messages_fp0_created;
DROP INDEX IF EXISTS messages_fp1_created;
DROP INDEX IF EXISTS messages_fp2_created;
DROP INDEX IF EXISTS messages_fp3_created;
