#pragma once
// Checks one response against the response section of its entry: implicit asserts, captures, [Asserts]
// (Hurl docs: asserting-response, capturing-response).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/hurl/ast.hpp"
#include "checker/run/http_client.hpp"
#include "checker/run/results.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::run {

/// What checking one response found.
struct CheckOutcome {
  std::vector<AssertResult> asserts;
  std::vector<std::pair<std::string, std::string>> captures;  ///< name and value as JSON text
  /// Set when the checks could not go on: a template without a value, a capture that failed. Starts with
  /// the check-file position, `file:line:col: …`.
  std::optional<std::string> error;
};

/// Checks `response` against `spec` in Hurl's order (runner/entry.rs): the implicit version and status
/// first, and nothing more when they fail; then [Captures], each added to `variables` at once (so later
/// captures and the asserts can use it), and nothing more when one fails; then the implicit headers,
/// [Asserts] and the implicit body, every one of them reported. `file` is the file being run, for messages
/// about missing variables.
CheckOutcome check_response(const hurl::Response& spec, const HttpResponse& response, Variables& variables,
                            const hurl::HurlFile& file);

/// `file:line:col: message`, the way entry errors are written.
std::string entry_error(const hurl::Diagnostic& error);

}  // namespace roadwork::run
