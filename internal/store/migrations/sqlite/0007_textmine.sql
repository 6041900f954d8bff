-- Text mining in the server: the classifier's suggested domain, a SimHash
-- fingerprint cut in four 16-bit blocks (two near-duplicates share at
-- least one block, so the blocks are indexed for the lookup), the
-- original a near-duplicate is linked to, and a quality score per reply.
ALTER TABLE messages ADD COLUMN suggested_domain TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN suggestion_confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN fingerprint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN fp0 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN fp1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN fp2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN fp3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN duplicate_of INTEGER REFERENCES messages (id);
CREATE INDEX messages_fp0 ON messages (fp0);
CREATE INDEX messages_fp1 ON messages (fp1);
CREATE INDEX messages_fp2 ON messages (fp2);
CREATE INDEX messages_fp3 ON messages (fp3);
ALTER TABLE replies ADD COLUMN quality INTEGER;
