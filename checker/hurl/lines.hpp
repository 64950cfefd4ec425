#pragma once
// What the next line of a .hurl file is (internal to checker/hurl). Each test looks at the line from the
// cursor, which skip_empty_lines() leaves on its first character, and never moves it; the request and
// response readers use them to decide where a header list, a section or an entry ends, the way Hurl's
// grammar does by trying its alternatives in turn.

#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// `[Name]`: a `[` and a letter, except the JSON arrays `[true`, `[false`, `[null`.
bool at_section_header(const Reader& reader);

/// `HTTP`, `HTTP/…` as the first word (Hurl grammar: version).
bool at_status_line(const Reader& reader);

/// `[A-Z]+` followed by a space or the end of the line (Hurl grammar: method).
bool at_method_line(const Reader& reader);

/// `key:` (Hurl grammar: key-value): a key of key characters, escapes or placeholders, spaces, then `:`.
bool at_key_value(const Reader& reader);

/// The first character of a body (Hurl grammar: bytes): JSON, ```, `, base64, hex, file, or XML's `<`.
bool at_body_start(const Reader& reader);

}  // namespace roadwork::hurl::detail
