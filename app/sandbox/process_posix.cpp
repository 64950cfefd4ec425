#include "app/sandbox/process_posix.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "app/sandbox/kernel_files_linux.hpp"
#include "app/sandbox/resource_limits_posix.hpp"

extern char** environ;

namespace roadwork::sandbox {
namespace {

using std::chrono::nanoseconds;

// What the child reports through the error pipe when it cannot get as far as exec.
struct ChildFailure {
  enum Stage : int { EnterDirectory, JoinCgroup, SetLimits, Isolate, Exec } stage;
  int error;
  IsolationStep step;  // Isolate: which step failed
};

// Everything the child needs, prepared before fork: between fork and exec only async-signal-safe calls are
// allowed (another thread may hold the allocator's lock), so no allocation happens there.
struct ChildPlan {
  int parent_pidfd;  // roadwork; readable once it has exited. -1 where pidfd_open is missing
  pid_t parent;
  int null_fd;
  int output_fd;
  int failure_fd;
  int cgroup_fd;
  RlimitPlan rlimits;
  const IsolationPlan* isolation;
  const char* working_dir;
  char* const* argv;
  char* const* envp;
  sigset_t empty_mask;
};

[[noreturn]] void fail_in_child(int failure_fd, ChildFailure::Stage stage,
                                IsolationStep step = IsolationStep::MapUser) {
  const ChildFailure failure{stage, errno, step};
  (void)!::write(failure_fd, &failure, sizeof failure);
  ::_exit(127);
}

[[noreturn]] void run_child(const ChildPlan& plan) {
  // Handlers would run roadwork's code in the child, and ignored signals (SIGPIPE) survive exec.
  for (int signo = 1; signo < NSIG; ++signo) {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signo, &default_action, nullptr);
  }
  ::setpgid(0, 0);
  // Into the cgroup and under the limits before anything of the server runs, so all it starts inherits both;
  // the cgroup before the child gives up root.
  if (plan.cgroup_fd >= 0 && ::write(plan.cgroup_fd, "0", 1) != 1) {
    fail_in_child(plan.failure_fd, ChildFailure::JoinCgroup);
  }
  if (!apply_rlimits(plan.rlimits)) fail_in_child(plan.failure_fd, ChildFailure::SetLimits);
  if (const auto step = plan.isolation->child_isolate())
    fail_in_child(plan.failure_fd, ChildFailure::Isolate, *step);
  // After the change of user, which clears it. If roadwork died before prctl took effect, no signal will
  // come: the child checks. (Isolated, getppid() is 0 — the parent lies outside its PID namespace.)
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (plan.parent_pidfd >= 0) {
    pollfd parent_exited{plan.parent_pidfd, POLLIN, 0};
    if (::poll(&parent_exited, 1, 0) != 0) ::_exit(127);
  } else if (::getppid() != plan.parent) {
    ::_exit(127);
  }
  ::dup2(plan.null_fd, STDIN_FILENO);
  ::dup2(plan.output_fd, STDOUT_FILENO);
  ::dup2(plan.output_fd, STDERR_FILENO);
  // Keep only 0-2 and the failure pipe (close-on-exec, at 3): roadwork's own descriptors (its database,
  // sockets) are none of the server's business, whether or not whoever opened them set FD_CLOEXEC.
  if (plan.failure_fd != 3) ::dup3(plan.failure_fd, 3, O_CLOEXEC);
  ::close_range(4, ~0U, 0);
  if (::chdir(plan.working_dir) != 0) fail_in_child(3, ChildFailure::EnterDirectory);
  ::sigprocmask(SIG_SETMASK, &plan.empty_mask, nullptr);
  ::execve("/bin/sh", plan.argv, plan.envp);
  fail_in_child(3, ChildFailure::Exec);
}

// `fd` itself, or a close-on-exec copy numbered 3 or above if it is one of 0-2 (roadwork started with a
// standard stream closed), so that the child's dup2() onto 0-2 never overwrites a descriptor it still needs.
UniqueFd above_stdio(UniqueFd fd) {
  if (!fd || fd.get() > STDERR_FILENO) return fd;
  return UniqueFd(::fcntl(fd.get(), F_DUPFD_CLOEXEC, STDERR_FILENO + 1));
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& added,
                                            const std::vector<std::string>& unset) {
  std::vector<std::string> entries;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::string name(text.substr(0, text.find('=')));
    if (!added.contains(name) && std::find(unset.begin(), unset.end(), name) == unset.end())
      entries.emplace_back(text);
  }
  for (const auto& [name, value] : added) entries.push_back(name + "=" + value);
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Set on every spawn rather than once: the flag is not inherited across fork, and a once-flag would be.
void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1); }

