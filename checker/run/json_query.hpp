#pragma once
// JSONPath as Hurl applies it to a JSON document, for the `jsonpath` query and filter.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "checker/run/result.hpp"
#include "checker/run/value.hpp"

namespace roadwork::run {

/// Evaluates the JSONPath `expression` (RFC 9535, via roadwork::jsonpath) on `document` and shapes the
/// nodelist as Hurl does (runner/filter/jsonpath.rs): a singular query (only `.name`, `['name']` and
/// `[index]` segments) gives its node's value, or no value when it selects nothing; any other query
/// (wildcards, slices, filters, descendants, several selectors) gives a list, even of one or zero values.
/// Errors: the expression is not valid JSONPath; the evaluation exceeded its step limit.
Result<std::optional<Value>> evaluate_jsonpath(const std::string& expression, const nlohmann::json& document);

/// Whether `expression`, a valid JSONPath query, is singular in the sense above.
bool is_singular_jsonpath(std::string_view expression);

/// Parses `text` as JSON; the error is nlohmann's description of the first problem.
Result<nlohmann::json> parse_json(std::string_view text);

}  // namespace roadwork::run
