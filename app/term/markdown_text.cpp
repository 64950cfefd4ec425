#include "app/term/markdown_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <utility>

#include "checker/text/utf8.hpp"

namespace roadwork::term::markdown {

namespace {

// Decodes the UTF-8 sequence at text[i] and moves i past it. A byte that does not start a valid sequence
// is taken alone and returned as U+FFFD, so broken input still advances and still takes a column.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  const int length = lead < 0x80           ? 1
                     : (lead >> 5) == 0x6  ? 2
                     : (lead >> 4) == 0xE  ? 3
                     : (lead >> 3) == 0x1E ? 4
                                           : 0;
  if (length <= 1 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return length == 1 ? lead : U'\uFFFD';
  }
  char32_t code = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    code = (code << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return code;
}

struct Range {
  char32_t first, last;
};

// Combining marks, zero-width characters and variation selectors: drawn on top of the previous character.
constexpr std::array<Range, 9> kZeroWidth = {{{0x0300, 0x036F},
                                              {0x0483, 0x0489},
                                              {0x0591, 0x05BD},
                                              {0x1AB0, 0x1AFF},
                                              {0x1DC0, 0x1DFF},
                                              {0x200B, 0x200F},
                                              {0x20D0, 0x20FF},
                                              {0xFE00, 0xFE0F},
                                              {0xFE20, 0xFE2F}}};

// East Asian Wide and Fullwidth blocks and the emoji blocks (after Markus Kuhn's wcwidth), two columns each.
constexpr std::array<Range, 16> kWide = {{{0x1100, 0x115F},
                                          {0x231A, 0x231B},
                                          {0x2E80, 0x303E},
                                          {0x3041, 0x33FF},
                                          {0x3400, 0x4DBF},
                                          {0x4E00, 0x9FFF},
                                          {0xA000, 0xA4CF},
                                          {0xAC00, 0xD7A3},
                                          {0xF900, 0xFAFF},
                                          {0xFE30, 0xFE4F},
                                          {0xFF00, 0xFF60},
                                          {0xFFE0, 0xFFE6},
                                          {0x1F300, 0x1F64F},
                                          {0x1F900, 0x1F9FF},
                                          {0x20000, 0x2FFFD},
                                          {0x30000, 0x3FFFD}}};

template <std::size_t N>
bool in(const std::array<Range, N>& ranges, char32_t c) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [c](const Range& r) { return c >= r.first && c <= r.last; });
}

int code_point_width(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2060 || c == 0xFEFF || in(kZeroWidth, c)) return 0;
  return in(kWide, c) ? 2 : 1;
}

void append(std::vector<Run>& runs, std::string_view text, unsigned look) {
  if (!runs.empty() && runs.back().look == look)
    runs.back().text += text;
  else
    runs.push_back({std::string(text), look});
}

// A word (text between spaces, possibly in several looks), a space, or a hard break.
struct Token {
  enum Kind { Word, Space, Break } kind;
  std::vector<Run> parts;  // words only
  int width = 0;
  unsigned look = kPlain;  // spaces: the look of the first, so the spaces inside code stay code
};

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n'; }

std::vector<Token> tokenize(const std::vector<Run>& runs) {
  std::vector<Token> tokens;
  for (const auto& run : runs) {
    if (run.look & kBreak) {
      tokens.push_back({Token::Break, {}, 0, kPlain});
      continue;
    }
    for (std::size_t i = 0; i < run.text.size();) {
      const auto start = i;
      const char32_t c = next_code_point(run.text, i);
      const auto kind = is_space(c) ? Token::Space : Token::Word;
      if (tokens.empty() || tokens.back().kind != kind) tokens.push_back({kind, {}, 0, run.look});
      auto& token = tokens.back();
      if (kind == Token::Word) {
        append(token.parts, std::string_view(run.text).substr(start, i - start), run.look);
        token.width += code_point_width(c);
      } else {
        // Inline code keeps its spaces as written; elsewhere any whitespace is one space.
        token.width = (run.look & kCode) ? token.width + 1 : std::max(token.width, 1);
      }
    }
  }
  return tokens;
}

// Appends `word` to the last line, starting new lines whenever the next character would not fit.
void place(std::vector<Line>& lines, const Token& word, int width) {
  for (const auto& part : word.parts) {
    for (std::size_t i = 0; i < part.text.size();) {
      const auto start = i;
      const int columns = code_point_width(next_code_point(part.text, i));
      if (lines.back().width > 0 && lines.back().width + columns > width) lines.emplace_back();
      append(lines.back().runs, std::string_view(part.text).substr(start, i - start), part.look);
      lines.back().width += columns;
    }
  }
}

}  // namespace

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) width += code_point_width(next_code_point(text, i));
  return width;
}

