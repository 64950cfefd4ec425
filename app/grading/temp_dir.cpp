#include "app/grading/temp_dir.hpp"

#include <stdlib.h>

#include "app/core/fatal.hpp"

namespace roadwork::grading {

namespace fs = std::filesystem;

TempDir::TempDir(const fs::path& parent, const std::string& prefix, bool keep) : keep_(keep) {
  std::error_code error;
  fs::create_directories(parent, error);
  auto pattern = (parent / (prefix + "-XXXXXX")).string();
  if (error || !::mkdtemp(pattern.data())) throw Fatal("cannot create a folder in " + parent.string());
  path_ = pattern;
}

TempDir::~TempDir() {
  if (keep_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace roadwork::grading
