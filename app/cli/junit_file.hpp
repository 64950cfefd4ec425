#pragma once
// `--junit FILE` of `roadwork check` and `roadwork hurl`.

#include <string>

#include "checker/report/results.hpp"

namespace roadwork::cli {

/// Writes `report` as JUnit XML (report::to_junit_xml) to `path`, replacing the file. A Fatal (exit 2)
/// naming the file when it cannot be written.
void write_junit_file(const std::string& path, const report::Report& report);

}  // namespace roadwork::cli
