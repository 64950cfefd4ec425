#pragma once
// The report files of `--json FILE`, `--junit FILE` and `--html FILE` (check, hurl, grade).

#include <string>
#include <string_view>

namespace roadwork::cli {

/// Writes `text` to `path`, replacing the file at once (written to PATH.partial, then renamed over it). A
/// Fatal (exit 2) naming the file, the report (`what`, e.g. "JUnit") and the system's reason when it cannot
/// be written.
void write_report_file(const std::string& path, std::string_view text, std::string_view what);

}  // namespace roadwork::cli
