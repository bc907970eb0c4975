-- Tandem cloud schema, version 11: reminders (docs/reminders.md).
--
-- A reminder belongs to one todo: an instant of its own (kind 'at'), or
-- offset_minutes before the todo's due (kind 'before_due'; with day_time,
-- "N days before at HH:MM"). The desktops work out when it fires; the server
-- keeps what they did with it, merged so that the order of pushes does not
-- matter:
--   - acknowledged_for (the instant dismissed, or done) only moves forward:
--     GREATEST of the old and the new value;
--   - snoozed_until: the later commit wins;
--   - a delete is sticky: an edit never brings a reminder back; only a
--     desktop that saw the delete (its base is at or after the delete's
--     stamp: an undo) may restore it;
--   - a reminder of a todo the server does not have, or has deleted, is not
--     made; of an existing one, only a delete is taken.
-- Like the todos: owned by the role that writes them (row-level security),
-- stamped per field, tombstones instead of DELETE, NOTIFY on every change.

CREATE TABLE tandem.reminders (
    id               uuid PRIMARY KEY,
    owner            text NOT NULL DEFAULT current_user,
    todo_id          uuid NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('at', 'before_due')),
    at               timestamptz,
    offset_minutes   integer NOT NULL DEFAULT 0,
    day_time         integer CHECK (day_time BETWEEN 0 AND 1439),
    acknowledged_for timestamptz,
    snoozed_until    timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz,
    change_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
    field_xids       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX reminders_pull ON tandem.reminders (owner, change_xid);
CREATE INDEX reminders_todo ON tandem.reminders (todo_id);

ALTER TABLE tandem.reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON tandem.reminders USING (owner = current_user) WITH CHECK (owner = current_user);
GRANT SELECT, INSERT, UPDATE, DELETE ON tandem.reminders TO PUBLIC;

-- The todos' bookkeeping, as step 5 left it.
CREATE TRIGGER reminders_stamp BEFORE UPDATE ON tandem.reminders
    FOR EACH ROW EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER reminders_stamp_insert BEFORE INSERT ON tandem.reminders
    FOR EACH ROW WHEN (NEW.change_xid IS DISTINCT FROM pg_current_xact_id())
    EXECUTE FUNCTION tandem.stamp_fields();
CREATE TRIGGER reminders_notify_insert AFTER INSERT ON tandem.reminders
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();
CREATE TRIGGER reminders_notify_update AFTER UPDATE ON tandem.reminders
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem.notify_changes();

