// roadwork serve [EXERCISE]: starts the learner's server exactly as `roadwork check` does (the same sandbox
// and limits, the same environment: PORT, HOST, DATA_DIR, DATABASE_PATH, ROADWORK and the exercise's [env]),
// prints its URL and streams its output, so the learner can send it the request a failed check shows. It
// runs until Ctrl-C, its normal end: the server is stopped (SIGTERM, grace, SIGKILL) with every process it
// started, its data folder removed, and roadwork exits 130 like every interrupted command (143 for SIGTERM,
// 129 for SIGHUP).

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "app/checking/sandboxed_server.hpp"
#include "app/cli/check.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/core/fatal.hpp"
#include "app/course/env_load.hpp"
#include "app/practice/stop_signals_posix.hpp"
#include "app/term/style.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

using namespace std::chrono_literals;

struct ServeOptions {
  std::string exercise;
  int port = 0;
};

// Prints what the server wrote since the last call. The sandbox keeps its most recent output in a ring:
// the bytes it ever took are those dropped plus those kept, so the new ones are the ring's tail.
class OutputPump {
 public:
  explicit OutputPump(sandbox::Server& server) : server_(server) {}

  void pump() {
    const auto kept = server_.output();
    const auto total = server_.dropped_bytes() + kept.size();
    if (total == printed_) return;
    auto fresh = total - printed_;
    if (fresh > kept.size()) {
      fmt::print("roadwork: {} bytes of the server's output came faster than they could be shown\n",
                 fresh - kept.size());
      fresh = kept.size();
    }
    // Control characters are shown escaped, so the server cannot move the cursor or reach the clipboard; a
    // final C2 byte waits for the next one, which may make it a C1 control.
    auto text = std::string_view(kept).substr(kept.size() - fresh);
    const bool held = !text.empty() && static_cast<unsigned char>(text.back()) == 0xc2;
    if (held) text.remove_suffix(1);
    fmt::print("{}", text::escape_controls(text));
    std::fflush(stdout);
    printed_ = total - (held ? 1 : 0);
  }

 private:
  sandbox::Server& server_;
  std::size_t printed_ = 0;
};

int run_serve(const ServeOptions& options) {
  const auto session = open_session();
  const auto& exercise = choose_exercise(session, options.exercise, "serve");
  const auto& project = project_of(session, exercise);
  checking::CheckOptions check_options;
  check_options.runs_dir = session.workspace.state_dir() / "runs";
  check_options.state_dir = session.workspace.state_dir();
  auto config = checking::server_config(project.run, session.workspace.root / project.dir, exercise.id,
                                        exercise, check_options, checking::make_uid());
  config.run_timeout = {};  // it runs until Ctrl-C, not for the length of a check
  config.port = options.port;

  // Before the sandbox starts any thread, so that Ctrl-C waits for wait() below.
  const practice::StopSignals stop_signals;
  const auto server = checking::sandbox_launcher().launch(config);  // as a check run starts it
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  fmt::print("{}\n", style.dim(fmt::format("Starting `{}` in {}/ as `roadwork check {}` does…", project.run,
                                           project.dir, exercise.id)));
  std::fflush(stdout);
  const auto started = server->start();
  OutputPump output(*server->process());
  output.pump();
  if (started.outcome != sandbox::StartOutcome::Ready) {
    fmt::print(stderr, "roadwork: your server did not start: {}\n", started.message);
    return kExitFail;
  }
  fmt::print("{}\n", style.bold(fmt::format("Your server for {} runs at {}", exercise.id, server->url())));
  // A value made for this run ({{uid}}) differs from the one a failed check's curl lines assumed.
  for (const auto& [name, value] : config.env) {
    if (const auto made = course::with_uid(value, config.uid); made != value)
      fmt::print("{}\n", style.dim(fmt::format("  with {}={}", name, text::escape_controls(made))));
  }
  fmt::print("{}\n",
             style.dim("Send it requests from another terminal (the curl lines of a failed check, with "
                       "this port). Ctrl-C stops it."));
  std::fflush(stdout);

  const auto signo = stop_signals.wait(100ms, [&] {
    output.pump();
    return server->process()->running();
  });
  if (!signo) {
    output.pump();
    fmt::print(stderr, "roadwork: your server stopped by itself: {}\n",
               server->process()->exit_description());
    return kExitFail;
  }
  server->stop();
  output.pump();
  fmt::print("\nStopped your server.\n");
  return practice::exit_code_for_signal(*signo);
}

}  // namespace

void setup_serve(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand(
      "serve",
      "Start your server as check does and show its output, to try requests by hand (Ctrl-C stops it)");
  command->add_option("EXERCISE", options->exercise, "Exercise id (default: the one you started last)");
  command->add_option("--port", options->port, "Give the server this port (default: a free one)")
      ->check(CLI::Range(1, 65535));
  command->callback([options, &exit_code] { exit_code = run_serve(*options); });
}

}  // namespace roadwork::cli
