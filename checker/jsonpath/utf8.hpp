#pragma once
// UTF-8 decoding shared by the lexer, the I-Regexp translator and the function extensions (encoding is
// checker/text/utf8.hpp).

#include <cstddef>
#include <optional>
#include <string_view>

namespace roadwork::jsonpath {

/// Decodes the Unicode scalar value that starts at `pos` and advances `pos` past it (RFC 3629 §3).
/// Returns nullopt, leaving `pos` unchanged, for ill-formed bytes: overlong forms, surrogates, values above
/// U+10FFFF, truncated sequences.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

/// Counts the Unicode scalar values of `text` (RFC 9535 §2.4.4); each ill-formed byte counts as one, so the
/// count is defined even for strings built by hand rather than parsed.
std::size_t count_scalar_values(std::string_view text);

}  // namespace roadwork::jsonpath
