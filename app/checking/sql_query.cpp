#include "app/checking/sql_query.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace roadwork::checking {

namespace {

// A server mid-write holds the lock briefly; wait for it rather than fail the check.
constexpr int kBusyTimeoutMs = 2000;

// Binds variable `name` to parameter `index` (1-based); false with `error` set when it cannot be.
bool bind(SQLite::Statement& statement, int index, const std::string& name, const run::Variables& variables,
          std::string& error) {
  const auto found = variables.find(name);
  if (found == variables.end()) {
    error = fmt::format("variable `{}` in the query is not set (no earlier step captured it)", name);
    return false;
  }
  const auto& value = found->second;
  if (value.is_string())
    statement.bind(index, value.get<std::string>());
  else if (value.is_number_integer())
    statement.bind(index, value.get<std::int64_t>());
  else if (value.is_number())
    statement.bind(index, value.get<double>());
  else if (value.is_boolean())
    statement.bind(index, static_cast<std::int64_t>(value.get<bool>()));
  else if (value.is_null())
    statement.bind(index);
  else {
    error = fmt::format("variable `{}` holds {}, which is not one SQL value", name, value.dump());
    return false;
  }
  return true;
}

SqlCell read_cell(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  if (column.isInteger()) return course::SqlValue(column.getInt64());
  if (column.isFloat()) return course::SqlValue(column.getDouble());
  return course::SqlValue(
      std::string(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes())));
}

bool database_exists(const std::filesystem::path& path, std::string& error) {
  std::error_code missing;
  if (std::filesystem::is_regular_file(path, missing)) return true;
  error = fmt::format(
      "there is no database at DATABASE_PATH ({}): the server should create its SQLite file there",
      path.string());
  return false;
}

SqlResult read_result(SQLite::Statement& statement) {
  SqlResult result;
  for (int i = 0; i < statement.getColumnCount(); ++i)
    result.columns.emplace_back(statement.getColumnName(i));
  while (statement.executeStep()) {
    auto& row = result.rows.emplace_back();
    for (int i = 0; i < statement.getColumnCount(); ++i) row.push_back(read_cell(statement.getColumn(i)));
  }
  return result;
}

// A table name as a quoted SQL identifier's inside: each `"` doubled.
std::string escape_identifier(const std::string& name) {
  std::string out;
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out;
}

std::optional<double> number(const course::SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* floating = std::get_if<double>(&value)) return *floating;
  return std::nullopt;
}

}  // namespace

std::optional<SqlResult> query_database(const std::filesystem::path& path, const std::string& query,
                                        const std::vector<std::string>& parameters,
                                        const run::Variables& variables, std::string& error) {
  if (!database_exists(path, error)) return std::nullopt;
  try {
    SQLite::Database database(path.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
    SQLite::Statement statement(database, query);
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      if (!bind(statement, static_cast<int>(i) + 1, parameters[i], variables, error)) return std::nullopt;
    }
    return read_result(statement);
  } catch (const SQLite::Exception& e) {
    error = fmt::format("the query failed: {}", e.what());
    return std::nullopt;
  }
}

std::optional<std::vector<std::pair<std::string, SqlResult>>> read_all_tables(
    const std::filesystem::path& path, std::string& error) {
  if (!database_exists(path, error)) return std::nullopt;
  try {
    SQLite::Database database(path.string(), SQLite::OPEN_READONLY, kBusyTimeoutMs);
    SQLite::Statement tables(
        database,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name");
    std::vector<std::pair<std::string, SqlResult>> all;
    while (tables.executeStep()) {
      const std::string name = tables.getColumn(0).getString();
      SQLite::Statement rows(database, "SELECT * FROM \"" + escape_identifier(name) + "\"");
      all.emplace_back(name, read_result(rows));
    }
    return all;
  } catch (const SQLite::Exception& e) {
    error = fmt::format("reading the database failed: {}", e.what());
    return std::nullopt;
  }
}

std::string describe(const SqlCell& cell) {
  if (!cell) return "NULL";
  if (const auto* text = std::get_if<std::string>(&*cell))
    return nlohmann::json(*text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (const auto* integer = std::get_if<std::int64_t>(&*cell)) return std::to_string(*integer);
  return fmt::format("{}", std::get<double>(*cell));
}

bool cell_equals(const SqlCell& actual, const course::SqlValue& expected) {
  if (!actual) return false;
  const auto actual_number = number(*actual);
  const auto expected_number = number(expected);
  if (actual_number || expected_number) return actual_number == expected_number;
  return std::get<std::string>(*actual) == std::get<std::string>(expected);
}

}  // namespace roadwork::checking
