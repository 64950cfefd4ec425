// roadwork watch [EXERCISE]: checks the exercise now and again whenever a file of its project folder changes
// (after a quiet 300 ms), until Ctrl-C; a save made while a check runs starts another check when it ends. On
// a terminal each run redraws the screen; elsewhere runs are separated by a line. Each run is `roadwork
// check`'s own, attempt recorded; Ctrl-C stops the server of a run in progress before roadwork exits (the
// interrupt handler of the sandbox).

#include <fmt/core.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/cli/check.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/folder_watcher.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"

namespace roadwork::cli {

namespace {

using namespace std::chrono_literals;

constexpr auto kQuiet = 300ms;
constexpr int kSeparatorWidth = 80;
// Folders whose changes are not the learner's code: tools, dependencies, roadwork's own state, bytecode.
const std::set<std::string> kIgnoredFolders = {".git", "node_modules", ".roadwork", "__pycache__"};
// Cursor home, then erase the screen (ECMA-48 CUP and ED).
constexpr std::string_view kClearScreen = "\x1b[H\x1b[2J";

std::string separator() {
  std::string line;
  for (int i = 0; i < kSeparatorWidth; ++i) line += "─";
  return line;
}

struct WatchOptions {
  std::string exercise;
  bool keep_going = false;
};

struct Target {
  std::string exercise;
  std::string dir;  // the project folder, relative to the workspace root
  std::filesystem::path folder;
};

Target choose_target(const WatchOptions& options) {
  const auto session = open_exercise_session(options.exercise);
  const auto& exercise = choose_exercise(session, options.exercise, "watch");
  const auto& project = project_of(session, exercise);
  return {session.exercise_name(exercise), project.dir, session.workspace.root / project.dir};
}

// A check that cannot run (a check file being edited does not parse, roadwork.toml is broken) is reported
// as roadwork reports it, and watching goes on: the next save may fix it.
void check_once(const Target& target, bool keep_going) {
  run_reporting_errors([&] { return check_with_text_report(target.exercise, keep_going); });
  std::fflush(stdout);
}

// What changed while a check ran, without what the runs write themselves: a path that changed during two
// runs in a row (a database or a log a server keeps in its folder, a test cache) is taken for the runs' own
// and no longer counts during a run. Between runs nothing of roadwork's runs, so every change counts then.
class ChangesDuringRuns {
 public:
  /// The paths of `during` (those that changed while a check ran) that are the learner's, not the runs'.
  std::vector<std::string> learners(std::vector<std::string> during) {
    for (const auto& path : during) {
      if (last_run_.count(path)) written_by_runs_.insert(path);
    }
    last_run_ = {during.begin(), during.end()};
    std::erase_if(during, [&](const std::string& path) { return written_by_runs_.count(path) > 0; });
    return during;
  }
  /// The next run does not follow a run straight away: a path changed in both was changed in between.
  void forget_last_run() { last_run_.clear(); }

 private:
  std::set<std::string> last_run_;
  std::set<std::string> written_by_runs_;
};

int run_watch(const WatchOptions& options) {
  const auto target = choose_target(options);
  FolderWatcher watcher(target.folder, kIgnoredFolders);
  const bool redraw = term::understands_escapes(STDOUT_FILENO);
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  ChangesDuringRuns during_runs;
  std::vector<std::string> changed;
  bool while_checking = false;
  for (bool first = true;; first = false) {
    if (redraw)
      fmt::print("{}", kClearScreen);
    else if (!first)
      fmt::print("\n{}\n", separator());
    fmt::print("{}\n",
               style.dim(fmt::format("Watching {}/ and checking {} when a file changes (Ctrl-C stops).",
                                     target.dir, target.exercise)));
    if (!changed.empty()) {
      for (auto& path : changed) path.insert(0, target.dir + "/");
      fmt::print("{}\n", style.dim(fmt::format("Changed{}: {}", while_checking ? " while checking" : "",
                                               fmt::join(changed, ", "))));
    }
    std::fflush(stdout);
    check_once(target, options.keep_going);
    // A save made while the check ran is checked at once, not lost.
    changed = during_runs.learners(watcher.take_pending(kQuiet));
    while_checking = !changed.empty();
    if (while_checking) continue;
    during_runs.forget_last_run();
    changed = watcher.wait_for_changes(kQuiet);
  }
}

}  // namespace

void setup_watch(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WatchOptions>();
  auto* command =
      app.add_subcommand("watch", "Check an exercise again whenever you save a file (Ctrl-C stops)");
  command->add_option("EXERCISE", options->exercise, "Exercise id (default: the one you started last)");
  command->add_flag("--keep-going", options->keep_going, "Run every step even after one fails");
  command->callback([options, &exit_code] { exit_code = run_watch(*options); });
}

}  // namespace roadwork::cli