std::string describe_error(const std::string& what, int error) { return what + ": " + std::strerror(error); }

std::string failure_message(const ChildFailure& failure, const std::string& working_dir) {
  switch (failure.stage) {
    case ChildFailure::EnterDirectory:
      return describe_error("cannot enter the working directory " + working_dir, failure.error);
    case ChildFailure::JoinCgroup:
      return describe_error("cannot join the server's cgroup", failure.error);
    case ChildFailure::SetLimits:
      return describe_error("cannot set the resource limits", failure.error);
    case ChildFailure::Isolate:
      // EINVAL: / is no mount point, as in a plain chroot (a machine, a container or a VM has one).
      if (failure.step == IsolationStep::PrivateMounts && failure.error == EINVAL)
        return "cannot isolate the server: / is not a mount point (a chroot? roadwork isolates on a machine, "
               "in a container or in a VM)";
      return describe_error(std::string("cannot isolate the server: cannot ") + describe(failure.step),
                            failure.error);
    case ChildFailure::Exec:
      break;
  }
  return describe_error("cannot run /bin/sh", failure.error);
}

}  // namespace

std::optional<ChildProcess> ChildProcess::spawn(const SpawnRequest& request, std::string& error,
                                                const Confinement& confinement) {
  become_subreaper();
  std::vector<std::string> env = merged_environment(request.env, request.unset);
  std::vector<char*> envp = pointers_to(env);
  std::vector<std::string> args = {"/bin/sh", "-c", request.command};
  std::vector<char*> argv = pointers_to(args);
  // Absolute when isolated: a relative path would be resolved from the working folder as it was before the
  // child's mounts, under any tmpfs that now covers it.
  const std::string working_dir =
      confinement.isolation.enabled
          ? std::filesystem::absolute(request.working_dir).lexically_normal().string()
          : request.working_dir.string();

  int failure_pipe[2];
  if (::pipe2(failure_pipe, O_CLOEXEC) != 0) {
    error = describe_error("cannot create a pipe", errno);
    return std::nullopt;
  }
  UniqueFd failure_read(failure_pipe[0]);
  UniqueFd failure_write = above_stdio(UniqueFd(failure_pipe[1]));
  UniqueFd null_fd = above_stdio(UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)));
  UniqueFd output_fd(::fcntl(request.output_fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1));
  const bool joins_cgroup = confinement.cgroup_fd >= 0;
  UniqueFd cgroup_fd(joins_cgroup ? ::fcntl(confinement.cgroup_fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1) : -1);
  if (!failure_write || !null_fd || !output_fd || (joins_cgroup && !cgroup_fd)) {
    error = describe_error("cannot prepare the server's descriptors", errno);
    return std::nullopt;
  }

  const IsolationPlan isolation(confinement.isolation);
  if (!isolation.error().empty()) {
    error = "cannot isolate the server: " + isolation.error();
    return std::nullopt;
  }
  const UniqueFd parent_pidfd = open_pidfd(::getpid());
  ChildPlan plan{.parent_pidfd = parent_pidfd.get(),
                 .parent = ::getpid(),
                 .null_fd = null_fd.get(),
                 .output_fd = output_fd.get(),
                 .failure_fd = failure_write.get(),
                 .cgroup_fd = cgroup_fd.get(),
                 .rlimits = plan_rlimits(confinement.limits, joins_cgroup),
                 .isolation = &isolation,
                 .working_dir = working_dir.c_str(),
                 .argv = argv.data(),
                 .envp = envp.data(),
                 .empty_mask = {}};
  sigemptyset(&plan.empty_mask);
  // Signals stay blocked from fork until the child has reset its dispositions: a handler running in the
  // child before exec would be roadwork's, e.g. the interrupt handler killing the other servers.
  sigset_t all, previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  // Isolated: clone() straight into the new namespaces, so the child is pid 1 of its own PID namespace and
  // still roadwork's child (waitpid, pidfd and the process group work as for fork). Raw, with fork's
  // semantics (no stack of its own): the child makes only system calls until exec.
  const pid_t pid = isolation.enabled()
                        ? static_cast<pid_t>(::syscall(SYS_clone, isolation_clone_flags() | SIGCHLD, nullptr,
                                                       nullptr, nullptr, 0))
                        : ::fork();
  if (pid == 0) run_child(plan);
  const int fork_error = errno;
  GroupRegistration registration;
  if (pid > 0) {
    // Also set here so the group exists whichever process runs first; fails harmlessly after exec.
    ::setpgid(pid, pid);
    registration = GroupRegistration(pid);
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (pid < 0) {
    error = describe_error("cannot fork", fork_error);
    return std::nullopt;
  }

  failure_write.reset();
  ChildFailure failure{};
  ssize_t n;
  while ((n = ::read(failure_read.get(), &failure, sizeof failure)) < 0 && errno == EINTR) {
  }
  if (n == static_cast<ssize_t>(sizeof failure)) {
    registration.release();
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    error = failure_message(failure, working_dir);
    return std::nullopt;
  }
  return ChildProcess(pid, open_pidfd(pid), std::move(registration));
}

