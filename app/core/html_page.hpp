#pragma once
// Static HTML report pages (`grade --html`, `grade merge --html`, `progress --html`): one self-contained
// file with its style inline, no script and nothing fetched, so it opens offline and from a CI artifact.

#include <string>
#include <string_view>

namespace roadwork {

/// `text` as HTML character data or attribute value: & < > " ' as character references (HTML Living
/// Standard §13.1.2.6), and control characters other than newline and tab as visible `\xNN` (`\u0085` for
/// C1), since the text comes from learners' servers and packs and a page should show what they sent.
std::string html_text(std::string_view text);

/// A whole HTML5 document titled `title` (plain text) around `body` (HTML), in UTF-8, with the report
/// style: tables, the verdict classes `pass`, `fail`, `error`, `skip`, and `pre` for request and response
/// text.
std::string html_page(std::string_view title, std::string_view body);

}  // namespace roadwork
