#include "app/packs/behaviour.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "app/checking/check_run.hpp"
#include "app/checking/run_folder.hpp"
#include "app/core/parallel.hpp"
#include "app/core/temp_dir.hpp"
#include "app/course/exercise_code.hpp"
#include "app/course/mutant.hpp"
#include "app/report/details.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The first step that ran and did not pass, or nullptr.
const report::StepResult* first_failure(const report::Report& report) {
  const auto it = std::find_if(report.steps.begin(), report.steps.end(),
                               [](const auto& step) { return step.verdict != report::Verdict::Pass; });
  return it == report.steps.end() ? nullptr : &*it;
}

// Whether the report is what `run`'s role asks for; when not, why, in one line.
std::string judge(const Run& run, const report::Report& report) {
  const auto what = "the " + run.stack + " " + run.label();
  if (!report.message.empty()) return what + " never started: " + first_line(report.message);
  const auto* failed = first_failure(report);
  switch (run.role) {
    case Role::Solution:
      if (!failed) return "";
      return what + " failed \"" + failed->name + "\": " + report::failure_summary(*failed);
    case Role::Starter:
      return failed ? "" : what + " passes every step; it must fail at least one";
    case Role::Mutant:
      if (!failed)
        return what + " (" + run.mutant->why + ") passes every step; it must fail \"" + run.mutant->fails +
               "\"";
      if (failed->name == run.mutant->fails) return "";
      return what + " (" + run.mutant->why + ") failed \"" + failed->name + "\" instead of \"" +
             run.mutant->fails + "\": " + report::failure_summary(*failed);
  }
  return "";
}

// Makes `run`'s code, writes it to a scratch folder and checks it, filling in `result` and `ending`.
void make_and_check(const course::Pack& pack, const Run& run, const fs::path& scratch_root, RunResult& result,
                    std::string& ending) {
  const auto variant =
      run.role == Role::Starter ? course::CodeVariant::Starter : course::CodeVariant::Solution;
  auto files = course::exercise_code(*run.exercise, run.stack, variant);
  auto problem = files ? std::optional<Diagnostic>() : files.error();
  if (files && run.mutant) problem = course::apply_mutant(*run.mutant, run.stack, *files);
  if (problem) {
    result.problem = "the " + run.stack + " " + run.label() + " could not be made: " + render(*problem);
    return;
  }
  const TempDir scratch(scratch_root, run.exercise->id);
  const auto code = scratch.path() / "code";
  if (const auto error = checking::write_run_folder(*files, code, pack.root); !error.empty()) {
    result.problem = "the " + run.stack + " " + run.label() + " could not be written: " + error;
    return;
  }
  const auto& stack = workspace::stacks().at(run.stack);
  checking::CheckOptions options;
  options.runs_dir = scratch.path() / "runs";
  options.state_dir = scratch.path() / "state";
  options.verdict_only = true;  // a role's verdict only needs the first step that fails
  if (run.mutant) options.mutant_first = run.mutant->name;
  const checking::ServerSource source{stack.run, code, std::nullopt, stack.test};
  const auto checked = checking::check_exercise(pack, *run.exercise, source, options);
  if (!checked) {
    result.problem =
        "the " + run.stack + " " + run.label() + " could not run: " + render(checked.error().front());
    return;
  }
  const auto& report = *checked;
  result.problem = judge(run, report);
  result.ok = result.problem.empty();
  const auto* failed = first_failure(report);
  if (report.message.empty()) ending = failed ? failed->name : "";
  if (!result.ok && failed && run.role != Role::Starter) result.details = report::render_details(*failed, {});
}