std::optional<ChildProcess> ChildProcess::spawn_isolated_where_permitted(
    const SpawnRequest& request, std::string& error, const Confinement& confinement,
    std::optional<std::string>& unisolated) {
  auto child = spawn(request, error, confinement);
  if (child || !confinement.isolation.enabled || confinement.isolation.required) return child;
  unisolated = isolation_unavailable(confinement.isolation.writable);
  if (!unisolated) return child;
  Confinement plain = confinement;
  plain.isolation = {};
  error.clear();
  return spawn(request, error, plain);
}

ChildProcess::ChildProcess(pid_t pid, UniqueFd pidfd, GroupRegistration registration)
    : pid_(pid), pidfd_(std::move(pidfd)), registration_(std::move(registration)) {}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      pidfd_(std::move(other.pidfd_)),
      registration_(std::move(other.registration_)),
      status_(other.status_),
      reaped_(other.reaped_) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) kill_group_and_reap();
}

std::optional<ExitStatus> ChildProcess::exit_status() {
  if (reaped_) return status_.value_or(ExitStatus{});
  if (status_) return status_;
  siginfo_t info{};
  // WNOWAIT leaves the leader a zombie: its pid stays reserved as the group id until we reap it.
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno == ECHILD) status_ = ExitStatus{};  // someone else reaped it; it has certainly ended
    return status_;
  }
  if (info.si_pid != pid_) return std::nullopt;
  status_ = info.si_code == CLD_EXITED ? ExitStatus{info.si_status, std::nullopt}
                                       : ExitStatus{std::nullopt, info.si_status};
  return status_;
}

bool ChildProcess::wait_for_exit(nanoseconds timeout) {
  if (exit_status()) return true;
  if (timeout <= nanoseconds::zero()) return false;
  if (pidfd_) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    const timespec limit{static_cast<time_t>(seconds.count()),
                         static_cast<long>((timeout - seconds).count())};
    pollfd exited{pidfd_.get(), POLLIN, 0};
    ::ppoll(&exited, 1, &limit, nullptr);  // EINTR just ends this wait early; callers loop to a deadline
  } else {
    const timespec step{
        0, static_cast<long>(std::min<nanoseconds>(timeout, std::chrono::milliseconds(1)).count())};
    ::nanosleep(&step, nullptr);
  }
  return exit_status().has_value();
}

void ChildProcess::signal_group(int signo) {
  if (!reaped_) ::kill(-pid_, signo);
}

ExitStatus ChildProcess::kill_group_and_reap() {
  if (reaped_) return status_.value_or(ExitStatus{});
  ::kill(-pid_, SIGKILL);
  // The handler has nothing left to do for this group, and must not signal its id once it may be reused.
  registration_.release();
  // A member whose parent dies is reparented to us (the subreaper) before that parent becomes waitable, so
  // waiting on the group until ECHILD collects every descendant still in it.
  for (;;) {
    int wait_status = 0;
    const pid_t reaped = ::waitpid(-pid_, &wait_status, 0);
    if (reaped < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (reaped == pid_) {
      status_ = WIFEXITED(wait_status) ? ExitStatus{WEXITSTATUS(wait_status), std::nullopt}
                                       : ExitStatus{std::nullopt, WTERMSIG(wait_status)};
    }
  }
  reaped_ = true;
  pidfd_.reset();
  return status_.value_or(ExitStatus{});
}

}  // namespace roadwork::sandbox
