#pragma once
// Starts, watches and stops a learner's server: its own process group, resource limits, optionally its own
// network namespace, output captured to a capped buffer, readiness by polling connect(), a watchdog on the
// run's time limit, stop by SIGTERM, grace period, SIGKILL to everything it started (README.md: How it
// works). Linux only (/proc, prctl, pidfd, cgroups, namespaces).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/sandbox/isolation_linux.hpp"
#include "app/sandbox/limits.hpp"

namespace roadwork::sandbox {

/// What to start and how long to wait for it.
struct LaunchSpec {
  /// Run as `/bin/sh -c 'trap : TERM; COMMAND'` in `working_dir`; the trap makes the shell wait for the
  /// server on SIGTERM, so stop()'s grace period and status are the server's (143 if SIGTERM killed it).
  std::string command;
  std::filesystem::path working_dir;
  std::map<std::string, std::string> env;  ///< added to (and overriding) roadwork's own environment
  std::vector<std::string> unset;          ///< names taken out of roadwork's own environment (not of `env`)
  int port = 0;                            ///< the port the server must listen on (127.0.0.1)
  std::chrono::milliseconds startup_timeout{10000};
  std::chrono::milliseconds grace{3000};  ///< from SIGTERM to SIGKILL when stopping
  std::size_t output_cap = 64 * 1024;     ///< bytes of output kept (the most recent)
  ProcessLimits limits;                   ///< resource limits of every process of the server
  /// From ready to the watchdog killing everything of the server, so that a run ends even while a request
  /// waits on a server that answers a byte at a time; 0 for no watchdog. Give it a little more than the
  /// checks' own deadline, which ends a run more gently when the server does answer.
  std::chrono::milliseconds run_timeout{0};
  /// Runs the server in a network namespace of its own with only a loopback interface (see
  /// network_namespace_linux.hpp). The thread that calls start() then works in that namespace until stop(),
  /// so the sockets it creates — the checks' HTTP client — reach the server. Where namespaces are not
  /// permitted the start fails (SpawnFailed); ask network_isolation_unavailable() first.
  bool isolate_network = false;
  /// Namespaces, mount view and user of every process of the server (isolation_linux.hpp). Where the kernel
  /// refuses them the server starts unisolated and StartResult::unisolated says why
  /// (ChildProcess::spawn_isolated_where_permitted).
  Isolation isolation;
};

/// How a start attempt ended.
enum class StartOutcome {
  Ready,            ///< the port accepts connections
  CommandNotFound,  ///< the shell could not find the command (exit 127)
  NotExecutable,    ///< the shell found it but could not run it (exit 126)
  ExitedEarly,      ///< the process ended before the port accepted connections
  NeverListened,    ///< startup_timeout passed without the port accepting connections
  WrongPort,        ///< the process listens, but on another port than `port`
  WrongAddress,     ///< it listens on `port`, but on an address 127.0.0.1 does not reach (e.g. only [::1])
  PortTaken,        ///< another process listens on `port`, so the checks would reach it, not the server
  SpawnFailed,      ///< fork/exec of /bin/sh itself failed, or the sandbox could not be set up
};

struct StartResult {
  StartOutcome outcome = StartOutcome::Ready;
  std::chrono::microseconds elapsed{0};  ///< from spawn to the outcome
  /// ExitedEarly/CommandNotFound/NotExecutable: the shell's exit status, which is its command's (128+N if
  /// signal N ended the command).
  std::optional<int> exit_code;
  std::optional<int> term_signal;  ///< ExitedEarly because the shell itself was ended by a signal: its number
  std::optional<int> other_port;   ///< WrongPort: the port it listens on instead
  /// One sentence a learner can act on, e.g. "the server exited with status 1 before listening on port
  /// 41234", with the limit that explains it when one does ("…: it used up its CPU time limit of 10 s").
  std::string message;
  /// Every outcome but Ready and SpawnFailed: the last 20 lines the server printed, for the verdict.
  std::string last_output;
  /// Isolation was asked for (LaunchSpec::isolation) and the kernel refuses it here: why. The server was then
  /// started unisolated.
  std::optional<std::string> unisolated;
};

/// How a stop ended. `exit_code`/`term_signal` describe the leader, the shell, whose status is its command's:
/// 143 when SIGTERM ended the server, a status of its own choosing when it shut down gracefully, and
/// term_signal 9 when the grace period ran out.
struct StopResult {
  std::optional<int> exit_code;
  std::optional<int> term_signal;
  bool killed = false;                   ///< the leader outlived the grace period and was sent SIGKILL
  std::chrono::microseconds elapsed{0};  ///< from SIGTERM until every process of the server was reaped
  std::size_t stragglers = 0;  ///< processes outside the group (setsid, setpgid) that had to be killed
};

/// A running learner server. Destroying it stops it (SIGTERM, grace, SIGKILL) and reaps every process of
/// it. Not copyable. One thread drives it; output(), dropped_bytes() and last_lines() may also be
/// called from other threads. The thread that calls start() must outlive the server: the server gets
/// SIGKILL when that thread exits (PR_SET_PDEATHSIG is per thread), which is what makes it die with roadwork.
class Server {
 public:
  /// Spawns the command and waits until it is ready or fails to be (see StartOutcome). On any outcome but
  /// Ready the server has already been stopped and reaped, and the returned object holds its output and
  /// stop(); only SpawnFailed returns nullptr. Makes roadwork a child subreaper, so orphans of the server's
  /// processes are reparented to roadwork and reaped by stop().
  static std::unique_ptr<Server> start(const LaunchSpec& spec, StartResult& result);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// True while the server process has not exited (and the run watchdog has not killed it).
  bool running();

