#pragma once
// Cycles of `requires` among a pack's exercises: no learner could start any exercise of one.

#include <map>
#include <string>

#include "app/course/pack.hpp"
#include "app/packs/problems.hpp"
#include "app/packs/toml_doc.hpp"

namespace roadwork::packs {

/// Reports each cycle once, as `requires cycle: a → b → a`, at the `requires` item that closes it. `docs`
/// holds each exercise's exercise.toml by exercise id.
void check_requires_cycles(const course::Pack& pack, const std::map<std::string, TomlDoc>& docs,
                           Problems& problems);

}  // namespace roadwork::packs
