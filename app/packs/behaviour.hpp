#pragma once
// The second half of `roadwork pack validate`: each exercise's code runs in the sandbox. The reference
// solution must pass, the starter must fail, and each mutant must fail first at the step its `fails` names.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/course/pack.hpp"

namespace roadwork::packs {

/// What a run's code is, which decides the verdict it must get.
enum class Role { Solution, Starter, Mutant };

/// One piece of code of one exercise (its solution, starter or a mutant), to run in one stack.
struct Run {
  const course::Exercise* exercise = nullptr;
  std::string stack;
  Role role = Role::Solution;
  const course::Mutant* mutant = nullptr;  ///< Role::Mutant

  /// "solution", "starter" or "mutant <name>".
  std::string label() const;
};

/// How a run went: `ok` when the code got the verdict its role asks for, every time it was run.
struct RunResult {
  Run run;
  bool ok = false;
  std::string problem;  ///< when not ok: one line saying what happened instead
  /// When not ok because a step failed that had to pass: that step as `roadwork check` details it
  /// (file:line:col, the assert, expected and actual, the request and its curl line); else empty.
  std::string details;
  double time_ms = 0;  ///< from writing the code out to the server's stop; the mean when run repeatedly
  /// Run repeatedly (`--repeat`), not every run ended the same way (the verdict, or the first step that did
  /// not pass): a solution or mutant that disagrees with itself would grade learners by chance.
  bool flaky = false;
};

/// The runs of `pack`, in roadmap order: for each exercise (only `exercise` when set) that has a learner
/// server, in each stack roadwork can run (only `stack` when set) that it has code for, the solution and then
/// the starter, then each mutant that has edits for that stack.
std::vector<Run> plan_runs(const course::Pack& pack, const std::optional<std::string>& exercise,
                           const std::optional<std::string>& stack);

/// Performs each of `runs` `repeat` times, each time in a fresh temporary folder its code is materialised
/// into (course::exercise_code, a mutant's edits applied; a node folder gets the pack root's node_modules
/// linked in). `jobs` runs go at once, last
/// first, each thread starting and stopping its own servers (a server dies with the thread that started
/// it). `finished` is called after each run (all its repeats), one call at a time. Results come back in the
/// order of `runs`.
std::vector<RunResult> perform_runs(const course::Pack& pack, const std::vector<Run>& runs, int jobs,
                                    int repeat, const std::function<void(const RunResult&)>& finished);

}  // namespace roadwork::packs
