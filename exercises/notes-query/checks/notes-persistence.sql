-- A database as a notes-persistence server leaves it (exercises/notes-persistence/README.md): its one
-- table, at migration 1, with two notes, and a third that was deleted (so SQLite's AUTOINCREMENT counter
-- in sqlite_sequence stands at 3).
CREATE TABLE notes (
  id    INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  body  TEXT NOT NULL
);
INSERT INTO notes (id, title, body) VALUES
  (1, 'Written before folders', 'kept across the upgrade'),
  (2, 'Also from notes-persistence', 'with its body'),
  (3, 'Deleted before the upgrade', 'gone');
DELETE FROM notes WHERE id = 3;
PRAGMA user_version = 1;
