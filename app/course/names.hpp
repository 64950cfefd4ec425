#pragma once
// The forms of a pack's names (README.md: Packs): ids are kebab-case, versions semantic.

#include <string>
#include <string_view>

namespace roadwork::course {

/// Lower-case letters and digits in words joined by single hyphens: "backend", "web-101".
bool is_kebab_case(std::string_view id);

/// A semantic version MAJOR.MINOR.PATCH without leading zeros, with an optional -pre-release and +build:
/// "1.0.0", "0.3.1-beta.2" (semver.org).
bool is_semantic_version(std::string_view version);

/// `text` made kebab-case: lower-cased, each run of other characters a single hyphen, none at the ends
/// ("My Pack 2" → "my-pack-2"); empty when `text` has no letter or digit.
std::string to_kebab_case(std::string_view text);

}  // namespace roadwork::course
