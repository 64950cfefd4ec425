// roadwork lint FILE...: parses check files and reports every error the way a compiler does, for authors
// and their editors. Prints nothing and exits 0 when every file parses; exits 2 when one does not.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/check_files.hpp"
#include "app/cli/commands.hpp"
#include "app/core/fatal.hpp"

namespace roadwork::cli {

namespace {

int run_lint(const std::vector<std::string>& files) {
  return parse_check_files(files) ? kExitPass : kExitBadInput;
}

}  // namespace

void setup_lint(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* command = app.add_subcommand("lint", "Parse check files (.hurl) and report their errors");
  command->add_option("FILE", *files, "Check files to parse; every error of every file is printed")
      ->required();
  command->callback([files, &exit_code] { exit_code = run_lint(*files); });
}

}  // namespace roadwork::cli
