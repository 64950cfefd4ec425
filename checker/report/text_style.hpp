#pragma once
// How the terminal report is styled. The checker never includes app/, so colour comes in as functions: the
// app passes its terminal styles (app/term/report_style.hpp); a default TextStyle gives plain text.

#include <functional>
#include <string>
#include <string_view>

namespace roadwork::report {

/// Wraps text in a style (e.g. ANSI colour codes); must not change the text's display width.
using Paint = std::function<std::string(std::string_view)>;

/// The styles and width of the text report. An empty Paint leaves its text unstyled.
struct TextStyle {
  Paint pass;                 ///< the ✓ mark and an all-passed summary
  Paint fail;                 ///< the ✗ mark, actual values, errors
  Paint warn;                 ///< the hint
  Paint dim;                  ///< times, labels, steps not run, server output
  Paint bold;                 ///< file:line:col of a failure, the summary
  Paint code;                 ///< assert source text and the curl command
  int width = 72;             ///< columns of a step line: the time is right-aligned to end at this column
  int max_output_lines = 20;  ///< server output is cut to its last lines (<= 0: all)
  /// The command that starts the server again after the run, e.g. "roadwork serve hello-server"; when set,
  /// each curl line says to run it first, with `--port` and the curl's port (the run's server has stopped).
  std::string serve_command;
};

/// `text` painted with `paint`, or unchanged when `paint` is empty.
inline std::string styled(const Paint& paint, std::string_view text) {
  return paint ? paint(text) : std::string(text);
}

}  // namespace roadwork::report
