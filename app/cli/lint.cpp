// roadwork lint FILE... [--variable NAME]...: checks check files before anything runs and reports every error
// the way a compiler does, for authors and their editors: what does not parse, expressions that do not
// compile, queries and filters that can never test the server, and `{{variables}}` nothing sets before
// they are used. The files are one run, in the order given, as `roadwork hurl` runs them: a capture of an
// earlier file counts in later ones. The built-ins (host, port, uid) and the names given with --variable
// count as set; a file whose variables an earlier step captures is linted with that step's file before it,
// or with --variable NAME. On success prints one line (`3 files, 41 entries: no errors`) and exits 0; exits
// 2 when a file has an error.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/cli/check_files.hpp"
#include "app/cli/commands.hpp"
#include "app/core/fatal.hpp"
#include "app/core/text_file.hpp"
#include "checker/hurl/diagnostic.hpp"
#include "checker/run/variable_checks.hpp"

namespace roadwork::cli {

namespace {

struct LintOptions {
  std::vector<std::string> files;
  std::vector<std::string> variables;  ///< NAME or NAME=VALUE: only the name counts
};

int run_lint(const LintOptions& options) {
  const auto files = parse_check_files(options.files);
  if (!files) return kExitBadInput;
  auto defined = run::kBuiltinVariables;
  for (const auto& variable : options.variables) defined.insert(variable.substr(0, variable.find('=')));
  bool undefined = false;
  std::size_t entries = 0;
  for (const auto& file : *files) {
    entries += file.entries.size();
    const auto diagnostics = run::check_variables(file, defined);
    if (diagnostics.empty()) continue;
    undefined = true;
    const auto source = read_text_file(file.path).value_or("");
    for (const auto& diagnostic : diagnostics)
      fmt::print(stderr, "{}", hurl::format_diagnostic(diagnostic, source));
  }
  if (undefined) return kExitBadInput;
  fmt::print("{} file{}, {} entr{}: no errors\n", files->size(), files->size() == 1 ? "" : "s", entries,
             entries == 1 ? "y" : "ies");
  return kExitPass;
}

}  // namespace

void setup_lint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintOptions>();
  auto* command =
      app.add_subcommand("lint", "Check check files (.hurl) before anything runs and report their errors");
  command->add_option("FILE", options->files, "Check files, one run in this order; every error is printed")
      ->required();
  command->add_option("--variable", options->variables,
                      "A variable an earlier step sets (NAME, or NAME=VALUE as roadwork hurl takes it)");
  command->callback([options, &exit_code] { exit_code = run_lint(*options); });
}

}  // namespace roadwork::cli
