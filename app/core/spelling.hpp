#pragma once
// "Did you mean …?" for a misspelt name: the known name nearest to it by edit distance.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace roadwork {

/// The name of `known` nearest to `word` by Levenshtein distance when it is near enough to be a slip of the keyboard (at most a
/// third of the word's length away, and at least 1), the first of equally near ones; nullopt otherwise.
std::optional<std::string> closest_name(std::string_view word, std::span<const std::string_view> known);

}  // namespace roadwork