// One run of `run`, and how it ended: "" when every step passed, else the first step that did not pass,
// or "(no start)" (which --repeat compares).
RunResult perform(const course::Pack& pack, const Run& run, const fs::path& scratch_root,
                  std::string& ending) {
  const auto started = Clock::now();
  RunResult result{run, false, "", "", 0, false};
  ending = "(no start)";
  try {
    make_and_check(pack, run, scratch_root, result, ending);
  } catch (const std::exception& error) {
    // A failure of the machine (a data folder that cannot be made, no free port), or worse: one line each,
    // so that one broken run does not hide the others.
    result.problem = "the " + run.stack + " " + run.label() + " could not run: " + first_line(error.what());
  }
  result.time_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return result;
}

// The stacks roadwork can run, python (which every exercise has) first.
std::vector<std::string> stacks_in_order() {
  std::vector<std::string> names{"python"};
  for (const auto& [name, stack] : workspace::stacks())
    if (name != "python") names.push_back(name);
  return names;
}

// `run` performed `repeat` times: the first result that is not ok (else the first), flaky when the endings
// differ, with the mean time.
RunResult perform_repeated(const course::Pack& pack, const Run& run, const fs::path& scratch_root,
                           int repeat) {
  std::string first_ending;
  auto result = perform(pack, run, scratch_root, first_ending);
  double total_ms = result.time_ms;
  int held = result.ok ? 1 : 0;
  bool endings_differ = false;
  for (int i = 1; i < repeat; ++i) {
    std::string ending;
    auto again = perform(pack, run, scratch_root, ending);
    total_ms += again.time_ms;
    held += again.ok ? 1 : 0;
    endings_differ = endings_differ || ending != first_ending;
    if (result.ok && !again.ok) result = std::move(again);  // a problem run says more than a good one
  }
  result.flaky = endings_differ || (held > 0 && held < repeat);
  if (result.flaky) {
    result.ok = false;
    result.problem = "the " + run.stack + " " + run.label() +
                     " is flaky: it got the verdict its role asks for in " + std::to_string(held) + " of " +
                     std::to_string(repeat) + " runs" +
                     (result.problem.empty() ? std::string() : "; once: " + result.problem);
  }
  result.time_ms = total_ms / repeat;
  return result;
}

}  // namespace

std::string Run::label() const {
  switch (role) {
    case Role::Solution:
      return "solution";
    case Role::Starter:
      return "starter";
    case Role::Mutant:
      return "mutant " + mutant->name;
  }
  return "";
}

std::vector<Run> plan_runs(const course::Pack& pack, const std::optional<std::string>& exercise_id,
                           const std::optional<std::string>& stack_name) {
  std::vector<Run> runs;
  for (const auto& exercise : pack.exercises) {
    if ((exercise_id && exercise.id != *exercise_id) || !exercise.needs_server()) continue;
    for (const auto& stack : stacks_in_order()) {
      if (stack_name && stack != *stack_name) continue;
      if (!course::has_code(exercise, stack)) continue;
      runs.push_back({&exercise, stack, Role::Solution, nullptr});
      runs.push_back({&exercise, stack, Role::Starter, nullptr});
      for (const auto& mutant : exercise.mutants) {
        if (mutant.edits_stack(stack)) runs.push_back({&exercise, stack, Role::Mutant, &mutant});
      }
    }
  }
  return runs;
}

std::vector<RunResult> perform_runs(const course::Pack& pack, const std::vector<Run>& runs, int jobs,
                                    int repeat, const std::function<void(const RunResult&)>& finished) {
  // Later exercises of a roadmap build on the earlier ones and take longest: handed out last first, they
  // do not leave one thread running the slowest exercise alone at the end.
  const TempDir scratch_root(fs::temp_directory_path(), "roadwork-validate");
  std::vector<RunResult> results(runs.size());
  std::mutex mutex;  // serialises `finished`
  for_each_parallel(runs.size(), jobs, [&](std::size_t taken) {
    const auto i = runs.size() - 1 - taken;
    results[i] = perform_repeated(pack, runs[i], scratch_root.path(), std::max(repeat, 1));
    if (!finished) return;
    const std::lock_guard lock(mutex);
    finished(results[i]);
  });
  return results;
}

}  // namespace roadwork::packs
