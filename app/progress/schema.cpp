#include "app/progress/schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>

#include "app/progress/store.hpp"

namespace roadwork::progress {
namespace {

// Migration i takes a database from user_version i to i + 1. Append only: a released migration never
// changes, because learners' databases already ran it. Tables are STRICT so a wrongly typed value is an
// error instead of being stored as whatever SQLite's type affinity makes of it.
constexpr std::array<const char*, 1> kMigrations = {
    // 1: check runs, workspace state, and the tables of the lesson, quiz and hint features.
    R"sql(
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
        steps_passed INTEGER NOT NULL CHECK (steps_passed >= 0),
        steps_failed INTEGER NOT NULL CHECK (steps_failed >= 0),
        report_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attempts_by_exercise ON attempts (pack_id, exercise_id);

      CREATE TABLE state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE lesson_reads (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        read_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lesson_reads_by_lesson ON lesson_reads (pack_id, lesson_id);

      CREATE TABLE quiz_answers (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        stage_id TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX quiz_answers_by_stage ON quiz_answers (pack_id, stage_id);

      CREATE TABLE hints_used (
        pack_id TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (pack_id, exercise_id)
      ) STRICT;
    )sql",
};

/// The database's schema version; throws StoreError naming `path` when this build cannot read it.
int checked_version(SQLite::Database& db, const std::filesystem::path& path) {
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > latest_schema_version()) {
    throw StoreError(
        fmt::format("{}: progress database has schema version {}, newer than this roadwork understands ({}); "
                    "update roadwork to use it",
                    path.string(), version, latest_schema_version()));
  }
  return version;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(SQLite::Database& db, const std::filesystem::path& path) {
  int version = checked_version(db, path);
  while (version < latest_schema_version()) {
    // The version is read again under the write lock: another process may have migrated while this one
    // waited for it, and must not apply the same migration twice.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    version = checked_version(db, path);
    if (version < latest_schema_version()) {
      db.exec(kMigrations[version]);
      ++version;
      // PRAGMA takes no bound parameters; the value is our own integer.
      db.exec(fmt::format("PRAGMA user_version = {}", version));
    }
    transaction.commit();
  }
}

}  // namespace roadwork::progress
