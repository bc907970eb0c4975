-- Tandem cloud schema, version 9: a tag's identity is a key the client
-- computes (TagKey::of in the desktop's code: trimmed, canonical caseless
-- match under Unicode's simple case folding, NFC), stored beside the name.
--
-- Until step 8 the server matched tags with lower(name), whose result
-- depends on the database's LC_CTYPE or collation: on a database in the C
-- locale lower('ÄRGER') is 'Ärger', while the desktop removed the tag by its
-- case-folded name 'ärger', so the removal never matched and the desktops
-- stayed different for good. Now the server compares keys only and never
-- computes one: a push's tag change carries "key" beside "tag", and the
-- legacy import sends a key with each tag.

ALTER TABLE tandem.tags ADD COLUMN name_key text;
COMMENT ON COLUMN tandem.tags.name_key IS
    'The tag''s identity, computed by the client (TagKey::of). NULL: a tag written before '
    'schema step 9 whose name is not plain ASCII, or by another tool; the first push or import '
    'that names it exactly gives it its key.';

-- The keys of the existing tags. For a name of ASCII characters only, the
-- client's key is the name trimmed of ASCII white space with A-Z lowered,
-- which SQL can compute without lower() (whose ASCII results depend on the
-- locale as well: tr_TR lowers I to ı). Any other name keeps NULL: no
-- function of this server gives the client's key for it. The first Tandem
-- that sends a change for such a tag by its exact name (as every desktop
-- got it from the pull) fills its key in tandem.push_tag.
-- Two ASCII names with one key (" work" and "work": the old index did not
-- trim): the oldest one gets the key, the others keep NULL.
-- Every person's tags: row-level security is lifted for the table's owner
-- (the role that runs the steps) during the update. No stamp and no
-- notification either: the desktops do not pull keys, so nothing changed
-- for them.
ALTER TABLE tandem.tags NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.tags DISABLE TRIGGER tags_stamp;
ALTER TABLE tandem.tags DISABLE TRIGGER tags_notify_update;
UPDATE tandem.tags g SET name_key = k.key
    FROM (SELECT id, key, row_number() OVER (PARTITION BY owner, key ORDER BY created_at, id) AS rank
            FROM (SELECT id, owner, created_at,
                         translate(btrim(name, chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)),
                                   'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS key
                    FROM tandem.tags
                   WHERE name !~ '[^\x01-\x7f]') AS ascii) AS k
    WHERE g.id = k.id AND k.rank = 1 AND k.key <> '';
ALTER TABLE tandem.tags ENABLE TRIGGER tags_notify_update;
ALTER TABLE tandem.tags ENABLE TRIGGER tags_stamp;
ALTER TABLE tandem.tags FORCE ROW LEVEL SECURITY;

-- Tags are unique per person by key. Rows without a key are not compared.
DROP INDEX tandem.tags_owner_name;
CREATE UNIQUE INDEX tags_owner_key ON tandem.tags (owner, name_key);

-- The tag branch of the push, by key. The change: {"op": "add"|"remove",
-- "tag": the name as the desktop stores it, "key": its TagKey}.
-- A tag without a key and exactly the change's name is that key's tag from
-- now on (see above). A removal also removes the todo's link to such a tag:
-- a person may have one with a key and one without, written before this step.
-- A change without a key, for a todo the writer has, is refused: every
-- Tandem that knows this step sends one, and older ones do not write to a
-- newer schema (CloudSchema's TooNew); a script must send one too.
CREATE OR REPLACE FUNCTION tandem.push_tag(p_device uuid, p_todo uuid, p_change jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    tag_name constant text := p_change ->> 'tag';
    tag_key constant text := p_change ->> 'key';
    tag_uuid uuid;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM tandem.todos WHERE id = p_todo) THEN
        RETURN; -- the todo is gone for good (or not the writer's); nothing to tag
    END IF;
    IF tag_key IS NULL OR tag_key = '' THEN
        RAISE EXCEPTION 'tag change without a key (device %, todo %)', p_device, p_todo
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT id INTO tag_uuid FROM tandem.tags WHERE owner = current_user AND name_key = tag_key;
    IF tag_uuid IS NULL THEN
        UPDATE tandem.tags SET name_key = tag_key
            WHERE id = (SELECT id FROM tandem.tags
                         WHERE owner = current_user AND name_key IS NULL AND name = tag_name
                         ORDER BY created_at, id LIMIT 1)
            RETURNING id INTO tag_uuid;
    END IF;
    IF p_change ->> 'op' = 'add' THEN
        IF tag_uuid IS NULL THEN
            -- The push's lock keeps other pushes out; an import writing the
            -- same key meanwhile wins, and its tag is the one.
            INSERT INTO tandem.tags(name, name_key) VALUES (tag_name, tag_key)
                ON CONFLICT (owner, name_key) DO NOTHING RETURNING id INTO tag_uuid;
            IF tag_uuid IS NULL THEN
                SELECT id INTO tag_uuid FROM tandem.tags WHERE owner = current_user AND name_key = tag_key;
            END IF;
        END IF;
        INSERT INTO tandem.todo_tags(todo_id, tag_id) VALUES (p_todo, tag_uuid)
            ON CONFLICT (todo_id, tag_id) DO UPDATE SET deleted_at = NULL;
    ELSE
        UPDATE tandem.todo_tags SET deleted_at = now()
            WHERE todo_id = p_todo AND deleted_at IS NULL
              AND tag_id IN (SELECT id FROM tandem.tags
                              WHERE owner = current_user
                                AND (id = tag_uuid OR (name_key IS NULL AND name = tag_name)));
    END IF;
END $$;

-- The legacy import: as in step 5, but tags are matched by the key the
-- importer sends with each ([{"id": ..., "name": ..., "key": ...}]).
CREATE OR REPLACE FUNCTION tandem.legacy_import_claim(
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
    -- A tag of the person's with no key yet and exactly the file's name
    -- becomes that key's tag; then the file's other tags are created.
    UPDATE tandem.tags g SET name_key = t.tag ->> 'key'
        FROM jsonb_array_elements(p_tags) AS t(tag)
        WHERE g.owner = current_user AND g.name_key IS NULL AND g.name = t.tag ->> 'name'
          AND NOT EXISTS (SELECT 1 FROM tandem.tags k
                          WHERE k.owner = current_user AND k.name_key = t.tag ->> 'key');
    INSERT INTO tandem.tags (id, name, name_key)
        SELECT (tag ->> 'id')::uuid, tag ->> 'name', tag ->> 'key' FROM jsonb_array_elements(p_tags) AS tag
        ON CONFLICT DO NOTHING;
    RETURN QUERY SELECT 'claimed'::text, 0::bigint;
END $$;

-- The cloud's tag for each tag of the file ([{"id": ..., "name": ...,
-- "key": ...}], in order): the one the claim wrote, or the person's own of
-- the same key.
CREATE OR REPLACE FUNCTION tandem.legacy_import_tags(p_tags jsonb) RETURNS TABLE (tag_index int, tag_id uuid)
LANGUAGE sql STABLE AS $$
    SELECT (t.ord - 1)::int, g.id
    FROM jsonb_array_elements(p_tags) WITH ORDINALITY AS t(tag, ord)
    JOIN tandem.tags g ON g.owner = current_user AND g.name_key = t.tag ->> 'key'
    ORDER BY t.ord
$$;
