#pragma once
// The string forms of a .hurl file (internal to checker/hurl): keys, values, "quoted", `oneline`, ```
// multiline ``` and /regex/ literals, each read into a Template.

#include <string>

#include "checker/hurl/ast.hpp"
#include "checker/hurl/reader.hpp"

namespace roadwork::hurl::detail {

/// True for a character of a key (Hurl grammar: key-string-text, `[A-Za-z0-9_.[\]@$-]`).
bool is_key_char(char c);

/// Reads a key with escapes and placeholders (Hurl grammar: key-string); returns an empty Template when
/// the cursor is not on one, so the caller can say what it expected.
Template read_key_string(Reader& reader);

/// Reads to the end of the line or a comment, decoding escapes and keeping placeholders; trailing spaces are
/// dropped (Hurl grammar: value-string). With `stop_at_space` it also stops at a space, as a URL does.
Template read_value_string(Reader& reader, bool stop_at_space);

/// Reads `"…"` at the cursor, with escapes and placeholders, on one line (Hurl grammar: quoted-string).
/// Fails with `unterminated string` at the opening quote.
Template read_quoted_string(Reader& reader);

/// Reads `` `…` `` at the cursor, like a quoted string (Hurl grammar: oneline-string).
Template read_oneline_string(Reader& reader);

/// Reads `/…/` at the cursor into a one-part Template holding the pattern: `\/` becomes `/`, every other
/// escape is kept for the regex engine (Hurl grammar: regex). Fails with `unterminated regex`.
Template read_regex_literal(Reader& reader);

/// A ``` string: its text, raw apart from placeholders, and its language tag ("" or "json" or "xml").
struct MultilineString {
  Template text;
  std::string language;
};

/// Reads ``` at the cursor (Hurl grammar: multiline-string): either ```text``` on one line, or a tag, a
/// newline, and everything up to the closing ```. The tags graphql, base64 and hex and the attributes
/// (escape, novariable) are refused as `multiline graphql is not supported` and `multiline attribute escape
/// is not supported`; other tags fail with `unknown multiline string type "…"`; a missing fence with
/// `unterminated multiline string` at the opening one.
MultilineString read_multiline_string(Reader& reader);

}  // namespace roadwork::hurl::detail