std::vector<Line> wrap(const std::vector<Run>& runs, int width) {
  width = std::max(width, 1);
  std::vector<Line> lines(1);
  int space = 0;  // the space owed before the next word on this line
  unsigned space_look = kPlain;
  for (const auto& token : tokenize(runs)) {
    switch (token.kind) {
      case Token::Break:
        lines.emplace_back();
        space = 0;
        break;
      case Token::Space:
        space = lines.back().width > 0 ? token.width : 0;
        space_look = token.look;
        break;
      case Token::Word:
        if (lines.back().width > 0 && lines.back().width + space + token.width > width) {
          lines.emplace_back();
          space = 0;
        }
        if (space > 0) {
          append(lines.back().runs, std::string(static_cast<std::size_t>(space), ' '), space_look);
          lines.back().width += space;
          space = 0;
        }
        place(lines, token, width);
        break;
    }
  }
  return lines;
}

std::string expand_tabs(std::string_view line, int stop) {
  std::string out;
  int columns = 0;
  for (std::size_t i = 0; i < line.size();) {
    const auto at = i;
    const auto c = next_code_point(line, i);
    if (c == '\t') {
      const int spaces = stop - columns % stop;
      out.append(static_cast<std::size_t>(spaces), ' ');
      columns += spaces;
    } else {
      out.append(line.substr(at, i - at));
      columns += code_point_width(c);
    }
  }
  return out;
}

std::vector<std::string> cut_code_line(std::string_view line, int width) {
  width = std::max(width, 1);
  std::vector<std::string> pieces;
  std::size_t start = 0, i = 0, after_space = 0;  // after_space: just past the piece's last space, or 0
  int columns = 0, columns_at_space = 0;
  while (i < line.size()) {
    const auto at = i;
    const int next = code_point_width(next_code_point(line, i));
    while (columns > 0 && columns + next > width) {
      const bool at_space = after_space > start && columns_at_space * 2 >= width;
      const auto end = at_space ? after_space : at;
      pieces.emplace_back(line.substr(start, end - start));
      columns = at_space ? columns - columns_at_space : 0;
      start = end;
      after_space = 0;
    }
    columns += next;
    if (line[at] == ' ') {
      after_space = i;
      columns_at_space = columns;
    }
  }
  pieces.emplace_back(line.substr(start));
  return pieces;
}

std::string wrap_paragraph(std::string_view text, std::string_view indent, int width) {
  std::string out;
  for (const auto& line : wrap({Run{std::string(text)}}, width - display_width(indent))) {
    out.append(indent);
    for (const auto& run : line.runs) out += run.text;
    out += '\n';
  }
  return out;
}

int natural_width(const std::vector<Run>& runs) {
  int widest = 0;
  for (const auto& line : wrap(runs, INT_MAX / 2)) widest = std::max(widest, line.width);
  return widest;
}

int longest_word(const std::vector<Run>& runs) {
  int widest = 0;
  for (const auto& token : tokenize(runs))
    if (token.kind == Token::Word) widest = std::max(widest, token.width);
  return widest;
}

std::string paint(const Line& line, const Style& style) {
  std::string out;
  for (const auto& run : line.runs) {
    std::string text = run.text;
    if (run.look & kCode) text = style.code(text);
    if (run.look & kUrl) text = style.dim(text);
    if (run.look & kEmphasis) text = style.italic(text);
    if (run.look & kStrong) text = style.bold(text);
    out += text;
  }
  return out;
}

std::vector<Run> with_look(std::vector<Run> runs, unsigned look) {
  for (auto& run : runs) run.look |= look;
  return runs;
}

// md4c hands entities over as written ("&amp;", "&#233;"); a terminal needs the character. Numeric ones
// and the named ones lesson authors use are decoded; any other stays as written.
std::string decode_entity(std::string_view entity) {
  if (entity.size() > 3 && entity[1] == '#') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    const auto digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
    unsigned long code = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
    // Control characters (C0 but tab and newline, DEL, C1) become U+FFFD: a lesson must not drive a terminal.
    const bool control = (code < 0x20 && code != '\t' && code != '\n') || (code >= 0x7F && code <= 0x9F);
    const bool valid = error == std::errc() && end == digits.data() + digits.size() && code > 0 && !control &&
                       code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    return text::encode_utf8(valid ? static_cast<char32_t>(code) : U'\uFFFD');
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kNamed = {{
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&quot;", "\""},
      {"&apos;", "'"},
      {"&nbsp;", "\u00A0"},
      {"&mdash;", "—"},
      {"&ndash;", "–"},
      {"&hellip;", "…"},
      {"&copy;", "©"},
      {"&rarr;", "→"},
      {"&times;", "×"},
  }};
  for (const auto& [name, text] : kNamed)
    if (name == entity) return std::string(text);
  return std::string(entity);
}

}  // namespace roadwork::term::markdown
