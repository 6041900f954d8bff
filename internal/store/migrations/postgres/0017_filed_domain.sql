-- The domain under which a message's already folded events sit in the
-- rollups, set when staff correct the domain and cleared once the next
-- fold has moved those counts to the new domain (see store/stats_refile.go).
-- NULL: the rollups file the message under its current domain.
ALTER TABLE messages ADD COLUMN filed_domain TEXT;
