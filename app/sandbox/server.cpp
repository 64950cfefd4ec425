#include "app/sandbox/server.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "app/sandbox/exit_verdicts.hpp"
#include "app/sandbox/network_namespace_linux.hpp"
#include "app/sandbox/output_capture_posix.hpp"
#include "app/sandbox/pids_cgroup_linux.hpp"
#include "app/sandbox/process_posix.hpp"
#include "app/sandbox/readiness_posix.hpp"
#include "app/sandbox/run_watchdog.hpp"
#include "app/sandbox/stragglers_linux.hpp"

namespace roadwork::sandbox {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

constexpr std::size_t kVerdictLines = 20;
// How long stop() keeps hunting processes that left the group. SIGKILL makes them go in microseconds; only
// a fork bomb racing the kills, or a process stuck in the kernel, takes longer.
constexpr auto kStragglerPatience = 2s;

// dash does not exec the last command of `sh -c`, so the shell stays the group leader with the server as its
// child. Untrapped, SIGTERM kills the shell at once, and stop() would see the leader gone and SIGKILL a
// server still shutting down gracefully. Trapped, the shell waits for its foreground command and then exits
// with that command's status (143 if SIGTERM killed it), so the grace period and the status are the
// server's. The trap is not inherited: exec resets caught signals to their default.
std::string shell_script(const std::string& command) { return "trap : TERM; " + command; }

// The environment entry that tells this server's processes from others' when they have left its group
// (stragglers_linux.hpp): unique per server of this roadwork process.
std::string make_marker() {
  static std::atomic<unsigned> serial{0};
  return fmt::format("ROADWORK_SANDBOX={}-{}", ::getpid(), serial++);
}

// Fills the outcome, status fields and message for a leader that ended before the port accepted.
void describe_exit(const LaunchSpec& spec, const ExitStatus& status, StartResult& result) {
  result.exit_code = status.code;
  result.term_signal = status.signal;
  result.outcome = StartOutcome::ExitedEarly;
  if (status.code == 127) {
    result.outcome = StartOutcome::CommandNotFound;
    result.message = fmt::format("command not found: `{}` (the shell exited with 127)", spec.command);
  } else if (status.code == 126) {
    result.outcome = StartOutcome::NotExecutable;
    result.message = fmt::format(
        "command not executable: `{}` (the shell exited with 126; check the file's execute permission)",
        spec.command);
  } else {
    result.message =
        fmt::format("the server {} before listening on port {}", describe_status(status), spec.port);
  }
}

}  // namespace

class Server::Impl {
 public:
  explicit Impl(const LaunchSpec& spec) : spec(spec), marker(make_marker()) {}
  ~Impl() {
    if (network) network->leave();
  }

  // Whether the pids cgroup refused a fork; remembered when stop() removes the cgroup.
  bool process_limit_reached() {
    if (cgroup) limit_reached = limit_reached || cgroup->limit_reached();
    return limit_reached;
  }

  // ": it used up its CPU time limit of 10 s (RLIMIT_CPU)", or "" when no limit explains the status.
  std::string explanation(const ExitStatus& status) {
    output->drain();
    const auto why =
        limit_explanation(status, output->last_lines(kVerdictLines), spec.limits, process_limit_reached());
    return why.empty() ? "" : ": " + why;
  }

  // SIGKILL to every process of the server, from the watchdog's thread. The leader is not reaped before
  // stop() has cancelled the watchdog, so its pid still names the group here.
  void kill_at_time_limit() {
    timed_out = true;
    ::kill(-child->pid(), SIGKILL);
    stragglers->kill();
  }

  // `graceful`: SIGTERM and up to the grace period first; otherwise straight to SIGKILL.
  StopResult stop(bool graceful) {
    if (stopped) return *stopped;
    const auto began = Clock::now();
    if (watchdog) watchdog->cancel();
    StopResult result;
    // Isolated, what left the group dies with the group's leader, before kill_and_reap() could count it.
    const std::size_t detached = spec.isolation.enabled ? stragglers->count_outside_group() : 0;
    if (graceful && !child->exit_status()) {
      child->signal_group(SIGTERM);
      const auto deadline = began + spec.grace;
      for (auto now = began; !child->exit_status() && now < deadline; now = Clock::now()) {
        child->wait_for_exit(deadline - now);
      }
      result.killed = !child->exit_status();
    }
    // Whatever the leader left behind, in its group or not, goes too, so nothing outlives stop().
    const ExitStatus status = child->kill_group_and_reap();
    result.stragglers = std::max(detached, stragglers->kill_and_reap(kStragglerPatience));
    process_limit_reached();
    stragglers.reset();  // it points into the cgroup
    cgroup.reset();
    result.elapsed = duration_cast<microseconds>(Clock::now() - began);
    result.exit_code = status.code;
    result.term_signal = status.signal;
    output->finish();
    if (network) network->leave();
    stopped = result;
    return result;
  }

