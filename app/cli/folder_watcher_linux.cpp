#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/cli/folder_watcher.hpp"
#include "app/core/fatal.hpp"

namespace roadwork::cli {

namespace fs = std::filesystem;

namespace {

// Everything that changes what a folder holds. IN_MODIFY catches a long write as it happens; the quiet
// period then waits for its end.
constexpr std::uint32_t kEvents =
    IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR;

// Files editors write beside the one being edited (vim's swap files and its 4913 probe, backups, Emacs
// locks): saving the real file follows at once.
bool editor_scratch(const std::string& name) {
  return name == "4913" || name.ends_with("~") || name.ends_with(".swp") || name.ends_with(".swx") ||
         name.starts_with(".#");
}

}  // namespace

FolderWatcher::FolderWatcher(fs::path root, std::set<std::string> ignored)
    : root_(std::move(root)), ignored_(std::move(ignored)), fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (!fd_) throw Fatal(std::string("cannot watch files: inotify_init1: ") + std::strerror(errno));
  watch_tree(root_);
  if (folders_.empty()) throw Fatal("cannot watch " + root_.string() + ": " + std::strerror(errno));
}

bool FolderWatcher::ignored(const std::string& name) const {
  return ignored_.count(name) || editor_scratch(name);
}

void FolderWatcher::watch_tree(const fs::path& folder) {
  const int wd = ::inotify_add_watch(fd_.get(), folder.c_str(), kEvents);
  if (wd < 0) {
    if (errno == ENOSPC)
      throw Fatal("cannot watch " + folder.string() +
                  ": the system's limit of inotify watches is reached; raise it with "
                  "`sysctl fs.inotify.max_user_watches=524288`");
    return;  // the folder vanished meanwhile, or may not be read: nothing in it to watch
  }
  folders_[wd] = folder;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored_error;
    if (it->is_directory(ignored_error) && !it->is_symlink(ignored_error) &&
        !ignored(it->path().filename().string()))
      watch_tree(it->path());
  }
}

void FolderWatcher::read_events(std::set<std::string>& changed) {
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    const auto size = ::read(fd_.get(), buffer, sizeof buffer);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) return;  // EAGAIN: every event is read
    for (std::size_t at = 0; at < static_cast<std::size_t>(size);) {
      inotify_event event;
      std::memcpy(&event, buffer + at, sizeof event);
      const std::string name = event.len > 0 ? std::string(buffer + at + sizeof event) : "";
      at += sizeof event + event.len;
      if (event.mask & IN_Q_OVERFLOW) {  // the kernel dropped events: something changed, we cannot say what
        changed.insert("(many files)");
        continue;
      }
      if (event.mask & IN_IGNORED) {
        folders_.erase(event.wd);
        continue;
      }
      const auto folder = folders_.find(event.wd);
      if (folder == folders_.end() || name.empty() || ignored(name)) continue;
      const auto path = folder->second / name;
      if ((event.mask & IN_ISDIR) && (event.mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path);
      changed.insert(path.lexically_relative(root_).string());
    }
  }
}

std::vector<std::string> FolderWatcher::wait_for_changes(std::chrono::milliseconds quiet) {
  std::set<std::string> changed;
  pollfd ready{fd_.get(), POLLIN, 0};
  while (changed.empty()) {
    if (::poll(&ready, 1, -1) < 0 && errno != EINTR)
      throw Fatal(std::string("cannot watch files: poll: ") + std::strerror(errno));
    read_events(changed);
  }
  return until_quiet(std::move(changed), quiet);
}

std::vector<std::string> FolderWatcher::take_pending(std::chrono::milliseconds quiet) {
  std::set<std::string> changed;
  read_events(changed);
  if (changed.empty()) return {};
  return until_quiet(std::move(changed), quiet);
}

std::vector<std::string> FolderWatcher::until_quiet(std::set<std::string> changed,
                                                    std::chrono::milliseconds quiet) {
  pollfd ready{fd_.get(), POLLIN, 0};
  while (::poll(&ready, 1, static_cast<int>(quiet.count())) > 0) read_events(changed);
  return {changed.begin(), changed.end()};
}

}  // namespace roadwork::cli
