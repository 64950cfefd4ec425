#pragma once
// Integer and float literals of a .hurl file (internal to checker/hurl).

#include <cstdint>
#include <variant>

#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// True at `-?[0-9]`.
bool at_number(const Reader& reader);

/// Reads `-?[0-9]+` (Hurl grammar: integer, with the sign nth and the options accept). Fails with `expected
/// an integer`, or `number out of range` past 64 bits.
std::int64_t read_integer(Reader& reader);

/// Reads `-?[0-9]+(\.[0-9]+)?` where at_number() holds (Hurl grammar: number): an integer, or a double when
/// there is a fraction. Fails with `expected digits after '.'` or `number out of range`.
std::variant<std::int64_t, double> read_number(Reader& reader);

}  // namespace roadwork::hurl::detail
