#pragma once
// Reading an `env` table of exercise.toml: the exercise's [env], and a restart step's `env`
// (exercises/README.md: exercise.toml, restart).

#include <map>
#include <string>

#include "app/course/toml_fields.hpp"

namespace roadwork::course {

/// The key `env` of `fields`: NAME = "value" pairs, names in [A-Z_][A-Z0-9_]*. roadwork's own variables
/// (PORT, HOST, DATA_DIR, DATABASE_PATH, ROADWORK) are refused, since the server must get the port and
/// folders of the run. An empty map when the key is absent; each bad entry is reported at its place.
std::map<std::string, std::string> load_env(const TomlFields& fields);

}  // namespace roadwork::course
