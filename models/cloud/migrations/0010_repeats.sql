-- Tandem cloud schema, version 10: repeating todos, subtasks and start
-- dates (docs/repeats.md).
--
-- A repeating todo is a series: due_at is its occurrence that is due now,
-- repeat_rule (an RFC 5545 RRULE without the "RRULE:" prefix) gives the
-- next ones in the wall-clock time of time_zone (an IANA id). Completing an
-- occurrence records it as a todo of its own, with series_id and occurrence
-- set, whose id every desktop derives the same way from the series id and
-- the occurrence's date; then the series' due_at moves on. The desktops
-- expand rules; the server only keeps the facts straight:
--   - one record per occurrence: a record for an occurrence that already has
--     one is not made again, whatever its id (the unique index makes it so
--     even for another writer);
--   - a series' due date never goes back to an occurrence that is done: a
--     desktop that completed fewer occurrences offline does not move it back;
--     and a due date that was completed is not a lost edit in the conflicts.
-- A subtask names its parent in parent_id, one level deep. A subtask whose
-- parent is deleted, or arrives after its parent was, becomes a top-level
-- todo, and tandem.conflicts says so (kind 'parent_deleted').

ALTER TABLE tandem.todos
    ADD COLUMN repeat_rule text NOT NULL DEFAULT '',
    ADD COLUMN repeat_from text NOT NULL DEFAULT 'due' CHECK (repeat_from IN ('due', 'completion')),
    ADD COLUMN time_zone   text NOT NULL DEFAULT '',
    ADD COLUMN series_id   uuid,
    ADD COLUMN occurrence  timestamptz,
    ADD COLUMN parent_id   uuid,
    ADD COLUMN start_at    timestamptz;

CREATE UNIQUE INDEX todos_one_occurrence ON tandem.todos (owner, series_id, occurrence)
    WHERE series_id IS NOT NULL;
CREATE INDEX todos_parent ON tandem.todos (parent_id) WHERE parent_id IS NOT NULL;

-- The latest occurrence of a series that has a live record, or NULL.
CREATE FUNCTION tandem.last_done_occurrence(p_series uuid) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT max(occurrence) FROM tandem.todos
     WHERE series_id = p_series AND deleted_at IS NULL AND owner = current_user
$$;

-- Whether a subtask must become top-level because its parent is not a live
-- todo; when so, the conflict log says why.
CREATE FUNCTION tandem.orphan_if_parent_gone(p_device uuid, p_id uuid, p_parent uuid, p_deleted timestamptz)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    IF p_parent IS NULL OR p_deleted IS NOT NULL
       OR EXISTS (SELECT 1 FROM tandem.todos WHERE id = p_parent AND deleted_at IS NULL AND owner = current_user) THEN
        RETURN false;
    END IF;
    INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
    VALUES ('todo', p_id, 'parent_id', to_jsonb(p_parent), 'null'::jsonb, 'parent_deleted', p_device);
    RETURN true;
END $$;

-- The todo branch of the push: one change of one todo; returns how many
-- conflicts it recorded.
CREATE FUNCTION tandem.push_todo(p_device uuid, p_id uuid, p_vals jsonb, p_base xid8) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    todo_row tandem.todos;
    todo_new tandem.todos;
    field text;
    last_done timestamptz;
    child uuid;
    conflicts int := 0;
