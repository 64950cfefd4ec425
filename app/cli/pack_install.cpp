// roadwork pack add DIR | list | remove ID: the packs a workspace learns from. `add` checks the pack's files
// (not its solutions: `pack validate` runs those) and registers its folder in roadwork.toml; `remove`
// unregisters it and keeps the learner's progress.

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "app/cli/context.hpp"
#include "app/cli/need.hpp"
#include "app/cli/pack_commands.hpp"
#include "app/core/fatal.hpp"
#include "app/course/toml_fields.hpp"
#include "app/packs/registry.hpp"
#include "app/packs/validate_files.hpp"
#include "app/term/style.hpp"
#include "checker/text/controls.hpp"

namespace roadwork::cli {

namespace fs = std::filesystem;

namespace {

int run_add(const std::string& dir) {
  auto workspace = need(workspace::load_current());
  const auto builtin = load_builtin_pack();
  const auto added = need(packs::load_added_packs(workspace));
  const auto files = need(packs::validate_files(dir));
  const auto style = term::Style::for_fd(STDERR_FILENO);
  for (const auto& problem : files.problems.all())
    fmt::print(stderr, "{}\n", text::escape_controls(problem.text()));
  if (const int errors = files.problems.count(Severity::Error)) {
    fmt::print(stderr, "{}\n",
               style.bold(fmt::format("roadwork: error: {} is not added: its files have {} error{}; "
                                      "`roadwork pack validate {}` checks it",
                                      dir, errors, errors == 1 ? "" : "s", dir)));
    return kExitBadInput;
  }
  std::vector<const course::Pack*> installed{&builtin};
  for (const auto& pack : added) installed.push_back(&pack);
  if (auto problem = packs::add_pack(workspace, installed, files.pack)) throw Fatal(std::move(*problem));
  std::string exercises;
  for (const auto& exercise : files.pack.exercises) exercises += " " + files.pack.id + "/" + exercise.id;
  fmt::print("Added the pack {} ({} {}) from {}.\nIts exercises:{}\n", files.pack.id,
             text::escape_controls(files.pack.title), text::escape_controls(files.pack.version),
             workspace.packs.back(), exercises);
  // Anywhere its checks may send requests besides your server, said once, before anything runs.
  for (const auto& exercise : files.pack.exercises) {
    if (exercise.origins.empty()) continue;
    fmt::print("{} {}/{}'s checks may also send requests to {}\n", style.warn("note:"), files.pack.id,
               exercise.id, fmt::join(exercise.origins, ", "));
  }
  return 0;
}

// One line of `pack list`.
struct ListRow {
  std::string id, title, version, origin, path;
};

// The added packs as rows; one that no longer loads gets a row that says why, so `list` shows what to fix.
std::vector<ListRow> added_rows(const workspace::Workspace& workspace) {
  std::vector<ListRow> rows;
  for (const auto& folder : workspace.packs) {
    if (const auto pack = course::load_pack(folder))
      rows.push_back({pack->id, pack->title, pack->version, "added", folder});
    else
      rows.push_back({"?", "(cannot be loaded: roadwork pack remove it)", "", "broken", folder});
  }
  return rows;
}

int run_list() {
  const auto builtin = load_builtin_pack();
  std::vector<ListRow> rows{{builtin.id, builtin.title, builtin.version, "built-in",
                             fs::absolute(builtin.root).lexically_normal().string()}};
  if (workspace::find_root(fs::current_path())) {
    for (auto& row : added_rows(need(workspace::load_current()))) rows.push_back(std::move(row));
  }
  std::size_t id_width = 2, title_width = 5;
  for (const auto& row : rows) {
    id_width = std::max(id_width, row.id.size());
    title_width = std::max(title_width, row.title.size());
  }
  const auto style = term::Style::for_fd(STDOUT_FILENO);
  fmt::print("{}\n", style.bold(fmt::format("{:<{}}  {:<{}}  {:<8}  {:<8}  {}", "id", id_width, "title",
                                            title_width, "version", "origin", "path")));
  for (const auto& row : rows)
    fmt::print("{:<{}}  {:<{}}  {:<8}  {:<8}  {}\n", row.id, id_width, text::escape_controls(row.title),
               title_width, text::escape_controls(row.version), row.origin, row.path);
  return 0;
}

int run_remove(const std::string& id) {
  auto workspace = need(workspace::load_current());
  const auto folder = need(packs::remove_pack(workspace, load_builtin_pack().id, id));
  fmt::print("Removed the pack {} ({}) from this workspace; your progress in it is kept.\n", id, folder);
  return 0;
}

}  // namespace

void setup_pack_install(CLI::App& pack, int& exit_code) {
  auto dir = std::make_shared<std::string>();
  auto* add = pack.add_subcommand("add", "Check a pack's files and add it to this workspace");
  add->add_option("DIR", *dir, "The pack's folder")->required()->check(CLI::ExistingDirectory);
  add->callback([dir, &exit_code] { exit_code = run_add(*dir); });

  auto* list = pack.add_subcommand("list", "Show the built-in pack and the packs added to this workspace");
  list->callback([&exit_code] { exit_code = run_list(); });

  auto id = std::make_shared<std::string>();
  auto* remove = pack.add_subcommand("remove", "Remove an added pack from this workspace (progress is kept)");
  remove->add_option("ID", *id, "The pack's id (or its folder, for a pack that is gone)")->required();
  remove->callback([id, &exit_code] { exit_code = run_remove(*id); });
}

}  // namespace roadwork::cli