-- A plain DELETE of a reminder becomes a tombstone, as for the other tables
-- (step 2's tombstone_instead); the purge removes rows for real.
CREATE FUNCTION tandem.reminder_tombstone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('tandem.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    UPDATE tandem.reminders SET deleted_at = coalesce(deleted_at, now()) WHERE id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER reminders_tombstone BEFORE DELETE ON tandem.reminders
    FOR EACH ROW EXECUTE FUNCTION tandem.reminder_tombstone();

-- The purge removes the reminders that are old tombstones or whose todo
-- goes, first, so that no reminder outlives its todo; then step 2's purge
-- does the rest and records the horizon.
ALTER FUNCTION tandem.purge_tombstones(interval) RENAME TO purge_rows;

CREATE FUNCTION tandem.purge_tombstones(horizon interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    removed bigint;
BEGIN
    PERFORM set_config('tandem.purging', 'on', true);
    DELETE FROM tandem.reminders WHERE deleted_at < now() - horizon
        OR todo_id IN (SELECT id FROM tandem.todos WHERE deleted_at < now() - horizon);
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed + tandem.purge_rows(horizon);
END $$;

-- Whether the person has this todo, live.
CREATE FUNCTION tandem.todo_is_live(p_todo uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM tandem.todos WHERE id = p_todo AND deleted_at IS NULL AND owner = current_user)
$$;

-- One change of one reminder, merged by the rules at the top.
CREATE FUNCTION tandem.push_reminder(p_id uuid, p_vals jsonb, p_base xid8) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    old_row tandem.reminders;
    new_row tandem.reminders;
    delete_stamp xid8;
BEGIN
    SELECT * INTO old_row FROM tandem.reminders WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        new_row := jsonb_populate_record(NULL::tandem.reminders, p_vals);
        -- A change of a reminder whose row is gone (purged) has no kind.
        IF new_row.kind IS NULL OR NOT tandem.todo_is_live(new_row.todo_id) THEN
            RETURN;
        END IF;
        INSERT INTO tandem.reminders(id, todo_id, kind, at, offset_minutes, day_time, acknowledged_for,
                                     snoozed_until, created_at, deleted_at)
        VALUES (p_id, new_row.todo_id, new_row.kind, new_row.at, coalesce(new_row.offset_minutes, 0),
                new_row.day_time, new_row.acknowledged_for, new_row.snoozed_until,
                coalesce(new_row.created_at, now()), new_row.deleted_at);
        RETURN;
    END IF;
    -- A reminder stays with its todo, and keeps when it was made.
    new_row := jsonb_populate_record(old_row, p_vals - 'todo_id' - 'created_at');
    IF old_row.deleted_at IS NOT NULL THEN
        delete_stamp := coalesce((old_row.field_xids ->> 'deleted_at')::xid8, old_row.change_xid);
        IF new_row.deleted_at IS NOT NULL
           OR NOT (delete_stamp = pg_current_xact_id() OR (p_base IS NOT NULL AND delete_stamp <= p_base)) THEN
            RETURN; -- sticky: nothing but a restore by who saw the delete
        END IF;
    END IF;
    IF NOT tandem.todo_is_live(old_row.todo_id) THEN
        -- Of a todo that is gone, only a delete is taken.
        IF old_row.deleted_at IS NULL AND new_row.deleted_at IS NOT NULL THEN
            UPDATE tandem.reminders SET deleted_at = new_row.deleted_at WHERE id = p_id;
        END IF;
        RETURN;
    END IF;
    new_row.acknowledged_for := greatest(old_row.acknowledged_for, new_row.acknowledged_for);
    IF to_jsonb(new_row) = to_jsonb(old_row) THEN
        RETURN;
    END IF;
    UPDATE tandem.reminders SET kind = new_row.kind, at = new_row.at, offset_minutes = new_row.offset_minutes,
        day_time = new_row.day_time, acknowledged_for = new_row.acknowledged_for,
        snoozed_until = new_row.snoozed_until, deleted_at = new_row.deleted_at
    WHERE id = p_id;
END $$;
GRANT EXECUTE ON FUNCTION tandem.push_reminder(uuid, jsonb, xid8) TO PUBLIC;

-- The push: step 10's for every other row (idempotence, digests, lists,
-- todos, tags), then the batch's new reminder changes in their order. A
-- reminder comes after the todo it names in the outbox, so after it here too.
ALTER FUNCTION tandem.push(uuid, jsonb) RENAME TO push_rows;

CREATE FUNCTION tandem.push(p_device uuid, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    last_applied bigint;
    answer jsonb;
    change jsonb;
BEGIN
    -- push_rows takes the same lock; here it keeps last_seq as read.
    PERFORM pg_advisory_xact_lock(hashtext('tandem.push/' || current_user));
    SELECT last_seq INTO last_applied FROM tandem.devices WHERE device_id = p_device;
    answer := tandem.push_rows(p_device, p_changes);
    IF coalesce((answer ->> 'diverged')::boolean, false) THEN
        RETURN answer;
    END IF;
    FOR change IN SELECT c.e FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS c(e, n)
                   WHERE c.e ->> 'entity' = 'reminder' AND (c.e ->> 'seq')::bigint > coalesce(last_applied, 0)
                   ORDER BY c.n LOOP
        PERFORM tandem.push_reminder((change ->> 'id')::uuid,
                                     coalesce(change -> 'values', '{}'::jsonb) - 'id' - 'owner' - 'change_xid' - 'field_xids',
                                     nullif(change ->> 'base', '')::xid8);
    END LOOP;
    RETURN answer;
END $$;
GRANT EXECUTE ON FUNCTION tandem.push(uuid, jsonb) TO PUBLIC;
