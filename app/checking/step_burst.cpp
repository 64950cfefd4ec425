// burst steps: one check file `count` times, `concurrency` at once, and what must hold over all the runs
// (exercises/README.md: burst): every run passed, some response had a status (rate limiting), a capture
// took a different value in every run (no duplicate ids), and an invariant checked once afterwards.

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {

// Releases the first `expected` requests together (run::RunOptions::gate), so that a check-then-act race
// in the server shows on every run, not by luck: each waits until all have arrived. A run that never
// arrives (it failed before sending) holds the others back for at most `patience`. Once open, stays open.
class StartGate {
 public:
  explicit StartGate(int expected) : expected_(expected) {}

  void wait() {
    std::unique_lock lock(mutex_);
    if (!open_ && ++arrived_ < expected_) opened_.wait_for(lock, patience, [this] { return open_; });
    open_ = true;
    opened_.notify_all();
  }

 private:
  static constexpr std::chrono::seconds patience{1};
  std::mutex mutex_;
  std::condition_variable opened_;
  int expected_;
  int arrived_ = 0;
  bool open_ = false;
};

// Runs the file `count` times on `concurrency` threads, the first `concurrency` requests released together
// (StartGate). Each run has its own copy of the variables (its captures stay its own) and, through
// run_file, its own HTTP connections.
std::vector<run::FileResult> run_all(const hurl::HurlFile& file, const course::BurstStep& step,
                                     const StepContext& context) {
  std::vector<run::FileResult> runs(static_cast<std::size_t>(step.count));
  std::atomic<std::size_t> next = 0;
  StartGate gate(step.concurrency);
  auto options = context.run_options;
  options.gate = [&gate] { gate.wait(); };
  {
    std::vector<std::jthread> workers;
    workers.reserve(static_cast<std::size_t>(step.concurrency));
    for (int i = 0; i < step.concurrency; ++i) {
      workers.emplace_back([&] {
        for (auto run = next++; run < runs.size(); run = next++) {
          auto variables = context.variables;
          runs[run] = run::run_file(file, variables, options);
        }
      });
    }
  }
  return runs;
}

std::string status_text(int status) { return status == 0 ? "no response" : std::to_string(status); }

std::string some_status_problem(const std::vector<run::FileResult>& runs, int wanted) {
  std::map<int, std::size_t> statuses;  // status (0: no response) → how many responses had it
  for (const auto& run : runs) {
    for (const auto& entry : run.entries) {
      const int status = entry.call ? entry.call->status : 0;
      if (status == wanted) return "";
      ++statuses[status];
    }
  }
  if (statuses.size() == 1 && statuses.begin()->second == runs.size()) {
    return fmt::format("all {} runs got {}; expected at least one {}", runs.size(),
                       status_text(statuses.begin()->first), wanted);
  }
  std::string seen;
  for (const auto& [status, times] : statuses)
    seen += fmt::format("{}{} ×{}", seen.empty() ? "" : ", ", status_text(status), times);
  return fmt::format("none of the {} runs got {}; the responses were {}", runs.size(), wanted, seen);
}

// The value run `run` captured as `name` (its last capture of that name), as JSON text.
std::optional<std::string> captured(const run::FileResult& run, const std::string& name) {
  std::optional<std::string> value;
  for (const auto& entry : run.entries) {
    for (const auto& [capture, text] : entry.captures) {
      if (capture == name) value = text;
    }
  }
  return value;
}

std::string distinct_problem(const std::vector<run::FileResult>& runs, const std::string& name) {
  std::map<std::string, std::size_t> first_run;  // value → 1-based run that first captured it
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto value = captured(runs[i], name);
    if (!value) continue;
    const auto [seen, inserted] = first_run.emplace(*value, i + 1);
    if (!inserted) {
      return fmt::format("capture `{}` repeated: {} appears in runs {} and {}", name, *value, seen->second,
                         i + 1);
    }
  }
  if (first_run.empty()) return fmt::format("no run captured `{}`", name);
  return "";
}

}  // namespace

report::StepResult run_step(const course::BurstStep& step, const PlannedStep&, StepContext& context) {
  auto runs = run_all(context.plan.file(step.file), step, context);
  auto result = step_result(report::Verdict::Pass);
  std::string problem;
  if (step.all_pass) {
    for (std::size_t i = 0; i < runs.size() && problem.empty(); ++i) {
      if (runs[i].passed()) continue;
      problem = fmt::format("run {} of {} failed", i + 1, runs.size());
      result.files.push_back(std::move(runs[i]));
    }
  }
  if (problem.empty() && step.some_status) problem = some_status_problem(runs, *step.some_status);
  if (problem.empty() && step.distinct) problem = distinct_problem(runs, *step.distinct);
  if (problem.empty() && step.after) {
    result.files.push_back(
        run::run_file(context.plan.file(*step.after), context.variables, context.run_options));
    if (!result.files.back().passed()) problem = "the check after the burst failed";
  }
  if (problem.empty()) return result;
  result.verdict = report::Verdict::Fail;
  result.message = std::move(problem);
  if (auto* process = context.server ? context.server->process() : nullptr; process && !process->running()) {
    result.message += "; the server stopped running";
    result.output = server_tail(context);
  }
  return result;
}

}  // namespace roadwork::checking
