#include "app/course/env_load.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace roadwork::course {

std::map<std::string, std::string> load_env(const TomlFields& fields) {
  std::map<std::string, std::string> env;
  const auto* node = fields.table().get("env");
  if (!node) return env;
  const auto* table = node->as_table();
  if (!table) fields.fail("env", "`env` must be a table of NAME = \"value\"");
  static const std::set<std::string, std::less<>> reserved{"PORT", "HOST", "DATA_DIR", "DATABASE_PATH",
                                                           "ROADWORK"};
  for (const auto& [key, value] : *table) {
    const std::string name(key.str());
    const bool well_formed = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                             std::all_of(name.begin(), name.end(), [](char c) {
                               return std::isupper(static_cast<unsigned char>(c)) ||
                                      std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                             });
    if (!well_formed)
      fields.report_at(value, "environment variable name `" + name + "` must be written in A-Z, 0-9 and _");
    else if (reserved.count(name))
      fields.report_at(value, "`" + name + "` is set by roadwork for every run; choose another name");
    else if (!value.is_string())
      fields.report_at(value, "`" + name + "` must be a string");
    else
      env[name] = *value.value<std::string>();
  }
  return env;
}

}  // namespace roadwork::course
