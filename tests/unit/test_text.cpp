// checker/text: UTF-8 encoding at each length's first and last code point (RFC 3629 §3's table), decoding,
// validation and repair of ill-formed text.

#include <doctest/doctest.h>

#include <string>

#include "checker/text/controls.hpp"
#include "checker/text/utf8.hpp"

using roadwork::text::append_utf8;
using roadwork::text::encode_utf8;
using roadwork::text::escape_controls;
namespace text = roadwork::text;

TEST_CASE("encode_utf8 writes one to four bytes by the code point's range") {
  CHECK(encode_utf8(U'\0') == std::string(1, '\0'));
  CHECK(encode_utf8(U'A') == "A");
  CHECK(encode_utf8(0x7F) == "\x7F");
  CHECK(encode_utf8(0x80) == "\xC2\x80");
  CHECK(encode_utf8(0xE9) == "\xC3\xA9");  // é
  CHECK(encode_utf8(0x7FF) == "\xDF\xBF");
  CHECK(encode_utf8(0x800) == "\xE0\xA0\x80");
  CHECK(encode_utf8(0x20AC) == "\xE2\x82\xAC");  // €
  CHECK(encode_utf8(0xFFFD) == "\xEF\xBF\xBD");
  CHECK(encode_utf8(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(encode_utf8(0x10000) == "\xF0\x90\x80\x80");
  CHECK(encode_utf8(0x1F600) == "\xF0\x9F\x98\x80");  // 😀
  CHECK(encode_utf8(0x10FFFF) == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("append_utf8 appends to what is there") {
  std::string out = "caf";
  append_utf8(out, 0xE9);
  append_utf8(out, U'!');
  CHECK(out == "caf\xC3\xA9!");
}

TEST_CASE("decode_utf8 reads one scalar value and refuses overlong forms, surrogates and cut sequences") {
  std::size_t pos = 0;
  CHECK(text::decode_utf8("é!", pos) == U'é');
  CHECK(pos == 2);
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE2\x9C", "\xF4\x90\x80\x80", "\x80"}) {
    pos = 0;
    CHECK_FALSE(text::decode_utf8(bad, pos));
    CHECK(pos == 0);
  }
  CHECK(text::count_scalar_values("a\xFF✓") == 3);
}

TEST_CASE("is_valid_utf8 and valid_utf8: one U+FFFD per bad byte") {
  CHECK(text::is_valid_utf8("ok ✓"));
  CHECK_FALSE(text::is_valid_utf8("a\xFF"));
  CHECK(text::valid_utf8("ok ✓") == "ok ✓");
  CHECK(text::valid_utf8("a\xFF"
                         "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(text::valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(text::valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(text::valid_utf8("\xE2\x9C") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
}

TEST_CASE("escape_controls writes C0, DEL and C1 controls out and keeps everything else") {
  CHECK(escape_controls("\x1b]52;c;aGk=\x07\x1b[2J") == "\\x1b]52;c;aGk=\\x07\\x1b[2J");
  CHECK(escape_controls("tab\tnew\nline\r\x7f") == "tab\tnew\nline\\x0d\\x7f");
  CHECK(escape_controls("\xc2\x9b"
                        "31m \xc2\x85 \xc2\xa0 é 日本") == "\\u009b31m \\u0085 \xc2\xa0 é 日本");
  CHECK(escape_controls("bad \xff\xc2") == "bad \xff\xc2");  // invalid UTF-8 kept as it is
}
