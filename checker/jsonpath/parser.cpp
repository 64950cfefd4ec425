#include "checker/jsonpath/parser.hpp"

#include <algorithm>
#include <charconv>

namespace roadwork::jsonpath {
namespace {

// RFC 9535 §2.1: I-JSON's exact integer range, ±(2^53 - 1), bounds indices and slice parameters.
constexpr std::int64_t kMaxInteger = (std::int64_t{1} << 53) - 1;

}  // namespace

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

const Token& Parser::advance() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool Parser::is_comparison(TokenKind kind) {
  return kind == TokenKind::kEq || kind == TokenKind::kNe || kind == TokenKind::kLt ||
         kind == TokenKind::kLe || kind == TokenKind::kGt || kind == TokenKind::kGe;
}

bool Parser::fail(const Token& at, std::string message) {
  if (at.kind == TokenKind::kError) return fail(at.offset, at.text);
  return fail(at.offset, std::move(message));
}

bool Parser::fail(std::size_t offset, std::string message) {
  if (!error_) error_ = ParseError{offset, std::move(message)};
  return false;
}

std::variant<CompiledQuery, ParseError> Parser::parse() {
  CompiledQuery query;
  const Token& root = peek();
  if (root.space_before()) {
    fail(root.gap_offset, "whitespace is not allowed before '$'");
  } else if (root.kind != TokenKind::kRoot) {
    fail(root, "a query must start with '$'");
  } else {
    advance();
    if (segments(query.path)) {
      const Token& end = peek();
      if (end.kind != TokenKind::kEnd) {
        fail(end, "expected '.', '..' or '[' to start a segment");
      } else if (end.space_before()) {
        fail(end.gap_offset, "whitespace is not allowed at the end of a query");
      }
    }
  }
  if (error_) return *error_;
  return query;
}

// RFC 9535 §2.5: segments = *(S segment), where a segment is `[...]`, `.name`, `.*` or `..` and one of those.
bool Parser::segments(Path& path) {
  for (;;) {
    const TokenKind kind = peek().kind;
    if (kind != TokenKind::kDot && kind != TokenKind::kDotDot && kind != TokenKind::kLBracket) return true;
    Segment segment;
    segment.descendant = kind == TokenKind::kDotDot;
    if (kind == TokenKind::kLBracket) {
      if (!bracketed_selection(segment)) return false;
    } else {
      advance();
      if (!dot_member(segment, kind)) return false;
    }
    path.segments.push_back(std::move(segment));
  }
}

// After `.` or `..`: member-name-shorthand or `*`, or after `..` also a bracketed selection; no whitespace.
bool Parser::dot_member(Segment& segment, TokenKind after) {
  const Token& token = peek();
  const char* dots = after == TokenKind::kDot ? "'.'" : "'..'";
  if (token.space_before()) {
    return fail(token.gap_offset, std::string("whitespace is not allowed after ") + dots);
  }
  switch (token.kind) {
    case TokenKind::kStar:
      advance();
      segment.selectors.emplace_back(WildcardSelector{});
      return true;
    case TokenKind::kName:
      segment.selectors.emplace_back(NameSelector{advance().text});
      return true;
    case TokenKind::kLBracket:
      if (after == TokenKind::kDotDot) return bracketed_selection(segment);
      return fail(token, "'.' cannot be followed by '['; write $['name'] or $.name");
    default:
      return fail(token, after == TokenKind::kDot ? "expected a member name or '*' after '.'"
                                                  : "expected a member name, '*' or '[' after '..'");
  }
}

// RFC 9535 §2.5.1.1: bracketed-selection = "[" S selector *(S "," S selector) S "]"
bool Parser::bracketed_selection(Segment& segment) {
  advance();
  for (;;) {
    segment.spaced = segment.spaced || peek().space_before();
    if (!selector(segment.selectors)) return false;
    const Token& token = peek();
    segment.spaced = segment.spaced || token.space_before();
    if (token.kind == TokenKind::kRBracket) {
      advance();
      return true;
    }
    if (token.kind != TokenKind::kComma) return fail(token, "expected ',' or ']' after a selector");
    advance();
  }
}

// RFC 9535 §2.3: name, wildcard, index, slice or filter selector.
bool Parser::selector(std::vector<Selector>& selectors) {
  const Token& token = peek();
  switch (token.kind) {
    case TokenKind::kString:
      selectors.emplace_back(NameSelector{advance().text});
      return true;
    case TokenKind::kStar:
      advance();
      selectors.emplace_back(WildcardSelector{});
      return true;
    case TokenKind::kNumber:
    case TokenKind::kColon:
      return index_or_slice(selectors);
    case TokenKind::kQuestion: {
      advance();
      std::optional<Expr> condition = logical_or();
      if (!condition || !check_test(*condition)) return false;
      selectors.emplace_back(FilterSelector{std::make_shared<const Expr>(std::move(*condition))});
      return true;
    }
    default:
      return fail(token, "expected a selector: a quoted name, '*', an index, a slice or a filter ('?')");
  }
}

// RFC 9535 §2.3.3 index-selector = int; §2.3.4 slice-selector = [start S] ":" S [end S] [":" [S step]]
bool Parser::index_or_slice(std::vector<Selector>& selectors) {
  SliceSelector slice;
  if (!optional_integer(slice.start)) return false;
  if (peek().kind != TokenKind::kColon) {
    selectors.emplace_back(IndexSelector{*slice.start});
    return true;
  }
  advance();
  if (!optional_integer(slice.end)) return false;
  if (peek().kind == TokenKind::kColon) {
    advance();
    std::optional<std::int64_t> step;
    if (!optional_integer(step)) return false;
    slice.step = step.value_or(1);
  }
  selectors.emplace_back(slice);
  return true;
}

bool Parser::optional_integer(std::optional<std::int64_t>& value) {
  if (peek().kind != TokenKind::kNumber) return true;
  value = integer(advance());
  return value.has_value();
}

std::optional<std::int64_t> Parser::integer(const Token& token) {
  if (!token.is_integer) {
    fail(token, "expected an integer");
    return std::nullopt;
  }
  if (token.text == "-0") {
    fail(token, "-0 is not a valid index or slice bound");
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (error != std::errc() || value > kMaxInteger || value < -kMaxInteger) {
    fail(token, "integer is out of range: indices and slice bounds must be within +-(2^53-1)");
    return std::nullopt;
  }
  return value;
}

}  // namespace roadwork::jsonpath
