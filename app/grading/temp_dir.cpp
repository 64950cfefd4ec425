#include "app/grading/temp_dir.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "app/core/fatal.hpp"

namespace roadwork::grading {

namespace fs = std::filesystem;

namespace {

// The pid in a folder name `<prefix>-<pid>-XXXXXX`, or 0 when the name has no such tail.
pid_t owner_of(const std::string& name) {
  if (name.size() < 9 || name[name.size() - 7] != '-') return 0;
  const auto digits_end = name.size() - 7;
  const auto dash = name.rfind('-', digits_end - 1);
  if (dash == std::string::npos || dash + 1 == digits_end) return 0;
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(name.data() + dash + 1, name.data() + digits_end, pid);
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
    const pid_t owner = owner_of(name);
    if (owner <= 0 || owner == ::getpid() || !entry.is_directory(error)) continue;
    if (::kill(owner, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
}

}  // namespace

TempDir::TempDir(const fs::path& parent, const std::string& prefix, bool keep) : keep_(keep) {
  std::error_code error;
  fs::create_directories(parent, error);
  if (!error) remove_orphans(parent, prefix);
  // A kept folder is named without the pid, so that no later run takes it for an orphan.
  const std::string owner = keep ? "kept" : std::to_string(::getpid());
  auto pattern = (parent / (prefix + "-" + owner + "-XXXXXX")).string();
  if (error || !::mkdtemp(pattern.data())) throw Fatal("cannot create a folder in " + parent.string());
  path_ = pattern;
}

TempDir::~TempDir() {
  if (keep_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace roadwork::grading
