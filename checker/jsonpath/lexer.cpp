#include "checker/jsonpath/lexer.hpp"

#include <optional>

#include "checker/text/utf8.hpp"

namespace roadwork::jsonpath {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::optional<unsigned> hex_value(char c) {
  if (is_digit(c)) return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return std::nullopt;
}

class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      const std::size_t gap = pos_;
      while (pos_ < query_.size() && is_blank(query_[pos_])) ++pos_;
      Token token = next();
      // An error token is never "after whitespace": its own message is the one to report.
      if (token.kind != TokenKind::kError) token.gap_offset = gap;
      const TokenKind kind = token.kind;
      tokens.push_back(std::move(token));
      if (kind == TokenKind::kEnd || kind == TokenKind::kError) return tokens;
    }
  }

 private:
  Token make(TokenKind kind, std::size_t length) {
    Token token{kind, pos_, pos_, {}, false};
    pos_ += length;
    return token;
  }

  Token error(std::size_t offset, std::string message) {
    return Token{TokenKind::kError, offset, offset, std::move(message), false};
  }

  bool next_is(std::size_t ahead, char c) const {
    return pos_ + ahead < query_.size() && query_[pos_ + ahead] == c;
  }

  Token next() {
    if (pos_ >= query_.size()) return make(TokenKind::kEnd, 0);
    const char c = query_[pos_];
    switch (c) {
      case '$':
        return make(TokenKind::kRoot, 1);
      case '@':
        return make(TokenKind::kCurrent, 1);
      case '[':
        return make(TokenKind::kLBracket, 1);
      case ']':
        return make(TokenKind::kRBracket, 1);
      case '(':
        return make(TokenKind::kLParen, 1);
      case ')':
        return make(TokenKind::kRParen, 1);
      case ',':
        return make(TokenKind::kComma, 1);
      case ':':
        return make(TokenKind::kColon, 1);
      case '*':
        return make(TokenKind::kStar, 1);
      case '?':
        return make(TokenKind::kQuestion, 1);
      case '.':
        return next_is(1, '.') ? make(TokenKind::kDotDot, 2) : make(TokenKind::kDot, 1);
      case '!':
        return next_is(1, '=') ? make(TokenKind::kNe, 2) : make(TokenKind::kNot, 1);
      case '<':
        return next_is(1, '=') ? make(TokenKind::kLe, 2) : make(TokenKind::kLt, 1);
      case '>':
        return next_is(1, '=') ? make(TokenKind::kGe, 2) : make(TokenKind::kGt, 1);
      case '=':
        if (next_is(1, '=')) return make(TokenKind::kEq, 2);
        return error(pos_, "expected '==' (a single '=' is not an operator)");
      case '&':
        if (next_is(1, '&')) return make(TokenKind::kAnd, 2);
        return error(pos_, "expected '&&'");
      case '|':
        if (next_is(1, '|')) return make(TokenKind::kOr, 2);
        return error(pos_, "expected '||'");
      case '"':
      case '\'':
        return string_literal(c);
      default:
        break;
    }
    if (c == '-' || is_digit(c)) return number();
    return name();
  }

  // RFC 9535 §2.3.1.1: member-name-shorthand = name-first *name-char.
  Token name() {
    const std::size_t start = pos_;
    std::size_t end = pos_;
    while (end < query_.size()) {
      const char c = query_[end];
      if (is_alpha(c) || c == '_' || (end > start && is_digit(c))) {
        ++end;
      } else if (static_cast<unsigned char>(c) < 0x80 || !text::decode_utf8(query_, end)) {
        break;
      }
    }
    if (end == start) return unexpected_character(start);
    Token token = make(TokenKind::kName, end - start);
    token.text = std::string(query_.substr(start, end - start));
    return token;
  }

  Token unexpected_character(std::size_t at) {
    const auto byte = static_cast<unsigned char>(query_[at]);
    if (byte >= 0x80) return error(at, "invalid UTF-8 in query");
    if (byte > 0x20 && byte < 0x7F) {
      return error(at, std::string("unexpected character '") + query_[at] + "'");
    }
    constexpr char kHex[] = "0123456789ABCDEF";
    return error(at, std::string("unexpected control character 0x") + kHex[byte >> 4] + kHex[byte & 0xF]);
  }

  // RFC 9535 §2.3.5.1: number = (int / "-0") [ frac ] [ exp ], with int = "0" / (["-"] DIGIT1 *DIGIT).
  Token number() {
    const std::size_t start = pos_;
    std::size_t end = pos_;
    if (query_[end] == '-') ++end;
    if (end >= query_.size() || !is_digit(query_[end])) return error(end, "expected a digit after '-'");
    if (query_[end] == '0' && end + 1 < query_.size() && is_digit(query_[end + 1])) {
      return error(start, "leading zeros are not allowed in numbers");
    }
    while (end < query_.size() && is_digit(query_[end])) ++end;
    bool is_integer = true;
    if (end < query_.size() && query_[end] == '.') {
      ++end;
      if (end >= query_.size() || !is_digit(query_[end])) {
        return error(end, "expected a digit after the decimal point");
      }
      while (end < query_.size() && is_digit(query_[end])) ++end;
      is_integer = false;
    }
    if (end < query_.size() && (query_[end] == 'e' || query_[end] == 'E')) {
      ++end;
      if (end < query_.size() && (query_[end] == '+' || query_[end] == '-')) ++end;
      if (end >= query_.size() || !is_digit(query_[end])) {
        return error(end, "expected a digit in the exponent");
      }
      while (end < query_.size() && is_digit(query_[end])) ++end;
      is_integer = false;
    }
    Token token = make(TokenKind::kNumber, end - start);
    token.text = std::string(query_.substr(start, end - start));
    token.is_integer = is_integer;
    return token;
  }

  // RFC 9535 §2.3.1.1: string-literal, with the escapes of `escapable` and surrogate pairs in \u escapes.
  Token string_literal(char quote) {
    const std::size_t start = pos_;
    std::string value;
    std::size_t at = pos_ + 1;
    for (;;) {
      if (at >= query_.size()) return error(start, "unterminated string literal");
      const char c = query_[at];
      if (c == quote) break;
      if (static_cast<unsigned char>(c) < 0x20) {
        return error(at, "control characters must be escaped in string literals");
      }
      if (c != '\\') {
        const std::size_t from = at;
        if (!text::decode_utf8(query_, at)) return error(at, "invalid UTF-8 in string literal");
        value.append(query_.substr(from, at - from));
        continue;
      }
      if (at + 1 >= query_.size()) return error(start, "unterminated string literal");
      const char escaped = query_[at + 1];
      if (escaped == 'u') {
        Token bad;
        const std::optional<char32_t> code_point = unicode_escape(at, bad);
        if (!code_point) return bad;
        text::append_utf8(value, *code_point);
        continue;
      }
      // RFC 9535 escapable, plus the literal's own quote.
      constexpr std::string_view kEscapes = "bfnrt/\\";
      constexpr std::string_view kDecoded = "\b\f\n\r\t/\\";
      const std::size_t which = kEscapes.find(escaped);
      if (which == std::string_view::npos && escaped != quote) {
        return error(at, "invalid escape sequence in string literal");
      }
      value += which == std::string_view::npos ? quote : kDecoded[which];
      at += 2;
    }
    Token token = make(TokenKind::kString, at + 1 - start);
    token.text = std::move(value);
    return token;
  }

  // Reads `\uXXXX` at `at` (and a following low surrogate escape if it is a high surrogate); advances `at`.
  std::optional<char32_t> unicode_escape(std::size_t& at, Token& bad) {
    const std::optional<unsigned> high = hex4(at);
    if (!high) {
      bad = error(at, "expected four hexadecimal digits after \\u");
      return std::nullopt;
    }
    if (*high >= 0xDC00 && *high <= 0xDFFF) {
      bad = error(at, "unpaired low surrogate in \\u escape");
      return std::nullopt;
    }
    if (*high < 0xD800 || *high > 0xDBFF) {
      at += 6;
      return *high;
    }
    const std::optional<unsigned> low =
        at + 6 < query_.size() && query_[at + 6] == '\\' ? hex4(at + 6) : std::nullopt;
    if (!low || *low < 0xDC00 || *low > 0xDFFF) {
      bad = error(at, "high surrogate in \\u escape must be followed by a \\u escape of a low surrogate");
      return std::nullopt;
    }
    at += 12;
    return 0x10000 + ((*high - 0xD800) << 10) + (*low - 0xDC00);
  }

  // The value of the four hex digits of a `\uXXXX` escape that starts at `at`.
  std::optional<unsigned> hex4(std::size_t at) const {
    if (query_.size() - at < 6 || query_[at + 1] != 'u') return std::nullopt;
    unsigned value = 0;
    for (std::size_t i = 2; i < 6; ++i) {
      const std::optional<unsigned> digit = hex_value(query_[at + i]);
      if (!digit) return std::nullopt;
      value = value * 16 + *digit;
    }
    return value;
  }

  std::string_view query_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view query) { return Lexer(query).run(); }

}  // namespace roadwork::jsonpath
