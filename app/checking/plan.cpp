#include "app/checking/plan.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "app/core/text_file.hpp"
#include "app/practice/exercise.hpp"
#include "checker/run/expression_checks.hpp"
#include "checker/run/variable_checks.hpp"

namespace roadwork::checking {

namespace fs = std::filesystem;

namespace {

// Parses the check file at `path` into `plan` once; the file's errors when it does not parse.
std::vector<Diagnostic> add_file(Plan& plan, const course::Pack& pack, const fs::path& path) {
  if (plan.files.count(path)) return {};
  // An unreadable file reads as empty; the exercise loader has already checked that it exists.
  const auto source = read_text_file(path).value_or("");
  // Reports name check files relative to the pack, as authors write them in exercise.toml.
  auto parsed = run::parse_checked(source, fs::relative(path, pack.root).string());
  if (!parsed.file) {
    std::vector<Diagnostic> errors;
    for (const auto& error : parsed.errors) errors.push_back(check_file_diagnostic(error, source));
    return errors;
  }
  plan.files.emplace(path, std::move(*parsed.file));
  return {};
}

std::optional<Diagnostic> add_pattern(Plan& plan, const course::Pattern& pattern) {
  if (plan.patterns.count(pattern.text)) return std::nullopt;
  auto compiled = run::Regex::compile(pattern.text);
  if (!compiled.ok()) {
    return Diagnostic{pattern.location.file, pattern.location.line, pattern.location.column,
                      "`pattern` is not a valid regular expression: " + compiled.error().message, ""};
  }
  plan.patterns.emplace(pattern.text, std::move(compiled.value()));
  return std::nullopt;
}

// The check files a step runs, in the order it runs them.
std::vector<fs::path> files_of(const course::Step& step) {
  std::vector<fs::path> files;
  if (const auto* hurl = std::get_if<course::HurlStep>(&step.spec)) files.push_back(hurl->file);
  if (const auto* signal = std::get_if<course::SignalStep>(&step.spec); signal && signal->during)
    files.push_back(*signal->during);
  if (const auto* burst = std::get_if<course::BurstStep>(&step.spec)) {
    files.push_back(burst->file);
    if (burst->after) files.push_back(*burst->after);
  }
  return files;
}

std::optional<course::Pattern> pattern_of(const course::Step& step) {
  if (const auto* logs = std::get_if<course::LogsStep>(&step.spec);
      logs && logs->mode != course::LogsStep::Mode::Json)
    return logs->pattern;
  if (const auto* restart = std::get_if<course::RestartStep>(&step.spec)) return restart->output;
  if (const auto* sql = std::get_if<course::SqlStep>(&step.spec);
      sql &&
      (sql->expect == course::SqlStep::Expect::AllMatch || sql->expect == course::SqlStep::Expect::NoneMatch))
    return sql->pattern;
  return std::nullopt;
}

// A practice step's task must be one the exercise's practice server knows; found here, with its place, rather
// than when the step runs.
std::optional<Diagnostic> check_practice_task(const course::Step& step, const course::Exercise& exercise) {
  const auto* task = std::get_if<course::PracticeStep>(&step.spec);
  if (!task) return std::nullopt;
  const auto at = [&](std::string message) {
    return Diagnostic{task->location.file, task->location.line, task->location.column, std::move(message),
                      ""};
  };
  const auto* server = practice::find_practice_exercise(exercise.id);
  if (!server)
    return at("exercise \"" + exercise.id +
              "\" has no practice server; practice exercises: " + practice::practice_exercise_ids());
  if (!server->find_task(task->task))
    return at("the practice server of " + exercise.id + " has no task \"" + task->task +
              "\"; its tasks: " + server->task_ids());
  return std::nullopt;
}

// A command step against the reference solution or the mutants grades the learner's tests, not their
// server: run again for a later exercise it would repeat the same verdict at the cost of every mutant's run.
bool grades_the_server(const course::Step& step) {
  const auto* command = std::get_if<course::CommandStep>(&step.spec);
  return !command || command->against == course::CommandStep::Against::Learner;
}

}  // namespace

Diagnostic check_file_diagnostic(const hurl::Diagnostic& diagnostic, std::string_view source) {
  const auto& at = diagnostic.location;
  return {at.file, at.line, at.column, diagnostic.message, hurl::source_excerpt(at, source)};
}

std::vector<Diagnostic> undefined_variables(const Plan& plan) {
  auto defined = run::kBuiltinVariables;
  std::vector<Diagnostic> found;
  for (const auto& planned : plan.steps) {
    for (const auto& path : files_of(*planned.step)) {
      const auto diagnostics = run::check_variables(plan.file(path), defined);
      if (diagnostics.empty()) continue;
      const auto source = read_text_file(path).value_or("");
      for (const auto& diagnostic : diagnostics) {
        auto located = check_file_diagnostic(diagnostic, source);
        // A file that runs twice (a burst's) reports a use once.
        if (std::find(found.begin(), found.end(), located) == found.end())
          found.push_back(std::move(located));
      }
    }
  }
  return found;
}

bool Plan::needs_server() const {
  return std::any_of(steps.begin(), steps.end(), [](const PlannedStep& planned) {
    return !std::holds_alternative<course::PracticeStep>(planned.step->spec);
  });
}

Expected<Plan, std::vector<Diagnostic>> plan_steps(const course::Pack& pack,
                                                   const course::Exercise& exercise) {
  std::vector<const course::Exercise*> exercises{&exercise};
  for (const auto* earlier : pack.earlier_in_project(exercise)) exercises.push_back(earlier);
  Plan plan;
  for (const auto* current : exercises) {
    for (const auto& step : current->steps) {
      if (current != &exercise && !grades_the_server(step)) continue;
      for (const auto& path : files_of(step)) {
        if (auto errors = add_file(plan, pack, path); !errors.empty()) return errors;
      }
      std::optional<Diagnostic> problem;
      if (const auto pattern = pattern_of(step)) problem = add_pattern(plan, *pattern);
      if (!problem) problem = check_practice_task(step, *current);
      if (problem) return std::vector<Diagnostic>{std::move(*problem)};
      const auto name = current == &exercise ? step.name : current->id + ": " + step.name;
      plan.steps.push_back({name, &step, current});
    }
  }
  return plan;
}

std::unique_ptr<FilesPlan> plan_files(std::vector<hurl::HurlFile> files) {
  auto planned = std::make_unique<FilesPlan>();
  for (auto& file : files) {
    const fs::path path = file.path;
    planned->exercise.steps.push_back({file.path, course::HurlStep{path}, ""});
    planned->plan.files.emplace(path, std::move(file));
  }
  // After every push_back, so the pointers stay valid.
  for (const auto& step : planned->exercise.steps)
    planned->plan.steps.push_back({step.name, &step, &planned->exercise});
  return planned;
}

}  // namespace roadwork::checking
