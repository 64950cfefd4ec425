#pragma once
// The request half of an entry (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads a request at the cursor, where at_method_line() holds (Hurl grammar: request): `METHOD url`,
/// headers, sections and a body. Stops before the HTTP line, the next request or the end. Fails with
/// `expected a URL`, `expected a header, a section, a body or HTTP <status>` on a line that fits nowhere,
/// `expected name: value` inside a section, `[BasicAuth] takes one user: password line`, and `expected HTTP
/// <status> or a new request` after the body.
Request read_request(Reader& reader);

}  // namespace roadwork::hurl::detail
