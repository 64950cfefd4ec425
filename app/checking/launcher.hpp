#pragma once
// Where a check run's servers come from. check_exercise and its steps drive a LearnerServer that a
// Launcher makes, as ninja's builder drives its CommandRunner: the real one starts processes in the sandbox
// (sandboxed_server.hpp); the orchestration's unit tests give a fake one, so that what a run does around its
// servers (which steps run, when the server stops, what the report says) is tested without processes.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/sandbox/limits.hpp"
#include "app/sandbox/server.hpp"

namespace roadwork::checking {

/// What to start, and where its run's folders go.
struct ServerConfig {
  std::string command;  ///< run through /bin/sh -c
  std::filesystem::path working_dir;
  std::filesystem::path runs_dir;  ///< the data folder is made here
  std::string name;                ///< names the data folder, e.g. the exercise id
  std::string database_name;       ///< DATABASE_PATH's file name inside DATA_DIR, e.g. "notes.db"
  std::chrono::milliseconds startup_timeout{10000};
  bool keep_data = false;                    ///< keep DATA_DIR afterwards (`check --keep`)
  sandbox::Limits limits;                    ///< its process limits and kept output (CheckOptions::limits)
  std::chrono::milliseconds run_timeout{0};  ///< sandbox::LaunchSpec::run_timeout
  bool isolate_network = false;              ///< sandbox::LaunchSpec::isolate_network
  sandbox::IsolationMode isolation = sandbox::IsolationMode::WherePermitted;  ///< CheckOptions::isolation
  std::vector<std::filesystem::path> hidden;                                  ///< CheckOptions::hidden
  std::map<std::string, std::string> env;  ///< the exercise's [env], added to the server's environment
  std::string uid;  ///< the run's {{uid}}, put into the [env] values (and restart steps' `env`) that hold it
  int port = 0;     ///< the port the server is given (PORT); 0 for a free one (sandbox::pick_free_port)
};

/// One server of a check run, as the steps drive it: its port and data folder stay the same across
/// restarts, so a server started again finds the data it wrote (README.md: the environment of a learner
/// server). Destroying it stops the server. Drive it from one thread, which must outlive the server.
class LearnerServer {
 public:
  virtual ~LearnerServer() = default;

  /// Starts the server (again) with the config's [env], PORT, HOST, DATA_DIR, DATABASE_PATH and
  /// ROADWORK=1, without the variables named in `unset`, and waits until it listens or fails to
  /// (sandbox::StartOutcome). A process still running is stopped first. `data_dir`: another data folder
  /// (DATA_DIR, and DATABASE_PATH inside it) for this start only; it must lie inside data_dir().
  virtual sandbox::StartResult start(const std::vector<std::string>& unset = {},
                                     const std::optional<std::filesystem::path>& data_dir = std::nullopt) = 0;
  /// Variables set over the [env] for every later start (a restart step's `env`); an empty map brings back
  /// the config's own environment.
  virtual void set_env_overrides(const std::map<std::string, std::string>& env) = 0;
  /// Stops the current process (SIGTERM, grace, SIGKILL); idempotent.
  virtual sandbox::StopResult stop() = 0;
  /// Kills the current process without a grace period; idempotent.
  virtual sandbox::StopResult kill() = 0;

  /// The current process (running or not), for its output, pid and exit; nullptr before the first start,
  /// and for a server that is not a process of roadwork's.
  virtual sandbox::Server* process() = 0;
  /// `http://127.0.0.1:<port>`, the base URL checks and test commands are sent to.
  virtual std::string url() const = 0;
  virtual int port() const = 0;
  /// Whether its processes run isolated: asked for, and the kernel allows it (known once it has started:
  /// sandbox::StartResult::unisolated).
  virtual bool isolated() const = 0;
  /// DATA_DIR: the run's data folder.
  virtual const std::filesystem::path& data_dir() const = 0;
  /// DATABASE_PATH: the config's database_name inside data_dir().
  virtual std::filesystem::path database_path() const = 0;
};

/// Makes the servers of check runs: the learner's, and the reference solution and mutants a command step
/// tests. Shared by the runs of several threads at once.
class Launcher {
 public:
  virtual ~Launcher() = default;
  /// A server for `config`, not started yet: its port chosen and data folder made. std::system_error when
  /// no folder can be made or no port is free.
  virtual std::unique_ptr<LearnerServer> launch(const ServerConfig& config) = 0;
};

/// The launcher of every command: each server a process in the sandbox (SandboxedServer).
Launcher& sandbox_launcher();

}  // namespace roadwork::checking
