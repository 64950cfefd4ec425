// HTML report pages: text from servers and packs is shown as text — markup escaped, control characters
// visible — and a page is one document with its style inline and nothing to fetch.

#include <doctest/doctest.h>

#include <string>

#include "app/core/html_page.hpp"

using roadwork::html_page;
using roadwork::html_text;

TEST_CASE("markup characters become character references") {
  CHECK(html_text(R"(<script>alert("x&y")</script> it's)") ==
        "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; it&#39;s");
}

TEST_CASE("control characters are shown, newline and tab kept, other UTF-8 untouched") {
  CHECK(html_text("a\x1b]52;c;aGk=\x07"
                  "b") == "a\\x1b]52;c;aGk=\\x07b");
  CHECK(html_text("line\n\tnext\x7f") == "line\n\tnext\\x7f");
  CHECK(html_text("\xc2\x9b"
                  "2J") == "\\u009b2J");                                       // C1 CSI, UTF-8 encoded
  CHECK(html_text("caf\xc3\xa9 \xe2\x9c\x93") == "caf\xc3\xa9 \xe2\x9c\x93");  // é ✓
}

TEST_CASE("a page is a whole UTF-8 document with its title escaped and no script or link") {
  const auto page = html_page("a <b> & c", "<p>body</p>\n");
  CHECK(page.starts_with("<!DOCTYPE html>\n"));
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("<title>a &lt;b&gt; &amp; c</title>") != std::string::npos);
  CHECK(page.find("<p>body</p>\n</body>\n</html>\n") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
}
