#pragma once
// Parses roadwork's subset of the .hurl format (Hurl grammar: docs/spec/grammar/hurl.grammar).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/hurl/ast.hpp"

namespace roadwork::hurl {

/// The outcome of parsing one file: `file` is set when there were no errors.
struct ParseResult {
  std::optional<HurlFile> file;
  std::vector<Diagnostic> errors;
};

/// Parses `source` (the text of the file at `path`, used in locations). Anything outside the subset is an
/// error `<feature> is not supported`, never skipped. Never throws on bad input.
ParseResult parse(std::string_view source, const std::string& path);

/// Reads and parses the file at `path`; a file that cannot be read is one error at line 1, column 1.
ParseResult parse_file(const std::string& path);

}  // namespace roadwork::hurl
