#include "app/term/report_style.hpp"

namespace roadwork::term {

report::TextStyle text_style(const Style& style, int width) {
  report::TextStyle text;
  text.width = width;
  if (!style.colour()) return text;
  text.pass = [style](std::string_view s) { return style.pass(s); };
  text.fail = [style](std::string_view s) { return style.fail(s); };
  text.warn = [style](std::string_view s) { return style.warn(s); };
  text.dim = [style](std::string_view s) { return style.dim(s); };
  text.bold = [style](std::string_view s) { return style.bold(s); };
  text.code = [style](std::string_view s) { return style.code(s); };
  return text;
}

}  // namespace roadwork::term
