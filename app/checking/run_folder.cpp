#include "app/checking/run_folder.hpp"

namespace roadwork::checking {

namespace fs = std::filesystem;

std::string copy_folder(const fs::path& folder, const fs::path& copy) {
  std::error_code error;
  fs::copy(folder, copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks, error);
  return error ? "cannot copy " + folder.string() + " to " + copy.string() + ": " + error.message() : "";
}

std::string link_pack_modules(const fs::path& project_dir, const fs::path& pack_root) {
  std::error_code error;
  const auto modules = fs::absolute(pack_root, error) / "node_modules";
  if (!fs::is_regular_file(fs::symlink_status(project_dir / "package.json", error)) ||
      !fs::is_directory(modules, error) ||
      fs::exists(fs::symlink_status(project_dir / "node_modules", error)))
    return "";
  fs::create_directory_symlink(modules, project_dir / "node_modules", error);
  return error ? "cannot link " + modules.string() + " into " + project_dir.string() + ": " + error.message()
               : "";
}

std::string write_run_folder(const course::FileTree& code, const fs::path& dir, const fs::path& pack_root) {
  auto error = course::write_file_tree(code, dir);
  return error.empty() ? link_pack_modules(dir, pack_root) : error;
}

}  // namespace roadwork::checking
