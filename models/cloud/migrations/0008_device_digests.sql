-- Tandem cloud schema, version 8: a push tells a replayed batch from a
-- restored or copied data folder.
--
-- Until step 7, a device's pushes were idempotent by sequence number alone:
-- changes at or below tandem.devices.last_seq were skipped. A data folder
-- restored from a backup, or copied to a second computer, numbers its new
-- changes from where the copy was taken, so the server skipped them as
-- replays, the desktop deleted them from its outbox, and they were lost.
--
-- Now the server keeps a digest of every change it applied (the change's
-- JSON without its sequence number and its base, so a batch sent again after
-- a lost acknowledgement has the same digests). A change at or below
-- last_seq is a replay only when its digest is the one recorded for that
-- sequence number. Otherwise the folder has diverged from the device the
-- server knows: the push applies nothing and answers "diverged", with the
-- sequence numbers that did match (those changes are on the server). The
-- desktop then takes a new device id and sends the rest again.
--
-- The digests of the last 20,000 sequence numbers of each device are
-- kept: enough for any replay (a batch has at most 5,000 changes), and a
-- missing digest below last_seq also means "diverged", never "replay".

CREATE TABLE tandem.device_changes (
    device_id   uuid NOT NULL,
    seq         bigint NOT NULL,
    digest      uuid NOT NULL,
    owner       text NOT NULL DEFAULT current_user,
    PRIMARY KEY (device_id, seq)
);
ALTER TABLE tandem.device_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.device_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON tandem.device_changes USING (owner = current_user) WITH CHECK (owner = current_user);
GRANT SELECT, INSERT, DELETE ON tandem.device_changes TO PUBLIC;

-- One definition of a change's digest, for the check and the record.
CREATE FUNCTION tandem.change_digest(p_change jsonb) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT md5((p_change - 'seq' - 'base')::text)::uuid
$$;

-- The tag branch of the push, on its own so that a later step can change
-- how tags are matched without restating the whole push.
CREATE FUNCTION tandem.push_tag(p_device uuid, p_todo uuid, p_change jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    tag_uuid uuid;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tandem.todos WHERE id = p_todo) THEN
        RETURN; -- the todo is gone for good; nothing to tag
    END IF;
    SELECT id INTO tag_uuid FROM tandem.tags
        WHERE owner = current_user AND lower(name) = lower(p_change ->> 'tag');
    IF p_change ->> 'op' = 'add' THEN
        IF tag_uuid IS NULL THEN
            INSERT INTO tandem.tags(name) VALUES (p_change ->> 'tag') RETURNING id INTO tag_uuid;
        END IF;
        INSERT INTO tandem.todo_tags(todo_id, tag_id) VALUES (p_todo, tag_uuid)
            ON CONFLICT (todo_id, tag_id) DO UPDATE SET deleted_at = NULL;
    ELSIF tag_uuid IS NOT NULL THEN
        UPDATE tandem.todo_tags SET deleted_at = now()
            WHERE todo_id = p_todo AND tag_id = tag_uuid AND deleted_at IS NULL;
    END IF;
END $$;
GRANT EXECUTE ON FUNCTION tandem.push_tag(uuid, uuid, jsonb) TO PUBLIC;

DROP FUNCTION tandem.push(uuid, jsonb);

