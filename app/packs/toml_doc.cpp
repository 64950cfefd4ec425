#include "app/packs/toml_doc.hpp"

#include <algorithm>

namespace roadwork::packs {

Place TomlDoc::place(const toml::node* node) const {
  if (!node) return {path, 1, 1};
  const auto& begin = node->source().begin;
  return {path, static_cast<int>(std::max<toml::source_index>(begin.line, 1)),
          static_cast<int>(std::max<toml::source_index>(begin.column, 1))};
}

std::optional<TomlDoc> read_toml_doc(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  try {
    return TomlDoc{path.string(), toml::parse_file(path.string())};
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

std::vector<LocatedString> located_strings(const toml::table& table, std::string_view key) {
  std::vector<LocatedString> strings;
  const auto* node = table.get(key);
  if (!node) return strings;
  if (const auto* array = node->as_array()) {
    for (const auto& item : *array)
      if (const auto* text = item.as_string()) strings.push_back({text->get(), &item});
  }
  return strings;
}

std::vector<const toml::table*> tables_at(const toml::table& table, std::string_view key) {
  std::vector<const toml::table*> tables;
  if (const auto* array = table[key].as_array()) {
    for (const auto& item : *array)
      if (const auto* entry = item.as_table()) tables.push_back(entry);
  }
  return tables;
}

}  // namespace roadwork::packs
