#pragma once
// Reading an `env` table of exercise.toml: the exercise's [env], and a restart step's `env`
// (exercises/README.md: exercise.toml, restart).

#include <map>
#include <string>
#include <string_view>

#include "app/course/toml_fields.hpp"

namespace roadwork::course {

/// The key `env` of `fields`: NAME = "value" pairs, names in [A-Z_][A-Z0-9_]*. roadwork's own variables
/// (PORT, HOST, DATA_DIR, DATABASE_PATH, ROADWORK) are refused, since the server must get the port and
/// folders of the run. A value may hold `{{uid}}`, the run's uid, and no other template. An empty map when
/// the key is absent; each bad entry is reported at its place.
std::map<std::string, std::string> load_env(const TomlFields& fields);

/// `value` with every `{{uid}}` replaced by `uid` (the run's 12 hex digits): an [env] value as the server
/// gets it, unique to the run so that a server cannot have the checks' value written into its code.
std::string with_uid(std::string value, std::string_view uid);

}  // namespace roadwork::course
