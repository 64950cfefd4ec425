#include "app/sandbox/isolation_linux.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

#include "app/sandbox/kernel_files_linux.hpp"
#include "app/sandbox/process_posix.hpp"

namespace roadwork::sandbox {
namespace {

namespace fs = std::filesystem;

constexpr uid_t kFirstSandboxUid = 1'000'000'000;
// Private /tmp and /dev/shm: big enough for any exercise, small enough not to fill the grader's memory.
constexpr const char* kTmpfsOptions = "mode=1777,size=256m,nr_inodes=16384";
constexpr const char* kHiddenOptions = "mode=0755,size=64k,nr_inodes=1024";

bool is_root() { return ::geteuid() == 0; }

// The raw system calls: Debian 12's glibc wraps them, but its <sys/mount.h> and <linux/mount.h> clash.
int open_tree(const char* path, unsigned flags) {
  return static_cast<int>(::syscall(SYS_open_tree, AT_FDCWD, path, flags));
}

int move_mount_to(int tree, const char* target) {
  return static_cast<int>(::syscall(SYS_move_mount, tree, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH));
}

int set_mount_attributes(int dir_fd, const char* path, unsigned flags, std::uint64_t set, int userns = -1) {
  mount_attr attributes{};
  attributes.attr_set = set;
  if (userns >= 0) attributes.userns_fd = static_cast<std::uint64_t>(userns);
  return static_cast<int>(::syscall(SYS_mount_setattr, dir_fd, path, flags, &attributes, sizeof attributes));
}

// A user namespace whose only ids map `owner` (uid and gid) to `uid`: an idmapped mount through it shows the
// owner's files as `uid`'s. Made by a helper child that waits in the namespace until it is opened, then is
// killed. Not released through a pipe: helpers cloned by other threads at the same moment inherit each
// other's pipe ends (a helper never execs, so O_CLOEXEC does not close them) and so waited on each other
// forever.
UniqueFd idmap(uid_t owner_uid, gid_t owner_gid, uid_t uid, std::string& error) {
  const pid_t parent = ::getpid();
  const auto helper =
      static_cast<pid_t>(::syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, nullptr, nullptr, nullptr, 0));
  if (helper == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a grader killed before it kills the helper
    if (::getppid() != parent) ::_exit(0);
    for (;;) ::pause();
  }
  if (helper < 0) {
    error = fmt::format("cannot make a user namespace for an idmapped mount: {}", std::strerror(errno));
    return {};
  }
  const std::string proc = "/proc/" + std::to_string(helper);
  UniqueFd userns;
  if (write_control_file((proc + "/uid_map").c_str(), fmt::format("{} {} 1\n", owner_uid, uid)) &&
      write_control_file((proc + "/gid_map").c_str(), fmt::format("{} {} 1\n", owner_gid, uid))) {
    userns = UniqueFd(::open((proc + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC));
  }
  if (!userns) error = fmt::format("cannot map the ids of an idmapped mount: {}", std::strerror(errno));
  ::kill(helper, SIGKILL);
  while (::waitpid(helper, nullptr, 0) < 0 && errno == EINTR) {
  }
  return userns;
}

// The topmost folder above `path` that `uid`, with no groups, cannot pass through (a 0700 home such as
// /root), if any.
std::optional<std::string> first_closed_folder(const fs::path& path, uid_t uid) {
  fs::path prefix;
  for (const auto& part : path.parent_path()) {
    prefix /= part;
    struct stat folder {};
    if (::stat(prefix.c_str(), &folder) != 0) return std::nullopt;
    const bool passes = (folder.st_mode & S_IXOTH) || (folder.st_uid == uid && (folder.st_mode & S_IXUSR));
    if (!passes) return prefix.string();
  }
  return std::nullopt;
}

// Mount points must exist where a tmpfs layer covers them: every folder from / down, parents first.
void add_folders_down_to(const fs::path& folder, std::vector<std::string>& folders) {
  fs::path prefix;
  for (const auto& part : folder) {
    prefix /= part;
    folders.push_back(prefix.string());
  }
}

// In the child: makes `folders` (parents first) where they are missing. Where they exist — always on the
// read-only system — mkdir fails with EEXIST before it would with EROFS.
bool make_folders(const std::vector<std::string>& folders) {
  for (const auto& folder : folders) {
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

bool mount_tmpfs(const char* target, const char* options) {
  return ::mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}

// Why a folder on the filesystem of `folder` cannot be bound through an idmapped mount, or nothing: tries it
// on a detached copy of its mount, which is discarded when closed.
std::optional<std::string> idmapped_mount_refused(const fs::path& folder) {
  std::string error;
  const UniqueFd userns = idmap(0, 0, sandbox_user(), error);
  if (!userns) return error;
  const UniqueFd tree(open_tree(folder.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (!tree || set_mount_attributes(tree.get(), "", AT_EMPTY_PATH, MOUNT_ATTR_IDMAP, userns.get()) != 0) {
    return fmt::format("the filesystem of {} refuses idmapped mounts: {}", folder.string(),
                       std::strerror(errno));
  }
  return std::nullopt;
}

}  // namespace

uid_t sandbox_user() {
  if (!is_root()) return ::getuid();
  static std::atomic<unsigned> serial{0};
  // 4096 servers per roadwork process before a uid comes round again, long after its first server stopped.
  return kFirstSandboxUid + (static_cast<uid_t>(::getpid()) % 262144) * 4096 + serial++ % 4096;
}

unsigned long isolation_clone_flags() {
  return CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | (is_root() ? 0 : CLONE_NEWUSER);
}

const char* describe(IsolationStep step) {
  switch (step) {
    case IsolationStep::MapUser:
      return "map the user namespace's ids";
    case IsolationStep::PrivateMounts:
      return "make its mounts private";
    case IsolationStep::CloneWritable:
      return "take a writable folder (an idmapped mount)";
    case IsolationStep::ReadOnly:
      return "make the system read-only";
    case IsolationStep::PrivateTmp:
      return "mount a private /tmp";
    case IsolationStep::Hide:
      return "hide the grader's folders";
    case IsolationStep::MakeMountPoint:
      return "make a mount point";
    case IsolationStep::BindWritable:
      return "mount a writable folder";
    case IsolationStep::Proc:
      return "mount its own /proc";
    case IsolationStep::DropUser:
      return "switch to the sandbox's user";
  }
  return "isolate";
}

Isolation isolation_for(IsolationMode mode, std::vector<std::filesystem::path> writable,
                        std::vector<std::filesystem::path> hidden) {
  if (mode == IsolationMode::Off) return {};
  return {true, std::move(writable), std::move(hidden), sandbox_user(), mode == IsolationMode::Required};
}

IsolationPlan::IsolationPlan(const Isolation& isolation)
    : enabled_(isolation.enabled), user_namespace_(!is_root()), uid_(isolation.uid) {
  if (!enabled_) return;
  const uid_t uid = ::getuid();
  const gid_t gid = ::getgid();
  uid_map_ = fmt::format("{} {} 1\n", uid, uid);
  gid_map_ = fmt::format("{} {} 1\n", gid, gid);
  std::vector<fs::path> hidden = isolation.hidden;
  std::vector<fs::path> linked;  // node_modules that writable folders link to (checking::link_pack_modules)
  std::map<std::pair<uid_t, gid_t>, int> owners;  // the namespace made for each owner so far
  for (const auto& folder : isolation.writable) {
    const fs::path path = fs::weakly_canonical(folder);
    writable_.push_back(path.string());
    read_only_.push_back(false);
    struct stat owner {};
    if (user_namespace_ || ::stat(path.c_str(), &owner) != 0 || owner.st_uid == uid_) {
      idmaps_.push_back(-1);
    } else {
      // Each helper is a fork of roadwork (about a millisecond): folders of one owner share its namespace.
      const auto [known, added] = owners.try_emplace({owner.st_uid, owner.st_gid}, -1);
      if (added) {
        namespaces_.push_back(idmap(owner.st_uid, owner.st_gid, uid_, error_));
        if (!error_.empty()) return;
        known->second = namespaces_.back().get();
      }
      idmaps_.push_back(known->second);
    }
    add_folders_down_to(path, mount_points_);
    std::error_code ec;
    if (fs::is_symlink(path / "node_modules", ec))
      linked.push_back(fs::weakly_canonical(path / "node_modules", ec));
  }
  // As root, a folder above a writable one that the sandbox's user cannot pass (a project in /root) is shown
  // as a hiding layer with only the way to the writable folders in it, which also keeps the rest of it out
  // of sight; a node_modules linked from inside such a layer is shown read-only at its own path.
  if (!user_namespace_) {
    for (const auto& path : writable_) {
      if (const auto closed = first_closed_folder(path, uid_)) hidden.emplace_back(*closed);
    }
    for (const auto& modules : linked) {
      const auto closed = first_closed_folder(modules, uid_);
      if (!closed || !fs::is_directory(modules)) continue;
      hidden.emplace_back(*closed);
      writable_.push_back(modules.string());
      read_only_.push_back(true);
      idmaps_.push_back(-1);
      add_folders_down_to(modules, mount_points_);
    }
  }
  // Outermost first; a folder inside another hidden one is hidden with it (its own layer would be covered).
  std::vector<fs::path> outermost;
  for (const auto& folder : hidden) {
    std::error_code ec;
    if (folder.has_relative_path() && fs::is_directory(folder, ec))
      outermost.push_back(fs::weakly_canonical(folder));
  }
  std::sort(outermost.begin(), outermost.end(), [](const fs::path& a, const fs::path& b) {
    return std::distance(a.begin(), a.end()) < std::distance(b.begin(), b.end());
  });
  for (const auto& folder : outermost) {
    const auto inside = [&folder](const std::string& outer) {
      const fs::path above(outer);
      return std::mismatch(above.begin(), above.end(), folder.begin(), folder.end()).first == above.end();
    };
    if (std::any_of(hidden_.begin(), hidden_.end(), inside)) continue;
    hidden_.push_back(folder.string());
    add_folders_down_to(hidden_.back(), hidden_points_);
  }
  writable_trees_.assign(writable_.size(), -1);
}

std::optional<IsolationStep> IsolationPlan::child_isolate() const {
  if (!enabled_) return std::nullopt;
  if (user_namespace_ && (!write_control_file("/proc/self/setgroups", "deny") ||
                          !write_control_file("/proc/self/uid_map", uid_map_) ||
                          !write_control_file("/proc/self/gid_map", gid_map_))) {
    return IsolationStep::MapUser;
  }
  // Nothing done here may reach the mounts of roadwork's namespace.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return IsolationStep::PrivateMounts;
  // Taken before anything covers them, and before / turns read-only: the copies stay writable.
  for (std::size_t i = 0; i < writable_.size(); ++i) {
    writable_trees_[i] = open_tree(writable_[i].c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (writable_trees_[i] < 0) return IsolationStep::CloneWritable;
    if (idmaps_[i] >= 0 &&
        set_mount_attributes(writable_trees_[i], "", AT_EMPTY_PATH, MOUNT_ATTR_IDMAP, idmaps_[i]) != 0) {
      return IsolationStep::CloneWritable;
    }
  }
  if (set_mount_attributes(AT_FDCWD, "/", AT_RECURSIVE, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID) != 0)
    return IsolationStep::ReadOnly;
  if (!mount_tmpfs("/tmp", kTmpfsOptions)) return IsolationStep::PrivateTmp;
  if (::access("/dev/shm", F_OK) == 0 && !mount_tmpfs("/dev/shm", kTmpfsOptions))
    return IsolationStep::PrivateTmp;
  if (!make_folders(hidden_points_)) return IsolationStep::MakeMountPoint;
  for (const auto& folder : hidden_) {
    if (!mount_tmpfs(folder.c_str(), kHiddenOptions)) return IsolationStep::Hide;
  }
  if (!make_folders(mount_points_)) return IsolationStep::MakeMountPoint;
  // Mounted after the hiding tmpfs layers: a writable folder inside a hidden one stays reachable.
  for (std::size_t i = 0; i < writable_.size(); ++i) {
    if (move_mount_to(writable_trees_[i], writable_[i].c_str()) != 0) return IsolationStep::BindWritable;
    ::close(writable_trees_[i]);
    if (read_only_[i] && set_mount_attributes(AT_FDCWD, writable_[i].c_str(), AT_RECURSIVE,
                                              MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID) != 0) {
      return IsolationStep::BindWritable;
    }
  }
  // The hiding layers turn read-only now that their mount points are made.
  for (const auto& folder : hidden_) {
    if (set_mount_attributes(AT_FDCWD, folder.c_str(), 0, MOUNT_ATTR_RDONLY) != 0) return IsolationStep::Hide;
  }
  if (::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    return IsolationStep::Proc;
  // The raw system calls, not glibc's: its setgroups and setres[ug]id signal every thread it knows of and
  // wait for each, and in this child, cloned from a threaded roadwork, those threads do not exist: it hung
  // forever.
  if (!user_namespace_ &&
      (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setresgid, uid_, uid_, uid_) != 0 ||
       ::syscall(SYS_setresuid, uid_, uid_, uid_) != 0)) {
    return IsolationStep::DropUser;
  }
  // No set-user-ID program (su, mount) can give any of it a privilege back.
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return IsolationStep::DropUser;
  return std::nullopt;
}

std::optional<std::string> isolation_unavailable() {
  static std::once_flag once;
  static std::optional<std::string> reason;
  std::call_once(once, [] {
    // With a writable folder, as every real start has: its idmapped mount needs a user namespace, which a
    // kernel may refuse where it permits the rest (to a chrooted process, for one).
    char folder[] = "/tmp/roadwork-trial-XXXXXX";
    if (!::mkdtemp(folder)) {
      reason = fmt::format("cannot create a folder in /tmp: {}", std::strerror(errno));
      return;
    }
    Isolation isolation;
    isolation.enabled = true;
    isolation.uid = sandbox_user();
    isolation.writable = {folder};
    const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    std::string error;
    // spawn() returns once the child has taken every step of the isolation and exec'd /bin/sh, or with the
    // step that failed: that is the whole answer. The trial is on the way of a check's first start, so the
    // child is killed there rather than left to run the shell, which took 5-15 ms more on a slow machine.
    if (auto child = ChildProcess::spawn({"exit 0", folder, {}, null_fd, {}}, error, {{}, -1, isolation})) {
      child->kill_group_and_reap();
    } else {
      reason = error;
    }
    ::close(null_fd);
    ::rmdir(folder);
  });
  return reason;
}

std::optional<std::string> isolation_unavailable(const std::vector<std::filesystem::path>& writable) {
  if (auto reason = isolation_unavailable()) return reason;
  if (!is_root()) return std::nullopt;  // a user namespace binds the folders without idmapped mounts
  static std::mutex mutex;
  static std::map<dev_t, std::optional<std::string>> refused;  // per filesystem
  for (const auto& folder : writable) {
    fs::path existing = fs::absolute(folder);
    struct stat info {};
    while (::stat(existing.c_str(), &info) != 0 && existing.has_relative_path())
      existing = existing.parent_path();
    std::lock_guard lock(mutex);
    const auto [known, added] = refused.try_emplace(info.st_dev);
    if (added) known->second = idmapped_mount_refused(existing);
    if (known->second) return known->second;
  }
  return std::nullopt;
}

}  // namespace roadwork::sandbox
