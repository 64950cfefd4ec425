#pragma once
// I-Regexp (RFC 9485) for the match() and search() functions of RFC 9535 §2.4.6 and §2.4.7, run by RE2.

#include <optional>
#include <string>
#include <string_view>

namespace roadwork::jsonpath {

/// Translates the I-Regexp `pattern` (RFC 9485 §5.3) into an equivalent RE2 pattern, every construct spelled
/// out: characters as \x{..}, `.` as [^\n\r] (RFC 9485 §5.3), groups non-capturing, \p{..} as RE2's general
/// categories (C and Cn, which RE2 lacks or reads without unassigned code points, as the complement of the
/// assigned ones). `^` and `$` stay anchors, as in RFC 9485 §5.3's mapping and the JSONPath compliance suite
/// (its grammar alone would make them literals). Returns nullopt when `pattern` is not an I-Regexp, and for
/// the one I-Regexp RE2 cannot hold: \p{C} or \p{Cn} inside a class.
std::optional<std::string> translate_iregexp(std::string_view pattern);

/// Whether the pattern must match all of the text (match(), RFC 9535 §2.4.6) or some substring (search(),
/// §2.4.7).
enum class RegexMode { kMatch, kSearch };

/// Tests `text` against the I-Regexp `pattern`; nullopt when translate_iregexp rejects the pattern or RE2
/// refuses it (a counted repetition over 1000). Matching never backtracks: linear in the text, with no
/// recursion over it.
std::optional<bool> iregexp_matches(std::string_view pattern, std::string_view text, RegexMode mode);

}  // namespace roadwork::jsonpath
