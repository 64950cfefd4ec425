#pragma once
// The steps of one check run, in order, with everything they read from the pack parsed up front: a broken
// pack is bad input (exit 2), found before any server is spawned, not a failed attempt.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/core/diagnostic.hpp"
#include "app/core/expected.hpp"
#include "app/course/pack.hpp"
#include "checker/hurl/ast.hpp"
#include "checker/run/regex.hpp"

namespace roadwork::checking {

/// One step to run: the exercise's own, or one of an earlier exercise of the same project.
struct PlannedStep {
  std::string name;  ///< as reported: an earlier exercise's steps are prefixed with its id
  const course::Step* step;
  const course::Exercise* exercise;  ///< the exercise the step belongs to
};

/// The steps and their parsed check files and compiled patterns.
struct Plan {
  std::vector<PlannedStep> steps;
  std::map<std::filesystem::path, hurl::HurlFile> files;  ///< keyed by the absolute path in the Step
  std::map<std::string, run::Regex> patterns;             ///< keyed by the pattern's text

  /// The parsed check file at `path` (a path of one of the steps).
  const hurl::HurlFile& file(const std::filesystem::path& path) const { return files.at(path); }
  /// The compiled form of `pattern` (a pattern of one of the steps).
  const run::Regex& pattern(const course::Pattern& pattern) const { return patterns.at(pattern.text); }
  /// False when every step is a practice step, which needs no learner server.
  bool needs_server() const;
};

/// Plans `exercise`'s steps, then those of the earlier exercises of its project; or the problems of the
/// first step that cannot run: the errors of a check file that does not parse (named relative to the
/// pack's root, with the line and a caret), a pattern that is not a valid regular expression, a practice
/// task the exercise's practice server does not have (each at its place in exercise.toml).
Expected<Plan, std::vector<Diagnostic>> plan_steps(const course::Pack& pack,
                                                   const course::Exercise& exercise);

/// The plan of check files run on their own (`roadwork hurl`): one hurl step per file, named after its path,
/// in order. The exercise exists only for the run, has no rules or hints, and owns the steps the plan's
/// steps point to, so the two live together.
struct FilesPlan {
  course::Exercise exercise;
  Plan plan;
};

/// Plans `files` (parsed, each keyed by its own path) as FilesPlan's steps.
std::unique_ptr<FilesPlan> plan_files(std::vector<hurl::HurlFile> files);

/// Every use of a `{{variable}}` in the plan's check files, in run order, that nothing sets before it: not a
/// built-in (host, port, uid), nor a capture or `[Options] variable` of an earlier entry or step
/// (run::check_variables), each with its source line and caret; empty when every variable is set in time.
std::vector<Diagnostic> undefined_variables(const Plan& plan);

/// A check file's error as roadwork reports bad input: its place, and the line of `source` (the file's
/// whole text) with a caret under the column.
Diagnostic check_file_diagnostic(const hurl::Diagnostic& diagnostic, std::string_view source);

}  // namespace roadwork::checking
