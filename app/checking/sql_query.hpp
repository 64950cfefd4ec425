#pragma once
// Reads the result of one query from the server's SQLite database, opened read-only so a check can never
// change what it inspects (exercises/README.md: sql).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/course/step.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::checking {

/// One column value; nullopt is SQL NULL. A BLOB reads as the string of its bytes, a boolean is 0 or 1.
using SqlCell = std::optional<course::SqlValue>;

/// A query's result: its column names and every row.
struct SqlResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlCell>> rows;
};

/// Runs `query` on the database at `path` with parameter i (its `?`) bound to the variable `parameters[i]`
/// names. On failure returns nullopt and sets `error` to one sentence: no database file yet, a variable that
/// is not set or cannot be bound, or SQLite's own message ("no such table: users").
std::optional<SqlResult> query_database(const std::filesystem::path& path, const std::string& query,
                                        const std::vector<std::string>& parameters,
                                        const run::Variables& variables, std::string& error);

/// Every row of every table of the database at `path` (sqlite_schema's tables, SQLite's own `sqlite_`
/// tables left out), keyed by table name; nullopt with `error` set as query_database does.
std::optional<std::vector<std::pair<std::string, SqlResult>>> read_all_tables(
    const std::filesystem::path& path, std::string& error);

/// `7`, `2.5`, `"text"` (JSON-quoted) or `NULL`, for messages.
std::string describe(const SqlCell& cell);

/// Whether `actual` equals `expected`: numbers by value (1 equals 1.0), text by its bytes; NULL equals
/// nothing.
bool cell_equals(const SqlCell& actual, const course::SqlValue& expected);

}  // namespace roadwork::checking
