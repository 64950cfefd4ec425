#pragma once
// Turns an entry's request section into the HTTP request to send (Hurl docs: request).

#include "checker/hurl/ast.hpp"
#include "checker/run/http_client.hpp"
#include "checker/run/templates.hpp"

namespace roadwork::run {

/// Expands the templates of `request` and assembles: the URL with [Query] appended (percent-encoded), the
/// headers, [BasicAuth] as `Authorization: Basic …`, [Cookies], and the body: [Form] as
/// application/x-www-form-urlencoded, a JSON body (or a ```json multiline one) as application/json, an
/// ```xml one as application/xml, others with no Content-Type. A Content-Type header in the entry wins.
/// Errors: a template that cannot be expanded (located at its placeholder).
Result<HttpRequest> build_request(const hurl::Request& request, const Scope& scope);

}  // namespace roadwork::run
