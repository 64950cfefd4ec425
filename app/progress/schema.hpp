#pragma once
// The progress store's schema: an ordered list of forward migrations, the database's PRAGMA user_version
// counting how many have been applied.

#include <filesystem>

namespace SQLite {
class Database;
}

namespace roadwork::progress {

/// The schema version an up-to-date database has: the number of migrations this build knows.
int latest_schema_version();

/// Applies every migration `db` lacks, each in its own BEGIN IMMEDIATE transaction, so a crash leaves the
/// database at a whole version and two processes opening a fresh file at once apply each migration once.
/// Throws StoreError naming `path` when the database is newer than this build; SQLite::Exception on any
/// SQLite failure (nothing of the failed migration is kept).
void migrate(SQLite::Database& db, const std::filesystem::path& path);

}  // namespace roadwork::progress
