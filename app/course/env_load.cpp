#include "app/course/env_load.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace roadwork::course {

namespace {

constexpr std::string_view kUid = "{{uid}}";

// Whether every `{{` of `value` starts `{{uid}}`.
bool only_uid_templates(std::string_view value) {
  for (auto at = value.find("{{"); at != std::string_view::npos; at = value.find("{{", at + 2)) {
    if (value.substr(at, kUid.size()) != kUid) return false;
  }
  return true;
}

}  // namespace

std::string with_uid(std::string value, std::string_view uid) {
  for (auto at = value.find(kUid); at != std::string::npos; at = value.find(kUid, at + uid.size()))
    value.replace(at, kUid.size(), uid);
  return value;
}

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
    else if (!only_uid_templates(*value.value<std::string>()))
      fields.report_at(value, "`" + name +
                                  "` may hold the template {{uid}} and no other: the checks' variables "
                                  "do not exist yet when the server starts");
    else
      env[name] = *value.value<std::string>();
  }
  return env;
}

}  // namespace roadwork::course
