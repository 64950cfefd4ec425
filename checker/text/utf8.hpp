#pragma once
// UTF-8 encoding of Unicode code points (RFC 3629 §3), shared by the check-file parser, JSONPath and the
// terminal renderer. Knows nothing of check files: plain text in, plain text out.

#include <string>

namespace roadwork::text {

/// Appends the UTF-8 form of `code_point` to `out` (RFC 3629 §3): one byte below U+0080, two below U+0800,
/// three below U+10000, four above. No errors: the caller passes a Unicode scalar value (at most U+10FFFF,
/// not a surrogate), which is not checked here.
void append_utf8(std::string& out, char32_t code_point);

/// The UTF-8 form of `code_point`, as `append_utf8` writes it.
std::string encode_utf8(char32_t code_point);

}  // namespace roadwork::text
