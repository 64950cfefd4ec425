#pragma once
// I-Regexp (RFC 9485) for the match() and search() functions of RFC 9535 §2.4.6 and §2.4.7, run by
// std::wregex.

#include <optional>
#include <string>
#include <string_view>

namespace roadwork::jsonpath {

/// Translates the I-Regexp `pattern` (RFC 9485 §5.3) into an equivalent ECMAScript pattern for std::wregex
/// over Unicode scalar values (one wchar_t each). Every construct is spelled out rather than left to
/// ECMAScript's own reading: `.` becomes a class without only \n and \r (ECMAScript's `.` also skips U+2028
/// and U+2029), \p{..} and \P{..} become explicit ranges, groups become non-capturing. `^` and `$` stay
/// anchors, as in RFC 9485 §5.3's mapping and the JSONPath compliance suite (its grammar alone would make
/// them literals). Returns nullopt when `pattern` is not an I-Regexp, or is so large or deeply nested that
/// std::regex, whose compiler and matcher recurse, could exhaust the stack.
std::optional<std::wstring> translate_iregexp(std::string_view pattern);

/// Whether the pattern must match all of the text (match(), RFC 9535 §2.4.6) or some substring (search(),
/// §2.4.7).
enum class RegexMode { kMatch, kSearch };

/// Tests `text` against the I-Regexp `pattern`; nullopt when the pattern is rejected by translate_iregexp.
/// Matching never backtracks: its time is at most the text's length times the size of the expanded pattern
/// (which translate_iregexp caps), and its recursion does not grow with the text.
std::optional<bool> iregexp_matches(std::string_view pattern, std::string_view text, RegexMode mode);

}  // namespace roadwork::jsonpath
