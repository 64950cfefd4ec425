#pragma once
// Queries: what captures and asserts read from a response (Hurl docs: asserting-response, "Asserts").

#include <optional>
#include <string>

#include "checker/hurl/ast.hpp"
#include "checker/run/http_client.hpp"
#include "checker/run/result.hpp"
#include "checker/run/runner.hpp"
#include "checker/run/value.hpp"

namespace roadwork::run {

/// Evaluates the query `kind` with its argument already expanded (the header or cookie name, the JSONPath,
/// the regex, the variable name) on `response`. Returns no value when there is nothing to read: a missing
/// header or cookie, a singular JSONPath that selects nothing, a regex that does not match, an unset
/// variable. What each returns:
///   status → integer; version → "1.1" (no "HTTP/"); url → the last URL requested; header → a string, or a
///   list when the header repeats; cookie "name" or "name[Attr]" → the value, Max-Age as an integer,
///   Expires as a date, Secure and HttpOnly as a present flag; body → text (UTF-8); bytes → bytes;
///   jsonpath → see evaluate_jsonpath; regex → the first capture group; variable → its value;
///   duration → integer milliseconds; sha256 → 32 bytes.
/// Errors (an assert fails with them): a body that is not UTF-8 or not JSON, an invalid regex or JSONPath,
/// an unknown cookie attribute.
Result<std::optional<Value>> evaluate_query(hurl::QueryKind kind, const std::string& argument,
                                            const HttpResponse& response, const Variables& variables);

/// The response body as text: the charset of Content-Type must be UTF-8 (or absent, or US-ASCII) and the
/// bytes valid UTF-8 (Hurl docs: asserting-response, "Body assert").
Result<std::string> body_text(const HttpResponse& response);

}  // namespace roadwork::run
