#include "app/core/paths.hpp"

#include <sys/stat.h>

#include <algorithm>

namespace roadwork {

namespace fs = std::filesystem;

namespace {

// The usual case without a system call per folder above `root`: `path` is `root` followed by plain names
// (no `..`), none of which is a symbolic link, so resolving it cannot leave the resolved `root`.
bool plainly_inside(const fs::path& path, const fs::path& root) {
  const auto [root_end, path_at] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  if (root_end != root.end() || root.empty()) return false;
  fs::path walked = root;
  for (auto it = path_at; it != path.end(); ++it) {
    if (*it == ".." || it->empty()) return false;
    if (*it == ".") continue;
    walked /= *it;
    struct stat info {};
    if (::lstat(walked.c_str(), &info) != 0) return true;  // the rest does not exist yet: it is written
    if (S_ISLNK(info.st_mode)) return false;
  }
  return true;
}

}  // namespace

bool resolves_inside(const fs::path& path, const fs::path& root) {
  if (plainly_inside(path, root)) return true;
  std::error_code error;
  const auto real_root = fs::weakly_canonical(root, error);
  if (error) return false;
  const auto real_path = fs::weakly_canonical(path, error);
  if (error) return false;
  return std::mismatch(real_root.begin(), real_root.end(), real_path.begin(), real_path.end()).first ==
         real_root.end();
}

}  // namespace roadwork
