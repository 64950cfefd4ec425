#include "app/core/html_page.hpp"

#include "checker/text/controls.hpp"

namespace roadwork {
namespace {

constexpr std::string_view kStyle = R"css(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1b1f24; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.05em; }
.meta { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pass { color: #116329; background: #dafbe1; }
.fail { color: #a40e26; background: #ffebe9; }
.error { color: #7d4e00; background: #fff8c5; }
.skip { color: #57606a; }
table.matrix td { text-align: center; min-width: 1.8em; }
table.matrix td:first-child { text-align: left; }
table.matrix th.step { font-weight: normal; font-size: 0.85em; max-width: 9em; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.5em; white-space: pre-wrap; overflow-wrap: anywhere; }
dl.failure { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.failure dt { font-weight: 600; }
dl.failure dd { margin: 0; }
dl.failure pre { margin: 0; }
)css";

}  // namespace

std::string html_text(std::string_view text) {
  std::string out;
  for (const char c : text::escape_controls(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_page(std::string_view title, std::string_view body) {
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>" + html_text(title) + "</title>\n<style>";
  page += kStyle;
  page += "</style>\n</head>\n<body>\n";
  page += body;
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace roadwork
