#pragma once
// The one exception type for fatal errors. It is thrown where a command cannot go on and caught only in
// main, which prints report() and exits with `exit_code`.

#include <stdexcept>
#include <string>
#include <vector>

#include "app/core/diagnostic.hpp"

namespace roadwork {

/// Exit codes (README.md: Options of `roadwork check`, "Exit codes, for every command").
enum ExitCode : int { kExitPass = 0, kExitFail = 1, kExitBadInput = 2, kExitInterrupted = 130 };

struct Fatal : std::runtime_error {
  /// `message` is one or more lines a user can act on; `exit_code` is what roadwork exits with.
  Fatal(std::string message, int exit_code = kExitBadInput)
      : std::runtime_error(std::move(message)), exit_code(exit_code) {}

  /// Bad input at places in files (exit 2); what() is their rendering. `diagnostics` is not empty.
  explicit Fatal(std::vector<Diagnostic> diagnostics)
      : std::runtime_error(render(diagnostics)),
        exit_code(kExitBadInput),
        diagnostics(std::move(diagnostics)) {}

  /// One diagnostic: an Expected's error, thrown by a command.
  explicit Fatal(Diagnostic diagnostic) : Fatal(std::vector<Diagnostic>{std::move(diagnostic)}) {}

  /// A bad-input error at a place in a file: `file:line:col: error: message`.
  static Fatal at(const std::string& file, int line, int column, const std::string& message) {
    return Fatal({Diagnostic{file, line, column, message, ""}});
  }

  /// What a user is shown: the diagnostics as a compiler prints them, or `roadwork: error: <message>` for
  /// an error of no place.
  std::string report() const {
    if (diagnostics.empty()) return "roadwork: error: " + std::string(what());
    if (diagnostics.size() == 1 && diagnostics.front().file.empty())
      return "roadwork: " + std::string(what());
    return what();
  }

  int exit_code;
  std::vector<Diagnostic> diagnostics;  ///< where the input is bad; empty for an error of no place
};

}  // namespace roadwork
