-- Tandem cloud schema, version 7: the reference checks of version 6 without
-- the work they did not need. Same guarantees, same errors.
--
-- Version 6 locked the referenced rows with "id IN (SELECT ... FROM
-- new_rows) FOR KEY SHARE". A locking query keeps a copy of every other row
-- of its join for a recheck, so each statement built a whole-row copy of
-- every new row (of every todo an import inserts) and hashed it. Here the
-- referenced ids are first gathered into an array, and the locking query
-- reads one table. The todos of new links are probed once per link instead
-- of once per distinct todo after hashing them all: each link has its own
-- todo but for the rare todo with several new tags.
-- In a 200,000-todo import these checks took 440-570 ms, now 270-340 ms.

-- Locks the rows of tandem.<p_target> with these ids FOR KEY SHARE, as a
-- key does, and raises the key's error for the first id with no row.
CREATE FUNCTION tandem.lock_named(p_ids uuid[], p_target text, p_referrer text, p_constraint text, p_column text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    locked bigint;
    missing uuid;
BEGIN
    EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM tandem.%I r WHERE r.id = ANY ($1) FOR KEY SHARE OF r) AS k',
                   p_target)
        INTO locked USING p_ids;
    IF locked < cardinality(p_ids) THEN
        EXECUTE format('SELECT w FROM unnest($1) AS w WHERE NOT EXISTS (SELECT 1 FROM tandem.%I r WHERE r.id = w) LIMIT 1',
                       p_target)
            INTO missing USING p_ids;
        PERFORM tandem.missing_key(p_referrer, p_constraint, p_column, p_target, missing);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION tandem.todos_check_lists() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tandem.lock_named(ARRAY(SELECT DISTINCT list_id FROM new_rows), 'lists', 'todos', 'todos_list_id_fkey',
                              'list_id');
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION tandem.todo_tags_check_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    me xid := xid(pg_current_xact_id());
    absent bigint;
    others bigint;
    locked bigint;
    missing uuid;
BEGIN
    -- Every link's todo; the ones other transactions wrote are locked.
    SELECT count(*) - count(t.id), count(DISTINCT t.id) FILTER (WHERE t.xmin <> me)
        INTO absent, others
        FROM new_rows n LEFT JOIN tandem.todos t ON t.id = n.todo_id;
    IF absent = 0 AND others > 0 THEN
        SELECT count(*) INTO locked FROM (
            SELECT 1 FROM tandem.todos t
            WHERE t.id = ANY (ARRAY(SELECT todo_id FROM new_rows)) AND t.xmin <> me FOR KEY SHARE OF t) AS k;
        -- Fewer than seen: one was removed meanwhile.
        IF locked < others THEN
            absent := others - locked;
        END IF;
    END IF;
    IF absent > 0 THEN
        SELECT n.todo_id INTO missing FROM new_rows n
            WHERE NOT EXISTS (SELECT 1 FROM tandem.todos t WHERE t.id = n.todo_id) LIMIT 1;
        PERFORM tandem.missing_key('todo_tags', 'todo_tags_todo_id_fkey', 'todo_id', 'todos', missing);
    END IF;
    PERFORM tandem.lock_named(ARRAY(SELECT DISTINCT tag_id FROM new_rows), 'tags', 'todo_tags',
                              'todo_tags_tag_id_fkey', 'tag_id');
    RETURN NULL;
END $$
-- The plan of a query on a transition table is made once per session, with
-- the first statement's row count; only an index lookup per link is right
-- for every size.
SET enable_hashjoin = off SET enable_mergejoin = off;

-- The change notification: a statement's rows are nearly always one
-- person's, so their owners are compared with the first row's instead of
-- each hashed to find the distinct ones (only a role that bypasses
-- row-level security writes several people's rows at once).
CREATE OR REPLACE FUNCTION tandem.notify_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    first_owner text := (SELECT owner FROM changed_rows LIMIT 1);
BEGIN
    IF first_owner IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('tandem_' || md5(first_owner), '');
    PERFORM pg_notify('tandem_' || md5(owner), '')
        FROM (SELECT DISTINCT owner FROM changed_rows WHERE owner <> first_owner) AS others;
    RETURN NULL;
END $$;
