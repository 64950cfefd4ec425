#include "app/checking/check_run.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <random>
#include <thread>
#include <variant>

#include "app/checking/plan.hpp"
#include "app/checking/sandboxed_server.hpp"
#include "app/checking/steps.hpp"
#include "app/report/not_run.hpp"
#include "checker/run/url.hpp"

namespace roadwork::checking {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The rules the step checks and the hints that go with it, which the report shows when it fails.
void attach_rules(const PlannedStep& planned, report::StepResult& result) {
  if (!planned.step->hint.empty()) result.hints.push_back(planned.step->hint);
  for (const auto& rule : planned.exercise->rules) {
    if (std::find(rule.steps.begin(), rule.steps.end(), planned.step->name) == rule.steps.end()) continue;
    result.rules.push_back({rule.id, rule.rule});
    if (!rule.hint.empty()) result.hints.push_back(rule.hint);
  }
}

report::StepResult run_planned(const PlannedStep& planned, StepContext& context) {
  const auto started = Clock::now();
  auto result =
      std::visit([&](const auto& spec) { return run_step(spec, planned, context); }, planned.step->spec);
  result.name = planned.name;
  result.kind = planned.step->kind();
  attach_rules(planned, result);
  result.time_ms = ms_since(started);
  return result;
}

// Runs the plan's steps in order into `report`, telling `reporter` of each as it finishes; after the first
// that does not pass, the rest are reported as not run, unless the options say to keep going.
void run_steps(StepContext& context, Reporter& reporter, report::Report& report) {
  bool stopped = false;
  for (const auto& planned : context.plan.steps) {
    auto result = stopped ? report::not_run_step(planned.name, std::string(planned.step->kind()))
                          : run_planned(planned, context);
    stopped = stopped || (result.verdict != report::Verdict::Pass && !context.options.keep_going);
    reporter.step_finished(result);
    report.steps.push_back(std::move(result));
  }
}

// Starts the learner's server; a server that does not come up is the run's verdict (report.message).
std::unique_ptr<LearnerServer> start_learner_server(Launcher& launcher, const course::Exercise& exercise,
                                                    const ServerSource& source, const CheckOptions& options,
                                                    Reporter& reporter, report::Report& report,
                                                    const std::string& uid) {
  auto server =
      launcher.launch(server_config(source.run, source.project_dir, exercise.id, exercise, options, uid));
  reporter.status("starting `" + source.run + "` on port " + std::to_string(server->port()));
  const auto start = server->start();
  if (start.unisolated) reporter.warning(unisolated_warning(*start.unisolated));
  report.server_start_ms = std::chrono::duration<double, std::milli>(start.elapsed).count();
  if (start.outcome != sandbox::StartOutcome::Ready) {
    report.message = start.message;
    report.server_output = start.last_output;
  } else {
    reporter.status("listening on port " + std::to_string(server->port()) + " after " +
                    std::to_string(static_cast<int>(report.server_start_ms)) + " ms");
  }
  return server;
}

// Where the checks may send requests: the server under test ({{host}}) first, then the origins the exercise
// declares (exercises/README.md: `origins`). Nowhere when {{host}} is not a URL.
std::vector<std::string> allowed_origins(const course::Exercise& exercise, const run::Variables& variables) {
  const auto host = variables.find("host");
  if (host == variables.end() || !host->second.is_string()) return {};
  const auto url = run::parse_url(host->second.get<std::string>());
  if (!url.ok()) return {};
  std::vector<std::string> origins{url.value().origin()};
  for (const auto& declared : exercise.origins) {
    if (const auto origin = run::parse_url(declared); origin.ok()) origins.push_back(origin.value().origin());
  }
  return origins;
}

// Stops `server` on a thread of its own while `reporter.verdict` has the report (the learner reads the
// verdict while their server shuts down, not after); how long the stop took. The thread that started the
// server outlives it (LearnerServer), as this one waits for the stop.
std::chrono::microseconds stop_while(LearnerServer& server, Reporter& reporter,
                                     const report::Report& report) {
  std::chrono::microseconds elapsed{0};
  std::exception_ptr failure;
  {
    const std::jthread stopping([&] {
      try {
        elapsed = server.stop().elapsed;
      } catch (...) {
        failure = std::current_exception();
      }
    });
    reporter.verdict(report);
  }
  if (failure) std::rethrow_exception(failure);
  return elapsed;
}

}  // namespace

Reporter& quiet_reporter() {
  static Reporter quiet;
  return quiet;
}

std::string unisolated_warning(const std::string& reason) {
  return "roadwork cannot isolate the servers here: " + reason + "; they run unisolated";
}

std::string make_uid() {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string uid;
  for (int i = 0; i < 12; ++i) uid += kHex[random() % 16];
  return uid;
}

Expected<report::Report, std::vector<Diagnostic>> check_exercise(const course::Pack& pack,
                                                                 const course::Exercise& exercise,
                                                                 const ServerSource& source,
                                                                 const CheckOptions& options,
                                                                 Reporter& reporter, Launcher& launcher) {
  const auto started = Clock::now();
  const auto planned = plan_steps(pack, exercise);
  if (!planned) return planned.error();
  const auto& plan = *planned;
  if (auto undefined = undefined_variables(plan); !undefined.empty()) return undefined;
  report::Report report;
  report.exercise = exercise.id;
  report.pack = pack.id;

  std::unique_ptr<LearnerServer> server;
  run::Variables variables;
  // Before the server starts: its [env] may hold {{uid}}.
  const auto uid = make_uid();
  variables["uid"] = uid;
  if (source.url) {
    variables["host"] = *source.url;
  } else if (plan.needs_server()) {
    server = start_learner_server(launcher, exercise, source, options, reporter, report, uid);
    variables["host"] = server->url();
    variables["port"] = server->port();
  }

  if (report.message.empty()) {
    run::RunOptions run_options;
    run_options.deadline = started + run_time_limit(exercise, options);
    run_options.connect_timeout = run_options.read_timeout = run_options.write_timeout =
        run_options.max_time = options.limits.request_timeout;
    run_options.max_body_bytes = options.limits.max_body_bytes;
    run_options.allowed_origins = allowed_origins(exercise, variables);
    StepContext context{plan, source, options, server.get(), launcher, variables, run_options};
    run_steps(context, reporter, report);
  }
  // Known once the server has started; read after the steps, so that a restart that fell back to
  // unisolated (the kernel refused it only then) marks the report too.
  if (server) report.isolated = server->isolated();
  report.time_ms = ms_since(started);
  if (server) {
    report.server_stop_ms =
        std::chrono::duration<double, std::milli>(stop_while(*server, reporter, report)).count();
    // What the sandbox saw beyond the checks (output dropped, processes killed, limits reached).
    if (auto* process = server->process()) {
      for (const auto& note : process->notes()) report.server_output += "roadwork: " + note + "\n";
    }
  } else {
    reporter.verdict(report);
  }
  server.reset();  // removes the data folder unless kept, and is part of the run's time
  report.time_ms = ms_since(started);
  return report;
}

report::Report check_files(const Plan& plan, run::Variables variables, const run::RunOptions& run_options,
                           Reporter& reporter) {
  const auto started = Clock::now();
  CheckOptions options;
  options.keep_going = true;
  const ServerSource source;  // the server is at {{host}}, as the caller gave it
  StepContext context{plan, source, options, nullptr, sandbox_launcher(), variables, run_options};
  report::Report report;
  run_steps(context, reporter, report);
  report.time_ms = ms_since(started);
  reporter.verdict(report);
  return report;
}

}  // namespace roadwork::checking
