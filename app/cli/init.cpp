// roadwork init [DIR] --stack S: creates a workspace (roadwork.toml and .roadwork/).

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "app/cli/commands.hpp"
#include "app/cli/need.hpp"
#include "app/workspace/workspace.hpp"

namespace roadwork::cli {

namespace {

struct InitOptions {
  std::string dir = ".";
  std::string stack;
};

int run_init(const InitOptions& options) {
  std::filesystem::create_directories(options.dir);
  const auto created = need(workspace::create(options.dir, options.stack));
  fmt::print("Created a roadwork workspace in {} (stack: {}).\n", created.root.string(), created.stack);
  fmt::print("Next: cd {} && roadwork start hello-server\n", options.dir);
  return 0;
}

}  // namespace

void setup_init(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  auto* command = app.add_subcommand("init", "Create a workspace for your servers and your progress");
  command->add_option("DIR", options->dir, "Folder for the workspace (created if needed)")
      ->capture_default_str();
  std::vector<std::string> names;
  for (const auto& [name, stack] : workspace::stacks()) names.push_back(name);
  command->add_option("--stack", options->stack, "The language you write your servers in")
      ->required()
      ->check(CLI::IsMember(names));
  command->callback([options, &exit_code] { exit_code = run_init(*options); });
}

}  // namespace roadwork::cli
