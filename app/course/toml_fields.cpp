#include "app/course/toml_fields.hpp"

#include <algorithm>
#include <charconv>

#include "app/core/spelling.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::course {

namespace {

hurl::SourceLocation location_in(const std::string& path, const toml::source_region& where) {
  return {path, static_cast<int>(std::max<toml::source_index>(where.begin.line, 1)),
          static_cast<int>(std::max<toml::source_index>(where.begin.column, 1))};
}

LoadError error_at(const std::string& path, const toml::source_region& where, const std::string& message) {
  return LoadError(location_in(path, where), message);
}

}  // namespace

LoadError::LoadError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(render(diagnostics)), diagnostics(std::move(diagnostics)) {}

LoadError::LoadError(const hurl::SourceLocation& where, const std::string& message)
    : LoadError({Diagnostic{where.file, where.line, where.column, message, ""}}) {}

void TomlFields::fail_at(const toml::node& node, const std::string& message) const {
  throw LoadError(location(node), message);
}

hurl::SourceLocation TomlFields::location(const toml::node& node) const {
  return location_in(path_, node.source());
}

hurl::SourceLocation TomlFields::location(std::string_view key) const {
  const auto* node = table_.get(key);
  return location_in(path_, node ? node->source() : table_.source());
}

toml::table parse_toml_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw LoadError({Diagnostic{path.string(), 0, 0, "no such file", ""}});
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    throw error_at(path.string(), e.source(), std::string(e.description()));
  }
}

bool read_part(FileErrors* errors, const std::function<void()>& read) {
  try {
    read();
    return true;
  } catch (const LoadError& error) {
    if (!errors) throw;
    errors->insert(errors->end(), error.diagnostics.begin(), error.diagnostics.end());
    return false;
  }
}

void TomlFields::report_in(const toml::source_region& where, const std::string& message) const {
  auto error = error_at(path_, where, message);
  if (!errors_) throw error;
  errors_->insert(errors_->end(), error.diagnostics.begin(), error.diagnostics.end());
}

void TomlFields::report_at(const toml::node& node, const std::string& message) const {
  report_in(node.source(), message);
}

void TomlFields::report(std::string_view key, const std::string& message) const {
  const auto* node = table_.get(key);
  report_at(node ? *node : static_cast<const toml::node&>(table_), message);
}

void TomlFields::reject_unknown_keys(std::span<const std::string_view> known, std::string_view where) const {
  for (const auto& [key, value] : table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    auto message = "unknown key `" + std::string(key.str()) + "` in " + std::string(where);
    if (const auto suggestion = closest_name(key.str(), known))
      message += "; did you mean `" + *suggestion + "`?";
    report_in(key.source(), message);
  }
}

void TomlFields::fail(std::string_view key, const std::string& message) const {
  const auto* node = table_.get(key);
  throw error_at(path_, node ? node->source() : table_.source(), message);
}

std::optional<std::string> TomlFields::optional_string(std::string_view key) const {
  const auto* node = table_.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    report(key, "`" + std::string(key) + "` must be a string");
    return std::nullopt;
  }
  return checked_text(*node, key, node->as_string()->get());
}

std::optional<std::string> TomlFields::checked_text(const toml::node& node, std::string_view key,
                                                    std::string value) const {
  if (text::escape_controls(value) == value) return value;
  report_at(node, "`" + std::string(key) +
                      "` holds a control character: pack text may hold tabs and newlines, nothing a terminal "
                      "would act on (write it out, e.g. \\u001b as the text \\x1b)");
  return std::nullopt;
}

std::string TomlFields::required_string(std::string_view key) const {
  if (!table_.contains(key)) {
    report(key, "missing required key `" + std::string(key) + "`");
    return "";
  }
  auto value = optional_string(key).value_or("");
  if (value.empty() && table_.get(key)->is_string())
    report(key, "`" + std::string(key) + "` must not be empty");
  return value;
}

std::vector<std::string> TomlFields::string_array(std::string_view key) const {
  std::vector<std::string> values;
  const auto* node = table_.get(key);
  if (!node) return values;
  const auto* array = node->as_array();
  if (!array) {
    report(key, "`" + std::string(key) + "` must be an array of strings");
    return values;
  }
  for (const auto& item : *array) {
    if (!item.is_string()) {
      report_at(item, "`" + std::string(key) + "` must hold only strings");
    } else if (auto value = checked_text(item, key, item.as_string()->get())) {
      values.push_back(std::move(*value));
    }
  }
  return values;
}

std::chrono::milliseconds TomlFields::duration(std::string_view key,
                                               std::chrono::milliseconds fallback) const {
  const auto text = optional_string(key);
  if (!text) return fallback;
  const auto value = parse_duration(*text);
  if (!value)
    report(key, "`" + std::string(key) + "` must be a duration such as \"500ms\", \"10s\" or \"2m\"");
  return value.value_or(fallback);
}

std::vector<TomlFields> TomlFields::table_array(std::string_view key) const {
  std::vector<TomlFields> tables;
  const auto* node = table_.get(key);
  if (!node) return tables;
  const auto* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    report(key, "`" + std::string(key) + "` must be an array of tables ([[" + std::string(key) + "]])");
    return tables;
  }
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
