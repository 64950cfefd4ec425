#pragma once
// Typed reads of TOML fields that fail with `file:line:col: error: …` (a Fatal, exit 2) pointing at the
// offending key or value, so every pack and workspace file error names its place.

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace roadwork::course {

/// Parses the TOML file at `path`; a missing file or a syntax error is a Fatal naming the file (and the
/// line and column of a syntax error).
toml::table parse_toml_file(const std::filesystem::path& path);

/// Reads fields of one table of the file at `path` (used in error messages).
class TomlFields {
 public:
  TomlFields(const toml::table& table, std::string path) : table_(table), path_(std::move(path)) {}

  /// Fails on the first key not in `known` ("unknown key `foo` in …").
  void reject_unknown_keys(std::initializer_list<std::string_view> known, std::string_view where) const;

  std::string required_string(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  /// An array of strings; an absent key is an empty list.
  std::vector<std::string> string_array(std::string_view key) const;
  /// A duration written as "250ms", "10s" or "2m"; absent → `fallback`.
  std::chrono::milliseconds duration(std::string_view key, std::chrono::milliseconds fallback) const;
  /// An array of tables, each wrapped for reading; absent → empty.
  std::vector<TomlFields> table_array(std::string_view key) const;

  /// A Fatal located at `key`'s value (or at the table when the key is absent).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  const std::string& path() const { return path_; }
  const toml::table& table() const { return table_; }

 private:
  const toml::table& table_;
  std::string path_;
};

/// Parses "250ms", "10s", "2m" (a plain number is seconds); nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace roadwork::course
