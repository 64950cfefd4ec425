#pragma once
// A server roadwork runs in the sandbox for one check run: the learner's, or a reference solution or mutant
// that a command step tests. Its command, port and data folder stay the same across restarts, so a server
// started again finds the data it wrote (README.md: the environment of a learner server).

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/pack.hpp"
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
  bool keep_data = false;                     ///< keep DATA_DIR afterwards (`check --keep`)
  sandbox::Limits limits;                     ///< its process limits and kept output (CheckOptions::limits)
  std::chrono::milliseconds run_timeout{0};   ///< sandbox::LaunchSpec::run_timeout
  bool isolate_network = false;               ///< sandbox::LaunchSpec::isolate_network
  bool isolate = true;                        ///< CheckOptions::isolate
  std::vector<std::filesystem::path> hidden;  ///< CheckOptions::hidden
  std::map<std::string, std::string> env;     ///< the exercise's [env], added to the server's environment
  std::string uid;  ///< the run's {{uid}}, put into the [env] values (and restart steps' `env`) that hold it
  int port = 0;     ///< the port the server is given (PORT); 0 for a free one (sandbox::pick_free_port)
};

/// The run's time limit: `exercise`'s, bounded by the limits preset.
std::chrono::milliseconds run_time_limit(const course::Exercise& exercise, const CheckOptions& options);

/// How a check run of `exercise` starts a server: `command` in `dir` under the run's limits, its data
/// folder named after `name` and its database after the exercise's project; `uid` is the run's {{uid}},
/// which [env] values may hold (exercises/README.md: exercise.toml).
ServerConfig server_config(const std::string& command, const std::filesystem::path& dir,
                           const std::string& name, const course::Exercise& exercise,
                           const CheckOptions& options, const std::string& uid);

/// Owns the port, the data folder and the current server process. Isolated, the server may write its
/// working folder and its data folder and nothing else of the machine but a private /tmp (as root, as a
/// dedicated user: sandbox::sandbox_user()). Destroying it stops the server (SIGTERM,
/// grace, SIGKILL), then removes the data folder unless kept. Drive it from one thread, which must outlive
/// the server (sandbox::Server::start).
class SandboxedServer {
 public:
  /// Picks a free port and makes the data folder; starts nothing. std::system_error when no folder can be
  /// made or no port is free.
  explicit SandboxedServer(const ServerConfig& config);
  SandboxedServer(const SandboxedServer&) = delete;
  SandboxedServer& operator=(const SandboxedServer&) = delete;

  /// Starts the server (again) with the exercise's [env], PORT, HOST, DATA_DIR, DATABASE_PATH and
  /// ROADWORK=1, without the variables named in `unset`, and waits until it listens or fails to
  /// (sandbox::StartOutcome). A process still running is stopped first. `data_dir`: another data folder
  /// (DATA_DIR, and DATABASE_PATH inside it) for this start only; it must lie inside data_dir(), which is
  /// the one the sandbox lets the server write.
  sandbox::StartResult start(const std::vector<std::string>& unset = {},
                             const std::optional<std::filesystem::path>& data_dir = std::nullopt);
  /// Variables set over the exercise's [env] for every later start (a restart step's `env`); an empty map
  /// brings back the exercise's own environment.
  void set_env_overrides(const std::map<std::string, std::string>& env) { overrides_ = env; }
  /// Stops the current process; idempotent (sandbox::Server::stop).
  sandbox::StopResult stop();
  /// Kills the current process without a grace period; idempotent (sandbox::Server::kill).
  sandbox::StopResult kill();

  /// The current process (running or not), or nullptr before the first start.
  sandbox::Server* process() { return process_.get(); }
  /// `http://127.0.0.1:<port>`, the base URL checks and test commands are sent to.
  std::string url() const;
  int port() const { return spec_.port; }
  /// Whether its processes run isolated: asked for, and the kernel allows it.
  bool isolated() const { return spec_.isolation.enabled; }
  std::filesystem::path database_path() const { return data_dir_.path() / database_name_; }
  /// DATA_DIR: the run's data folder.
  const std::filesystem::path& data_dir() const { return data_dir_.path(); }

 private:
  TempDir data_dir_;  // declared before process_: the server stops before its folder is removed
  std::string database_name_;
  sandbox::LaunchSpec spec_;
  std::map<std::string, std::string> overrides_;
  std::string uid_;
  std::unique_ptr<sandbox::Server> process_;
};

}  // namespace roadwork::checking
