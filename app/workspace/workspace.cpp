#include "app/workspace/workspace.hpp"

#include <toml++/toml.h>

#include <fstream>

#include "app/course/toml_fields.hpp"

namespace roadwork::workspace {

namespace fs = std::filesystem;

const std::map<std::string, Stack>& stacks() {
  static const std::map<std::string, Stack> known = {
      {"python", {"python", "python3 server.py", "python3 -m unittest discover -s tests"}},
      {"node", {"node", "node server.js", "npm test"}},
  };
  return known;
}

std::optional<fs::path> find_root(const fs::path& start) {
  std::error_code error;
  auto dir = fs::absolute(start, error);
  if (error) return std::nullopt;
  for (;; dir = dir.parent_path()) {
    // A folder without the file (is_regular_file then reports ENOENT in `error`) or one we may not look
    // into is not the root: go on upwards.
    if (fs::is_regular_file(dir / "roadwork.toml", error)) return dir;
    if (dir == dir.parent_path()) return std::nullopt;
  }
}

namespace {

Workspace read(const fs::path& root) {
  Workspace workspace;
  workspace.root = root;
  const auto path = workspace.config_path();
  const auto table = course::parse_toml_file(path);
  const course::TomlFields fields(table, path.string());
  fields.reject_unknown_keys({"stack", "projects", "packs"}, "roadwork.toml");
  workspace.stack = fields.required_string("stack");
  workspace.packs = fields.string_array("packs");
  if (!stacks().count(workspace.stack))
    fields.fail("stack", "unknown stack \"" + workspace.stack + "\" (python or node)");
  if (const auto* projects = table["projects"].as_table()) {
    for (const auto& [name, node] : *projects) {
      const auto* project_table = node.as_table();
      if (!project_table)
        fields.fail("projects", "[projects." + std::string(name.str()) + "] must be a table");
      const course::TomlFields project(*project_table, path.string());
      project.reject_unknown_keys({"dir", "run", "test"}, "[projects." + std::string(name.str()) + "]");
      workspace.projects[std::string(name.str())] = {project.required_string("dir"),
                                                     project.required_string("run"),
                                                     project.optional_string("test").value_or("")};
    }
  }
  return workspace;
}

}  // namespace

Expected<Workspace, std::vector<Diagnostic>> load(const fs::path& root) {
  return course::catch_load_error([&] { return read(root); });
}

Expected<Workspace, std::vector<Diagnostic>> load_current() {
  const auto root = find_root(fs::current_path());
  if (!root)
    return std::vector<Diagnostic>{
        unplaced("no roadwork workspace here or above; create one with `roadwork init DIR --stack python`")};
  return load(*root);
}

// Double-quoted strings, as the README shows roadwork.toml; toml++ would prefer 'literal' ones.
constexpr auto kFormat = toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings;

std::optional<Diagnostic> save(const Workspace& workspace) {
  toml::table projects;
  for (const auto& [name, project] : workspace.projects) {
    toml::table entry{{"dir", project.dir}, {"run", project.run}};
    if (!project.test.empty()) entry.insert("test", project.test);
    projects.insert(name, std::move(entry));
  }
  toml::table root{{"stack", workspace.stack}, {"projects", std::move(projects)}};
  if (!workspace.packs.empty()) {
    toml::array packs;
    for (const auto& pack : workspace.packs) packs.push_back(pack);
    root.insert("packs", std::move(packs));
  }

  const auto path = workspace.config_path();
  const auto temporary = fs::path(path.string() + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "# roadwork workspace: which stack you write in, and how each project's server runs.\n"
        << "# `run` is started through /bin/sh -c inside `dir`, with PORT, HOST, DATABASE_PATH and DATA_DIR "
           "set.\n"
        << toml::toml_formatter(root, kFormat) << "\n";
    out.flush();
    if (!out) return unplaced("cannot write " + temporary.string());
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) return unplaced("cannot write " + path.string() + ": " + error.message());
  return std::nullopt;
}

Expected<Workspace> create(const fs::path& root, const std::string& stack) {
  if (!stacks().count(stack))
    return unplaced("--stack: unknown stack \"" + stack + "\"; choose python or node");
  Workspace workspace;
  workspace.root = fs::absolute(root);
  workspace.stack = stack;
  if (fs::exists(workspace.config_path()))
    return unplaced(workspace.config_path().string() + " already exists; this folder is a workspace already");
  std::error_code error;
  fs::create_directories(workspace.state_dir(), error);
  if (error) return unplaced("cannot create " + workspace.state_dir().string() + ": " + error.message());
  if (auto failed = save(workspace)) return std::move(*failed);
  return workspace;
}

}  // namespace roadwork::workspace
