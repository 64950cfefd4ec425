#pragma once
// Waits for files in a folder tree to change, for `roadwork watch`. Linux implementation (inotify) in
// folder_watcher_linux.cpp.

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/core/unique_fd.hpp"

namespace roadwork::cli {

/// Watches a folder and every folder below it, except folders whose name is in `ignored` (and what is
/// below them); folders created later are watched as they appear. Not copyable.
class FolderWatcher {
 public:
  /// Starts watching `root`; a Fatal when the system refuses (e.g. too many watches: the message says which
  /// limit to raise).
  FolderWatcher(std::filesystem::path root, std::set<std::string> ignored);

  /// Blocks until a file changes, then until `quiet` passes without another change (an editor's save is
  /// often several writes, a `git checkout` many), and returns the changed paths relative to the root,
  /// sorted. Changes to ignored names and editor swap files do not count.
  std::vector<std::string> wait_for_changes(std::chrono::milliseconds quiet);

  /// The changes that have happened unseen so far (e.g. during a check run), as wait_for_changes returns
  /// them, after `quiet` has passed without another; empty at once when there are none.
  std::vector<std::string> take_pending(std::chrono::milliseconds quiet);

 private:
  void watch_tree(const std::filesystem::path& folder);
  /// Reads the events that are ready, adding changed paths to `changed`.
  void read_events(std::set<std::string>& changed);
  bool ignored(const std::string& name) const;
  /// `changed`, and what else changes until `quiet` passes without a change, sorted.
  std::vector<std::string> until_quiet(std::set<std::string> changed, std::chrono::milliseconds quiet);

  std::filesystem::path root_;
  std::set<std::string> ignored_;
  UniqueFd fd_;
  std::map<int, std::filesystem::path> folders_;  // by watch descriptor
};

}  // namespace roadwork::cli
