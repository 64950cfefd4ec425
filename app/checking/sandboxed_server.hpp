#pragma once
// A server roadwork runs in the sandbox for one check run: the learner's, or a reference solution or mutant
// that a command step tests (launcher.hpp: the LearnerServer the sandbox launcher makes).

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/checking/launcher.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/pack.hpp"
#include "app/sandbox/server.hpp"

namespace roadwork::checking {

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
/// dedicated user: sandbox::sandbox_user()). Destroying it stops the server (SIGTERM, grace, SIGKILL), then
/// removes the data folder unless kept. Drive it from one thread, which must outlive the server
/// (sandbox::Server::start).
class SandboxedServer final : public LearnerServer {
 public:
  /// Picks a free port and makes the data folder; starts nothing. std::system_error when no folder can be
  /// made or no port is free.
  explicit SandboxedServer(const ServerConfig& config);
  /// Starts the server (LearnerServer::start). When roadwork picked the port and another process takes it
  /// before the first start's server listens (sandbox::StartOutcome::PortTaken), that start tries again on
  /// a newly picked port, twice at most: nothing has used the port yet, and the run should not fail for it.
  SandboxedServer(const SandboxedServer&) = delete;
  SandboxedServer& operator=(const SandboxedServer&) = delete;

  sandbox::StartResult start(const std::vector<std::string>& unset = {},
                             const std::optional<std::filesystem::path>& data_dir = std::nullopt) override;
  void set_env_overrides(const std::map<std::string, std::string>& env) override { overrides_ = env; }
  sandbox::StopResult stop() override;
  sandbox::StopResult kill() override;

  sandbox::Server* process() override { return process_.get(); }
  std::string url() const override;
  int port() const override { return spec_.port; }
  bool isolated() const override { return spec_.isolation.enabled; }
  const std::filesystem::path& data_dir() const override { return data_dir_.path(); }
  std::filesystem::path database_path() const override { return data_dir_.path() / database_name_; }

 private:
  TempDir data_dir_;  // declared before process_: the server stops before its folder is removed
  std::string database_name_;
  sandbox::LaunchSpec spec_;
  std::map<std::string, std::string> overrides_;
  std::string uid_;
  std::unique_ptr<sandbox::Server> process_;
  bool port_may_move_;  // roadwork picked the port, and no start has used it yet
};

}  // namespace roadwork::checking
