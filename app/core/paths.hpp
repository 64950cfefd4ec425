#pragma once
// Paths that a pack or a submission names, kept inside their folder (README: "How it works", hostile packs).

#include <filesystem>

namespace roadwork {

/// Whether `path`, its symbolic links and `..` resolved, lies inside the folder `root` (or is `root`),
/// also resolved. A part of `path` that does not exist yet counts as written. False when either cannot be
/// resolved.
bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace roadwork
