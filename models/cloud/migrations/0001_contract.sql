-- Tandem cloud schema, version 1: the tables every client and the legacy
-- migration share. Every column but todos.list_id and todos.title has a
-- default, so another tool can write INSERT INTO tandem.todos (list_id, title).

CREATE TABLE tandem.lists (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner       text NOT NULL DEFAULT current_user,
    name        text NOT NULL DEFAULT '',
    position    double precision NOT NULL DEFAULT 0,
    is_inbox    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    -- Sync bookkeeping, kept by triggers (see 0002): the writing
    -- transaction's id, and per field the id of the last one that changed it.
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    field_xids  jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE tandem.todos (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner        text NOT NULL DEFAULT current_user,
    list_id      uuid NOT NULL REFERENCES tandem.lists(id),
    title        text NOT NULL,
    notes        text NOT NULL DEFAULT '',
    completed    boolean NOT NULL DEFAULT false,
    completed_at timestamptz,
    due_at       timestamptz,
    due_has_time boolean NOT NULL DEFAULT false,
    priority     smallint NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 3),
    position     double precision NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    legacy_id    bigint,
    change_xid   xid8 NOT NULL DEFAULT pg_current_xact_id(),
    field_xids   jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE tandem.tags (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner       text NOT NULL DEFAULT current_user,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id()
);
-- Tags are unique per person without regard to case.
CREATE UNIQUE INDEX tags_owner_name ON tandem.tags (owner, lower(name));

CREATE TABLE tandem.todo_tags (
    todo_id     uuid NOT NULL REFERENCES tandem.todos(id),
    tag_id      uuid NOT NULL REFERENCES tandem.tags(id),
    owner       text NOT NULL DEFAULT current_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (todo_id, tag_id)
);
CREATE INDEX todo_tags_tag ON tandem.todo_tags (tag_id);

-- Each desktop's last pushed outbox sequence number, updated in the same
-- transaction as the changes it pushed: a batch sent again is skipped.
CREATE TABLE tandem.devices (
    device_id   uuid PRIMARY KEY,
    owner       text NOT NULL DEFAULT current_user,
    last_seq    bigint NOT NULL DEFAULT 0,
    last_push   timestamptz NOT NULL DEFAULT now()
);

-- Values that a later commit overwrote, so people can see and restore them.
CREATE TABLE tandem.conflicts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner       text NOT NULL DEFAULT current_user,
    entity      text NOT NULL,
    entity_id   uuid NOT NULL,
    field       text NOT NULL,
    lost_value  jsonb,
    won_value   jsonb,
    kind        text NOT NULL DEFAULT 'overwritten',
    device_id   uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    change_xid  xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- Settings of the whole database, e.g. the tombstone purge horizon.
CREATE TABLE tandem.meta (
    key    text PRIMARY KEY,
    value  text NOT NULL
);

-- A pull asks for everything a person changed since a transaction id.
CREATE INDEX lists_pull ON tandem.lists (owner, change_xid);
CREATE INDEX todos_pull ON tandem.todos (owner, change_xid);
CREATE INDEX todos_list ON tandem.todos (list_id);
CREATE INDEX tags_pull ON tandem.tags (owner, change_xid);
CREATE INDEX todo_tags_pull ON tandem.todo_tags (owner, change_xid);
CREATE INDEX conflicts_pull ON tandem.conflicts (owner, change_xid);
-- One live Inbox per person.
CREATE UNIQUE INDEX lists_one_inbox ON tandem.lists (owner) WHERE is_inbox AND deleted_at IS NULL;

-- Who this database is: a desktop that finds a different id (a new or
-- restored server) merges its whole cache into it again.
INSERT INTO tandem.meta(key, value) VALUES ('database_id', gen_random_uuid()::text);
