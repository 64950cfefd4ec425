#pragma once
// The expressions inside a check file (JSONPath queries and filters, regular expressions of `regex`,
// `replaceRegex` and `matches`) compiled before anything is sent, so that a typo is bad input at its place
// rather than a failed assert after the server ran.

#include <vector>

#include <string>
#include <string_view>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/parser.hpp"

namespace roadwork::run {

/// Compiles every JSONPath (RFC 9535) and regular expression (the runner's Rust-regex syntax) of `file`
/// that is written out in full; one with a `{{placeholder}}` is known only at run time and is left to the
/// runner. Also refuses what can never test the server: the `location` filter (it needs Hurl's unsupported
/// `redirects` query) and the `url` query of an entry without `[Options] location: true` (it is then the
/// entry's own URL). Returns one diagnostic per problem, located at it, in file order; empty when none.
std::vector<hurl::Diagnostic> check_expressions(const hurl::HurlFile& file);

/// hurl::parse, then check_expressions on a file that parsed: every error of both, in order. `file` is set
/// only when there are no errors at all.
hurl::ParseResult parse_checked(std::string_view source, const std::string& path);

}  // namespace roadwork::run
