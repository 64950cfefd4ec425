#pragma once
// The copy of a pack's folder (a solution, a starter, a mutant) that a validation run works in, so that
// nothing the server writes lands in the pack.

#include <filesystem>

namespace roadwork::packs {

/// Copies `folder` to `copy` (which must not exist). A node folder (one with package.json) without
/// node_modules of its own gets a link to the pack root's node_modules, where a pack keeps the packages
/// its node solutions use (package.json and the lockfile at the root). A Fatal when the copy fails.
void copy_run_folder(const std::filesystem::path& folder, const std::filesystem::path& copy,
                     const std::filesystem::path& pack_root);

}  // namespace roadwork::packs
