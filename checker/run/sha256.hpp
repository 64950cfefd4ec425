#pragma once
// SHA-256 (FIPS 180-4) for Hurl's `sha256` query; small enough to keep roadwork free of a crypto dependency.

#include <string>
#include <string_view>

namespace roadwork::run {

/// The 32-byte SHA-256 digest of `data`.
std::string sha256(std::string_view data);

}  // namespace roadwork::run
