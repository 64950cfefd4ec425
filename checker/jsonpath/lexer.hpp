#pragma once
// Splits a JSONPath query into tokens (RFC 9535 §2.1.1 and the lexical rules of §2.3 and §2.3.5.1).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace roadwork::jsonpath {

/// The kinds of token in a query; whitespace (RFC 9535's S) separates tokens but is not one.
enum class TokenKind {
  kEnd,       // end of the query
  kError,     // a lexical error; `text` holds the message and lexing stopped here
  kRoot,      // $
  kCurrent,   // @
  kDot,       // .
  kDotDot,    // ..
  kLBracket,  // [
  kRBracket,  // ]
  kLParen,    // (
  kRParen,    // )
  kComma,     // ,
  kColon,     // :
  kStar,      // *
  kQuestion,  // ?
  kNot,       // !
  kAnd,       // &&
  kOr,        // ||
  kEq,        // ==
  kNe,        // !=
  kLt,        // <
  kLe,        // <=
  kGt,        // >
  kGe,        // >=
  kString,    // a string literal; `text` holds its decoded value
  kNumber,    // a number literal; `text` holds it as written
  kName,      // member-name-shorthand characters: a member name, function name, true, false or null
};

/// One token. Whitespace is not a token, but the grammar forbids it in some places (after `.`, before `(`
/// of a function, at either end of the query), so each token records whether whitespace came before it.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::size_t offset = 0;      // byte offset of the token's first character
  std::size_t gap_offset = 0;  // where the whitespace before the token starts; == offset when there is none
  std::string text;
  bool is_integer = false;  // kNumber only: no fraction and no exponent

  bool space_before() const { return gap_offset != offset; }
};

/// Tokenizes `query`. The list always ends with kEnd, or with kError at the first lexical error (bad escape,
/// control character in a string, malformed number, stray character, ill-formed UTF-8).
std::vector<Token> tokenize(std::string_view query);

}  // namespace roadwork::jsonpath
