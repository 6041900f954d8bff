-- Secondary indexes set aside while a bulk load fills an empty store
-- (store.DeferIndexes): each one's name and the statement that creates it
-- again. Rows here mean a load dropped them and has not rebuilt them yet;
-- RestoreIndexes rebuilds them at the end of the load, and Migrate does it
-- at the next start if the load died first.
CREATE TABLE deferred_indexes (
    name       TEXT PRIMARY KEY,
    definition TEXT NOT NULL
);
