-- Tandem cloud schema, version 2: the sync bookkeeping lives on the server,
-- in triggers, so that a change made by any tool (Neon's SQL editor, a
-- script) reaches every desktop like one made by Tandem.

-- Every write stamps the row with the writing transaction's id. A pull asks
-- for change_xid >= its cursor, where the cursor is the xmin of the previous
-- pull's snapshot: every transaction below it had finished, so none that
-- commits later can carry a smaller id (see docs/sync.md).
CREATE FUNCTION tandem.stamp_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;

-- For todos and lists, also remember per field which transaction changed it
-- last: the push uses it to see that another desktop overwrote a field, and
-- keeps the value it overwrites in tandem.conflicts.
CREATE FUNCTION tandem.stamp_fields() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    xid text := pg_current_xact_id()::text;
    field text;
    stamps jsonb;
BEGIN
    NEW.change_xid := pg_current_xact_id();
    IF TG_OP = 'INSERT' THEN
        RETURN NEW;
    END IF;
    -- A writer that did not set updated_at itself gets the time of the change.
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    old_row := to_jsonb(OLD) - 'change_xid' - 'field_xids' - 'updated_at';
    new_row := to_jsonb(NEW) - 'change_xid' - 'field_xids' - 'updated_at';
    stamps := NEW.field_xids;
    FOR field IN SELECT jsonb_object_keys(new_row) LOOP
        IF old_row -> field IS DISTINCT FROM new_row -> field THEN
            stamps := jsonb_set(stamps, ARRAY[field], to_jsonb(xid));
        END IF;
    END LOOP;
    NEW.field_xids := stamps;
    RETURN NEW;
END $$;

CREATE TRIGGER lists_stamp BEFORE INSERT OR UPDATE ON tandem.lists
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER todos_stamp BEFORE INSERT OR UPDATE ON tandem.todos
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER tags_stamp BEFORE INSERT OR UPDATE ON tandem.tags
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER todo_tags_stamp BEFORE INSERT OR UPDATE ON tandem.todo_tags
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER conflicts_stamp BEFORE INSERT OR UPDATE ON tandem.conflicts
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();

-- A plain DELETE becomes a tombstone, so the desktops learn of it. Only the
-- purge (tandem.purge_tombstones) removes rows for real.
CREATE FUNCTION tandem.tombstone_instead() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('tandem.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'todos' THEN
        UPDATE tandem.todos SET deleted_at = coalesce(deleted_at, now()) WHERE id = OLD.id;
    ELSIF TG_TABLE_NAME = 'lists' THEN
        UPDATE tandem.todos SET deleted_at = coalesce(deleted_at, now())
            WHERE list_id = OLD.id AND deleted_at IS NULL;
        UPDATE tandem.lists SET deleted_at = coalesce(deleted_at, now()) WHERE id = OLD.id;
    ELSIF TG_TABLE_NAME = 'todo_tags' THEN
        UPDATE tandem.todo_tags SET deleted_at = coalesce(deleted_at, now())
            WHERE todo_id = OLD.todo_id AND tag_id = OLD.tag_id;
    ELSIF TG_TABLE_NAME = 'tags' THEN
        UPDATE tandem.todo_tags SET deleted_at = coalesce(deleted_at, now())
            WHERE tag_id = OLD.id AND deleted_at IS NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER lists_tombstone BEFORE DELETE ON tandem.lists
    FOR EACH ROW EXECUTE FUNCTION tandem.tombstone_instead();
CREATE TRIGGER todos_tombstone BEFORE DELETE ON tandem.todos
    FOR EACH ROW EXECUTE FUNCTION tandem.tombstone_instead();
CREATE TRIGGER todo_tags_tombstone BEFORE DELETE ON tandem.todo_tags
    FOR EACH ROW EXECUTE FUNCTION tandem.tombstone_instead();
CREATE TRIGGER tags_tombstone BEFORE DELETE ON tandem.tags
    FOR EACH ROW EXECUTE FUNCTION tandem.tombstone_instead();

-- Desktops on a direct connection LISTEN on their owner's channel. The
-- channel name is a hash, so listeners learn nothing of other people.
CREATE FUNCTION tandem.notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tandem_' || md5(NEW.owner), '');
    RETURN NULL;
END $$;

CREATE TRIGGER lists_notify AFTER INSERT OR UPDATE ON tandem.lists
    FOR EACH ROW EXECUTE FUNCTION tandem.notify_change();
CREATE TRIGGER todos_notify AFTER INSERT OR UPDATE ON tandem.todos
    FOR EACH ROW EXECUTE FUNCTION tandem.notify_change();
CREATE TRIGGER todo_tags_notify AFTER INSERT OR UPDATE ON tandem.todo_tags
    FOR EACH ROW EXECUTE FUNCTION tandem.notify_change();
CREATE TRIGGER tags_notify AFTER INSERT OR UPDATE ON tandem.tags
    FOR EACH ROW EXECUTE FUNCTION tandem.notify_change();

-- Removes tombstones older than the horizon, and records the horizon: a
-- desktop whose pull cursor is older must resync in full.
CREATE FUNCTION tandem.purge_tombstones(horizon interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    removed bigint := 0;
    n bigint;
BEGIN
    PERFORM set_config('tandem.purging', 'on', true);
    DELETE FROM tandem.todo_tags WHERE deleted_at < now() - horizon
        OR todo_id IN (SELECT id FROM tandem.todos WHERE deleted_at < now() - horizon);
    GET DIAGNOSTICS n = ROW_COUNT; removed := removed + n;
    DELETE FROM tandem.todos WHERE deleted_at < now() - horizon;
    GET DIAGNOSTICS n = ROW_COUNT; removed := removed + n;
    DELETE FROM tandem.lists l WHERE deleted_at < now() - horizon
        AND NOT EXISTS (SELECT 1 FROM tandem.todos t WHERE t.list_id = l.id);
    GET DIAGNOSTICS n = ROW_COUNT; removed := removed + n;
    INSERT INTO tandem.meta(key, value) VALUES ('purge_xid', pg_current_xact_id()::text)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    PERFORM set_config('tandem.purging', 'off', true);
    RETURN removed;
END $$;
