#include "app/core/temp_dir.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <utility>

namespace roadwork {

namespace fs = std::filesystem;

namespace {

// The pid in a folder name `<prefix>-<pid>-XXXXXX` (the name starts with `<prefix>-`), or 0 when the rest
// is not a pid and a dash and six characters.
pid_t owner_of(const std::string& name, const std::string& prefix) {
  const auto digits = prefix.size() + 1;
  if (name.size() < digits + 8 || name[name.size() - 7] != '-') return 0;
  const auto digits_end = name.size() - 7;
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(name.data() + digits, name.data() + digits_end, pid);
  return error == std::errc{} && end == name.data() + digits_end ? pid : 0;
}

// Removes the `<prefix>-<pid>-XXXXXX` folders of `parent` that a roadwork process made and could not
// remove because it was killed (SIGKILL, a power cut): those whose pid runs no more. A reused pid only
// postpones the removal.
void remove_orphans(const fs::path& parent, const std::string& prefix) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix + "-")) continue;
    const pid_t owner = owner_of(name, prefix);
    if (owner <= 0 || owner == ::getpid() || !entry.is_directory(error)) continue;
    if (::kill(owner, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
}

// remove_orphans() once per parent and prefix in this process: what a killed process left is gone after the
// first sweep, and a grade or a validate makes folders of one name again and again (from several threads).
void remove_orphans_once(const fs::path& parent, const std::string& prefix) {
  static std::mutex mutex;
  static std::set<std::pair<std::string, std::string>> swept;
  {
    const std::lock_guard lock(mutex);
    if (!swept.emplace(parent.string(), prefix).second) return;
  }
  remove_orphans(parent, prefix);
}

}  // namespace

TempDir::TempDir(const fs::path& parent, const std::string& prefix, bool keep) : keep_(keep) {
  std::error_code error;
  fs::create_directories(parent, error);
  if (!error) remove_orphans_once(parent, prefix);
  // A kept folder is named without the pid, so that no later run takes it for an orphan.
  const std::string owner = keep ? "kept" : std::to_string(::getpid());
  auto pattern = (parent / (prefix + "-" + owner + "-XXXXXX")).string();
  if (error || !::mkdtemp(pattern.data())) {
    throw std::system_error(error ? error : std::error_code(errno, std::generic_category()),
                            "cannot create a folder in " + parent.string());
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  if (keep_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace roadwork
