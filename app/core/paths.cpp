#include "app/core/paths.hpp"

#include <algorithm>

namespace roadwork {

namespace fs = std::filesystem;

bool resolves_inside(const fs::path& path, const fs::path& root) {
  std::error_code error;
  const auto real_root = fs::weakly_canonical(root, error);
  if (error) return false;
  const auto real_path = fs::weakly_canonical(path, error);
  if (error) return false;
  return std::mismatch(real_root.begin(), real_root.end(), real_path.begin(), real_path.end()).first ==
         real_root.end();
}

}  // namespace roadwork
