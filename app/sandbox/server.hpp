#pragma once
// Starts, watches and stops a learner's server: its own process group, output captured to a capped
// buffer, readiness by polling connect(), stop by SIGTERM, grace period, SIGKILL (DESIGN.md: The sandbox).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace roadwork::sandbox {

/// What to start and how long to wait for it.
struct LaunchSpec {
  std::string command;                       ///< run through `/bin/sh -c` in `working_dir`
  std::filesystem::path working_dir;
  std::map<std::string, std::string> env;    ///< added to (and overriding) roadwork's own environment
  int port = 0;                              ///< the port the server must listen on (127.0.0.1)
  std::chrono::milliseconds startup_timeout{10000};
  std::chrono::milliseconds grace{3000};     ///< from SIGTERM to SIGKILL when stopping
  std::size_t output_cap = 64 * 1024;        ///< bytes of output kept (the most recent)
};

/// How a start attempt ended.
enum class StartOutcome {
  Ready,            ///< the port accepts connections
  CommandNotFound,  ///< the shell could not find the command (exit 127)
  NotExecutable,    ///< the shell found it but could not run it (exit 126)
  ExitedEarly,      ///< the process ended before the port accepted connections
  NeverListened,    ///< startup_timeout passed without the port accepting connections
  WrongPort,        ///< the process listens, but on another port than `port`
  SpawnFailed,      ///< fork/exec of /bin/sh itself failed
};

struct StartResult {
  StartOutcome outcome = StartOutcome::Ready;
  std::chrono::microseconds elapsed{0};  ///< from spawn to the outcome
  std::optional<int> exit_code;          ///< ExitedEarly/CommandNotFound/NotExecutable: the exit status
  std::optional<int> term_signal;        ///< ExitedEarly by a signal: its number
  std::optional<int> other_port;         ///< WrongPort: the port it listens on instead
  /// One sentence a learner can act on, e.g. "the server exited with status 1 before listening on port 41234".
  std::string message;
};

/// How a stop ended.
struct StopResult {
  std::optional<int> exit_code;
  std::optional<int> term_signal;
  bool killed = false;  ///< the group had to be sent SIGKILL after the grace period
  std::chrono::microseconds elapsed{0};
};

/// A running learner server. Destroying it stops it (SIGTERM, grace, SIGKILL) and reaps every process of
/// its group. Not copyable.
class Server {
 public:
  /// Spawns the command and waits until it is ready or fails to be (see StartOutcome). Even when the
  /// outcome is not Ready the returned object holds the output and must be kept to read it.
  static std::unique_ptr<Server> start(const LaunchSpec& spec, StartResult& result);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// True while the server process has not exited.
  bool running();

  /// The captured stdout+stderr (the last `output_cap` bytes), and how many older bytes were dropped.
  std::string output();
  std::size_t dropped_bytes();

  /// The last `count` lines of output, for verdicts.
  std::string last_lines(std::size_t count);

  /// Stops the server: SIGTERM to the group, `grace`, SIGKILL; reaps everything. Idempotent.
  StopResult stop();

  int port() const;
  int pid() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A port on 127.0.0.1 that was free a moment ago (bound with port 0, then closed).
int pick_free_port();

/// Installs SIGINT/SIGTERM/SIGHUP handlers that kill every live server group, then exit with 130
/// (128 + the signal for SIGTERM/SIGHUP). Call once at program start.
void install_interrupt_handlers();

}  // namespace roadwork::sandbox
