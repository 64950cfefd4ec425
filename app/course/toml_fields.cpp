#include "app/course/toml_fields.hpp"

#include <charconv>

#include "app/core/fatal.hpp"

namespace roadwork::course {

namespace {

[[noreturn]] void fail_at(const std::string& path, const toml::source_region& where, const std::string& message) {
  throw Fatal::at(path, static_cast<int>(std::max<toml::source_index>(where.begin.line, 1)),
                  static_cast<int>(std::max<toml::source_index>(where.begin.column, 1)), message);
}

}  // namespace

toml::table parse_toml_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw Fatal(path.string() + ": no such file");
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    fail_at(path.string(), e.source(), std::string(e.description()));
  }
}

void TomlFields::reject_unknown_keys(std::initializer_list<std::string_view> known, std::string_view where) const {
  for (const auto& [key, value] : table_) {
    bool found = false;
    for (auto name : known) found = found || key.str() == name;
    if (!found) fail_at(path_, key.source(), "unknown key `" + std::string(key.str()) + "` in " + std::string(where));
  }
}

void TomlFields::fail(std::string_view key, const std::string& message) const {
  const auto* node = table_.get(key);
  fail_at(path_, node ? node->source() : table_.source(), message);
}

std::optional<std::string> TomlFields::optional_string(std::string_view key) const {
  const auto* node = table_.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) fail(key, "`" + std::string(key) + "` must be a string");
  return node->as_string()->get();
}

std::string TomlFields::required_string(std::string_view key) const {
  auto value = optional_string(key);
  if (!value) fail(key, "missing required key `" + std::string(key) + "`");
  if (value->empty()) fail(key, "`" + std::string(key) + "` must not be empty");
  return *value;
}

std::vector<std::string> TomlFields::string_array(std::string_view key) const {
  std::vector<std::string> values;
  const auto* node = table_.get(key);
  if (!node) return values;
  const auto* array = node->as_array();
  if (!array) fail(key, "`" + std::string(key) + "` must be an array of strings");
  for (const auto& item : *array) {
    if (!item.is_string()) fail_at(path_, item.source(), "`" + std::string(key) + "` must hold only strings");
    values.push_back(item.as_string()->get());
  }
  return values;
}

std::chrono::milliseconds TomlFields::duration(std::string_view key, std::chrono::milliseconds fallback) const {
  const auto text = optional_string(key);
  if (!text) return fallback;
  const auto value = parse_duration(*text);
  if (!value) fail(key, "`" + std::string(key) + "` must be a duration such as \"500ms\", \"10s\" or \"2m\"");
  return *value;
}

std::vector<TomlFields> TomlFields::table_array(std::string_view key) const {
  std::vector<TomlFields> tables;
  const auto* node = table_.get(key);
  if (!node) return tables;
  const auto* array = node->as_array();
  if (!array || !array->is_array_of_tables()) fail(key, "`" + std::string(key) + "` must be an array of tables ([[" +
                                                        std::string(key) + "]])");
  for (const auto& item : *array) tables.emplace_back(*item.as_table(), path_);
  return tables;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long number = 0;
  const auto* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, number);
  if (error != std::errc() || number < 0) return std::nullopt;
  const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  if (unit == "ms") return std::chrono::milliseconds(number);
  if (unit == "s" || unit.empty()) return std::chrono::seconds(number);
  if (unit == "m") return std::chrono::minutes(number);
  return std::nullopt;
}

}  // namespace roadwork::course