CREATE FUNCTION tandem.push(p_device uuid, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    last_applied bigint;
    change jsonb;
    seq bigint;
    vals jsonb;
    base xid8;
    field text;
    todo_row tandem.todos;
    todo_new tandem.todos;
    list_row tandem.lists;
    list_new tandem.lists;
    kept_digests constant bigint := 20000;
    matched jsonb;
    diverged boolean;
    target_id uuid;
    inbox_from uuid;
    inbox_to uuid;
    applied int := 0;
    skipped int := 0;
    conflicts int := 0;
    max_seq bigint := 0;
BEGIN
    -- One push per person at a time: two desktops making the person's first
    -- Inbox (or the same new tag) would otherwise race on the unique indexes.
    -- Transaction-scoped, so it works through PgBouncer's transaction mode.
    PERFORM pg_advisory_xact_lock(hashtext('tandem.push/' || current_user));
    INSERT INTO tandem.devices(device_id) VALUES (p_device) ON CONFLICT (device_id) DO NOTHING;
    SELECT last_seq INTO last_applied FROM tandem.devices WHERE device_id = p_device FOR UPDATE;
    IF NOT FOUND THEN
        -- Another role's device: a data folder that was synced as someone
        -- else. It is a new device here.
        RETURN jsonb_build_object('diverged', true, 'matched', '[]'::jsonb);
    END IF;

    -- Changes at or below last_seq: replays only when each digest matches.
    SELECT coalesce(jsonb_agg(c.change_seq ORDER BY c.change_seq) FILTER (WHERE d.digest = c.digest), '[]'::jsonb),
           coalesce(bool_or(d.digest IS DISTINCT FROM c.digest), false)
      INTO matched, diverged
      FROM (SELECT (e ->> 'seq')::bigint AS change_seq, tandem.change_digest(e) AS digest
              FROM jsonb_array_elements(p_changes) e) c
      LEFT JOIN tandem.device_changes d ON d.device_id = p_device AND d.seq = c.change_seq
     WHERE c.change_seq <= last_applied;
    IF diverged THEN
        RETURN jsonb_build_object('diverged', true, 'matched', matched);
    END IF;

    FOR change IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
        seq := (change ->> 'seq')::bigint;
        max_seq := greatest(max_seq, seq);
        IF seq <= last_applied THEN
            skipped := skipped + 1;
            CONTINUE;
        END IF;
        applied := applied + 1;
        vals := coalesce(change -> 'values', '{}'::jsonb) - 'id' - 'owner' - 'change_xid' - 'field_xids';
        base := nullif(change ->> 'base', '')::xid8;
        target_id := (change ->> 'id')::uuid;
        IF inbox_from IS NOT NULL AND vals ->> 'list_id' = inbox_from::text THEN
            vals := jsonb_set(vals, '{list_id}', to_jsonb(inbox_to::text));
        END IF;

        IF change ->> 'entity' = 'list' THEN
            IF target_id = inbox_from THEN
                target_id := inbox_to;
            END IF;
            SELECT * INTO list_row FROM tandem.lists WHERE id = target_id FOR UPDATE;
            IF NOT FOUND THEN
                -- Two desktops that each made an Inbox offline: the second
                -- one's todos go into the Inbox already there.
                IF coalesce((vals ->> 'is_inbox')::boolean, false) THEN
                    SELECT id INTO inbox_to FROM tandem.lists
                        WHERE is_inbox AND deleted_at IS NULL AND owner = current_user;
                    IF FOUND THEN
                        inbox_from := target_id;
                        CONTINUE;
                    END IF;
                END IF;
                list_new := jsonb_populate_record(NULL::tandem.lists, vals);
                INSERT INTO tandem.lists(id, name, position, is_inbox, created_at, deleted_at)
                VALUES (target_id, coalesce(list_new.name, ''), coalesce(list_new.position, 0),
                        coalesce(list_new.is_inbox, false), coalesce(list_new.created_at, now()),
                        list_new.deleted_at);
                CONTINUE;
            END IF;
            list_new := jsonb_populate_record(list_row, vals);
            FOR field IN SELECT jsonb_object_keys(vals) LOOP
                IF base IS NOT NULL AND (list_row.field_xids ->> field)::xid8 > base
                   AND to_jsonb(list_row) -> field IS DISTINCT FROM to_jsonb(list_new) -> field THEN
                    INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, device_id)
                    VALUES ('list', target_id, field, to_jsonb(list_row) -> field, to_jsonb(list_new) -> field, p_device);
                    conflicts := conflicts + 1;
                END IF;
            END LOOP;
            UPDATE tandem.lists SET name = list_new.name, position = list_new.position,
                deleted_at = list_new.deleted_at
            WHERE id = target_id;

        ELSIF change ->> 'entity' = 'todo' THEN
            SELECT * INTO todo_row FROM tandem.todos WHERE id = target_id FOR UPDATE;
            IF NOT FOUND AND base IS NOT NULL THEN
                -- The desktop had the todo from here (it sends a base), so it
                -- was deleted and its tombstone purged since. The delete wins:
                -- the edit is not made into a todo of its changed fields alone.
                FOR field IN SELECT jsonb_object_keys(vals) LOOP
                    INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
                    VALUES ('todo', target_id, field, vals -> field, NULL, 'edit_of_deleted', p_device);
                END LOOP;
                conflicts := conflicts + 1;
                CONTINUE;
            END IF;
            IF NOT FOUND THEN
                todo_new := jsonb_populate_record(NULL::tandem.todos, vals);
                -- A list that is not there (purged meanwhile): the Inbox keeps the todo.
                IF todo_new.list_id IS NULL OR NOT EXISTS (SELECT 1 FROM tandem.lists WHERE id = todo_new.list_id) THEN
                    SELECT id INTO todo_new.list_id FROM tandem.lists
                        WHERE is_inbox AND deleted_at IS NULL AND owner = current_user;
                    IF todo_new.list_id IS NULL THEN
                        INSERT INTO tandem.lists(name, is_inbox) VALUES ('Inbox', true) RETURNING id INTO todo_new.list_id;
                    END IF;
                END IF;
                INSERT INTO tandem.todos(id, list_id, title, notes, completed, completed_at, due_at,
                                         due_has_time, priority, position, created_at, deleted_at)
                VALUES (target_id, todo_new.list_id, coalesce(todo_new.title, ''), coalesce(todo_new.notes, ''),
                        coalesce(todo_new.completed, false), todo_new.completed_at, todo_new.due_at,
                        coalesce(todo_new.due_has_time, false), coalesce(todo_new.priority, 0),
                        coalesce(todo_new.position, 0), coalesce(todo_new.created_at, now()),
                        todo_new.deleted_at);
                CONTINUE;
            END IF;
            todo_new := jsonb_populate_record(todo_row, vals);
            IF todo_row.deleted_at IS NOT NULL AND NOT vals ? 'deleted_at' THEN
                -- Delete wins over edit; the edit stays restorable.
                FOR field IN SELECT jsonb_object_keys(vals) LOOP
                    INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
                    VALUES ('todo', target_id, field, to_jsonb(todo_new) -> field, to_jsonb(todo_row) -> field,
                            'edit_of_deleted', p_device);
                END LOOP;
                conflicts := conflicts + 1;
                CONTINUE;
            END IF;
            FOR field IN SELECT jsonb_object_keys(vals) LOOP
                IF base IS NOT NULL AND (todo_row.field_xids ->> field)::xid8 > base
                   AND to_jsonb(todo_row) -> field IS DISTINCT FROM to_jsonb(todo_new) -> field THEN
                    INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, device_id)
                    VALUES ('todo', target_id, field, to_jsonb(todo_row) -> field, to_jsonb(todo_new) -> field, p_device);
                    conflicts := conflicts + 1;
                END IF;
            END LOOP;
            IF NOT EXISTS (SELECT 1 FROM tandem.lists WHERE id = todo_new.list_id) THEN
                todo_new.list_id := todo_row.list_id;
            END IF;
            UPDATE tandem.todos SET list_id = todo_new.list_id, title = todo_new.title,
                notes = todo_new.notes, completed = todo_new.completed,
                completed_at = todo_new.completed_at, due_at = todo_new.due_at,
                due_has_time = todo_new.due_has_time, priority = todo_new.priority,
                position = todo_new.position, deleted_at = todo_new.deleted_at
            WHERE id = target_id;

        ELSIF change ->> 'entity' = 'todo_tag' THEN
            PERFORM tandem.push_tag(p_device, target_id, change);
        END IF;
    END LOOP;

    INSERT INTO tandem.device_changes(device_id, seq, digest)
    SELECT p_device, (e ->> 'seq')::bigint, tandem.change_digest(e)
      FROM jsonb_array_elements(p_changes) e
     WHERE (e ->> 'seq')::bigint > last_applied
    ON CONFLICT ON CONSTRAINT device_changes_pkey DO NOTHING;
    DELETE FROM tandem.device_changes dc
     WHERE dc.device_id = p_device AND dc.seq <= greatest(last_applied, max_seq) - kept_digests;
    UPDATE tandem.devices SET last_seq = greatest(last_seq, max_seq), last_push = now()
        WHERE device_id = p_device;
    RETURN jsonb_build_object('applied', applied, 'skipped', skipped, 'conflicts', conflicts,
                              'xid', pg_current_xact_id()::text,
                              'inbox_from', inbox_from, 'inbox_to', inbox_to);
END $$;

GRANT EXECUTE ON FUNCTION tandem.push(uuid, jsonb) TO PUBLIC;
