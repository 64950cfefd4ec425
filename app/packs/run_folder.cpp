#include "app/packs/run_folder.hpp"

#include "app/core/fatal.hpp"

namespace roadwork::packs {

namespace fs = std::filesystem;

void copy_run_folder(const fs::path& folder, const fs::path& copy, const fs::path& pack_root) {
  std::error_code error;
  fs::copy(folder, copy, fs::copy_options::recursive, error);
  if (error) throw Fatal("cannot copy " + folder.string() + " to " + copy.string() + ": " + error.message());
  const auto modules = fs::absolute(pack_root, error) / "node_modules";
  if (fs::is_regular_file(copy / "package.json") && fs::is_directory(modules) &&
      !fs::exists(copy / "node_modules")) {
    fs::create_directory_symlink(modules, copy / "node_modules", error);
    if (error)
      throw Fatal("cannot link " + modules.string() + " into " + copy.string() + ": " + error.message());
  }
}

}  // namespace roadwork::packs
