#pragma once
// UTF-8 (RFC 3629 §3): encoding and decoding Unicode code points, validating and repairing text, shared by
// the check-file parser, JSONPath, the runner and the report writers. Knows nothing of check files: plain
// text in, plain text out.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace roadwork::text {

/// Appends the UTF-8 form of `code_point` to `out` (RFC 3629 §3): one byte below U+0080, two below U+0800,
/// three below U+10000, four above. No errors: the caller passes a Unicode scalar value (at most U+10FFFF,
/// not a surrogate), which is not checked here.
void append_utf8(std::string& out, char32_t code_point);

/// The UTF-8 form of `code_point`, as `append_utf8` writes it.
std::string encode_utf8(char32_t code_point);

/// Decodes the Unicode scalar value that starts at `pos` and advances `pos` past it (RFC 3629 §3).
/// Returns nullopt, leaving `pos` unchanged, for ill-formed bytes: overlong forms, surrogates, values above
/// U+10FFFF, truncated sequences.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

/// Counts the Unicode scalar values of `text` (RFC 9535 §2.4.4); each ill-formed byte counts as one, so the
/// count is defined even for strings built by hand rather than parsed.
std::size_t count_scalar_values(std::string_view text);

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// `text` with each invalid UTF-8 sequence (bad byte, overlong form, surrogate, above U+10FFFF) replaced by
/// U+FFFD, so that server output and response bodies can go into JSON and XML, which require valid UTF-8.
std::string valid_utf8(std::string_view text);

}  // namespace roadwork::text
