-- Tandem cloud schema, version 3: row-level security. Every row belongs to
-- the role that wrote it (owner defaults to current_user), and forced
-- policies let a role see and change its own rows only, whatever tool it uses.

ALTER TABLE tandem.lists ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.lists FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.todos ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.todos FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.tags FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.todo_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.todo_tags FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.devices FORCE ROW LEVEL SECURITY;
ALTER TABLE tandem.conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.conflicts FORCE ROW LEVEL SECURITY;

CREATE POLICY own_rows ON tandem.lists USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY own_rows ON tandem.todos USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY own_rows ON tandem.tags USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY own_rows ON tandem.todo_tags USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY own_rows ON tandem.devices USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY own_rows ON tandem.conflicts USING (owner = current_user) WITH CHECK (owner = current_user);

-- Any role of the database may use Tandem; the policies keep people apart.
GRANT USAGE ON SCHEMA tandem TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON tandem.lists, tandem.todos, tandem.tags,
    tandem.todo_tags, tandem.devices, tandem.conflicts TO PUBLIC;
GRANT SELECT ON tandem.meta, tandem.schema_migrations TO PUBLIC;
