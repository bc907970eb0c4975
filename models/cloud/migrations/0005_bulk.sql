-- Tandem cloud schema, version 5: bulk writes cost what the rows cost, and
-- the one-time legacy import has its bookkeeping here, with the rest of the
-- schema, instead of being created by whichever import runs first.

-- An INSERT already gets change_xid from the column's default; the stamp
-- trigger only has work to do when a writer supplied another value. The
-- WHEN clause is checked without calling PL/pgSQL, which was a third of the
-- time of a 200,000-row import.
DROP TRIGGER lists_stamp ON tandem.lists;
DROP TRIGGER todos_stamp ON tandem.todos;
DROP TRIGGER tags_stamp ON tandem.tags;
DROP TRIGGER todo_tags_stamp ON tandem.todo_tags;
DROP TRIGGER conflicts_stamp ON tandem.conflicts;

CREATE TRIGGER lists_stamp BEFORE UPDATE ON tandem.lists
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER lists_stamp_insert BEFORE INSERT ON tandem.lists
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER todos_stamp BEFORE UPDATE ON tandem.todos
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER todos_stamp_insert BEFORE INSERT ON tandem.todos
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER tags_stamp BEFORE UPDATE ON tandem.tags
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER tags_stamp_insert BEFORE INSERT ON tandem.tags
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER todo_tags_stamp BEFORE UPDATE ON tandem.todo_tags
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER todo_tags_stamp_insert BEFORE INSERT ON tandem.todo_tags
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER conflicts_stamp BEFORE UPDATE ON tandem.conflicts
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_row();
CREATE TRIGGER conflicts_stamp_insert BEFORE INSERT ON tandem.conflicts
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_row();

-- One NOTIFY per statement and owner instead of one trigger call per row:
-- the transition table holds the statement's rows. (pg_notify folds equal
-- notifications of a transaction into one either way.)
DROP TRIGGER lists_notify ON tandem.lists;
DROP TRIGGER todos_notify ON tandem.todos;
DROP TRIGGER todo_tags_notify ON tandem.todo_tags;
DROP TRIGGER tags_notify ON tandem.tags;
DROP FUNCTION tandem.notify_change();

CREATE FUNCTION tandem.notify_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tandem_' || md5(owner), '') FROM (SELECT DISTINCT owner FROM changed_rows) AS owners;
    RETURN NULL;
END $$;

CREATE TRIGGER lists_notify_insert AFTER INSERT ON tandem.lists
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER lists_notify_update AFTER UPDATE ON tandem.lists
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER todos_notify_insert AFTER INSERT ON tandem.todos
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER todos_notify_update AFTER UPDATE ON tandem.todos
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER tags_notify_insert AFTER INSERT ON tandem.tags
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER tags_notify_update AFTER UPDATE ON tandem.tags
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER todo_tags_notify_insert AFTER INSERT ON tandem.todo_tags
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER todo_tags_notify_update AFTER UPDATE ON tandem.todo_tags
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();

