-- Tandem cloud schema, version 4: the push. A desktop sends a batch of its
-- outbox, in order, as one JSON array; the whole batch applies in the one
-- transaction of this call, so a batch is one round trip and all or nothing.
--
-- Each change: {"seq": n, "entity": "todo"|"list"|"todo_tag", "id": uuid,
--   "op": "upsert"|"add"|"remove", "values": {field: value, ...},
--   "base": xid8 of the row as the desktop last saw it, "tag": name}
--
-- Idempotence: tandem.devices.last_seq moves in the same transaction, and
-- changes at or below it are skipped, so a batch sent again after a lost
-- acknowledgement changes nothing.
--
-- Conflicts, per field: a field changed by another transaction after the
-- desktop's base is overwritten (the later commit wins) and its value goes
-- into tandem.conflicts. A delete wins over an edit: an edit of a deleted
-- row is not applied but kept in tandem.conflicts, from where it can be
-- restored. Tags are rows, so two desktops adding tags both keep theirs.

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
    tag_uuid uuid;
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
        RAISE EXCEPTION 'device % belongs to another role', p_device USING ERRCODE = '42501';
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
            IF NOT EXISTS (SELECT 1 FROM tandem.todos WHERE id = target_id) THEN
                CONTINUE; -- the todo is gone for good; nothing to tag
            END IF;
            SELECT id INTO tag_uuid FROM tandem.tags
                WHERE owner = current_user AND lower(name) = lower(change ->> 'tag');
            IF change ->> 'op' = 'add' THEN
                IF tag_uuid IS NULL THEN
                    INSERT INTO tandem.tags(name) VALUES (change ->> 'tag') RETURNING id INTO tag_uuid;
                END IF;
                INSERT INTO tandem.todo_tags(todo_id, tag_id) VALUES (target_id, tag_uuid)
                    ON CONFLICT (todo_id, tag_id) DO UPDATE SET deleted_at = NULL;
            ELSIF tag_uuid IS NOT NULL THEN
                UPDATE tandem.todo_tags SET deleted_at = now()
                    WHERE todo_id = target_id AND tag_id = tag_uuid AND deleted_at IS NULL;
            END IF;
        END IF;
    END LOOP;

    UPDATE tandem.devices SET last_seq = greatest(last_seq, max_seq), last_push = now()
        WHERE device_id = p_device;
    RETURN jsonb_build_object('applied', applied, 'skipped', skipped, 'conflicts', conflicts,
                              'xid', pg_current_xact_id()::text,
                              'inbox_from', inbox_from, 'inbox_to', inbox_to);
END $$;

GRANT EXECUTE ON FUNCTION tandem.push(uuid, jsonb) TO PUBLIC;
