-- This instance let the tag go (its file changed or went).
DELETE FROM tag_holder WHERE instance = ? AND tag = ?
