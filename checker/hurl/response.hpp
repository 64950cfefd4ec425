#pragma once
// The response half of an entry, with its captures and asserts (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads a response at the cursor, where at_status_line() holds (Hurl grammar: response): `HTTP <status>`,
/// implicit header asserts, [Captures], [Asserts] and an implicit body assert. Stops before the next request
/// or the end. Fails with `expected HTTP, HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3`, `expected HTTP status code`,
/// `expected a header, a section or a body`, `expected name: query` inside [Captures], and the errors of
/// captures (`expected a filter`, `capture redact is not supported`) and asserts (`expected a predicate`).
Response read_response(Reader& reader);

}  // namespace roadwork::hurl::detail