  LaunchSpec spec;
  std::string marker;
  std::unique_ptr<NetworkNamespace> network;
  std::unique_ptr<PidsCgroup> cgroup;
  bool process_limit_missing = false;  ///< a process limit was asked for, and nothing here can enforce it
  std::unique_ptr<OutputCapture> output;
  std::optional<ChildProcess> child;
  std::optional<Stragglers> stragglers;
  std::atomic<bool> timed_out{false};
  bool limit_reached = false;
  std::optional<StopResult> stopped;
  std::unique_ptr<Watchdog> watchdog;  // last: destroyed first, as it acts on the members above
};

std::unique_ptr<Server> Server::start(const LaunchSpec& spec, StartResult& result) {
  const auto began = Clock::now();
  result = StartResult{};
  const auto fail = [&](std::string message) {
    result.outcome = StartOutcome::SpawnFailed;
    result.message = "could not start the server: " + std::move(message);
    result.elapsed = duration_cast<microseconds>(Clock::now() - began);
    return nullptr;
  };

  auto impl = std::make_unique<Impl>(spec);
  if (spec.isolate_network) {
    std::string error;
    impl->network = NetworkNamespace::create(error);
    if (!impl->network || !impl->network->enter(error)) return fail("cannot isolate its network: " + error);
  }
  if (spec.limits.processes > 0) {
    impl->cgroup = PidsCgroup::create(spec.limits.processes);
    // RLIMIT_NPROC, the fallback, does not bind root: without the cgroup root's server has no process limit.
    impl->process_limit_missing = !impl->cgroup && ::geteuid() == 0;
  }

  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0)
    return fail(fmt::format("cannot create a pipe: {}", std::strerror(errno)));
  UniqueFd read_end(pipe_ends[0]);
  UniqueFd write_end(pipe_ends[1]);
  try {
    impl->output = std::make_unique<OutputCapture>(std::move(read_end), spec.output_cap);
  } catch (const std::system_error& error) {
    return fail(error.what());
  }

  // In the server's network namespace when it has one: the listeners are the ones it will see.
  const NewListeners listeners;
  std::map<std::string, std::string> env = spec.env;
  const auto equals = impl->marker.find('=');
  env[impl->marker.substr(0, equals)] = impl->marker.substr(equals + 1);
  const SpawnRequest request{shell_script(spec.command), spec.working_dir, std::move(env), write_end.get(),
                             spec.unset};
  const Confinement confinement{spec.limits, impl->cgroup ? impl->cgroup->join_fd() : -1, spec.isolation};
  std::string error;
  std::optional<ChildProcess> child =
      ChildProcess::spawn_isolated_where_permitted(request, error, confinement, result.unisolated);
  // Only the child may hold the write end, or the pipe would never report end of file.
  write_end.reset();
  if (!child) return fail(error);
  if (result.unisolated) impl->spec.isolation = {};
  impl->child.emplace(std::move(*child));
  impl->stragglers.emplace(impl->child->pid(), impl->marker, impl->cgroup.get());
  // Made now, armed once the server is ready (the time limit counts from then).
  if (spec.run_timeout > 0ms)
    impl->watchdog = std::make_unique<Watchdog>([raw = impl.get()] { raw->kill_at_time_limit(); });

  const Readiness readiness = wait_until_listening(*impl->child, *impl->stragglers, spec.port, listeners,
                                                   began + spec.startup_timeout);
  result.elapsed = duration_cast<microseconds>(Clock::now() - began);
  switch (readiness.kind) {
    case Readiness::Accepting:
      result.outcome = StartOutcome::Ready;
      result.message = fmt::format("the server listens on port {} (ready after {} ms)", spec.port,
                                   duration_cast<milliseconds>(result.elapsed).count());
      break;
    case Readiness::Exited: {
      const ExitStatus status = impl->child->exit_status().value_or(ExitStatus{});
      describe_exit(spec, status, result);
      if (result.outcome == StartOutcome::ExitedEarly) result.message += impl->explanation(status);
      break;
    }
    case Readiness::WrongPort:
      result.outcome = StartOutcome::WrongPort;
      result.other_port = readiness.other_port;
      result.message = fmt::format(
          "the server listens on port {}, but PORT is {} (read the port from the PORT environment variable)",
          *readiness.other_port, spec.port);
      break;
    case Readiness::WrongAddress:
      result.outcome = StartOutcome::WrongAddress;
      result.message = fmt::format(
          "the server listens on {}:{} only, which 127.0.0.1 does not reach (listen on the HOST environment "
          "variable, 127.0.0.1, or on 0.0.0.0)",
          readiness.address, spec.port);
      break;
    case Readiness::PortTaken:
      result.outcome = StartOutcome::PortTaken;
      result.message = fmt::format(
          "another process, not the server, listens on port {}: it took the port after roadwork picked it "
          "as free and before the server could listen on it",
          spec.port);
      break;
    case Readiness::TimedOut:
      result.outcome = StartOutcome::NeverListened;
      result.message = fmt::format("the server did not listen on port {} within {}", spec.port,
                                   describe_duration(spec.startup_timeout)) +
                       impl->explanation(ExitStatus{});
      break;
  }
  if (result.outcome != StartOutcome::Ready) {
    // Taken before stop(), whose SIGTERM adds noise ("Terminated") that is not why the start failed.
    impl->output->drain();
    result.last_output = impl->output->last_lines(kVerdictLines);
    impl->stop(true);
  } else if (impl->watchdog) {
    impl->watchdog->arm(Clock::now() + spec.run_timeout);
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { impl_->stop(true); }

bool Server::running() { return !impl_->timed_out && !impl_->child->exit_status(); }

bool Server::ended_within(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (auto now = Clock::now(); !impl_->child->exit_status() && now < deadline; now = Clock::now()) {
    impl_->child->wait_for_exit(deadline - now);
  }
  return !running();
}

std::string Server::exit_description() {
  if (impl_->timed_out) {
    return fmt::format("roadwork killed it when the run's time limit of {} ran out",
                       describe_duration(impl_->spec.run_timeout));
  }
  const ExitStatus status = impl_->child->exit_status().value_or(ExitStatus{});
  return "it " + describe_status(status) + impl_->explanation(status);
}

std::vector<std::string> Server::notes() {
  std::vector<std::string> notes;
  const auto& spec = impl_->spec;
  if (const std::size_t dropped = impl_->output->dropped(); dropped > 0) {
    notes.push_back(fmt::format("the server printed {} of output; roadwork kept only the last {}",
                                describe_bytes(dropped + impl_->output->contents().size()),
                                describe_bytes(spec.output_cap)));
  }
  if (impl_->timed_out) {
    notes.push_back(
        fmt::format("the server was still running when the run's time limit of {} ran out, so "
                    "roadwork killed it",
                    describe_duration(spec.run_timeout)));
  }
  if (impl_->process_limit_missing) {
    notes.push_back(fmt::format(
        "roadwork could not apply the limit of {} processes and threads: it runs as root, whom RLIMIT_NPROC "
        "does not bind, and cannot make a pids cgroup here (is /sys/fs/cgroup mounted and writable?)",
        spec.limits.processes));
  }
  if (impl_->process_limit_reached()) {
    notes.push_back(fmt::format("the server reached its limit of {} processes and threads (a fork failed)",
                                spec.limits.processes));
  }
  if (const auto& stopped = impl_->stopped) {
    if (stopped->killed) {
      notes.push_back(
          fmt::format("the server did not exit within {} of SIGTERM, so roadwork killed it (SIGKILL)",
                      describe_duration(spec.grace)));
    }
    if (stopped->stragglers > 0) {
      notes.push_back(
          fmt::format("the server had started {} process{} outside its process group (setsid or setpgid); "
                      "roadwork killed "
                      "{}",
                      stopped->stragglers, stopped->stragglers == 1 ? "" : "es",
                      stopped->stragglers == 1 ? "it" : "them"));
    }
  }
  return notes;
}

std::string Server::output() { return impl_->output->contents(); }

std::size_t Server::dropped_bytes() { return impl_->output->dropped(); }

std::string Server::last_lines(std::size_t count) { return impl_->output->last_lines(count); }

StopResult Server::stop() { return impl_->stop(true); }

StopResult Server::kill() { return impl_->stop(false); }

int Server::port() const { return impl_->spec.port; }

int Server::pid() const { return impl_->child->pid(); }

StartWarmUp::StartWarmUp()
    : thread_([] {
        try {
          PidsCgroup::warm_up();
        } catch (...) {
          // Out of file descriptors or memory, say: an exception must not end the process from this thread.
          // The server's start meets the same problem and reports it where it can be reported.
        }
      }) {}

}  // namespace roadwork::sandbox
