#pragma once
// Byte literals of a .hurl file (internal to checker/hurl): `base64,…;` and `hex,…;`, in bodies and
// predicate values.

#include <string>

#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// Reads `base64,…;` at the cursor and returns the decoded bytes (Hurl grammar: oneline-base64). Spaces and
/// newlines in the data are ignored, as in MIME, and `=` padding is optional. Fails with `expected ';' after
/// the base64 data` at the first byte that does not belong, or `invalid base64` at the data.
std::string read_base64_literal(Reader& reader);

/// Reads `hex,…;` at the cursor and returns the decoded bytes (Hurl grammar: oneline-hex). Fails with
/// `expected ';' after the hex data` or `invalid hex: odd number of digits`.
std::string read_hex_literal(Reader& reader);

}  // namespace roadwork::hurl::detail
