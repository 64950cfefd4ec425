// Markdown in the terminal: each construct's exact rendering, code blocks kept verbatim, table alignment,
// the wrap width (never exceeded outside code blocks, also by every lesson of the built-in pack), and no
// escape codes with colour off.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/term/markdown.hpp"
#include "app/term/markdown_text.hpp"
#include "app/term/style.hpp"

using roadwork::term::render_markdown;
using roadwork::term::Style;
using roadwork::term::markdown::display_width;
using roadwork::term::markdown::wrap_paragraph;

namespace {

namespace fs = std::filesystem;

const Style kPlain(false);
const Style kColour(true);

std::string plain(std::string_view markdown, int width = 80) {
  return render_markdown(markdown, kPlain, width);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every line fits, code blocks' too.
void check_fits(const std::string& rendered, int width, const std::string& where) {
  for (const auto& line : lines_of(rendered)) {
    INFO(where, ": ", line);
    CHECK(display_width(line) <= width);
  }
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("display width: UTF-8 aware, wide and combining characters") {
  CHECK(display_width("plain") == 5);
  CHECK(display_width("héllo") == 5);
  CHECK(display_width("e\u0301") == 1);  // e + combining acute accent
  CHECK(display_width("日本") == 4);
  CHECK(display_width("│ • ═") == 5);
  CHECK(display_width("\xff") == 1);  // invalid UTF-8 still takes its column
}

TEST_CASE("a plain paragraph wraps within the width, indent included") {
  CHECK(wrap_paragraph("Explain the request–response cycle and make it happen with curl", "  ", 24) ==
        "  Explain the\n  request–response cycle\n  and make it happen\n  with curl\n");
  CHECK(wrap_paragraph("short", "    ", 80) == "    short\n");
}

TEST_CASE("headings: level 1 underlined with ═, level 2 numbered and underlined with ─, deeper numbered") {
  CHECK(plain("# Status codes\n\n## Five classes\n\n### Success\n\n### Redirects\n\n## Errors\n") ==
        "Status codes\n"
        "════════════\n"
        "\n"
        "1. Five classes\n"
        "───────────────\n"
        "\n"
        "1.1 Success\n"
        "\n"
        "1.2 Redirects\n"
        "\n"
        "2. Errors\n"
        "─────────\n");
  CHECK(render_markdown("# Title\n", kColour, 80) == "\x1b[1mTitle\x1b[22m\n\x1b[2m═════\x1b[22m\n");
}

TEST_CASE("headings the author numbered are not numbered twice") {
  CHECK(plain("## Steps\n\n### 1. DNS\n\n### 2) TCP\n\n### 10 things\n") ==
        "1. Steps\n"
        "────────\n"
        "\n"
        "1. DNS\n"
        "\n"
        "2) TCP\n"
        "\n"
        "1.3 10 things\n");
}

TEST_CASE("paragraphs: wrapped at spaces to the width, blank line between them") {
  CHECK(plain("one two three four five six\nseven\n\nnext", 14) ==
        "one two three\n"
        "four five six\n"
        "seven\n"
        "\n"
        "next\n");
  // A word longer than the width (a URL) is cut rather than overflowing.
  CHECK(plain("aaaaaaaaaabbbbbbbbbbcc", 10) == "aaaaaaaaaa\nbbbbbbbbbb\ncc\n");
  // A hard break (two trailing spaces) ends the line.
  CHECK(plain("first  \nsecond") == "first\nsecond\n");
}

TEST_CASE("inline: strong, emphasis and code are painted with colour, plain without") {
  const std::string markdown = "a **strong** and *em* with `code  span`";
  CHECK(plain(markdown) == "a strong and em with code  span\n");
  CHECK(render_markdown(markdown, kColour, 80) ==
        "a \x1b[1mstrong\x1b[22m and \x1b[3mem\x1b[23m with \x1b[36mcode  span\x1b[39m\n");
}

TEST_CASE("inline: entities are decoded") {
  CHECK(plain("Fish &amp; chips, caf&#233; &#x2192; &nbsp;") == "Fish & chips, café → \u00A0\n");
}

TEST_CASE("links show their target after the text; autolinks once") {
  CHECK(plain("See [the spec](https://www.rfc-editor.org/rfc/rfc9110) now.") ==
        "See the spec (https://www.rfc-editor.org/rfc/rfc9110) now.\n");
  CHECK(plain("<https://example.com>") == "https://example.com\n");
  CHECK(render_markdown("[a](b)", kColour, 80) == "a (\x1b[2mb\x1b[22m)\n");
}

TEST_CASE("lists: bullets by depth, ordered numbers kept, wrapped under their text") {
  CHECK(plain("- apple\n- banana\n  - ripe\n    - very\n- cherry\n\n3. third\n4. fourth\n") ==
        "• apple\n"
        "• banana\n"
        "  ◦ ripe\n"
        "    ▪ very\n"
        "• cherry\n"
        "\n"
        "3. third\n"
        "4. fourth\n");
  CHECK(plain("1. a long item that wraps\n2. b\n", 16) ==
        "1. a long item\n"
        "   that wraps\n"
        "2. b\n");
  // Loose lists keep a blank line between items.
  CHECK(plain("- one\n\n- two\n") == "• one\n\n• two\n");
  CHECK(plain("Before:\n\n- x\n\nAfter.") == "Before:\n\n• x\n\nAfter.\n");
}

TEST_CASE("block quotes: a │ bar on every line, blank lines included") {
  CHECK(plain("> quoted text that wraps\n>\n> more\n\nafter", 14) ==
        "│ quoted text\n"
        "│ that wraps\n"
        "│\n"
        "│ more\n"
        "\n"
        "after\n");
  CHECK(plain("> - item\n") == "│ • item\n");
}

TEST_CASE("code blocks: framed with their language, verbatim, a long line continued on ┆ lines") {
  const std::string long_line =
      "curl -i -X POST http://127.0.0.1:3000/books -H 'Content-Type: application/json'";
  const auto markdown =
      "Run:\n\n```sh\n" + long_line + "\n    indented   spaces\n\nafter blank\n```\n\nDone.";
  CHECK(plain(markdown, 30) ==
        "Run:\n"
        "\n"
        "┏━ sh\n"
        "┃ curl -i -X POST \n"
        "┆ http://127.0.0.1:3000/books \n"
        "┆ -H 'Content-Type: \n"
        "┆ application/json'\n"
        "┃     indented   spaces\n"
        "┃\n"
        "┃ after blank\n"
        "┗━\n"
        "\n"
        "Done.\n");
  CHECK(plain(markdown, 100).find("┃ " + long_line + "\n") != std::string::npos);
  // No space in the second half of the frame: cut at the width; wide characters are never split.
  CHECK(plain("```\n" + std::string(12, 'x') + "\n```\n", 12) == "┏━\n┃ xxxxxxxxxx\n┆ xx\n┗━\n");
  CHECK(plain("```\nab 日本語の文\n```\n", 9) == "┏━\n┃ ab 日本\n┆ 語の文\n┗━\n");
  CHECK(plain("    indented code\n") == "┏━\n┃ indented code\n┗━\n");
  // Tabs become spaces to 4-column stops (a terminal's own stops would break the frame), counted in the
  // width like any other column.
  CHECK(plain("```\n\tif x:\n\t\treturn 1\nab\tc\n```\n") ==
        "┏━\n┃     if x:\n┃         return 1\n┃ ab  c\n┗━\n");
  CHECK(plain("```\n\t\t\tdeep\n```\n", 12) == "┏━\n┃           \n┆   deep\n┗━\n");
  CHECK(plain("- item\n\n  ```\n  x\n  ```\n") == "• item\n\n  ┏━\n  ┃ x\n  ┗━\n");
}

TEST_CASE("thematic break: a rule across the width") {
  CHECK(plain("a\n\n---\n\nb", 10) == "a\n\n──────────\n\nb\n");
}

TEST_CASE("tables: columns aligned as written, measured in display columns") {
  CHECK(plain("| left | center | right |\n"
              "|:-----|:------:|------:|\n"
              "| a | b | c |\n"
              "| longer | é | 12345 |\n"
              "| 日本 | `x` | **7** |\n") ==
        "left   │ center │ right\n"
        "───────┼────────┼──────\n"
        "a      │   b    │     c\n"
        "longer │   é    │ 12345\n"
        "日本   │   x    │     7\n");
}

TEST_CASE("tables: cells wrap when the table is wider than the width") {
  const std::string markdown =
      "| code | use it when |\n|---|---|\n"
      "| `415` | the body is in a format the server does not accept, e.g. form data where JSON is required "
      "|\n"
      "| `422` | the body is well-formed JSON but its values are wrong |\n";
  const auto rendered = plain(markdown, 40);
  check_fits(rendered, 40, "table");
  CHECK(lines_of(rendered).front() == "code │ use it when");
  CHECK(rendered.find("415  │ the body is in a format") != std::string::npos);
}

TEST_CASE("tables: words are never cut; a table too narrow for its words becomes records") {
  const std::string markdown =
      "| header | value |\n|---|---|\n| Content-Type | application/json |\n| Retry-After | 120 |\n";
  CHECK(plain(markdown, 34) ==
        "header       │ value\n"
        "─────────────┼─────────────────\n"
        "Content-Type │ application/json\n"
        "Retry-After  │ 120\n");
  CHECK(plain(markdown, 24) ==
        "header: Content-Type\n"
        "value: application/json\n"
        "\n"
        "header: Retry-After\n"
        "value: 120\n");
}

TEST_CASE("wrap width is never exceeded, at any width") {
  const std::string markdown =
      "# A heading long enough to wrap at narrow widths\n\n"
      "Some *emphasised* text with a [link](https://example.com/a/very/long/path/that/goes/on) and "
      "`inline code` in it, plus a verylongwordwithoutanyspacesatallthatmustbecut.\n\n"
      "> A quote with - **strong** words that goes on for a while to wrap.\n\n"
      "1. first item, long enough to wrap around at least once\n"
      "   - nested bullet that also wraps around the width\n"
      "2. second\n\n"
      "| a | b |\n|---|---|\n| some long cell text here | more cell text |\n\n"
      "```\n" +
      std::string(120, 'x') + "\n  " + std::string(50, 'y') + " z\n```\n";
  for (int width = 12; width <= 100; width += 4)
    check_fits(plain(markdown, width), width, std::to_string(width));
}

TEST_CASE("colour off: no escape codes at all") {
  const std::string markdown =
      "# T\n\n**b** *i* `c` [l](u)\n\n> q\n\n```js\nx\n```\n\n| h |\n|---|\n| d |\n\n---\n";
  CHECK(plain(markdown).find('\x1b') == std::string::npos);
  CHECK(render_markdown(markdown, kColour, 80).find('\x1b') != std::string::npos);
}

TEST_CASE("every lesson of the built-in pack and of the test fixtures renders within 80 columns") {
  int rendered = 0;
  for (const auto* folder : {"lessons", "tests/fixtures/tutor"}) {
    const fs::path root = fs::path(ROADWORK_SOURCE_DIR) / folder;
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".md") continue;
      const auto text = render_markdown(read(entry.path()), kPlain, 80);
      CHECK_FALSE(text.empty());
      check_fits(text, 80, entry.path().string());
      ++rendered;
    }
  }
  MESSAGE(rendered, " lessons rendered");
  CHECK(rendered > 0);
}
