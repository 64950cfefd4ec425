#pragma once
// Reading one [[steps]] table of exercise.toml into a Step (exercises/README.md: Step kinds).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/course/step.hpp"
#include "app/course/toml_fields.hpp"

namespace roadwork::course {

/// Reads the step in `fields`; `dir` is the exercise folder, against which paths are resolved. A Fatal
/// (exit 2) at the offending key or value for: no kind key or more than one, a key the kind does not take,
/// a value of the wrong type or out of range, a check file that does not exist, a bad duration or signal
/// name, an `expect` without the key it needs.
Step load_step(const TomlFields& fields, const std::filesystem::path& dir);

/// An SQL query whose `{{name}}` placeholders became `?` parameters (SQLite binds each to its variable).
struct SqlTemplate {
  std::string query;
  std::vector<std::string> parameters;
};

/// Turns the placeholders of `sql` into parameters; a placeholder is a whole SQL value, so one inside a
/// quoted literal or identifier is an error, as is a malformed one. nullopt with `error` set on failure.
std::optional<SqlTemplate> parse_sql_template(std::string_view sql, std::string& error);

}  // namespace roadwork::course
