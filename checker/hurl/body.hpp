#pragma once
// Request and response bodies (internal to checker/hurl).

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads the body at the cursor, where at_body_start() holds, and the end of its line (Hurl grammar: body,
/// bytes): JSON, ``` multiline, `oneline`, base64 or hex. File and XML bodies are refused with `file bodies
/// are not supported` and `XML bodies are not supported`.
Body read_body(Reader& reader);

}  // namespace roadwork::hurl::detail
