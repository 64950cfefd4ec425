#pragma once
// JSON values with placeholders, as bodies (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads one JSON value at the cursor (Hurl grammar: json-value), which may span lines and hold `{{name}}`
/// placeholders as values or inside strings. Returns a Template whose literal parts are the JSON source as
/// written and whose variable parts are the placeholders, with `in_json_string` set for those inside a
/// string. Stops right after the value. Errors read `invalid JSON body: <what was expected>`; nesting deeper
/// than 256 levels is refused so hostile input cannot exhaust the stack.
Template read_json_value(Reader& reader);

}  // namespace roadwork::hurl::detail
