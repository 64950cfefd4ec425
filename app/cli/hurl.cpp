// roadwork hurl FILE... --variable host=URL: runs check files against a server that is already running, as
// `hurl --test` does, so that a pack author can try checks without an exercise around them. Each file is
// one step named after the file; the report is the one `roadwork check` prints (text, --json, --junit).

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"
#include "app/checking/plan.hpp"
#include "app/cli/check_files.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/report_file.hpp"
#include "app/core/fatal.hpp"
#include "app/report/json_writer.hpp"
#include "app/report/junit_writer.hpp"
#include "app/report/text_writer.hpp"
#include "app/term/report_style.hpp"
#include "app/term/style.hpp"
#include "app/term/terminal.hpp"
#include "checker/run/runner.hpp"

namespace roadwork::cli {

namespace {

struct HurlCommandOptions {
  std::vector<std::string> files;
  std::vector<std::string> variables;  ///< NAME=VALUE, as given
  std::string junit;
  bool json = false;
};

// A value given on the command line is a number or a boolean when it is one in JSON (`42`, `-1.5`, `true`),
// so that `jsonpath "$.id" == {{id}}` compares numbers; anything else, `null` and `007` included, is a
// string.
nlohmann::json typed_value(const std::string& text) {
  if (text.find_first_of(" \t\r\n") != std::string::npos) return text;
  auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_number() || value.is_boolean()) return value;
  return text;
}

// The built-in {{uid}}, then every --variable NAME=VALUE in order (a later one wins, and may replace uid).
run::Variables parse_variables(const std::vector<std::string>& specs) {
  run::Variables variables{{"uid", checking::make_uid()}};
  for (const auto& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw Fatal(fmt::format(
          "--variable expects NAME=VALUE, e.g. --variable host=http://127.0.0.1:3000; got \"{}\"", spec));
    }
    variables[spec.substr(0, equals)] = typed_value(spec.substr(equals + 1));
  }
  return variables;
}

// Prints each step as it finishes, as `roadwork check` does; nothing with --json, which prints at the end.
class HurlReporter : public checking::Reporter {
 public:
  HurlReporter(bool quiet, report::TextStyle style) : quiet_(quiet), style_(std::move(style)) {}
  void step_finished(const report::StepResult& step) override {
    if (quiet_) return;
    fmt::print("{}", report::render_step(step, style_));
    std::fflush(stdout);
  }

 private:
  bool quiet_;
  report::TextStyle style_;
};

int run_hurl(const HurlCommandOptions& options) {
  auto variables = parse_variables(options.variables);
  auto files = parse_check_files(options.files);
  if (!files) return kExitBadInput;
  const auto planned = checking::plan_files(std::move(*files));
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  const auto text_style = term::text_style(style, std::min(term::terminal_width(STDOUT_FILENO), 80));
  HurlReporter reporter(options.json, text_style);
  const auto report = checking::check_files(planned->plan, std::move(variables), run::RunOptions{}, reporter);

  if (options.json)
    fmt::print("{}\n", report::to_json(report).dump(2));
  else
    fmt::print("{}", report::render_summary(report, text_style));
  if (!options.junit.empty()) write_report_file(options.junit, report::to_junit_xml(report), "JUnit");
  return report.verdict() == report::Verdict::Pass ? kExitPass : kExitFail;
}

}  // namespace

void setup_hurl(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<HurlCommandOptions>();
  auto* command = app.add_subcommand(
      "hurl", "Run check files against a server you started, as `hurl --test` does (for exercise authors)");
  command->footer(
      "Each file is a step named after the file, and every file runs, as with `hurl --test`. Captures\n"
      "carry over to later files, as between the steps of an exercise.\n"
      "{{uid}} is a fresh value unless given. Exit: 0 every file passed, 1 a check failed,\n"
      "2 a file does not parse or an option is wrong (nothing is sent then).");
  command->add_option("FILE", options->files, "Check files (.hurl), run in order")->required();
  command
      ->add_option("--variable", options->variables,
                   "NAME=VALUE for {{NAME}}, e.g. host=http://127.0.0.1:3000; a JSON number or boolean "
                   "(42, 1.5, true) is typed, anything else is a string")
      ->allow_extra_args(false);  // one value per --variable, so that FILEs after it stay files
  command->add_flag("--json", options->json,
                    "Print the report as JSON (the shape of `roadwork check --json`)");
  command->add_option("--junit", options->junit, "Also write the report as JUnit XML to this file");
  command->callback([options, &exit_code] { exit_code = run_hurl(*options); });
}

}  // namespace roadwork::cli
