#pragma once
// Isolation of every learner process (README.md "How it works": the sandbox). The server's shell is cloned
// into new namespaces and, before it execs, confines itself:
// - PID namespace: the shell is its pid 1. It sees and signals only its own processes, and when it dies —
//   stopped, or SIGKILLed by PR_SET_PDEATHSIG because roadwork died — the kernel kills everything in it,
//   whatever double forks, setsid or clean environments its processes tried.
// - Mount namespace: the whole system read-only, a fresh /proc (only its own processes), a private /tmp and
//   /dev/shm, the `writable` folders read-write at their own paths, and the `hidden` folders (the grader's
//   database and reports, the class folder) covered by an empty read-only folder. As root, so is a folder
//   above a writable one that the dedicated user could not pass (a project in /root), with only the way to
//   the writable folders (and a node_modules they link to, read-only) in it.
// - Its own user: as root a dedicated uid and gid (no supplementary groups, no capabilities after exec,
//   no_new_privs). The writable folders are bound through an idmapped mount that shows their owner's files
//   as the dedicated user's, so it writes them without a chown, and what it creates belongs to the owner on
//   disk. As a normal user a user namespace that maps only the user's own uid, so nothing gains a
//   privilege the user lacks, and the mounts above need no root.
// - IPC and UTS namespaces of its own.
// Only system calls happen between fork and exec, so everything is worked out here beforehand.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/core/unique_fd.hpp"

namespace roadwork::sandbox {

/// Whether learner processes run isolated (README.md: the sandbox).
enum class IsolationMode {
  Off,             ///< unisolated (`grade --unsafe`)
  WherePermitted,  ///< isolated, or unisolated where the kernel refuses it, and the report says so (`check`)
  Required,        ///< isolated, or the start fails: no submission may get itself run unisolated (`grade`)
};

/// What a learner process may see and touch. Paths are absolute.
struct Isolation {
  bool enabled = false;
  /// Bound read-write at their own paths (the project folder or the submission's private copy, DATA_DIR).
  std::vector<std::filesystem::path> writable;
  /// Covered by an empty read-only folder. A `writable` folder inside one stays reachable.
  std::vector<std::filesystem::path> hidden;
  /// As root: the uid and gid the processes run as (sandbox_user()). Ignored for a normal user, whose
  /// processes keep the user's own uid in a user namespace.
  uid_t uid = 0;
  /// A spawn that cannot isolate fails rather than fall back to unisolated (IsolationMode::Required).
  bool required = false;
};

/// A uid (also used as gid) for one server as root: from a range no system or login account uses
/// (1 000 000 000 and up, above the subordinate-id ranges Debian hands out), distinct for every call of this
/// process and for every roadwork process (the pid is part of it). For a normal user: the user's own uid.
uid_t sandbox_user();

/// The isolation of one learner process: unless `mode` is Off, `writable` and `hidden` as given and a
/// sandbox_user() of its own; else none. Whether the kernel permits it is found out by the spawn
/// (ChildProcess::spawn_isolated_where_permitted), which falls back to none where it does not, unless
/// `mode` is Required.
Isolation isolation_for(IsolationMode mode, std::vector<std::filesystem::path> writable,
                        std::vector<std::filesystem::path> hidden);

/// The clone() flags of an isolated child: new mount, PID, IPC and UTS namespaces, and as a normal user a
/// user namespace.
unsigned long isolation_clone_flags();

/// The steps of isolation the child takes, by name for error messages ("mount the fresh /proc").
enum class IsolationStep : int {
  MapUser,
  PrivateMounts,
  CloneWritable,
  ReadOnly,
  PrivateTmp,
  Hide,
  MakeMountPoint,
  BindWritable,
  Proc,
  DropUser,
};

/// "map the user namespace's ids", …: what `step` was doing, for "cannot isolate the server: …".
const char* describe(IsolationStep step);

/// Everything the child needs, prepared before fork (child_isolate() must not allocate). Keep it alive and
/// unmoved until the child has exec'd.
class IsolationPlan {
 public:
  explicit IsolationPlan(const Isolation& isolation);
  IsolationPlan(const IsolationPlan&) = delete;
  IsolationPlan& operator=(const IsolationPlan&) = delete;

  bool enabled() const { return enabled_; }

  /// Why the plan could not be made (a user namespace for an idmapped mount), or "".
  const std::string& error() const { return error_; }

  /// In the cloned child: confines it as described above. Returns the step that failed (errno set), or
  /// nothing. Only system calls.
  std::optional<IsolationStep> child_isolate() const;

 private:
  bool enabled_ = false;
  bool user_namespace_ = false;
  uid_t uid_ = 0;
  std::string uid_map_, gid_map_;
  std::string error_;
  std::vector<std::string> writable_, hidden_;
  std::vector<bool> read_only_;       // per writable_ entry: bound read-only (a linked node_modules)
  std::vector<UniqueFd> namespaces_;  // the user namespaces of the idmapped mounts: one per owner
  std::vector<int> idmaps_;  // per writable folder: the one of namespaces_ mapping its owner to uid_, or -1
  std::vector<std::string> hidden_points_;  // folders to make for the hiding layers, parents first
  std::vector<std::string> mount_points_;   // folders to make for the writable ones, parents first
  mutable std::vector<int> writable_trees_;
};

/// Why learner processes cannot be isolated here (e.g. "clone(CLONE_NEWPID): Operation not permitted"), or
/// nothing when they can. Tries it once with a child that takes every step of the isolation, with a writable
/// folder of its own, up to the exec of /bin/sh (a few milliseconds), and remembers.
std::optional<std::string> isolation_unavailable();

/// As isolation_unavailable(), and also why learner processes that write `writable` cannot be isolated: as
/// root, the filesystem of one of them refuses the idmapped mount its folder is bound through (ramfs, NFS,
/// a tmpfs before Linux 6.3): "the filesystem of /srv/class refuses idmapped mounts: Invalid
/// argument". Tried once per filesystem (a detached copy of the folder's mount, never attached), a folder not
/// made yet by its nearest existing parent.
std::optional<std::string> isolation_unavailable(const std::vector<std::filesystem::path>& writable);

}  // namespace roadwork::sandbox
