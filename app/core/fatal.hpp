#pragma once
// The one exception type for fatal errors. It is thrown where a command cannot go on and caught only in
// main, which prints `roadwork: error: <message>` (or the message alone when it is already a located
// compiler-style diagnostic) and exits with `exit_code`.

#include <stdexcept>
#include <string>

namespace roadwork {

/// Exit codes (README.md: Options of `roadwork check`, "Exit codes, for every command").
enum ExitCode : int { kExitPass = 0, kExitFail = 1, kExitBadInput = 2, kExitInterrupted = 130 };

struct Fatal : std::runtime_error {
  /// `message` is one or more lines a user can act on; `exit_code` is what roadwork exits with.
  Fatal(std::string message, int exit_code = kExitBadInput, bool located = false)
      : std::runtime_error(std::move(message)), exit_code(exit_code), located(located) {}

  /// A bad-input error at a place in a file: `file:line:col: error: message`.
  static Fatal at(const std::string& file, int line, int column, const std::string& message);

  int exit_code;
  bool located;  ///< the message already starts with file:line:col
};

}  // namespace roadwork
