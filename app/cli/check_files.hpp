#pragma once
// Check files named on the command line (`roadwork lint`, `roadwork hurl`): read, parsed, and their errors
// printed as a compiler prints them.

#include <optional>
#include <string>
#include <vector>

#include "checker/hurl/ast.hpp"

namespace roadwork::cli {

/// Reads and parses every file of `paths`, in order, compiles their JSONPaths and regular expressions
/// (run::check_expressions), and prints every error of every file to stderr:
/// `file:line:col: error: message`, the source line and a caret (hurl::format_diagnostic). A file that
/// cannot be read is an error naming it. Returns the parsed files, in order, when none had an error.
std::optional<std::vector<hurl::HurlFile>> parse_check_files(const std::vector<std::string>& paths);

}  // namespace roadwork::cli
