#pragma once
// A folder made for one check run (a server's DATA_DIR, a copy of a reference solution), removed with
// everything in it when its owner is done, unless kept for a look afterwards.

#include <filesystem>
#include <string>

namespace roadwork {

/// A fresh folder `<parent>/<prefix>-<pid>-XXXXXX` (mkdtemp; `<prefix>-kept-XXXXXX` when kept), removed on
/// destruction unless `keep`. The first one of a parent and prefix in a process also removes the
/// `<prefix>-<pid>-…` folders of `parent` left by a roadwork process that was killed before it could remove
/// them (its pid runs no more). Not copyable.
class TempDir {
 public:
  /// Creates `parent` if needed; std::system_error when the folder cannot be made (a failure of the machine,
  /// which the command reports and exits 2 on).
  TempDir(const std::filesystem::path& parent, const std::string& prefix, bool keep = false);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool keep_;
};

}  // namespace roadwork
