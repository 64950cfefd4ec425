#pragma once
// The class report of `grade --html FILE` and `grade merge --html FILE`: one static page (app/core/html_page)
// with the class table, a submission × step matrix, and each failure's expected, actual and curl command.

#include <string>
#include <vector>

#include "app/grade/grade_db.hpp"

namespace roadwork::grade {

/// The page for `grades` of `exercise` in `pack`. Its columns are the steps in the order the reports list
/// them (a step only some reports have — a pack changed between runs — gets its own column); a cell is
/// pass ✓, fail ✗, error !, or – for a step that did not run. Every text from a report is escaped.
std::string grades_html(const std::string& exercise, const std::string& pack,
                        const std::vector<GradeRecord>& grades);

}  // namespace roadwork::grade
