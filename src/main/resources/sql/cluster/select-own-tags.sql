-- The tags this instance holds, as the database says: a tag whose letting go failed (the database did not
-- answer) is still among them, and reconciling lets it go then, or its job would outlive it.
SELECT tag FROM tag_holder WHERE instance = ?
