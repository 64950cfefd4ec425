#include "app/grading/check_run.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <random>
#include <vector>

#include "app/core/fatal.hpp"
#include "app/sandbox/server.hpp"
#include "checker/hurl/parser.hpp"
#include "checker/report/not_run.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::grading {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct PlannedStep {
  std::string name;
  hurl::HurlFile file;
};

// An unreadable file reads as empty; the exercise loader has already checked that it exists.
std::string read_source(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every check file is parsed before the server starts: a broken pack is bad input (exit 2), not a failed
// attempt, and nothing is spawned for it.
std::vector<PlannedStep> plan_steps(const course::Pack& pack, const course::Exercise& exercise) {
  std::vector<const course::Exercise*> exercises{&exercise};
  for (const auto* earlier : pack.earlier_in_project(exercise)) exercises.push_back(earlier);
  std::vector<PlannedStep> planned;
  for (const auto* current : exercises) {
    for (const auto& step : current->steps) {
      // Reports name check files relative to the pack, as authors write them in exercise.toml.
      const auto source = read_source(step.file);
      auto parsed = hurl::parse(source, fs::relative(step.file, pack.root).string());
      if (!parsed.file) {
        std::string text;
        for (const auto& error : parsed.errors) text += hurl::format_diagnostic(error, source);
        if (!text.empty() && text.back() == '\n') text.pop_back();
        throw Fatal(text, kExitBadInput, true);
      }
      const auto name = current == &exercise ? step.name : current->id + ": " + step.name;
      planned.push_back({name, std::move(*parsed.file)});
    }
  }
  return planned;
}

// A per-run value for {{uid}}, so checks can make unique user names that never collide across runs.
std::string make_uid() {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uid;
  for (int i = 0; i < 12; ++i) uid += kHex[random() % 16];
  return uid;
}

fs::path make_data_dir(const fs::path& runs_dir, const std::string& exercise) {
  std::error_code error;
  fs::create_directories(runs_dir, error);
  auto pattern = (runs_dir / (exercise + "-XXXXXX")).string();
  if (error || !mkdtemp(pattern.data())) throw Fatal("cannot create a data folder in " + runs_dir.string());
  return pattern;
}

report::StepResult run_hurl_step(const PlannedStep& step, run::Variables& variables, const run::RunOptions& options,
                                 sandbox::Server* server) {
  report::StepResult result;
  result.name = step.name;
  result.kind = "hurl";
  const auto started = Clock::now();
  result.files.push_back(run::run_file(step.file, variables, options));
  result.time_ms = ms_since(started);
  result.verdict = result.files.back().passed() ? report::Verdict::Pass : report::Verdict::Fail;
  // A server that crashed explains the failure better than the refused connection that follows.
  if (result.verdict != report::Verdict::Pass && server && !server->running()) {
    result.message = "the server stopped running during this step";
    result.output = server->last_lines(20);
  }
  return result;
}

}  // namespace

report::Report check_exercise(const course::Pack& pack, const course::Exercise& exercise, const ServerSource& source,
                              const CheckOptions& options, const Progress& progress) {
  const auto started = Clock::now();
  const auto steps = plan_steps(pack, exercise);
  report::Report report;
  report.exercise = exercise.id;
  report.pack = pack.id;

  std::unique_ptr<sandbox::Server> server;
  fs::path data_dir;
  run::Variables variables;
  if (source.url) {
    variables["host"] = *source.url;
  } else {
    const int port = sandbox::pick_free_port();
    data_dir = make_data_dir(options.runs_dir, exercise.id);
    sandbox::LaunchSpec spec;
    spec.command = source.run;
    spec.working_dir = source.project_dir;
    spec.port = port;
    spec.startup_timeout = exercise.startup_timeout;
    spec.env = {{"PORT", std::to_string(port)},
                {"HOST", "127.0.0.1"},
                {"DATA_DIR", data_dir.string()},
                {"DATABASE_PATH", (data_dir / (exercise.project + ".db")).string()},
                {"ROADWORK", "1"}};
    if (progress.status) progress.status("starting `" + source.run + "` on port " + std::to_string(port));
    sandbox::StartResult start;
    server = sandbox::Server::start(spec, start);
    if (start.outcome != sandbox::StartOutcome::Ready) {
      report.message = start.message;
      report.server_output = start.last_output;
    }
    report.server_start_ms = std::chrono::duration<double, std::milli>(start.elapsed).count();
    if (start.outcome == sandbox::StartOutcome::Ready && progress.status) {
      progress.status("listening on port " + std::to_string(port) + " after " +
                      std::to_string(static_cast<int>(report.server_start_ms)) + " ms");
    }
    variables["host"] = "http://127.0.0.1:" + std::to_string(port);
    variables["port"] = port;
  }
  variables["uid"] = make_uid();

  if (report.message.empty()) {
    run::RunOptions run_options;
    run_options.deadline = started + exercise.time_limit;
    bool stopped = false;
    for (const auto& step : steps) {
      auto result = stopped ? report::not_run_step(step.name, "hurl")
                            : run_hurl_step(step, variables, run_options, server.get());
      stopped = stopped || (result.verdict != report::Verdict::Pass && !options.keep_going);
      if (progress.step_finished) progress.step_finished(result);
      report.steps.push_back(std::move(result));
    }
  }
  if (server) {
    report.server_stop_ms = std::chrono::duration<double, std::milli>(server->stop().elapsed).count();
  }
  if (!data_dir.empty() && !options.keep_data) {
    std::error_code ignored;
    fs::remove_all(data_dir, ignored);
  }
  report.time_ms = ms_since(started);
  return report;
}

}  // namespace roadwork::grading
