// roadwork demo EXERCISE: runs the exercise's reference solution in the sandbox, from a temporary copy, so
// the learner can explore with curl what their server should do. It prints the URL and a few curl commands
// taken from the exercise's checks, and runs until Ctrl-C, its normal end: the solution is stopped
// (SIGTERM, grace, SIGKILL), the copy removed, and roadwork exits 130 like every interrupted command (143
// for SIGTERM, 129 for SIGHUP). Works outside a workspace too; the stack is --stack, else the workspace's,
// else python.

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "app/checking/run_folder.hpp"
#include "app/checking/sandboxed_server.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/core/fatal.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/exercise_code.hpp"
#include "app/practice/exercise.hpp"
#include "app/practice/stop_signals_posix.hpp"
#include "app/term/style.hpp"
#include "checker/hurl/parser.hpp"
#include "checker/run/curl.hpp"
#include "checker/run/requests.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace fs = std::filesystem;

namespace {

using namespace std::chrono_literals;

struct DemoOptions {
  std::string exercise;
  std::string stack;
  bool diff = false;
  bool force = false;
};

constexpr std::size_t kMaxCommands = 5;

std::string choose_stack(const Session& session, const std::string& requested) {
  auto stack = requested;
  if (stack.empty()) stack = session.workspace.stack.empty() ? "python" : session.workspace.stack;
  if (!workspace::stacks().count(stack))
    throw Fatal("roadwork has no stack \"" + stack + "\"; use python or node");
  return stack;
}

// The parsed check files of the exercise's hurl steps, in step order. Files that do not parse are passed
// over: the demo only draws suggestions from them, and `roadwork check` reports broken check files.
std::vector<hurl::HurlFile> check_files(const course::Exercise& exercise) {
  std::vector<hurl::HurlFile> files;
  for (const auto& step : exercise.steps) {
    const auto* hurl_step = std::get_if<course::HurlStep>(&step.spec);
    if (!hurl_step) continue;
    if (auto parsed = hurl::parse_file(hurl_step->file.string()); parsed.file)
      files.push_back(std::move(*parsed.file));
  }
  return files;
}

/// A curl command to try, and the method and URL it sends to (what makes two suggestions different).
struct Suggestion {
  std::string method_and_url;
  std::string command;
  bool has_placeholder = false;  ///< a "<name>" for the learner to fill in
};

// A curl command for `entry`, with {{host}}, {{port}} and {{uid}} filled in, and a value captured from an
// earlier response shown as "<name>" where it is a path segment (/notes/<id>): the learner sees what goes
// there. Nothing for an entry that needs a captured value anywhere else.
std::optional<Suggestion> suggest(const hurl::Entry& entry, const hurl::HurlFile& file,
                                  run::Variables variables) {
  const auto& parts = entry.request.url.parts;
  bool has_placeholder = false;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto& before = parts[i - 1];
    if (parts[i].is_variable && !before.is_variable && !before.text.empty() && before.text.back() == '/')
      has_placeholder |= variables.emplace(parts[i].text, "<" + parts[i].text + ">").second;
  }
  auto request = run::build_request(entry.request, run::Scope{variables, file});
  if (!request.ok()) return std::nullopt;
  auto& built = request.value();
  std::string cookies;
  for (const auto& [name, value] : built.cookies)
    cookies.append(cookies.empty() ? "" : "; ").append(name).append("=").append(value);
  if (!cookies.empty()) built.headers.emplace_back("Cookie", cookies);
  // Check files spread JSON bodies over lines for reading; one line is easier to paste.
  const auto json_body = nlohmann::ordered_json::parse(built.body, nullptr, false);
  if (!built.body.empty() && !json_body.is_discarded()) built.body = json_body.dump();
  const run::RedirectPolicy redirects{entry.request.options.location.value_or(false),
                                      entry.request.options.max_redirs.value_or(50)};
  return Suggestion{built.method + " " + built.url,
                    run::curl_command(built.method, built.url, built.headers, built.body, redirects),
                    has_placeholder};
}

// Up to kMaxCommands suggestions with different methods or URLs: the first entry of each check file, which
// shows what each step is about, then later entries for the methods and URLs not seen yet.
std::vector<Suggestion> suggestions(const course::Exercise& exercise, const std::string& base_url, int port) {
  const run::Variables variables{{"host", base_url}, {"port", port}, {"uid", "demo"}};
  const auto files = check_files(exercise);
  std::vector<Suggestion> chosen;
  std::set<std::string> seen;
  const auto consider = [&](const hurl::Entry& entry, const hurl::HurlFile& file) {
    if (chosen.size() == kMaxCommands) return;
    auto suggestion = suggest(entry, file, variables);
    if (suggestion && seen.insert(suggestion->method_and_url).second)
      chosen.push_back(std::move(*suggestion));
  };
  for (const auto& file : files)
    if (!file.entries.empty()) consider(file.entries.front(), file);
  for (const auto& file : files)
    for (std::size_t i = 1; i < file.entries.size(); ++i) consider(file.entries[i], file);
  return chosen;
}

