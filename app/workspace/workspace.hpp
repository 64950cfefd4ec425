#pragma once
// The learner's workspace: roadwork.toml and .roadwork/ (README.md: Using roadwork as a learner). Commands
// find it by walking up from the current folder, as git does.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/expected.hpp"

namespace roadwork::workspace {

/// One [projects.<name>] table: a folder the learner's exercises grow, and how to run it.
struct Project {
  std::string dir;   ///< relative to the workspace root
  std::string run;   ///< run through /bin/sh -c in dir
  std::string test;  ///< the learner's own test command; may be empty
};

/// A stack roadwork has starters for, and its default commands.
struct Stack {
  std::string name;
  std::string run;
  std::string test;
};

/// The stacks `init --stack` accepts: python and node.
const std::map<std::string, Stack>& stacks();

struct Workspace {
  std::filesystem::path root;
  std::string stack;
  std::map<std::string, Project> projects;
  /// `packs = ["/abs/path", …]`: the folders of the packs added with `roadwork pack add`, in that order.
  std::vector<std::string> packs;

  std::filesystem::path config_path() const { return root / "roadwork.toml"; }
  std::filesystem::path state_dir() const { return root / ".roadwork"; }
  std::filesystem::path progress_db() const { return state_dir() / "progress.db"; }
};

/// The nearest folder at or above `start` that holds roadwork.toml, or nullopt.
std::optional<std::filesystem::path> find_root(const std::filesystem::path& start);

/// Finds and loads the workspace around the current folder; or the problem: none here (saying to run
/// `roadwork init`), or roadwork.toml malformed (at its file:line:col).
Expected<Workspace, std::vector<Diagnostic>> load_current();

/// Loads roadwork.toml at `root`; or its first problem, at its place.
Expected<Workspace, std::vector<Diagnostic>> load(const std::filesystem::path& root);

/// Writes roadwork.toml atomically (a temporary file renamed over the old one), so a crash mid-write
/// never leaves a half-written file; the problem when it cannot be written.
[[nodiscard]] std::optional<Diagnostic> save(const Workspace& workspace);

/// Creates a new workspace at `root` with `stack` (roadwork.toml and .roadwork/); or the problem, when `root`
/// already holds roadwork.toml, the stack is unknown or the files cannot be written.
Expected<Workspace> create(const std::filesystem::path& root, const std::string& stack);

}  // namespace roadwork::workspace