-- The one-time imports of legacy files (tandem-migrate and the import
-- wizard): one row per person and file, keyed by the file's content
-- fingerprint. IF NOT EXISTS: earlier builds of the importer created it.
CREATE TABLE IF NOT EXISTS tandem.legacy_imports (
    fingerprint     text NOT NULL,
    owner           text NOT NULL DEFAULT current_user,
    source_path     text NOT NULL DEFAULT '',
    schema_version  int NOT NULL DEFAULT 0,
    list_id         uuid NOT NULL,
    status          text NOT NULL DEFAULT 'running',
    run_id          uuid,
    heartbeat       timestamptz,
    todos_total     bigint NOT NULL DEFAULT 0,
    todos_done      bigint NOT NULL DEFAULT 0,
    tags_total      bigint NOT NULL DEFAULT 0,
    links_total     bigint NOT NULL DEFAULT 0,
    batches_done    int NOT NULL DEFAULT 0,
    checksum        text,
    app_version     text NOT NULL DEFAULT '',
    started_at      timestamptz NOT NULL DEFAULT now(),
    transferred_at  timestamptz,
    validated_at    timestamptz,
    finished_at     timestamptz,
    PRIMARY KEY (owner, fingerprint)
);
ALTER TABLE tandem.legacy_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.legacy_imports FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON tandem.legacy_imports;
CREATE POLICY own_rows ON tandem.legacy_imports
    USING (owner = current_user) WITH CHECK (owner = current_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON tandem.legacy_imports TO PUBLIC;

-- The lock of one person's import of one file: two people importing the
-- same file do not wait for each other.
CREATE FUNCTION tandem.legacy_import_lock_key(p_fingerprint text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT hashtextextended(current_user || '/' || p_fingerprint, 0) $$;

-- Claims the import of one file for one run, in one round trip: under the
-- import's lock taken exclusively (it waits for the batches of a run that
-- died, five seconds at most), says 'already-migrated', 'busy' (another
-- run's lease is alive, or its batches hold the lock), or takes the import
-- over: 'resume' with the number of its todos already in the cloud (the ids
-- between p_id_low and p_id_high are this import's, wherever a todo was
-- moved since), or 'claimed' for a new import, whose bookkeeping row,
-- Imported list and tags ([{"id": ..., "name": ...}]; a tag the person
-- already has, equal but for case, is kept) it writes.
CREATE FUNCTION tandem.legacy_import_claim(
    p_fingerprint text, p_run uuid, p_lease_seconds int, p_source_path text, p_schema_version int,
    p_list_id uuid, p_todos bigint, p_tags jsonb, p_links bigint, p_app_version text,
    p_id_low uuid, p_id_high uuid)
RETURNS TABLE (outcome text, done bigint)
LANGUAGE plpgsql AS $$
DECLARE
    imp tandem.legacy_imports;
    present bigint;
BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    BEGIN
        PERFORM pg_advisory_xact_lock(tandem.legacy_import_lock_key(p_fingerprint));
    EXCEPTION WHEN lock_not_available THEN
        RETURN QUERY SELECT 'busy'::text, 0::bigint;
        RETURN;
    END;
    SELECT * INTO imp FROM tandem.legacy_imports WHERE owner = current_user AND fingerprint = p_fingerprint;
    IF FOUND THEN
        IF imp.status = 'validated' THEN
            RETURN QUERY SELECT 'already-migrated'::text, imp.todos_done;
            RETURN;
        END IF;
        IF imp.run_id IS DISTINCT FROM p_run
           AND imp.heartbeat > clock_timestamp() - make_interval(secs => p_lease_seconds) THEN
            RETURN QUERY SELECT 'busy'::text, imp.todos_done;
            RETURN;
        END IF;
        SELECT count(*) INTO present FROM tandem.todos
            WHERE id BETWEEN p_id_low AND p_id_high AND owner = current_user;
        UPDATE tandem.legacy_imports
            SET run_id = p_run, heartbeat = clock_timestamp(), status = 'running', todos_done = present
            WHERE owner = current_user AND fingerprint = p_fingerprint;
        RETURN QUERY SELECT 'resume'::text, present;
        RETURN;
    END IF;
    INSERT INTO tandem.legacy_imports (fingerprint, source_path, schema_version, list_id, run_id, heartbeat,
                                       todos_total, tags_total, links_total, app_version)
        VALUES (p_fingerprint, p_source_path, p_schema_version, p_list_id, p_run, clock_timestamp(),
                p_todos, jsonb_array_length(p_tags), p_links, p_app_version);
    INSERT INTO tandem.lists (id, name, position) VALUES (p_list_id, 'Imported', 0) ON CONFLICT (id) DO NOTHING;
    INSERT INTO tandem.tags (id, name)
        SELECT (tag ->> 'id')::uuid, tag ->> 'name' FROM jsonb_array_elements(p_tags) AS tag
        ON CONFLICT DO NOTHING;
    RETURN QUERY SELECT 'claimed'::text, 0::bigint;
END $$;
GRANT EXECUTE ON FUNCTION tandem.legacy_import_claim(text, uuid, int, text, int, uuid, bigint, jsonb, bigint, text,
                                                     uuid, uuid)
    TO PUBLIC;

-- The cloud's tag for each tag of the file ([{"id": ..., "name": ...}], in
-- order): the one the claim wrote, or the person's own of the same name but
-- for case, matched by the server's lower(), like the unique index does.
CREATE FUNCTION tandem.legacy_import_tags(p_tags jsonb) RETURNS TABLE (tag_index int, tag_id uuid)
LANGUAGE sql STABLE AS $$
    SELECT (t.ord - 1)::int, g.id
    FROM jsonb_array_elements(p_tags) WITH ORDINALITY AS t(tag, ord)
    JOIN tandem.tags g ON g.owner = current_user AND lower(g.name) = lower(t.tag ->> 'name')
    ORDER BY t.ord
$$;
GRANT EXECUTE ON FUNCTION tandem.legacy_import_tags(jsonb) TO PUBLIC;

-- Opens one batch of an import: takes the import's lock shared (the batches
-- of one run go side by side; a run taking over the import takes it
-- exclusively, and so waits for them), then checks that this run still holds
-- the import. Otherwise it raises, and the batch's transaction writes
-- nothing.
CREATE FUNCTION tandem.legacy_import_batch(p_fingerprint text, p_run uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(tandem.legacy_import_lock_key(p_fingerprint));
    IF NOT EXISTS (SELECT 1 FROM tandem.legacy_imports
                   WHERE owner = current_user AND fingerprint = p_fingerprint AND run_id = p_run) THEN
        RAISE EXCEPTION 'another run took over this import' USING ERRCODE = 'lock_not_available';
    END IF;
END $$;
GRANT EXECUTE ON FUNCTION tandem.legacy_import_batch(text, uuid) TO PUBLIC;
