// roadwork pack validate|new|materialize|add|list|remove: write and check packs of lessons and exercises, and
// choose the ones a workspace learns from.

#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"
#include "app/cli/pack_commands.hpp"

namespace roadwork::cli {

void setup_pack(CLI::App& app, int& exit_code) {
  auto* pack = app.add_subcommand("pack", "Write, check and install packs of lessons and exercises");
  pack->require_subcommand(1);
  setup_pack_validate(*pack, exit_code);
  setup_pack_new(*pack, exit_code);
  setup_pack_materialize(*pack, exit_code);
  setup_pack_install(*pack, exit_code);
}

}  // namespace roadwork::cli
