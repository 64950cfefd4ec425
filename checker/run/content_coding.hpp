#pragma once
// Content codings of response bodies (RFC 9110 §8.4.1): gzip, deflate and br undone, as Hurl and cpp-httplib
// show a body, with zlib and Brotli's decoder.

#include <cstddef>
#include <string>
#include <string_view>

namespace roadwork::run {

/// `body` decoded from the codings of a Content-Encoding header `codings` (applied in the order listed,
/// so undone last first), at most `max_bytes` of it; `truncated` is set when there was more. An unknown
/// coding, or `identity`, leaves the body as it is. False when the body is not valid in its coding.
bool decode_content(std::string_view codings, std::string& body, std::size_t max_bytes, bool& truncated);

}  // namespace roadwork::run
