// roadwork pack new DIR [--id ID] [--title TEXT]: writes the smallest complete pack, ready to validate.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "app/cli/need.hpp"
#include "app/cli/pack_commands.hpp"
#include "app/core/fatal.hpp"
#include "app/course/names.hpp"
#include "app/packs/new_pack.hpp"

namespace roadwork::cli {

namespace {

struct NewOptions {
  std::string dir;
  std::string id;
  std::string title;
};

int run_new(const NewOptions& options) {
  const auto folder = std::filesystem::absolute(options.dir).lexically_normal();
  const auto id = options.id.empty() ? course::to_kebab_case(folder.filename().string()) : options.id;
  if (!course::is_kebab_case(id))
    throw Fatal(
        "--id: a pack id must be kebab-case, such as \"web-101\"" +
        (options.id.empty() ? " (the folder's name gives none; choose one with --id)" : std::string()));
  const auto title = options.title.empty() ? "The " + id + " pack" : options.title;
  const auto written = need(packs::write_new_pack(options.dir, id, title));
  fmt::print("Created the pack {} in {}:\n", id, options.dir);
  for (const auto& file : written) fmt::print("  {}\n", file);
  fmt::print(
      "\nNext: roadwork pack validate {}    (then grow it: lessons/README.md and exercises/README.md of "
      "roadwork say how)\n",
      options.dir);
  return 0;
}

}  // namespace

void setup_pack_new(CLI::App& pack, int& exit_code) {
  auto options = std::make_shared<NewOptions>();
  auto* command =
      pack.add_subcommand("new", "Write a new pack: one stage, lesson, quiz and exercise to start from");
  command->add_option("DIR", options->dir, "Folder for the pack (must not exist, or be empty)")->required();
  command->add_option("--id", options->id, "The pack's id (default: the folder's name in kebab-case)");
  command->add_option("--title", options->title, "The pack's title");
  command->callback([options, &exit_code] { exit_code = run_new(*options); });
}

}  // namespace roadwork::cli
