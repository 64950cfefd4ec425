// roadwork pack validate DIR [--exercise ID] [--stack S] [--jobs N] [--repeat N]: checks every file of a
// pack, reporting every problem compiler-style, then runs each exercise's solution, starter and mutants in
// the sandbox (N times each with --repeat, to find flaky ones; --skip-mutants runs solutions and starters
// only) and prints a table of verdicts. Exits 0 when everything holds, 2 for problems in the files, 1 for
// runs.

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

#include "app/cli/need.hpp"
#include "app/cli/pack_commands.hpp"
#include "app/core/fatal.hpp"
#include "app/packs/behaviour.hpp"
#include "app/packs/validate_files.hpp"
#include "app/term/spinner.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "app/workspace/workspace.hpp"
#include "checker/report/text_util.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct ValidateOptions {
  std::string dir;
  std::string exercise;
  std::string stack;
  int jobs = 1;
  int repeat = 1;
  bool skip_mutants = false;
};

std::string plural(int count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Prints the problems of the files to stderr, as a compiler does; returns the number of errors.
int report_files(const packs::Problems& problems, const term::Style& style) {
  for (const auto& problem : problems.all()) {
    const auto shown = text::escape_controls(problem.text());
    const auto newline = shown.find('\n');
    const auto first = shown.substr(0, newline);
    fmt::print(stderr, "{}{}\n", problem.severity == Severity::Error ? style.bold(first) : first,
               newline == std::string::npos ? "" : shown.substr(newline));
  }
  return problems.count(Severity::Error);
}

std::string pad(const std::string& text, std::size_t width) {
  const auto used = static_cast<std::size_t>(report::display_width(text));
  return text + std::string(width > used ? width - used : 0, ' ');
}

// The table: exercise × stack × role × verdict × time, columns as wide as their longest cell.
void print_table(const std::vector<packs::RunResult>& results, const term::Style& style) {
  std::size_t exercise_width = 8, role_width = 4;
  for (const auto& result : results) {
    exercise_width = std::max(exercise_width, result.run.exercise->id.size());
    role_width = std::max(role_width, result.run.label().size());
  }
  fmt::print("{}\n",
             style.bold(fmt::format("{} {} {} {} {}", pad("exercise", exercise_width), pad("stack", 6),
                                    pad("role", role_width), pad("verdict", 7), "time")));
  for (const auto& result : results) {
    const auto verdict =
        result.ok ? style.pass(pad("ok", 7)) : style.fail(result.flaky ? "FLAKY  " : "PROBLEM");
    fmt::print("{} {} {} {} {}\n", pad(result.run.exercise->id, exercise_width), pad(result.run.stack, 6),
               pad(result.run.label(), role_width), verdict, report::format_duration(result.time_ms));
  }
}

int run_validate(const ValidateOptions& options) {
  const auto started = Clock::now();
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto files = need(packs::validate_files(options.dir));
  const auto& pack = files.pack;
  const int errors = report_files(files.problems, term::Style::for_fd(STDERR_FILENO));
  const int warnings = files.problems.count(Severity::Warning);
  fmt::print("Files of pack {} ({}): {} written, {}, {}\n", pack.id.empty() ? "?" : pack.id, options.dir,
             plural(static_cast<int>(pack.exercises.size()), "exercise"), plural(errors, "error"),
             plural(warnings, "warning"));
  if (errors > 0) {
    fmt::print("Solutions not run: fix the files first. Validation took {:.2f} s.\n", seconds_since(started));
    return kExitBadInput;
  }
  if (!options.exercise.empty() && !pack.find_exercise(options.exercise))
    throw Fatal("--exercise: pack " + pack.id + " has no written exercise \"" + options.exercise + "\"");

  const auto to_optional = [](const std::string& text) {
    return text.empty() ? std::nullopt : std::optional(text);
  };
  auto runs = packs::plan_runs(pack, to_optional(options.exercise), to_optional(options.stack));
  // Their files and edits were checked above; only running them is left out.
  if (options.skip_mutants)
    std::erase_if(runs, [](const auto& run) { return run.role == packs::Role::Mutant; });
  std::string idle;
  for (const auto& exercise : pack.exercises) {
    const bool chosen = options.exercise.empty() || exercise.id == options.exercise;
    if (chosen &&
        std::none_of(runs.begin(), runs.end(), [&](const auto& run) { return run.exercise == &exercise; }))
      idle += " " + exercise.id;
  }
  if (!idle.empty()) fmt::print("Nothing to run (practice steps only, or no folder in the stack):{}\n", idle);
  fmt::print("Running {} in the sandbox{}, {} at a time\n\n", plural(static_cast<int>(runs.size()), "folder"),
             options.repeat > 1 ? fmt::format(" {} times each", options.repeat) : "",
             plural(options.jobs, "folder"));
  std::fflush(stdout);
  std::size_t done = 0;
  const auto progress_label = [&] { return fmt::format("{} of {} runs done", done, runs.size()); };
  term::Spinner spinner(progress_label(), STDOUT_FILENO);
  const auto results =
      packs::perform_runs(pack, runs, options.jobs, options.repeat, [&](const packs::RunResult&) {
        ++done;
        spinner.set_label(progress_label());
      });
  spinner.stop();

  print_table(results, style);
  int problems = 0;
  for (const auto& result : results) {
    if (result.ok) continue;
    if (problems++ == 0) fmt::print("\n{}\n", style.bold("Problems:"));
    fmt::print("  {}: {}\n", result.run.exercise->id, result.problem);
    fmt::print("{}", report::indent_lines(result.details, "      "));
  }
  fmt::print("\nValidated pack {} in {:.2f} s (--jobs {}): {}, {}.\n", pack.id, seconds_since(started),
             options.jobs, plural(static_cast<int>(results.size()), "run"),
             problems == 0 ? style.pass("everything holds") : style.fail(plural(problems, "problem")));
  return problems == 0 ? kExitPass : kExitFail;
}

}  // namespace

void setup_pack_validate(CLI::App& pack, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  auto* command = pack.add_subcommand(
      "validate",
      "Check a pack: every file, then each exercise's solution (must pass), starter (must fail) and "
      "mutants (must fail at their step) in the sandbox");
  command->add_option("DIR", options->dir, "The pack's folder (it holds lessons/roadmap.toml)")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--exercise", options->exercise,
                      "Run only this exercise (its files are checked with the rest)");
  std::vector<std::string> stacks;
  for (const auto& [name, stack] : workspace::stacks()) stacks.push_back(name);
  command->add_option("--stack", options->stack, "Run only this stack's folders")
      ->check(CLI::IsMember(stacks));
  command->add_option("--jobs", options->jobs, "Folders to run at once, each in its own sandboxes")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  command->add_flag("--skip-mutants", options->skip_mutants,
                    "Run only solutions and starters (the mutants' files and edits are still checked)");
  command
      ->add_option("--repeat", options->repeat,
                   "Run every folder N times and report any whose verdict differs between runs (flaky)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  command->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

}  // namespace roadwork::cli
