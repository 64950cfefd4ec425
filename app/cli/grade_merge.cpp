// roadwork grade merge OUT DIR...: joins the --out folders of `grade --shard I/N` runs (on other machines)
// into OUT's grading database, newest grade per submission winning, and writes the class's reports from it.
// Merging the same folders again changes nothing.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "app/cli/commands.hpp"
#include "app/cli/grade_output.hpp"
#include "app/core/fatal.hpp"
#include "app/grade/grade_db.hpp"

namespace roadwork::cli {
namespace {

namespace fs = std::filesystem;

struct MergeOptions {
  std::string out;
  std::vector<std::string> shards;
  std::string exercise;
  GradeReportFiles reports;
};

// The pack id a grade's report names (every report of one exercise names the same one).
std::string pack_of(const std::vector<grade::GradeRecord>& grades) {
  for (const auto& grade : grades) {
    const auto report = nlohmann::json::parse(grade.report_json, nullptr, false);
    if (report.is_object() && report.contains("pack") && report["pack"].is_string()) return report["pack"];
  }
  return "";
}

// The exercises to report on: --exercise, else every one merged; reports need exactly one.
std::vector<std::string> chosen_exercises(const MergeOptions& options, const std::vector<std::string>& merged,
                                          const fs::path& database) {
  if (!options.exercise.empty()) {
    if (std::find(merged.begin(), merged.end(), options.exercise) == merged.end())
      throw Fatal(fmt::format("--exercise: neither the folders nor {} hold a grade of {}", database.string(),
                              options.exercise));
    return {options.exercise};
  }
  const bool reports =
      !options.reports.json.empty() || !options.reports.junit.empty() || !options.reports.html.empty();
  if (reports && merged.size() > 1) {
    std::string ids;
    for (const auto& id : merged) ids += (ids.empty() ? "" : ", ") + id;
    throw Fatal(fmt::format("--exercise: the grades merged into {} are of {}; name the one to report on",
                            database.string(), ids));
  }
  return merged;
}

int run_grade_merge(const MergeOptions& options) {
  // Every shard is read, and the exercise to report on chosen, before OUT changes: bad input changes nothing.
  std::vector<std::pair<std::string, grade::GradeRecord>> incoming;
  std::set<std::string> exercises;
  for (const auto& folder : options.shards) {
    const auto database = fs::path(folder) / "grades.db";
    if (!fs::is_regular_file(database))
      throw Fatal(
          fmt::format("{}: no grades.db here (give the --out folders of `roadwork grade` runs)", folder));
    grade::GradeDb shard(database, grade::GradeDb::Access::ReadOnly);
    for (const auto& exercise : shard.exercises()) {
      exercises.insert(exercise);
      for (auto& record : shard.results(exercise)) incoming.emplace_back(exercise, std::move(record));
    }
  }
  const auto target = fs::path(options.out) / "grades.db";
  if (fs::exists(target)) {
    for (const auto& exercise : grade::GradeDb(target, grade::GradeDb::Access::ReadOnly).exercises())
      exercises.insert(exercise);
  }
  const auto chosen = chosen_exercises(options, {exercises.begin(), exercises.end()}, target);

  grade::GradeDb merged(target);
  const int taken = merged.record_newer(incoming);
  fmt::print("Merged {} grades from {} folders into {}: {} new or newer, {} already there\n", incoming.size(),
             options.shards.size(), target.string(), taken,
             incoming.size() - static_cast<std::size_t>(taken));
  for (const auto& exercise : chosen) {
    const auto grades = merged.results(exercise);
    fmt::print("\n{}\n", exercise);
    print_grade_summary(grades);
    write_grade_reports(options.reports, exercise, pack_of(grades), grades);
  }
  return kExitPass;
}

}  // namespace

CLI::App* setup_grade_merge(CLI::App& grade, int& exit_code) {
  auto options = std::make_shared<MergeOptions>();
  auto* command = grade.add_subcommand(
      "merge", "Join the --out folders of `grade --shard` runs into OUT and write the class's reports");
  command->add_option("OUT", options->out, "Folder of the merged grading database (created if missing)")
      ->required();
  command->add_option("DIR", options->shards, "The --out folder of each shard's run")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--exercise", options->exercise,
                      "The exercise to report on, where the folders hold grades of several");
  add_grade_report_flags(*command, options->reports);
  command->callback([options, &exit_code] { exit_code = run_grade_merge(*options); });
  return command;
}

}  // namespace roadwork::cli
