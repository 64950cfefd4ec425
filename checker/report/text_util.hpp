#pragma once
// Small text helpers shared by the report writers.

#include <string>
#include <string_view>
#include <vector>

#include "checker/report/text_style.hpp"

namespace roadwork::report {

/// A duration for people: "<1 ms", "4 ms", "999 ms", then "1.2 s" from one second on.
std::string format_duration(double ms);

/// The lines of `text`, without their '\n'; a final '\n' does not make an extra empty line, and empty text
/// has no lines.
std::vector<std::string_view> split_lines(std::string_view text);

/// Every line of `text` with `prefix` put before it and '\n' after it (lines as split_lines splits them).
std::string indent_lines(std::string_view text, std::string_view prefix);

/// `label` then each line of `value` painted, the lines after the first indented to stand under the first;
/// "" for an empty value. E.g. `  expected: {"a": 1,` / `              "b": 2}`.
std::string labelled(std::string_view label, std::string_view value, const Paint& paint);

/// Columns `text` takes on a terminal: UTF-8 code points, not counting ANSI CSI sequences (`ESC [ … m`), so
/// painted text measures as its plain form. Wide East Asian characters count as one column; in a step
/// name they would only shift the time column.
int display_width(std::string_view text);

}  // namespace roadwork::report
