#pragma once
// Filters: transformations applied to a query's value before a capture or a predicate (Hurl docs: filters).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/hurl/ast.hpp"
#include "checker/run/result.hpp"
#include "checker/run/value.hpp"

namespace roadwork::run {

/// A filter with its arguments expanded: `nth` uses `index`; split: separator; replace: old, new;
/// replaceRegex: pattern, new; regex and jsonpath: the pattern or path; decode: the encoding.
struct ResolvedFilter {
  hurl::FilterKind kind = hurl::FilterKind::Count;
  std::int64_t index = 0;
  std::vector<std::string> arguments;
};

/// The filter's name as written in a check file ("count", "replaceRegex", …), for messages.
const char* filter_name(hurl::FilterKind kind);

/// Applies `filter` to `input` with Hurl's semantics:
///   count: size of a list or bytes · nth/first/last: an element of a list (nth counts from 0, negative
///   from the end) · split: a string into a list · replace: every occurrence of a text · replaceRegex:
///   every match, `$1` for groups · regex: the first capture group, or no value · jsonpath: on a string
///   holding JSON · toInt: from an integer, a float (truncated) or a decimal string · toFloat: from a
///   number or a numeric string · toString: a string, number, boolean, null or date as text ·
///   urlEncode (keeps `/`) / urlDecode · htmlEscape / htmlUnescape · base64Decode: string to bytes ·
///   base64Encode: bytes to string · decode "utf-8": bytes to string · location: the URL of an HTTP response
///   value, which only Hurl's `redirects` query makes, so here it always fails.
/// Errors (an assert fails, a capture stops the entry): an input of the wrong type, an index out of
/// bounds, an empty list, an invalid regex, text that is not a number, JSON, base64 or UTF-8.
Result<std::optional<Value>> apply_filter(const ResolvedFilter& filter, const Value& input);

}  // namespace roadwork::run
