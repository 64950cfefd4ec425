#pragma once
// The private folder that a server runs in: a pack's solution, starter or mutant written out (pack validate,
// demo, a command step), or a copy of a submission (grade), so that nothing the server writes lands in the
// original.

#include <filesystem>
#include <string>

#include "app/course/file_tree.hpp"

namespace roadwork::checking {

/// Copies `folder` to `copy` (which must not exist); symbolic links are copied as links, never followed.
/// Returns "" on success, else the error for people ("cannot copy A to B: reason").
std::string copy_folder(const std::filesystem::path& folder, const std::filesystem::path& copy);

/// Gives a node project folder (one with package.json) without node_modules of its own a link to the pack
/// root's node_modules, where a pack keeps the packages its node exercises may use (package.json and the
/// lockfile at the pack's root): so a node solution or submission needs no node_modules of its own. Does
/// nothing elsewhere. Returns "" on success, else the error for people.
std::string link_pack_modules(const std::filesystem::path& project_dir,
                              const std::filesystem::path& pack_root);

/// Writes `code` (an exercise's materialised solution, starter or mutant) into `dir`, then link_pack_modules
/// on it. Returns "" on success, else the error for people.
std::string write_run_folder(const course::FileTree& code, const std::filesystem::path& dir,
                             const std::filesystem::path& pack_root);

}  // namespace roadwork::checking
