#include "app/course/file_tree.hpp"

#include <fstream>

#include "app/core/text_file.hpp"

namespace roadwork::course {

namespace fs = std::filesystem;

Expected<FileTree> read_file_tree(const fs::path& dir) {
  FileTree tree;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::end(it);
       it.increment(error)) {
    const auto status = it->symlink_status(error);
    if (error) break;
    if (fs::is_directory(status)) {
      if (it->path().filename() == "node_modules") it.disable_recursion_pending();
      continue;
    }
    if (fs::is_symlink(status))
      return Diagnostic{
          it->path().string(), 0, 0,
          "this file is a symbolic link; roadwork copies only files and folders of a pack, so that "
          "nothing of it leads out of it",
          ""};
    auto text = read_text_file(it->path());
    if (!text) return Diagnostic{it->path().string(), 0, 0, "cannot read this file", ""};
    const auto executable = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
    tree[it->path().lexically_relative(dir).generic_string()] = {std::move(*text), executable};
  }
  if (error) return Diagnostic{dir.string(), 0, 0, "cannot read this folder: " + error.message(), ""};
  return tree;
}

std::string write_file_tree(const FileTree& tree, const fs::path& dir) {
  for (const auto& [name, file] : tree) {
    const auto path = dir / name;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    fs::remove(path, error);  // a file there may be read-only or shared with the pack (a hard link)
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << file.text;
    out.close();
    if (!out) return "cannot write " + path.string();
    const auto mode = file.executable ? fs::perms(0755) : fs::perms(0644);
    fs::permissions(path, mode, error);
    if (error) return "cannot write " + path.string() + ": " + error.message();
  }
  return "";
}

}  // namespace roadwork::course