  /// Waits at most `timeout` for the server to end, returning as soon as it does; whether it has. After a
  /// failed request this tells a crash from a refusal: the connection closes when the server dies, a moment
  /// before the shell that leads its group has noticed and exited.
  bool ended_within(std::chrono::milliseconds timeout);

  /// How the server ended, for a verdict once running() is false: "it exited with status 1", "it exited
  /// with status 152 (killed by SIGXCPU): it used up its CPU time limit of 10 s (RLIMIT_CPU)", "roadwork
  /// killed it when the run's time limit of 60 s ran out".
  std::string exit_description();

  /// What else the sandbox saw or had to do, one sentence each, for the report: output dropped beyond the
  /// cap, a server that ignored SIGTERM, processes that left the group and were killed, the process limit
  /// reached. Complete once stop() has returned.
  std::vector<std::string> notes();

  /// The captured stdout+stderr (the last `output_cap` bytes), and how many older bytes were dropped.
  std::string output();
  std::size_t dropped_bytes();

  /// The last `count` lines of output, for verdicts.
  std::string last_lines(std::size_t count);

  /// Stops the server: SIGTERM to the group, up to `grace` for the leader to exit (returning as soon as it
  /// does), then SIGKILL to whatever is left of the group and to the processes that left it (setsid,
  /// setpgid; see stragglers_linux.hpp); reaps everything, and moves the calling thread out of the server's
  /// network namespace. Idempotent: later calls return the first result.
  StopResult stop();

  /// Stops the server without warning, as a crash or a power cut would: SIGKILL to the group at once, with
  /// no grace period, then as stop() (stragglers, reaping). Idempotent, and with stop(): whichever comes
  /// first decides the result.
  StopResult kill();

  int port() const;
  /// The leader's pid (the shell's), which is also the process group id.
  int pid() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A port on 127.0.0.1 that was free a moment ago (bound with port 0, then closed), and that this process
/// has not handed out recently, so parallel servers get distinct ports. Throws std::system_error if no
/// socket can be bound.
int pick_free_port();

/// Why `LaunchSpec::isolate_network` cannot work here (e.g. "unshare(CLONE_NEWNET): Operation not
/// permitted"), or nothing when it can. Creates and drops one namespace, which takes a few milliseconds.
std::optional<std::string> network_isolation_unavailable();

/// Does, on a thread of its own, what the first server start of a process would otherwise wait for: the
/// kernel's wait before the first move into a pids cgroup (pids_cgroup_linux.hpp: PidsCgroup::warm_up,
/// 5–20 ms). A command that starts one server makes one of these before it loads the pack; destroying it
/// waits for the thread.
class StartWarmUp {
 public:
  StartWarmUp();

 private:
  std::jthread thread_;
};

/// Installs SIGINT/SIGTERM/SIGHUP/SIGPIPE handlers (SIGPIPE: the reader of roadwork's output went away)
/// that first freeze roadwork's other threads (so that none records
/// a verdict for a run the interrupt cut short), then send SIGKILL to every live server group and to every
/// child of roadwork until none is left (what left its group comes back to roadwork, the subreaper, as its
/// ancestors die), then _exit with 130 (128 + the signal for the others) without running destructors.
/// Takes SIGRTMIN for the freezing. A signal ignored at the time of the
/// call stays ignored (roadwork under nohup). Call once at program start.
void install_interrupt_handlers();

}  // namespace roadwork::sandbox
