#include "app/checking/sandboxed_server.hpp"

#include "app/course/env_load.hpp"

namespace roadwork::checking {

std::chrono::milliseconds run_time_limit(const course::Exercise& exercise, const CheckOptions& options) {
  return sandbox::bounded(exercise.time_limit, options.limits.run_timeout);
}

ServerConfig server_config(const std::string& command, const std::filesystem::path& dir,
                           const std::string& name, const course::Exercise& exercise,
                           const CheckOptions& options, const std::string& uid) {
  ServerConfig config;
  config.command = command;
  config.working_dir = dir;
  config.runs_dir = options.runs_dir;
  config.name = name;
  config.database_name = exercise.project + ".db";
  config.startup_timeout = sandbox::bounded(exercise.startup_timeout, options.limits.startup_timeout);
  config.keep_data = options.keep_data;
  config.limits = options.limits;
  // Counted from ready, so it ends a run only after the checks' own deadline (counted from the start).
  config.run_timeout = run_time_limit(exercise, options);
  config.isolate_network = options.isolate_network;
  config.isolation = options.isolation;
  config.hidden = options.hidden;
  config.env = exercise.env;
  config.uid = uid;
  return config;
}

SandboxedServer::SandboxedServer(const ServerConfig& config)
    : data_dir_(config.runs_dir, config.name, config.keep_data),
      database_name_(config.database_name),
      uid_(config.uid),
      port_may_move_(config.port == 0) {
  spec_.command = config.command;
  spec_.working_dir = config.working_dir;
  spec_.port = config.port != 0 ? config.port : sandbox::pick_free_port();
  spec_.startup_timeout = config.startup_timeout;
  spec_.limits = config.limits.process;
  spec_.output_cap = config.limits.output_bytes;
  spec_.run_timeout = config.run_timeout;
  spec_.isolate_network = config.isolate_network;
  spec_.isolation =
      sandbox::isolation_for(config.isolation, {config.working_dir, data_dir_.path()}, config.hidden);
  // course::load_pack refuses [env] names that the run's own would override
  for (const auto& [name, value] : config.env) spec_.env[name] = course::with_uid(value, uid_);
  spec_.env.insert({{"PORT", std::to_string(spec_.port)},
                    {"HOST", "127.0.0.1"},
                    {"DATA_DIR", data_dir_.path().string()},
                    {"DATABASE_PATH", database_path().string()},
                    {"ROADWORK", "1"}});
}

sandbox::StartResult SandboxedServer::start(const std::vector<std::string>& unset,
                                            const std::optional<std::filesystem::path>& data_dir) {
  stop();
  sandbox::LaunchSpec spec = spec_;
  if (data_dir) {
    spec.env["DATA_DIR"] = data_dir->string();
    spec.env["DATABASE_PATH"] = (*data_dir / database_name_).string();
  }
  for (const auto& [name, value] : overrides_) spec.env[name] = course::with_uid(value, uid_);
  for (const auto& name : unset) spec.env.erase(name);
  spec.unset = unset;
  sandbox::StartResult result;
  process_ = sandbox::Server::start(spec, result);
  for (int moves = 0; result.outcome == sandbox::StartOutcome::PortTaken && port_may_move_ && moves < 2;
       ++moves) {
    spec.port = spec_.port = sandbox::pick_free_port();
    spec.env["PORT"] = spec_.env["PORT"] = std::to_string(spec_.port);
    process_ = sandbox::Server::start(spec, result);
  }
  port_may_move_ = false;
  if (result.unisolated) spec_.isolation = {};  // the kernel refuses it here: later starts go without
  return result;
}

sandbox::StopResult SandboxedServer::stop() { return process_ ? process_->stop() : sandbox::StopResult{}; }

sandbox::StopResult SandboxedServer::kill() { return process_ ? process_->kill() : sandbox::StopResult{}; }

std::string SandboxedServer::url() const { return "http://127.0.0.1:" + std::to_string(spec_.port); }

namespace {

class SandboxLauncher final : public Launcher {
 public:
  std::unique_ptr<LearnerServer> launch(const ServerConfig& config) override {
    return std::make_unique<SandboxedServer>(config);
  }
};

}  // namespace

Launcher& sandbox_launcher() {
  static SandboxLauncher launcher;
  return launcher;
}

}  // namespace roadwork::checking
