#include "checker/hurl/diagnostic.hpp"

#include <string>

namespace roadwork::hurl {

namespace {

std::string_view line_of(std::string_view source, int line) {
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    const auto newline = source.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  auto end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  auto text = source.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

// Columns count code points, so the caret's indent copies the line's tabs and skips UTF-8 continuation bytes.
std::string caret_indent(std::string_view text, int column) {
  std::string indent;
  int current = 1;
  for (std::size_t i = 0; i < text.size() && current < column; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;
    indent += text[i] == '\t' ? '\t' : ' ';
    ++current;
  }
  indent.append(static_cast<std::size_t>(column > current ? column - current : 0), ' ');
  return indent;
}

}  // namespace

std::string format_location(const SourceLocation& location) {
  if (location.line <= 0) return location.file;
  return location.file + ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
}

std::string source_excerpt(const SourceLocation& at, std::string_view source) {
  const auto line = line_of(source, at.line);
  if (at.line < 1 || (line.empty() && at.column <= 1 && source.empty())) return "";
  return std::string(line) + "\n" + caret_indent(line, at.column) + "^\n";
}

std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source) {
  const auto& at = diagnostic.location;
  return at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
         ": error: " + diagnostic.message + "\n" + source_excerpt(at, source);
}

}  // namespace roadwork::hurl
