#pragma once
// Reads the result of one query from the server's SQLite database, opened read-only so a check can never
// change what it inspects (DESIGN.md: sql steps).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/course/step.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::grading {

/// One column value; nullopt is SQL NULL. A BLOB reads as the string of its bytes, a boolean is 0 or 1.
using SqlCell = std::optional<course::SqlValue>;

/// A query's result: its column names and every row.
struct SqlResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlCell>> rows;
};

/// Runs `step`'s query on the database at `path` with each parameter bound to the variable it names.
/// On failure returns nullopt and sets `error` to one sentence: no database file yet, a variable that is
/// not set or cannot be bound, or SQLite's own message ("no such table: users").
std::optional<SqlResult> query_database(const std::filesystem::path& path, const course::SqlStep& step,
                                        const run::Variables& variables, std::string& error);

/// `7`, `2.5`, `"text"` (JSON-quoted) or `NULL`, for messages.
std::string describe(const SqlCell& cell);

/// Whether `actual` equals `expected`: numbers by value (1 equals 1.0), text by its bytes; NULL equals
/// nothing.
bool cell_equals(const SqlCell& actual, const course::SqlValue& expected);

}  // namespace roadwork::grading
