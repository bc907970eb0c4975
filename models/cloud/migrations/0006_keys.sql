-- Tandem cloud schema, version 6: the references between todos, lists, tags
-- and tag links are checked once per statement over all of its rows, instead
-- of once per row.
--
-- A declared foreign key runs a query for every inserted row: for a 200,000-
-- todo import that was 600,000 queries, more than half of the server's time.
-- The checks below keep what the keys guaranteed, with the same error
-- (SQLSTATE 23503, foreign_key_violation, and the keys' old names):
--   - a row that refers to another must find it, and keeps it from being
--     removed until the writing transaction ends (FOR KEY SHARE, as a key
--     does; rows the transaction wrote itself need no lock, nobody else can
--     see them);
--   - a row that others refer to cannot be removed (only the tombstone purge
--     removes rows) or change its id.
-- Differences from the keys:
--   - a row must find the row it refers to among the rows its writer may
--     see, so under row-level security one person's todo cannot refer to
--     another person's list (the keys allowed it; nothing ever did it), and
--     a removal checks the referring rows its writer may see;
--   - a removal or an id change of a row others may refer to needs READ
--     COMMITTED, where the check sees rows committed meanwhile (a key
--     checked with a newer snapshot under REPEATABLE READ); the purge runs
--     in READ COMMITTED;
--   - "written by this transaction" is told by xmin, a 32-bit transaction
--     id: a frozen row whose old xmin equals the current id is not locked,
--     after a full wraparound of the ids.

ALTER TABLE tandem.todos DROP CONSTRAINT todos_list_id_fkey;
ALTER TABLE tandem.todo_tags DROP CONSTRAINT todo_tags_todo_id_fkey;
ALTER TABLE tandem.todo_tags DROP CONSTRAINT todo_tags_tag_id_fkey;

CREATE FUNCTION tandem.missing_key(p_table text, p_constraint text, p_column text, p_target text, p_value uuid)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', p_table, p_constraint
        USING ERRCODE = 'foreign_key_violation',
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', p_column, p_value, p_target),
              SCHEMA = 'tandem', TABLE = p_table, CONSTRAINT = p_constraint;
END $$;

-- New todos: every list they name exists, and stays until commit.
CREATE FUNCTION tandem.todos_check_lists() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    wanted bigint;
    locked bigint;
    missing uuid;
BEGIN
    SELECT count(*) INTO wanted FROM (SELECT DISTINCT list_id FROM new_rows) AS n;
    SELECT count(*) INTO locked FROM (
        SELECT 1 FROM tandem.lists l WHERE l.id IN (SELECT list_id FROM new_rows) FOR KEY SHARE OF l) AS k;
    IF locked < wanted THEN
        SELECT n.list_id INTO missing FROM new_rows n
            WHERE NOT EXISTS (SELECT 1 FROM tandem.lists l WHERE l.id = n.list_id) LIMIT 1;
        PERFORM tandem.missing_key('todos', 'todos_list_id_fkey', 'list_id', 'lists', missing);
    END IF;
    RETURN NULL;
END $$
-- The plan of a query on a transition table is made once per session, with
-- the first statement's row count; only an index lookup per referenced id
-- is right for every size.
SET enable_hashjoin = off SET enable_mergejoin = off;

-- New tag links: every todo and tag they name exists, and stays until
-- commit. The todos of a link are mostly written by the same transaction
-- (an import writes a batch of todos, then their links); only the others
-- are locked.
CREATE FUNCTION tandem.todo_tags_check_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    me xid := xid(pg_current_xact_id());
    wanted bigint;
    present bigint;
    others bigint;
    locked bigint;
    missing uuid;
BEGIN
    SELECT count(*), count(t.id), count(t.id) FILTER (WHERE t.xmin <> me)
        INTO wanted, present, others
        FROM (SELECT DISTINCT todo_id FROM new_rows) AS n
        LEFT JOIN tandem.todos t ON t.id = n.todo_id;
    IF others > 0 THEN
        SELECT count(*) INTO locked FROM (
            SELECT 1 FROM tandem.todos t
            WHERE t.id IN (SELECT todo_id FROM new_rows) AND t.xmin <> me FOR KEY SHARE OF t) AS k;
        -- Fewer than seen: one was removed meanwhile.
        present := present - others + locked;
    END IF;
    IF present < wanted THEN
        SELECT n.todo_id INTO missing FROM new_rows n
            WHERE NOT EXISTS (SELECT 1 FROM tandem.todos t WHERE t.id = n.todo_id) LIMIT 1;
        PERFORM tandem.missing_key('todo_tags', 'todo_tags_todo_id_fkey', 'todo_id', 'todos', missing);
    END IF;

    SELECT count(*) INTO wanted FROM (SELECT DISTINCT tag_id FROM new_rows) AS n;
    SELECT count(*) INTO locked FROM (
        SELECT 1 FROM tandem.tags g WHERE g.id IN (SELECT tag_id FROM new_rows) FOR KEY SHARE OF g) AS k;
    IF locked < wanted THEN
        SELECT n.tag_id INTO missing FROM new_rows n
            WHERE NOT EXISTS (SELECT 1 FROM tandem.tags g WHERE g.id = n.tag_id) LIMIT 1;
        PERFORM tandem.missing_key('todo_tags', 'todo_tags_tag_id_fkey', 'tag_id', 'tags', missing);
    END IF;
    RETURN NULL;
END $$
SET enable_hashjoin = off SET enable_mergejoin = off;

CREATE TRIGGER todos_check_lists AFTER INSERT ON tandem.todos
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.todos_check_lists();
CREATE TRIGGER todo_tags_check_keys AFTER INSERT ON tandem.todo_tags
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.todo_tags_check_keys();

-- An update that changes a reference (a todo moved to another list, a link
-- pointed elsewhere): the same check for that row. The WHEN clause keeps
-- every other update free of it.
CREATE FUNCTION tandem.check_changed_reference() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'todos' THEN
        PERFORM 1 FROM tandem.lists l WHERE l.id = NEW.list_id FOR KEY SHARE OF l;
        IF NOT FOUND THEN
            PERFORM tandem.missing_key('todos', 'todos_list_id_fkey', 'list_id', 'lists', NEW.list_id);
        END IF;
    ELSE
        PERFORM 1 FROM tandem.todos t WHERE t.id = NEW.todo_id FOR KEY SHARE OF t;
        IF NOT FOUND THEN
            PERFORM tandem.missing_key('todo_tags', 'todo_tags_todo_id_fkey', 'todo_id', 'todos', NEW.todo_id);
        END IF;
        PERFORM 1 FROM tandem.tags g WHERE g.id = NEW.tag_id FOR KEY SHARE OF g;
        IF NOT FOUND THEN
            PERFORM tandem.missing_key('todo_tags', 'todo_tags_tag_id_fkey', 'tag_id', 'tags', NEW.tag_id);
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER todos_check_moved_list BEFORE UPDATE OF list_id ON tandem.todos
    FOR EACH ROW WHEN (NEW.list_id IS DISTINCT FROM OLD.list_id)
    EXECUTE FUNCTION tandem.check_changed_reference();
CREATE TRIGGER todo_tags_check_changed_keys BEFORE UPDATE OF todo_id, tag_id ON tandem.todo_tags
    FOR EACH ROW WHEN (NEW.todo_id IS DISTINCT FROM OLD.todo_id OR NEW.tag_id IS DISTINCT FROM OLD.tag_id)
    EXECUTE FUNCTION tandem.check_changed_reference();

-- The other side: a list, todo or tag that rows still refer to keeps its id
-- and is not removed.
CREATE FUNCTION tandem.referenced_error(p_table text, p_constraint text, p_referrer text, p_id uuid)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
        p_table, p_constraint, p_referrer
        USING ERRCODE = 'foreign_key_violation',
              DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', p_id, p_referrer),
              SCHEMA = 'tandem', TABLE = p_table, CONSTRAINT = p_constraint;
END $$;

-- The check must see referring rows committed while this transaction ran.
CREATE FUNCTION tandem.require_read_committed(p_table text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'removing rows of "%", or changing their ids, needs READ COMMITTED isolation', p_table
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'Rows that refer to them may have been committed since this transaction began.';
    END IF;
END $$;

CREATE FUNCTION tandem.check_unreferenced(p_table text, p_id uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_table = 'lists' AND EXISTS (SELECT 1 FROM tandem.todos t WHERE t.list_id = p_id) THEN
        PERFORM tandem.referenced_error('lists', 'todos_list_id_fkey', 'todos', p_id);
    ELSIF p_table = 'todos' AND EXISTS (SELECT 1 FROM tandem.todo_tags tt WHERE tt.todo_id = p_id) THEN
        PERFORM tandem.referenced_error('todos', 'todo_tags_todo_id_fkey', 'todo_tags', p_id);
    ELSIF p_table = 'tags' AND EXISTS (SELECT 1 FROM tandem.todo_tags tt WHERE tt.tag_id = p_id) THEN
        PERFORM tandem.referenced_error('tags', 'todo_tags_tag_id_fkey', 'todo_tags', p_id);
    END IF;
END $$;

CREATE FUNCTION tandem.check_id_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tandem.require_read_committed(TG_TABLE_NAME);
    PERFORM tandem.check_unreferenced(TG_TABLE_NAME, OLD.id);
    RETURN NEW;
END $$;

CREATE TRIGGER lists_check_id BEFORE UPDATE OF id ON tandem.lists
    FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION tandem.check_id_change();
CREATE TRIGGER todos_check_id BEFORE UPDATE OF id ON tandem.todos
    FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION tandem.check_id_change();
CREATE TRIGGER tags_check_id BEFORE UPDATE OF id ON tandem.tags
    FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION tandem.check_id_change();

-- Rows really removed (the purge; every other DELETE became a tombstone and
-- removed nothing): none may still be referred to.
CREATE FUNCTION tandem.check_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    referenced uuid;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
        RETURN NULL; -- a DELETE the tombstone trigger turned into an update
    END IF;
    PERFORM tandem.require_read_committed(TG_TABLE_NAME);
    IF TG_TABLE_NAME = 'lists' THEN
        SELECT o.id INTO referenced FROM old_rows o
            WHERE EXISTS (SELECT 1 FROM tandem.todos t WHERE t.list_id = o.id) LIMIT 1;
    ELSIF TG_TABLE_NAME = 'todos' THEN
        SELECT o.id INTO referenced FROM old_rows o
            WHERE EXISTS (SELECT 1 FROM tandem.todo_tags tt WHERE tt.todo_id = o.id) LIMIT 1;
    ELSE
        SELECT o.id INTO referenced FROM old_rows o
            WHERE EXISTS (SELECT 1 FROM tandem.todo_tags tt WHERE tt.tag_id = o.id) LIMIT 1;
    END IF;
    IF FOUND THEN
        PERFORM tandem.check_unreferenced(TG_TABLE_NAME, referenced);
    END IF;
    RETURN NULL;
END $$
SET enable_hashjoin = off SET enable_mergejoin = off;

CREATE TRIGGER lists_check_removed AFTER DELETE ON tandem.lists
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_removed();
CREATE TRIGGER todos_check_removed AFTER DELETE ON tandem.todos
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_removed();
CREATE TRIGGER tags_check_removed AFTER DELETE ON tandem.tags
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_removed();

-- TRUNCATE of a table others refer to, without them in the same command
-- (a key refused it too). Checked after the command, when every table it
-- names is empty; it sees the rows the truncating role may see.
CREATE FUNCTION tandem.check_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'lists' AND EXISTS (SELECT 1 FROM tandem.todos) THEN
        PERFORM tandem.referenced_error('lists', 'todos_list_id_fkey', 'todos', NULL);
    ELSIF TG_TABLE_NAME = 'todos' AND EXISTS (SELECT 1 FROM tandem.todo_tags) THEN
        PERFORM tandem.referenced_error('todos', 'todo_tags_todo_id_fkey', 'todo_tags', NULL);
    ELSIF TG_TABLE_NAME = 'tags' AND EXISTS (SELECT 1 FROM tandem.todo_tags) THEN
        PERFORM tandem.referenced_error('tags', 'todo_tags_tag_id_fkey', 'todo_tags', NULL);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lists_check_truncated AFTER TRUNCATE ON tandem.lists
    FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_truncated();
CREATE TRIGGER todos_check_truncated AFTER TRUNCATE ON tandem.todos
    FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_truncated();
CREATE TRIGGER tags_check_truncated AFTER TRUNCATE ON tandem.tags
    FOR EACH STATEMENT EXECUTE FUNCTION tandem.check_truncated();