// `demo --diff`: the reference solution's change to the one before it, coloured like `git diff`, once the
// learner has passed the exercise (else it would hand out the answer).
int show_change(const Session& session, const course::Exercise& exercise, const std::string& stack,
                bool force) {
  if (!force && !session.passed_exercises(session.pack_of(exercise)).count(exercise.id))
    throw Fatal(
        fmt::format("demo --diff shows how the reference solution does {}: pass it first, or add "
                    "--force to see it now",
                    exercise.id));
  const auto change = course::solution_change(exercise, stack);
  if (!change) throw Fatal({change.error()});
  if (!*change) {
    fmt::print(
        "{} begins the project {}: its {} reference solution is written whole, not as a change to an "
        "earlier one. `roadwork demo {}` runs it.\n",
        exercise.id, exercise.project, stack, exercise.id);
    return 0;
  }
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  fmt::print("{}\n\n", style.bold(fmt::format("What the {} reference solution of {} changes in that of {}:",
                                              stack, exercise.id, exercise.builds_on)));
  std::string_view rest = **change;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const auto line = text::escape_controls(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.starts_with("+++") || line.starts_with("---"))
      fmt::print("{}\n", style.bold(line));
    else if (line.starts_with("@@"))
      fmt::print("{}\n", style.code(line));
    else if (line.starts_with("+"))
      fmt::print("{}\n", style.pass(line));
    else if (line.starts_with("-"))
      fmt::print("{}\n", style.fail(line));
    else
      fmt::print("{}\n", line);
  }
  return 0;
}

int run_demo(const DemoOptions& options) {
  const auto session = open_reading_session();
  const auto& exercise = session.exercise(options.exercise);
  if (practice::find_practice_exercise(exercise.id))
    throw Fatal(
        fmt::format("{} has no reference server to demo: roadwork's own practice server plays that part "
                    "(roadwork practice {})",
                    exercise.id, exercise.id));
  const auto stack = choose_stack(session, options.stack);
  if (options.diff) return show_change(session, exercise, stack, options.force);
  if (!course::has_code(exercise, stack))
    throw Fatal(fmt::format("{} has no {} reference solution; try --stack python", exercise.id, stack));
  const auto solution = course::exercise_code(exercise, stack, course::CodeVariant::Solution);
  if (!solution) throw Fatal({solution.error()});

  // Before the sandbox starts any thread, so that Ctrl-C waits for wait() below.
  const practice::StopSignals stop_signals;
  const TempDir demo_dir(fs::temp_directory_path(), "roadwork-demo");
  const auto code = demo_dir.path() / "code";
  if (const auto error = checking::write_run_folder(*solution, code, session.pack_of(exercise).root);
      !error.empty())
    throw Fatal(error);
  checking::CheckOptions check_options;
  check_options.runs_dir = demo_dir.path();
  auto config = checking::server_config(workspace::stacks().at(stack).run, code, exercise.id, exercise,
                                        check_options, checking::make_uid());
  config.run_timeout = {};  // a demo runs until Ctrl-C, not for the length of a check
  const auto server = checking::sandbox_launcher().launch(config);  // as a check run starts it
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto started = server->start();
  if (started.outcome != sandbox::StartOutcome::Ready) {
    fmt::print(stderr, "roadwork: the {} reference solution of {} did not start: {}\n{}", stack, exercise.id,
               started.message, text::escape_controls(started.last_output));
    return kExitFail;
  }
  fmt::print("{}\n", style.bold(fmt::format("Demo of {}: the {} reference solution runs at {}", exercise.id,
                                            stack, server->url())));
  fmt::print("Try it from another terminal:\n");
  bool placeholders = false;
  for (const auto& suggestion : suggestions(exercise, server->url(), server->port())) {
    fmt::print("  {}\n", style.code(suggestion.command));
    placeholders |= suggestion.has_placeholder;
  }
  if (placeholders) fmt::print("(<id> and the like stand for a value an earlier answer gave you.)\n");
  fmt::print("{}\n", style.dim("Ctrl-C stops it."));
  std::fflush(stdout);

  const auto signo = stop_signals.wait(200ms, [&] { return server->process()->running(); });
  if (!signo) {
    fmt::print(stderr, "roadwork: the demo server stopped by itself: {}\n{}",
               server->process()->exit_description(), server->process()->last_lines(20));
    return kExitFail;
  }
  server->stop();
  fmt::print("\nStopped the demo server.\n");
  return practice::exit_code_for_signal(*signo);
}

}  // namespace

void setup_demo(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DemoOptions>();
  auto* command = app.add_subcommand(
      "demo", "Run an exercise's reference solution to explore it with curl (Ctrl-C stops it)");
  command->add_option("EXERCISE", options->exercise, "Exercise id, e.g. hello-server")->required();
  std::vector<std::string> names;
  for (const auto& [name, stack] : workspace::stacks()) names.push_back(name);
  command
      ->add_option("--stack", options->stack,
                   "Which reference solution (default: your workspace's, else python)")
      ->check(CLI::IsMember(names));
  command->add_flag(
      "--diff", options->diff,
      "Show what the reference solution changes in the previous exercise's, instead of running it "
      "(once you have passed the exercise)");
  command->add_flag("--force", options->force, "With --diff: show it before you have passed the exercise");
  command->callback([options, &exit_code] { exit_code = run_demo(*options); });
}

}  // namespace roadwork::cli
