#include "app/cli/cli.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <string>
#include <system_error>

#include "app/cli/commands.hpp"
#include "app/cli/version.hpp"
#include "app/core/fatal.hpp"
#include "app/grade/grade_db.hpp"
#include "app/progress/store.hpp"
#include "app/sandbox/server.hpp"

namespace roadwork::cli {

int main(int argc, char** argv) {
  sandbox::install_interrupt_handlers();
  CLI::App app{
      "roadwork: learn backend development by building servers that are graded by real HTTP requests.\n"
      "Run `roadwork` alone to see where you are and what to do next."};
  app.set_version_flag("--version", fmt::format("roadwork {} (commit {})", kVersion, kCommit));
  app.require_subcommand(0, 1);
  int exit_code = kExitPass;
  setup_init(app, exit_code);
  setup_roadmap(app, exit_code);
  setup_lesson(app, exit_code);
  setup_quiz(app, exit_code);
  setup_start(app, exit_code);
  setup_check(app, exit_code);
  setup_watch(app, exit_code);
  setup_hint(app, exit_code);
  setup_demo(app, exit_code);
  setup_practice(app, exit_code);
  setup_serve(app, exit_code);
  setup_progress(app, exit_code);
  setup_grade(app, exit_code);
  setup_lint(app, exit_code);
  setup_hurl(app, exit_code);
  setup_pack(app, exit_code);
  return run_reporting_errors([&]() -> int {
    try {
      app.parse(argc, argv);  // runs the subcommand
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e);
      return code == 0 ? kExitPass : kExitBadInput;
    }
    if (app.get_subcommands().empty()) exit_code = run_status();
    return exit_code;
  });
}

int run_reporting_errors(const std::function<int()>& command) {
  const auto report = [](const std::string& message) {
    std::fflush(stdout);  // what the command printed stays above its error
    fmt::print(stderr, "{}\n", message);
  };
  try {
    return command();
  } catch (const Fatal& e) {
    report(e.report());
    return e.exit_code;
  } catch (const progress::StoreError& e) {
    report(fmt::format("roadwork: error: {}", e.what()));
  } catch (const grade::GradeDbError& e) {
    report(fmt::format("roadwork: error: {}", e.what()));
  } catch (const std::system_error& e) {
    // A failure of the machine (no folder can be made, no free port, a full disk): said, not a crash.
    report(fmt::format("roadwork: error: {}", e.what()));
  }
  return kExitBadInput;
}

}  // namespace roadwork::cli
