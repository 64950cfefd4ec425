// sql steps: a read-only query on the server's database and what its result must be (exercises/README.md:
// sql): a number of rows, none or some, every value matching a pattern or none, or exact rows.

#include <fmt/format.h>

#include "app/checking/sql_query.hpp"
#include "app/checking/steps.hpp"

namespace roadwork::checking {

namespace {

using Expect = course::SqlStep::Expect;

std::string rows_text(std::size_t count) { return count == 1 ? "1 row" : fmt::format("{} rows", count); }

template <class Cells, class Describe>
std::string row_text(const Cells& cells, Describe describe_cell) {
  std::string out = "(";
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? ", " : "") + describe_cell(cells[i]);
  return out + ")";
}

std::string describe_row(const std::vector<SqlCell>& row) {
  return row_text(row, [](const auto& c) { return describe(c); });
}

std::string describe_expected(const std::vector<course::SqlValue>& row) {
  return row_text(row, [](const auto& value) { return describe(SqlCell(value)); });
}

// Every value must match (`all`) or none may; the first value that breaks the rule, or "".
std::string match_problem(const SqlResult& result, const course::SqlStep& step, const run::Regex& pattern,
                          bool all) {
  if (result.rows.empty())
    return fmt::format("the query returned no rows, so there is nothing to match against {}",
                       step.pattern.text);
  for (std::size_t r = 0; r < result.rows.size(); ++r) {
    for (std::size_t c = 0; c < result.columns.size(); ++c) {
      const auto& cell = result.rows[r][c];
      const auto* text = cell ? std::get_if<std::string>(&*cell) : nullptr;
      // A number is matched by its text; NULL matches nothing.
      const bool matches = cell && pattern.is_match(text ? *text : describe(cell));
      if (matches == all) continue;
      return fmt::format("row {}: {} {} {} {}", r + 1, result.columns[c], describe(cell),
                         all ? "does not match" : "matches", step.pattern.text);
    }
  }
  return "";
}

std::string equals_problem(const SqlResult& result, const course::SqlStep& step) {
  for (std::size_t r = 0; r < std::min(result.rows.size(), step.value.size()); ++r) {
    const auto& actual = result.rows[r];
    const auto& expected = step.value[r];
    bool same = actual.size() == expected.size();
    for (std::size_t c = 0; same && c < actual.size(); ++c) same = cell_equals(actual[c], expected[c]);
    if (!same)
      return fmt::format("row {}: expected {}, got {}", r + 1, describe_expected(expected),
                         describe_row(actual));
  }
  if (result.rows.size() != step.value.size())
    return fmt::format("the query returned {}; expected {}", rows_text(result.rows.size()),
                       rows_text(step.value.size()));
  return "";
}

std::string problem_with(const SqlResult& result, const course::SqlStep& step, const Plan& plan) {
  const auto count = result.rows.size();
  switch (step.expect) {
    case Expect::Rows:
      if (count == static_cast<std::size_t>(step.rows)) return "";
      return fmt::format("the query returned {}; expected {}", rows_text(count),
                         rows_text(static_cast<std::size_t>(step.rows)));
    case Expect::None:
      if (count == 0) return "";
      return fmt::format("the query returned {}; expected none; the first is {}", rows_text(count),
                         describe_row(result.rows.front()));
    case Expect::Some:
      return count > 0 ? "" : "the query returned no rows; expected at least one";
    case Expect::AllMatch:
      return match_problem(result, step, plan.pattern(step.pattern), true);
    case Expect::NoneMatch:
      return match_problem(result, step, plan.pattern(step.pattern), false);
    case Expect::Equals:
      return equals_problem(result, step);
  }
  return "";
}

}  // namespace

report::StepResult run_step(const course::SqlStep& step, const PlannedStep&, StepContext& context) {
  if (!context.server) return needs_sandbox("sql");
  std::string problem;
  const auto result = query_database(context.server->database_path(), step.query, step.parameters,
                                     context.variables, problem);
  if (result) problem = problem_with(*result, step, context.plan);
  if (problem.empty()) return step_result(report::Verdict::Pass);
  return step_result(report::Verdict::Fail, problem);
}

}  // namespace roadwork::checking
