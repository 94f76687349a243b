-- The author's profile page, as their source links it (the dashboard's top users link to it); NULL when
-- the source gave none. V12_3 fills it for the authors stored before this migration.
ALTER TABLE author ADD COLUMN profile_url TEXT;