BEGIN
    SELECT * INTO todo_row FROM tandem.todos WHERE id = p_id FOR UPDATE;
    IF NOT FOUND AND p_base IS NOT NULL THEN
        -- The desktop had the todo from here (it sends a base), so it
        -- was deleted and its tombstone purged since. The delete wins:
        -- the edit is not made into a todo of its changed fields alone.
        FOR field IN SELECT jsonb_object_keys(p_vals) LOOP
            INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
            VALUES ('todo', p_id, field, p_vals -> field, NULL, 'edit_of_deleted', p_device);
        END LOOP;
        RETURN 1;
    END IF;
    IF NOT FOUND THEN
        todo_new := jsonb_populate_record(NULL::tandem.todos, p_vals);
        -- Another desktop recorded this occurrence already: one record each.
        IF todo_new.series_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM tandem.todos WHERE owner = current_user
                  AND series_id = todo_new.series_id AND occurrence = todo_new.occurrence) THEN
            RETURN 0;
        END IF;
        -- A list that is not there (purged meanwhile): the Inbox keeps the todo.
        IF todo_new.list_id IS NULL OR NOT EXISTS (SELECT 1 FROM tandem.lists WHERE id = todo_new.list_id) THEN
            SELECT id INTO todo_new.list_id FROM tandem.lists
                WHERE is_inbox AND deleted_at IS NULL AND owner = current_user;
            IF todo_new.list_id IS NULL THEN
                INSERT INTO tandem.lists(name, is_inbox) VALUES ('Inbox', true) RETURNING id INTO todo_new.list_id;
            END IF;
        END IF;
        IF tandem.orphan_if_parent_gone(p_device, p_id, todo_new.parent_id, todo_new.deleted_at) THEN
            todo_new.parent_id := NULL;
            conflicts := conflicts + 1;
        END IF;
        INSERT INTO tandem.todos(id, list_id, title, notes, completed, completed_at, due_at,
                                 due_has_time, priority, position, created_at, deleted_at,
                                 repeat_rule, repeat_from, time_zone, series_id, occurrence,
                                 parent_id, start_at)
        VALUES (p_id, todo_new.list_id, coalesce(todo_new.title, ''), coalesce(todo_new.notes, ''),
                coalesce(todo_new.completed, false), todo_new.completed_at, todo_new.due_at,
                coalesce(todo_new.due_has_time, false), coalesce(todo_new.priority, 0),
                coalesce(todo_new.position, 0), coalesce(todo_new.created_at, now()),
                todo_new.deleted_at, coalesce(todo_new.repeat_rule, ''),
                coalesce(todo_new.repeat_from, 'due'), coalesce(todo_new.time_zone, ''),
                todo_new.series_id, todo_new.occurrence, todo_new.parent_id, todo_new.start_at);
        RETURN conflicts;
    END IF;
    todo_new := jsonb_populate_record(todo_row, p_vals);
    IF todo_row.deleted_at IS NOT NULL AND NOT p_vals ? 'deleted_at' THEN
        -- Delete wins over edit; the edit stays restorable.
        FOR field IN SELECT jsonb_object_keys(p_vals) LOOP
            INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
            VALUES ('todo', p_id, field, to_jsonb(todo_new) -> field, to_jsonb(todo_row) -> field,
                    'edit_of_deleted', p_device);
        END LOOP;
        RETURN 1;
    END IF;
    -- A series counted from its due date: a due date that is done stays done.
    IF todo_row.repeat_rule <> '' AND todo_row.repeat_from = 'due' AND p_vals ? 'due_at' THEN
        last_done := tandem.last_done_occurrence(p_id);
        IF last_done IS NOT NULL AND todo_row.due_at > last_done AND todo_new.due_at <= last_done THEN
            todo_new.due_at := todo_row.due_at;
        END IF;
    END IF;
    FOR field IN SELECT jsonb_object_keys(p_vals) LOOP
        IF p_base IS NOT NULL AND (todo_row.field_xids ->> field)::xid8 > p_base
           AND to_jsonb(todo_row) -> field IS DISTINCT FROM to_jsonb(todo_new) -> field
           AND NOT (field = 'due_at' AND last_done IS NOT NULL AND todo_row.due_at <= last_done) THEN
            INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, device_id)
            VALUES ('todo', p_id, field, to_jsonb(todo_row) -> field, to_jsonb(todo_new) -> field, p_device);
            conflicts := conflicts + 1;
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM tandem.lists WHERE id = todo_new.list_id) THEN
        todo_new.list_id := todo_row.list_id;
    END IF;
    IF (p_vals ? 'parent_id' OR p_vals ? 'deleted_at')
       AND tandem.orphan_if_parent_gone(p_device, p_id, todo_new.parent_id, todo_new.deleted_at) THEN
        todo_new.parent_id := NULL;
        conflicts := conflicts + 1;
    END IF;
    UPDATE tandem.todos SET list_id = todo_new.list_id, title = todo_new.title,
        notes = todo_new.notes, completed = todo_new.completed,
        completed_at = todo_new.completed_at, due_at = todo_new.due_at,
        due_has_time = todo_new.due_has_time, priority = todo_new.priority,
        position = todo_new.position, deleted_at = todo_new.deleted_at,
        repeat_rule = todo_new.repeat_rule, repeat_from = todo_new.repeat_from,
        time_zone = todo_new.time_zone, series_id = todo_new.series_id,
        occurrence = todo_new.occurrence, parent_id = todo_new.parent_id, start_at = todo_new.start_at
    WHERE id = p_id;
    -- A parent deleted here while another desktop gave it subtasks this one
    -- never saw: they are not lost, they become top-level todos.
    IF todo_new.deleted_at IS NOT NULL AND todo_row.deleted_at IS NULL THEN
        FOR child IN UPDATE tandem.todos SET parent_id = NULL
                      WHERE parent_id = p_id AND deleted_at IS NULL AND owner = current_user
                      RETURNING id LOOP
            INSERT INTO tandem.conflicts(entity, entity_id, field, lost_value, won_value, kind, device_id)
            VALUES ('todo', child, 'parent_id', to_jsonb(p_id), 'null'::jsonb, 'parent_deleted', p_device);
            conflicts := conflicts + 1;
        END LOOP;
    END IF;
    RETURN conflicts;
END $$;
GRANT EXECUTE ON FUNCTION tandem.push_todo(uuid, uuid, jsonb, xid8) TO PUBLIC;

-- The push itself is step 8's, with the todo branch above.
CREATE OR REPLACE FUNCTION tandem.push(p_device uuid, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    last_applied bigint;
    change jsonb;
    seq bigint;
    vals jsonb;
    base xid8;
    field text;
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
            conflicts := conflicts + tandem.push_todo(p_device, target_id, vals, base);

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
