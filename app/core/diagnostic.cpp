#include "app/core/diagnostic.hpp"

#include <tuple>

namespace roadwork {

std::string render(const Diagnostic& diagnostic, Severity severity) {
  std::string text;
  if (!diagnostic.file.empty()) {
    text = diagnostic.file;
    if (diagnostic.line > 0)
      text += ":" + std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column);
    text += ": ";
  }
  text += severity == Severity::Error ? "error: " : "warning: ";
  text += diagnostic.message;
  if (!diagnostic.excerpt.empty()) {
    text += "\n" + diagnostic.excerpt;
    if (text.back() == '\n') text.pop_back();
  }
  return text;
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += (text.empty() ? "" : "\n") + render(diagnostic);
  return text;
}

bool comes_before(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

}  // namespace roadwork
