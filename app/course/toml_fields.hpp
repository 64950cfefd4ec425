#pragma once
// Typed reads of TOML fields that fail with `file:line:col: error: …` (a LoadError) pointing at the
// offending key or value, so every pack and workspace file error names its place. `pack validate` reads the
// same fields with an error list instead, to report every problem of a file in one pass. The public load
// functions built on them return their problems as values (CONTRIBUTING.md: "Expected failures are values").

#include <toml++/toml.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/core/diagnostic.hpp"
#include "app/core/expected.hpp"
#include "checker/hurl/diagnostic.hpp"

namespace roadwork::course {

/// How a loader built on TomlFields stops at a problem it cannot read past (a recursive reader unwinds with
/// it). Thrown by TomlFields and the readers that use it, caught by read_part() and by the public load
/// functions (load_pack, load_quiz, workspace::load), which return its diagnostics: it never leaves them.
struct LoadError : std::runtime_error {
  explicit LoadError(std::vector<Diagnostic> diagnostics);
  /// A problem at a place in a file.
  LoadError(const hurl::SourceLocation& where, const std::string& message);
  std::vector<Diagnostic> diagnostics;  ///< not empty
};

/// Runs `load`, a reader that may throw LoadError, and returns what it read or the error's diagnostics.
template <class Load>
auto catch_load_error(Load&& load) -> Expected<decltype(load()), std::vector<Diagnostic>> {
  try {
    return std::forward<Load>(load)();
  } catch (LoadError& error) {
    return std::move(error.diagnostics);
  }
}

/// Parses the TOML file at `path`; a missing file or a syntax error is a LoadError naming the file (and the
/// line and column of a syntax error).
toml::table parse_toml_file(const std::filesystem::path& path);

/// Errors collected instead of thrown, in the order found.
using FileErrors = std::vector<Diagnostic>;

/// Runs `read`, a part of a file that cannot go on after its first problem (a step, a mutant, a quiz).
/// Without `errors`, a plain call. With `errors`, a LoadError it throws is appended there and false returned,
/// so that a collecting loader goes on with the next part: LoadError stays the readers' one way to report.
bool read_part(FileErrors* errors, const std::function<void()>& read);

/// Reads fields of one table of the file at `path` (used in error messages).
///
/// Without `errors`, the first problem is a LoadError. With `errors`, reject_unknown_keys() and the typed
/// reads record each problem there and go on with the value absent ("" for a required string, the fallback,
/// an empty list), for a caller written to cope with that; fail() still throws. Tables from table_array()
/// read strictly (no list), since their readers expect a value after each read.
class TomlFields {
 public:
  TomlFields(const toml::table& table, std::string path, FileErrors* errors = nullptr)
      : table_(table), path_(std::move(path)), errors_(errors) {}

  /// Reports every key not in `known` ("unknown key `fials` in …; did you mean `fails`?", the suggestion
  /// when a known key is a slip of the keyboard away); a LoadError at the first without a list.
  void reject_unknown_keys(std::span<const std::string_view> known, std::string_view where) const;
  void reject_unknown_keys(std::initializer_list<std::string_view> known, std::string_view where) const {
    reject_unknown_keys(std::span(known.begin(), known.size()), where);
  }

  /// Strings are refused (reported at the value) when they hold a control character other than tab and
  /// newline: everything a pack says ends up on a terminal.
  std::string required_string(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  /// An array of strings; an absent key is an empty list.
  std::vector<std::string> string_array(std::string_view key) const;
  /// A duration written as "250ms", "10s" or "2m"; absent → `fallback`.
  std::chrono::milliseconds duration(std::string_view key, std::chrono::milliseconds fallback) const;
  /// An array of tables, each wrapped for reading; absent → empty.
  std::vector<TomlFields> table_array(std::string_view key) const;

  /// A LoadError located at `key`'s value (or at the table when the key is absent).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  /// As fail(), but with an error list the error is recorded and the caller goes on.
  void report(std::string_view key, const std::string& message) const;
  /// As report(), at `node` (an item of an array, which has no key of its own).
  void report_at(const toml::node& node, const std::string& message) const;
  /// As fail(), at `node` (an item of an array).
  [[noreturn]] void fail_at(const toml::node& node, const std::string& message) const;

  /// Where `node` (a key's value or an item of an array of this file) starts: the file and its 1-based line
  /// and column, as every located error gives them.
  hurl::SourceLocation location(const toml::node& node) const;
  /// Where the value of `key` starts, or the table when it has no such key.
  hurl::SourceLocation location(std::string_view key) const;

  /// read_part() with this table's error list.
  bool attempt(const std::function<void()>& read) const { return read_part(errors_, read); }

  const std::string& path() const { return path_; }
  const toml::table& table() const { return table_; }

 private:
  /// `value` of `node` (the string at `key`), or nothing after reporting it when it holds a control
  /// character other than tab and newline (C0, DEL, C1): pack text is shown on terminals.
  std::optional<std::string> checked_text(const toml::node& node, std::string_view key,
                                          std::string value) const;

  void report_in(const toml::source_region& where, const std::string& message) const;

  const toml::table& table_;
  std::string path_;
  FileErrors* errors_;
};

/// Parses "250ms", "10s", "2m" (a plain number is seconds); nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace roadwork::course
