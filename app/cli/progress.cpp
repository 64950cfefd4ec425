// roadwork progress: a table of exercises with status, attempts and the last result; --json for scripts,
// --html FILE for a page to keep or show (app/core/html_page).

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/commands.hpp"
#include "app/cli/context.hpp"
#include "app/cli/exercise_status.hpp"
#include "app/cli/report_file.hpp"
#include "app/core/html_page.hpp"

namespace roadwork::cli {

namespace {

struct ProgressOptions {
  bool json = false;
  std::string html;
};

// One exercise's line of the table.
struct Row {
  const course::Stage* stage = nullptr;
  std::string exercise;
  Status status = Status::NotStarted;
  int attempts = 0;
  std::string last_verdict;  ///< "" before the first attempt
  std::string last_result;   ///< "pass (4/4 steps) at 2026-12-06 21:40", "" before the first attempt
  std::int64_t last_at_ms = 0;
};

std::string local_time(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  return fmt::format("{:%Y-%m-%d %H:%M}", tm);
}

std::vector<Row> progress_rows(const Session& session) {
  const auto statuses = exercise_statuses(session);
  std::map<std::string, progress::ExerciseSummary> summaries;
  for (auto& summary : session.store->summaries(session.pack.id)) summaries[summary.exercise_id] = summary;
  std::vector<Row> rows;
  for (const auto& stage : session.pack.stages) {
    for (const auto& id : stage.exercises) {
      Row row;
      row.stage = &stage;
      row.exercise = id;
      row.status = statuses.at(id);
      if (const auto found = summaries.find(id); found != summaries.end()) {
        const auto& summary = found->second;
        row.attempts = summary.attempts;
        row.last_verdict = summary.last_verdict;
        row.last_at_ms = summary.last_at_ms;
        row.last_result = fmt::format(
            "{} ({}/{} steps) at {}", summary.last_verdict, summary.last_steps_passed,
            summary.last_steps_passed + summary.last_steps_failed, local_time(summary.last_at_ms));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void print_json(const std::string& pack, const std::vector<Row>& rows) {
  nlohmann::json exercises = nlohmann::json::array();
  for (const auto& row : rows) {
    exercises.push_back({{"stage", row.stage->id},
                         {"exercise", row.exercise},
                         {"status", describe(row.status)},
                         {"attempts", row.attempts},
                         {"last_verdict", row.last_verdict},
                         {"last_at_ms", row.last_at_ms}});
  }
  fmt::print("{}\n", nlohmann::json{{"pack", pack}, {"exercises", exercises}}.dump(2));
}

void print_table(const std::vector<Row>& rows) {
  fmt::print("{:<18} {:<24} {:<12} {:>8}  {}\n", "stage", "exercise", "status", "attempts", "last result");
  for (const auto& row : rows) {
    fmt::print("{:<18} {:<24} {:<12} {:>8}  {}\n", row.stage->id, row.exercise, describe(row.status),
               row.attempts, row.last_result);
  }
}

// One section per stage, titled as the roadmap titles it; a row's class colours it by its last verdict.
std::string progress_html(const std::string& pack, const std::vector<Row>& rows) {
  int passed = 0;
  for (const auto& row : rows) passed += row.status == Status::Passed ? 1 : 0;
  std::string body = "<h1>roadwork progress: " + html_text(pack) + "</h1>\n";
  body += fmt::format("<p class=\"meta\">{} of {} exercises passed</p>\n", passed, rows.size());
  const course::Stage* stage = nullptr;
  for (const auto& row : rows) {
    if (row.stage != stage) {
      if (stage) body += "</table>\n";
      stage = row.stage;
      body += "<h2>" + html_text(stage->title) +
              "</h2>\n<table>\n"
              "<tr><th>exercise</th><th>status</th><th>attempts</th><th>last result</th></tr>\n";
    }
    body += fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                        html_text(row.exercise), html_text(row.last_verdict), describe(row.status),
                        row.attempts, html_text(row.last_result));
  }
  if (stage) body += "</table>\n";
  return html_page("roadwork progress " + pack, body);
}

int run_progress(const ProgressOptions& options) {
  const auto session = open_session();
  const auto rows = progress_rows(session);
  if (options.json) {
    print_json(session.pack.id, rows);
  } else {
    print_table(rows);
  }
  if (!options.html.empty()) write_report_file(options.html, progress_html(session.pack.id, rows), "HTML");
  return 0;
}

}  // namespace

void setup_progress(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ProgressOptions>();
  auto* command =
      app.add_subcommand("progress", "Show every exercise with its status, attempts and last result");
  command->add_flag("--json", options->json, "Print the table as JSON");
  command->add_option("--html", options->html, "Also write the table as one static HTML page to this file");
  command->callback([options, &exit_code] { exit_code = run_progress(*options); });
}

}  // namespace roadwork::cli
