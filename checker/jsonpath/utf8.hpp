#pragma once
// UTF-8 decoding and encoding shared by the lexer, the I-Regexp translator and the function extensions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace roadwork::jsonpath {

/// Decodes the Unicode scalar value that starts at `pos` and advances `pos` past it (RFC 3629 §3).
/// Returns nullopt, leaving `pos` unchanged, for ill-formed bytes: overlong forms, surrogates, values above
/// U+10FFFF, truncated sequences.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

/// Appends the UTF-8 form of the scalar value `code_point` (which must not be a surrogate) to `out`.
void append_utf8(std::string& out, char32_t code_point);

/// Counts the Unicode scalar values of `text` (RFC 9535 §2.4.4); each ill-formed byte counts as one, so the
/// count is defined even for strings built by hand rather than parsed.
std::size_t count_scalar_values(std::string_view text);

}  // namespace roadwork::jsonpath
