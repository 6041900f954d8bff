-- The near-duplicate check of every submission (store.nearDuplicate)
-- looks for messages sharing one of four 16-bit fingerprint blocks and
-- written within the duplicate window (180 days). Indexed on the block
-- alone, a block value matched about 150 messages per ten million, most
-- of them older than the window, and every one was read from the table;
-- once messages_created existed (0026), PostgreSQL preferred to AND the
-- blocks with the whole window instead, 85,000 rows when the window held
-- the benchmark's submissions: 55-92 ms a submission, the most of what a
-- submission cost at 10M messages. Indexed on (block, created_at), each
-- block's lookup reads only its matches within the window. Messages
-- without a fingerprint (0: every block 0) are left out of the indexes,
-- as the lookup leaves them out: a new fingerprint with one block 0
-- otherwise read every one of them in the window.
CREATE INDEX IF NOT EXISTS messages_fp0_created ON messages (fp0, created_at) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp1_created ON messages (fp1, created_at) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp2_created ON messages (fp2, created_at) WHERE fingerprint <> 0;
CREATE INDEX IF NOT EXISTS messages_fp3_created ON messages (fp3, created_at) WHERE fingerprint <> 0;
DROP INDEX IF EXISTS messages_fp0;
DROP INDEX IF EXISTS messages_fp1;
DROP INDEX IF EXISTS messages_fp2;
DROP INDEX IF EXISTS messages_fp3;
