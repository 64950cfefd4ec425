#pragma once
// The subcommands of `roadwork pack` (README.md: Packs), each in its own file; pack.cpp gathers them. Each
// setup_pack_<name> adds its subcommand to `pack` and sets `exit_code` when it runs.

namespace CLI {
class App;
}

namespace roadwork::cli {

void setup_pack_validate(CLI::App& pack, int& exit_code);
void setup_pack_new(CLI::App& pack, int& exit_code);
void setup_pack_materialize(CLI::App& pack, int& exit_code);
/// `pack add`, `pack list` and `pack remove`: the packs installed in the workspace.
void setup_pack_install(CLI::App& pack, int& exit_code);

}  // namespace roadwork::cli
