-- Full-text search over the posts (SQLite; db/vendor/postgresql/V12__post_search.sql is its twin). The
-- words are split once, in Java (io.tagwatch.post.SearchWords), and stored in post.words; V12_2 fills
-- them for the posts stored before this migration.
ALTER TABLE post ADD COLUMN words TEXT NOT NULL DEFAULT '';

-- FTS5 holding only the index of post.words (external content: the words are not stored twice). The
-- ascii tokenizer splits at ASCII spaces and punctuation only and folds ASCII case only, so it indexes
-- the words exactly as Java wrote them; unicode61 would split them again at marks and fold otherwise.
-- Rows are found by post's rowid, which VACUUM keeps (MigrationsTest checks it).
CREATE VIRTUAL TABLE post_fts USING fts5(words, content = 'post', content_rowid = 'rowid', tokenize = 'ascii');

-- The index follows each change of a post in the statement that makes it, so within the store's
-- transaction: it always equals the posts.
CREATE TRIGGER post_fts_insert AFTER INSERT ON post BEGIN
    INSERT INTO post_fts (rowid, words) VALUES (new.rowid, new.words);
END;

CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
    INSERT INTO post_fts (post_fts, rowid, words) VALUES ('delete', old.rowid, old.words);
END;

CREATE TRIGGER post_fts_update AFTER UPDATE OF words ON post BEGIN
    INSERT INTO post_fts (post_fts, rowid, words) VALUES ('delete', old.rowid, old.words);
    INSERT INTO post_fts (rowid, words) VALUES (new.rowid, new.words);
END;

-- The posts stored already, each with no words yet: in the index, so that V12_2's updates replace an
-- entry that is there (FTS5 takes a 'delete' of a row it never indexed for corruption).
INSERT INTO post_fts (post_fts) VALUES ('rebuild');
