#pragma once
// `roadwork pack new DIR`: the smallest complete pack, for an instructor to grow. Every file is one a real
// pack has, and `roadwork pack validate` accepts the pack as written: one stage with a lesson and a quiz,
// one exercise with a check file, a python starter that fails it and a python solution that passes it.

#include <filesystem>
#include <string>
#include <vector>

#include "app/core/expected.hpp"

namespace roadwork::packs {

/// Writes a new pack with the id `id` (kebab-case) and the title `title` into `root`, which must not exist
/// or be an empty folder; returns the paths written, relative to `root`, or the problem when `root` holds
/// files or a file cannot be written.
Expected<std::vector<std::string>> write_new_pack(const std::filesystem::path& root, const std::string& id,
                                                  const std::string& title);

}  // namespace roadwork::packs
