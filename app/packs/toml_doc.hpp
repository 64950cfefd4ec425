#pragma once
// A pack's TOML file read again for the places of its values. The course loaders keep values only; the
// checks of `pack validate` that compare values across files (a stage that lists an exercise and the stage
// that exercise names) point at where each value is written.

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/packs/problems.hpp"

namespace roadwork::packs {

/// One parsed TOML file and its path as problems name it.
struct TomlDoc {
  std::string path;
  toml::table table;

  /// Where `node` is written in this file; the file's start for nullptr (a problem of the whole file).
  Place place(const toml::node* node) const;
};

/// Parses `path`; nullopt when it is missing or does not parse, which the course loader has reported.
std::optional<TomlDoc> read_toml_doc(const std::filesystem::path& path);

/// A string item of an array, with its node for its place.
struct LocatedString {
  std::string value;
  const toml::node* node = nullptr;
};

/// The string items of the array at `key` of `table`; items of other types, and values that are no array,
/// are left out (the loader reported them).
std::vector<LocatedString> located_strings(const toml::table& table, std::string_view key);

/// The tables of the array of tables at `key` of `table` (empty when it is not one).
std::vector<const toml::table*> tables_at(const toml::table& table, std::string_view key);

}  // namespace roadwork::packs
