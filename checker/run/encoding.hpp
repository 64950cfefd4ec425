#pragma once
// Byte and text encodings used by requests and filters: base64, hex, percent-encoding, HTML escapes, UTF-8.

#include <optional>
#include <string>
#include <string_view>

namespace roadwork::run {

/// Standard base64 (RFC 4648 §4) with padding.
std::string base64_encode(std::string_view bytes);

/// Decodes standard base64; nullopt unless the text is canonical (length a multiple of 4, padding only at
/// the end, no whitespace), as Hurl's `base64Decode` requires.
std::optional<std::string> base64_decode(std::string_view text);

/// Lower-case hex, two digits a byte.
std::string hex_encode(std::string_view bytes);

/// Percent-encodes every byte except ASCII letters, digits, `-._~` (RFC 3986 unreserved) and the characters
/// in `also_keep`. E.g. keep "/" for Hurl's `urlEncode` filter, nothing for query and form values.
std::string percent_encode(std::string_view text, std::string_view also_keep = "");

/// Replaces `%XX` escapes with their bytes; a `%` not followed by two hex digits is kept as is.
std::string percent_decode(std::string_view text);

/// Escapes `&`, `<`, `>`, `"` and `'` (as `&#x27;`) for HTML (Hurl docs: filters, htmlEscape).
std::string html_escape(std::string_view text);

/// Replaces numeric character references (`&#62;`, `&#x3e;`) and the common named ones (`&amp;`, `&lt;`,
/// `&nbsp;`, …) with their characters; unknown references are kept (Hurl docs: filters, htmlUnescape).
std::string html_unescape(std::string_view text);

}  // namespace roadwork::run
