#pragma once
// Colour and marks for terminal output. README.md: colour only on a terminal and never with NO_COLOR.

#include <string>
#include <string_view>

namespace roadwork::term {

/// The marks of a passed and a failed item, and a list bullet (UTF-8).
inline constexpr std::string_view kPassMark = "✓";
inline constexpr std::string_view kFailMark = "✗";
inline constexpr std::string_view kBullet = "•";

/// Styles for one output stream, decided once. Each helper returns `text` wrapped in ANSI SGR codes when
/// colour is on, else `text` unchanged. Each style ends with its own "off" code (39 for colours, 22 for
/// bold/dim, 23 for italic) rather than a full reset, so a colour can sit inside bold or dim text.
class Style {
 public:
  /// Colour on or off, whatever the environment (tests, a future --color flag).
  explicit Style(bool colour) : colour_(colour) {}

  /// Colour when `fd` understands escapes (a terminal, TERM not "dumb") and NO_COLOR is unset or empty
  /// (no-color.org: any non-empty value turns colour off).
  static Style for_fd(int fd);

  bool colour() const { return colour_; }

  std::string pass(std::string_view text) const;  ///< green
  std::string fail(std::string_view text) const;  ///< red
  std::string warn(std::string_view text) const;  ///< yellow
  std::string dim(std::string_view text) const;
  std::string bold(std::string_view text) const;
  std::string italic(std::string_view text) const;  ///< Markdown emphasis
  std::string code(std::string_view text) const;    ///< cyan: commands and source text

 private:
  std::string paint(std::string_view on, std::string_view off, std::string_view text) const;

  bool colour_;
};

}  // namespace roadwork::term
