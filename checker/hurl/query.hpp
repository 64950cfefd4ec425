#pragma once
// Queries and filters of captures and asserts (internal to checker/hurl).

#include <optional>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads a query at the cursor (Hurl grammar: query): status, version, url, header "…", cookie "…", body,
/// bytes, jsonpath "…", regex "…" or /…/, variable "…", duration, sha256. Hurl's other queries (xpath,
/// certificate, md5, ip, redirects) fail with `query xpath is not supported`, any other word with `expected
/// a query`, a missing argument with `expected a quoted string` (or `… or a /regex/`).
Query read_query(Reader& reader);

/// Reads a filter at the cursor when the word there names one (Hurl grammar: filter), or returns nullopt so
/// the caller can read a predicate instead; the two sets of words do not overlap. Hurl's filters outside the
/// subset fail with `filter xpath is not supported`; `decode` takes only "utf-8" and fails with `encoding
/// "…" is not supported (only "utf-8")`; `replace` takes strings since Hurl 6 and fails on a regex with
/// `replace with a /regex/ is not supported (use replaceRegex)`.
std::optional<Filter> try_read_filter(Reader& reader);

}  // namespace roadwork::hurl::detail
