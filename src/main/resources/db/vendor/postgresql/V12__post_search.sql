-- Full-text search over the posts (PostgreSQL; db/vendor/sqlite/V12__post_search.sql is its twin). The
-- words are split once, in Java (io.tagwatch.post.SearchWords), and stored in post.words; V12_2 fills
-- them for the posts stored before this migration.
ALTER TABLE post ADD COLUMN words TEXT NOT NULL DEFAULT '';

-- The words as a tsvector, each one a lexeme as it is, with its position for phrases. Not
-- to_tsvector('simple', words): the default parser would split the words again by the server's locale
-- (in C.UTF-8 every non-ASCII character is a letter, in en_US.UTF-8 marks and non-ASCII digits are not),
-- so one store would index differently from another and from SQLite. The words hold letters, digits
-- and marks only, never a quote or a backslash, so each fits between quotes as it is.
CREATE FUNCTION tagwatch_search_vector(words TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT COALESCE(string_agg('''' || w || ''':' || i, ' '), '')::tsvector
    FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS u(w, i)
    WHERE w <> ''
$$;

-- Generated from words by the statement that writes the post, so within the store's transaction: the
-- index always equals the posts.
ALTER TABLE post ADD COLUMN search tsvector GENERATED ALWAYS AS (tagwatch_search_vector(words)) STORED;
CREATE INDEX post_search ON post USING GIN (search);
