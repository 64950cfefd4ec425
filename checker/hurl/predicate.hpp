#pragma once
// Predicates of asserts and their values (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads a predicate at the cursor (Hurl grammar: predicate): an optional `not`, then one of == != > >= <
/// <= startsWith endsWith contains matches includes followed by a value, or one of exists isEmpty isBoolean
/// isCollection isFloat isInteger isList isNumber isObject isString isIsoDate isUuid. Hurl's other
/// predicates (isDate, isIpv4, isIpv6, and the word forms equals, greaterThan…) fail with `predicate isDate
/// is not supported`, anything else with `expected a predicate`. A value of the wrong type for its
/// predicate fails with `expected a number or a quoted string` (comparisons), `expected a quoted string or
/// bytes` (startsWith, endsWith, contains), `expected a quoted string or a /regex/` (matches), or `a /regex/
/// can only follow matches`.
Predicate read_predicate(Reader& reader);

/// Reads a value at the cursor (Hurl grammar: predicate-value, plus the regex literal of matches): null,
/// true, false, an integer, a float, "quoted", ``` multiline ```, `oneline`, base64,…; hex,…; /regex/ or a
/// `{{name}}` placeholder. A file value fails with `file values are not supported`, anything else with
/// `expected a value`.
PredicateValue read_predicate_value(Reader& reader);

}  // namespace roadwork::hurl::detail
