#pragma once
// Puts a prepared database where the server will find it (exercises/README.md: restart, `database`): the
// database an earlier exercise's server left behind, which this exercise's server must migrate.

#include <filesystem>
#include <string>

namespace roadwork::checking {

/// Replaces the SQLite database at `path` (and its -wal, -shm and -journal files) by a new one made by
/// running the SQL script `script`. Call it while the server is stopped. Returns "" on success, else one
/// sentence: the script that cannot be read, or SQLite's own message ("near \"CREAT\": syntax error").
std::string seed_database(const std::filesystem::path& path, const std::filesystem::path& script);

}  // namespace roadwork::checking
